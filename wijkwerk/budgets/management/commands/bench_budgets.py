"""Benchmark the ledger: balance and explanation on a busy budget, and parallel awards.

    python manage.py bench_budgets --database-url postgres://…/wijkwerk_bench [--entries 1000000]

Works on a separate database only (--database-url; it is migrated first), never on the one
in use: the ledger cannot be emptied afterwards. A database that already holds the
benchmark fund is reused, with entries added up to --entries. It gives one wijkbudget
--entries ledger entries of its own (the ledger holds twice as many) (balanced allocations to and returns from the budget, each entry
with its running balance) and then measures, in this one run:

1. the balance of that budget (goal: under 5 ms) and the first page of its explanation;
2. 16 threads (own connections) awarding from one budget that can pay only part of them,
   against 16 threads doing a trivial single-row insert in a transaction; it prints both
   rates and their ratio (goal: at least 1/3) and checks that nothing was overspent.
"""

import os
import statistics
import threading
import time

from django.core.management.base import BaseCommand, CommandError

from wijkwerk.core.benchmark import run_manage

FUND_NAME = "Benchmark ledger"
GOAL_BALANCE_MS = 5.0
GOAL_RATIO = 1 / 3


class Command(BaseCommand):
    help = "Time ledger balances and parallel awards against a trivial write."

    def add_arguments(self, parser):
        parser.add_argument("--database-url", default="", help="a separate database")
        parser.add_argument("--entries", type=int, default=1_000_000)
        parser.add_argument("--threads", type=int, default=16)
        parser.add_argument("--awards", type=int, default=50, help="per thread")
        parser.add_argument("--measure", action="store_true", help="(internal)")

    def handle(self, *args, **opts):
        if opts["measure"]:
            self._measure(opts)
            return
        if not opts["database_url"]:
            raise CommandError("Give --database-url of a separate database for the benchmark.")
        if not 2 <= opts["entries"] <= 20_000_000 or not 1 <= opts["threads"] <= 64:
            raise CommandError("--entries 2..20,000,000 and --threads 1..64.")
        env = {
            **os.environ,
            "DATABASE_URL": opts["database_url"],
            "DJANGO_DEBUG": "true",  # a management process; no server is started
        }
        run_manage(env, "migrate", "--noinput", "-v0")
        out = run_manage(
            env,
            "bench_budgets",
            "--measure",
            "--entries",
            str(opts["entries"]),
            "--threads",
            str(opts["threads"]),
            "--awards",
            str(opts["awards"]),
            "--database-url",
            opts["database_url"],
        )
        self.stdout.write(out.rstrip())

    # --- in the benchmark's own process --------------------------------------------------

    def _measure(self, opts) -> None:
        from django.db import connection

        from wijkwerk.budgets.selectors import account_balance, account_statement, ledger_verify

        fund, budget = self._fill(opts["entries"])
        entries = budget.entries.count()
        timings = []
        for _ in range(300):
            started = time.perf_counter()
            account_balance(account_id=budget.pk)
            timings.append((time.perf_counter() - started) * 1000)
        page = []
        for _ in range(100):
            started = time.perf_counter()
            account_statement(account=budget, limit=50)
            page.append((time.perf_counter() - started) * 1000)
        balance_ms = statistics.median(timings)
        self.stdout.write(
            f"{connection.vendor}: budget with {entries:,} entries; balance median "
            f"{balance_ms:.2f} ms, p95 {sorted(timings)[int(0.95 * len(timings))]:.2f} ms "
            f"(goal < {GOAL_BALANCE_MS:.0f} ms: {'ok' if balance_ms < GOAL_BALANCE_MS else 'NOT met'})"
        )
        self.stdout.write(f"explanation, first 50 lines: median {statistics.median(page):.2f} ms")

        trivial = self._trivial_rate(opts)
        awards, booked, refused, left = self._award_rate(fund, opts)
        ratio = awards / trivial if trivial else 0.0
        self.stdout.write(
            f"{opts['threads']} threads: trivial insert {trivial:,.0f}/s; awards {awards:,.0f}/s; "
            f"ratio {ratio:.2f} (goal >= 0.33: {'ok' if ratio >= GOAL_RATIO else 'NOT met'})"
        )
        self.stdout.write(
            f"awards booked {booked}, refused for lack of money {refused}, budget left "
            f"{left} cents; overspend: {'none' if left >= 0 else 'YES'}; "
            f"ledger_verify: {len(ledger_verify(fund=fund))} problems"
        )

    def _fill(self, n_entries: int):
        from django.db import transaction

        from wijkwerk.areas.models import Area, AreaKind, Municipality
        from wijkwerk.budgets import services
        from wijkwerk.budgets.models import (
            Account,
            Entry,
            Fund,
            FundContributor,
            FundKind,
            LedgerTransaction,
            TransactionKind,
        )
        from wijkwerk.organisations.models import Organisation, OrganisationKind

        municipality, _ = Municipality.objects.get_or_create(
            code="GM9997", defaults={"name": "Grootboekstad", "slug": "grootboekstad"}
        )
        wijk, _ = Area.objects.get_or_create(
            code="WK999701",
            defaults={
                "municipality": municipality,
                "kind": AreaKind.WIJK,
                "name": "Centrum",
                "slug": "centrum",
            },
        )
        org, _ = Organisation.objects.get_or_create(
            municipality=municipality,
            name="Gemeente Grootboekstad",
            defaults={"kind": OrganisationKind.GEMEENTE},
        )
        fund, _ = Fund.objects.get_or_create(
            municipality=municipality,
            name=FUND_NAME,
            year=2026,
            defaults={"kind": FundKind.WIJKBUDGET},
        )
        FundContributor.objects.get_or_create(fund=fund, organisation=org)
        source = services.source_account(fund, org)
        pool = services.pool_account(fund)
        budget = services.wijkbudget_account(fund, wijk)
        if not pool.entries.exists():
            with transaction.atomic():
                # The contribution that the busy budget moves back and forth.
                txn = LedgerTransaction.objects.create(
                    fund=fund, kind=TransactionKind.CONTRIBUTION, memo="Bijdrage"
                )
                Entry.objects.bulk_create(
                    [
                        Entry(
                            transaction=txn,
                            account=source,
                            amount_cents=-(10**9),
                            balance_after_cents=-(10**9),
                        ),
                        Entry(
                            transaction=txn,
                            account=pool,
                            amount_cents=10**9,
                            balance_after_cents=10**9,
                        ),
                    ]
                )
                Account.objects.filter(pk=source.pk).update(balance_cents=-(10**9))
                Account.objects.filter(pk=pool.pk).update(balance_cents=10**9)
        pool.refresh_from_db()
        budget.refresh_from_db()
        have = budget.entries.count()
        pool_balance, budget_balance = pool.balance_cents, budget.balance_cents
        batch_size = 5_000
        while have < n_entries:
            with transaction.atomic():
                count = min(batch_size, n_entries - have)
                txns = LedgerTransaction.objects.bulk_create(
                    LedgerTransaction(
                        fund=fund,
                        kind=TransactionKind.ALLOCATION
                        if (have // 2 + i) % 2 == 0
                        else TransactionKind.RETURN,
                        memo="Benchmark",
                    )
                    for i in range(count)
                )
                entries = []
                for i, txn in enumerate(txns):
                    amount = 100 if (have + i) % 2 == 0 else -100
                    pool_balance -= amount
                    budget_balance += amount
                    entries.append(
                        Entry(
                            transaction=txn,
                            account=pool,
                            amount_cents=-amount,
                            balance_after_cents=pool_balance,
                        )
                    )
                    entries.append(
                        Entry(
                            transaction=txn,
                            account=budget,
                            amount_cents=amount,
                            balance_after_cents=budget_balance,
                        )
                    )
                Entry.objects.bulk_create(entries, batch_size=batch_size)
                Account.objects.filter(pk=pool.pk).update(balance_cents=pool_balance)
                Account.objects.filter(pk=budget.pk).update(balance_cents=budget_balance)
                have += count
        budget.refresh_from_db()
        return fund, budget

    def _trivial_rate(self, opts) -> float:
        from django.db import connection, transaction

        from wijkwerk.core.models import AuditEvent

        def work(_i: int) -> None:
            with transaction.atomic():
                AuditEvent.objects.create(action="bench.trivial", target_kind="x", target_id="1")

        return _parallel(opts["threads"], opts["awards"], work, connection)

    def _award_rate(self, fund, opts):
        from django.core.exceptions import ValidationError
        from django.db import connection

        from wijkwerk.areas.models import Area
        from wijkwerk.budgets import services
        from wijkwerk.budgets.models import Account, AccountKind

        # A fresh budget that pays 80% of the awards about to be fired at it.
        wijk = Area.objects.get(code="WK999701")
        total = opts["threads"] * opts["awards"]
        round_id = Account.objects.filter(fund=fund, kind=AccountKind.BUDGET).count()
        target = services.owned_account(
            fund=fund,
            kind=AccountKind.BUDGET,
            owner_kind="bench.round",
            owner_id=round_id,
            name=f"Benchmarkronde {round_id}",
            area=wijk,
        )
        pool = services.pool_account(fund)
        services._post(
            fund=fund,
            kind="allocation",
            lines=[(pool, -(total * 8 // 10)), (target, total * 8 // 10)],
            actor=None,
            memo="Benchmarkronde",
        )
        holds = [
            services.owned_account(
                fund=fund,
                kind=AccountKind.HOLD,
                owner_kind="bench.hold",
                owner_id=round_id * 1000 + t,
                name=f"Bench {round_id}/{t}",
            )
            for t in range(opts["threads"])
        ]
        outcome = {"booked": 0, "refused": 0}
        lock = threading.Lock()

        def work(i: int) -> None:
            try:
                services.hold_reserve(
                    budget=target,
                    hold=holds[i % len(holds)],
                    amount_cents=1,
                    actor=None,
                    memo="bench",
                )
                key = "booked"
            except ValidationError:
                key = "refused"
            with lock:
                outcome[key] += 1

        rate = _parallel(opts["threads"], opts["awards"], work, connection)
        target.refresh_from_db()
        return rate, outcome["booked"], outcome["refused"], target.balance_cents


def _parallel(threads: int, per_thread: int, work, connection) -> float:
    barrier = threading.Barrier(threads)
    errors: list[BaseException] = []

    def run(t: int) -> None:
        try:
            barrier.wait(timeout=60)
            for n in range(per_thread):
                work(t * per_thread + n)
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    workers = [threading.Thread(target=run, args=(t,)) for t in range(threads)]
    started = time.perf_counter()
    for w in workers:
        w.start()
    for w in workers:
        w.join(timeout=600)
    elapsed = time.perf_counter() - started
    if errors:
        raise CommandError(f"benchmark work failed: {errors[0]!r}")
    return threads * per_thread / elapsed
