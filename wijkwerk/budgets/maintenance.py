"""Removing whole funds with their ledger: only for demo and test data, never for real money.

The ledger is append-only; on PostgreSQL a trigger refuses DELETE. This seam switches the
trigger off for one transaction (the table owner may) to remove the demo's funds when the
demo is rebuilt, and switches it back on before the transaction ends.
"""

from django.db import connection, transaction

from .models import Account, Entry, Fund, FundContributor, LedgerTransaction


@transaction.atomic
def funds_purge(*, municipality_codes: tuple[str, ...]) -> int:
    """Delete the funds of these municipalities with all their accounts and bookings."""
    funds = Fund.objects.filter(municipality__code__in=municipality_codes)
    postgres = connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        if postgres:
            # ALTER TABLE waits for no deferred foreign-key checks: run them now.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("ALTER TABLE budgets_entry DISABLE TRIGGER budgets_entry_append_only")
            cursor.execute(
                "ALTER TABLE budgets_ledgertransaction DISABLE TRIGGER budgets_txn_no_delete"
            )
        try:
            Entry.objects.filter(transaction__fund__in=funds).delete()
            LedgerTransaction.objects.filter(fund__in=funds, reverses__isnull=False).delete()
            LedgerTransaction.objects.filter(fund__in=funds).delete()
            Account.objects.filter(fund__in=funds).delete()
            FundContributor.objects.filter(fund__in=funds).delete()
            count, _detail = funds.delete()
        finally:
            if postgres:
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                cursor.execute("ALTER TABLE budgets_entry ENABLE TRIGGER budgets_entry_append_only")
                cursor.execute(
                    "ALTER TABLE budgets_ledgertransaction ENABLE TRIGGER budgets_txn_no_delete"
                )
    return count
