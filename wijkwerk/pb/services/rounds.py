"""A budget round: its phases, budget and rule, and who may vote in it (residence, age)."""

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkwerk.areas.models import Area, Municipality
from wijkwerk.budgets.models import Account, AccountKind
from wijkwerk.budgets.money import format_euros
from wijkwerk.core.services import audit_log, field_changes

from ..models import (
    GREEDY_RULES,
    BallotKind,
    Phase,
    Residence,
    Round,
    TallyRule,
    Utility,
    Verification,
)
from ._common import _day, _lock_round, _log, check_perm

ROUND_FIELDS = (
    "title",
    "description",
    "area",
    "budget",
    "amount_cents",
    "proposals_from",
    "proposals_until",
    "review_until",
    "voting_from",
    "voting_until",
    "execution_from",
    "ballot_kind",
    "max_projects",
    "max_cost_cents",
    "points_total",
    "max_points_per_project",
    "min_age",
    "verification",
    "rule",
    "utility",
    "compare_greedy",
    "threshold_percent",
)
# What may still change once voting has opened: nothing that decides who votes, how, or how
# the votes are counted.
CHANGEABLE_AFTER_OPENING = frozenset({"description", "execution_from"})


def _rounds_sharing(budget: Account, editing: Round | None):
    """The other rounds on this budget whose results are not published yet: each still
    counts on its money (a published round has reserved its projects on the budget)."""
    others = Round.objects.filter(budget=budget, results_published_at__isnull=True)
    return others.exclude(pk=editing.pk) if editing is not None else others


def budget_free_cents(*, budget: Account, editing: Round | None = None) -> int:
    """What a round may still divide of a budget: its balance less the fixed amounts of
    the other open rounds on it; nothing when one of them divides the whole balance."""
    balance = Account.objects.values_list("balance_cents", flat=True).get(pk=budget.pk)
    others = _rounds_sharing(budget, editing)
    if others.filter(amount_cents__isnull=True).exists():
        return 0
    committed = others.aggregate(total=Sum("amount_cents"))["total"] or 0
    return max(balance - committed, 0)


def _budget_problem(budget: Account, amount: int | None, editing: Round | None) -> str:
    """Why the round cannot divide `amount` of the budget, or "". A round without an amount
    divides what is left on the budget at its tally, so it shares a budget only with rounds
    like it (each divides what the one before left); fixed amounts must fit in what the
    balance holds beyond the other rounds' fixed amounts."""
    balance = Account.objects.values_list("balance_cents", flat=True).get(pk=budget.pk)
    others = list(_rounds_sharing(budget, editing).order_by("pk"))
    fixed = [r for r in others if r.amount_cents is not None]
    if amount is None:
        if fixed:
            return _(
                "The round “%(title)s” counts on %(amount)s of this budget; a round without "
                "an amount would divide that money too. Enter an amount of at most %(free)s."
            ) % {
                "title": fixed[0].title,
                "amount": format_euros(fixed[0].amount_cents),
                "free": format_euros(budget_free_cents(budget=budget, editing=editing)),
            }
        return ""
    whole = next((r for r in others if r.amount_cents is None), None)
    if whole is not None:
        return _(
            "The round “%(title)s” divides the whole balance of this budget, so nothing is "
            "free for a fixed amount. Choose another budget, or leave the amount empty."
        ) % {"title": whole.title}
    committed = sum(r.amount_cents for r in fixed)
    free = max(balance - committed, 0)
    if amount <= free:
        return ""
    if not committed:
        return _(
            "The budget holds only %(balance)s: lower the amount to divide or allocate "
            "more money to the budget first."
        ) % {"balance": format_euros(balance)}
    return _(
        "The budget holds %(balance)s, of which %(committed)s is for other rounds: at most "
        "%(free)s is free. Lower the amount to divide or allocate more money to the budget."
    ) % {
        "balance": format_euros(balance),
        "committed": format_euros(committed),
        "free": format_euros(free),
    }


def _validate_round(
    municipality: Municipality, v: dict[str, Any], editing: Round | None = None
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    if not str(v.get("title") or "").strip():
        add("title", _("Give the round a title."))
    area: Area | None = v.get("area")
    if area is not None and (area.municipality_id != municipality.pk or not area.is_wijk):
        add(
            "area",
            _("Choose a wijk or village of %(municipality)s, or none for the whole municipality.")
            % {"municipality": municipality.name},
        )
    budget: Account | None = v.get("budget")
    if budget is None:
        add("budget", _("Choose the budget on the ledger that the round divides."))
    elif budget.kind != AccountKind.BUDGET:
        add("budget", _("Choose a budget account, not a pool, reservation or partner account."))
    elif budget.fund.municipality_id != municipality.pk:
        add("budget", _("This budget belongs to another municipality."))
    elif area is not None and budget.area_id is not None and budget.area_id != area.pk:
        add(
            "budget",
            _("This budget belongs to another wijk: choose a budget of %(wijk)s.")
            % {"wijk": area.name},
        )
    amount = v.get("amount_cents")
    if amount is not None and (not isinstance(amount, int) or amount <= 0):
        add("amount", _("The amount to divide must be more than zero, or left empty."))
    elif "budget" not in errors and budget is not None:
        problem = _budget_problem(budget, amount, editing)
        if problem:
            add("amount", problem)

    dates = ("proposals_from", "proposals_until", "review_until", "voting_from", "voting_until")
    missing = [name for name in dates if not isinstance(v.get(name), date)]
    for name in missing:
        add(name, _("Enter a date."))
    if not missing:
        if v["proposals_until"] < v["proposals_from"]:
            add(
                "proposals_until",
                _("Proposals close before they open: choose a date on or after %(date)s.")
                % {"date": _day(v["proposals_from"])},
            )
        if v["review_until"] <= v["proposals_until"]:
            add(
                "review_until",
                _(
                    "The review by partners must end after proposals close: choose a date "
                    "after %(date)s."
                )
                % {"date": _day(v["proposals_until"])},
            )
        if v["voting_from"] <= v["review_until"]:
            add(
                "voting_from",
                _("Voting opens before the review ends: choose a date after %(date)s.")
                % {"date": _day(v["review_until"])},
            )
        if v["voting_until"] < v["voting_from"]:
            add(
                "voting_until",
                _("Voting closes before it opens: choose a date on or after %(date)s.")
                % {"date": _day(v["voting_from"])},
            )
        execution = v.get("execution_from")
        if execution is not None and execution <= v["voting_until"]:
            add(
                "execution_from",
                _("Execution starts after voting closes: choose a date after %(date)s.")
                % {"date": _day(v["voting_until"])},
            )

    kind = v.get("ballot_kind")
    if kind not in BallotKind.values:
        add("ballot_kind", _("Choose an approval or a cumulative ballot."))
    elif kind == BallotKind.APPROVAL:
        if v.get("points_total") is not None or v.get("max_points_per_project") is not None:
            add("points_total", _("Points are for cumulative ballots only: leave them empty."))
        if v.get("max_projects") is not None and v["max_projects"] < 1:
            add("max_projects", _("Allow at least 1 project, or leave the maximum empty."))
        if v.get("max_cost_cents") is not None and v["max_cost_cents"] <= 0:
            add("max_cost", _("The maximum total cost must be more than zero, or left empty."))
    else:
        total = v.get("points_total")
        per_project = v.get("max_points_per_project")
        if not isinstance(total, int) or total < 1:
            add("points_total", _("Enter how many points each voter distributes (1 or more)."))
        elif per_project is not None and not 1 <= per_project <= total:
            add(
                "max_points_per_project",
                _("The maximum per project lies between 1 and the %(total)d points to distribute.")
                % {"total": total},
            )
        if v.get("max_projects") is not None or v.get("max_cost_cents") is not None:
            add(
                "max_projects",
                _("A maximum number of projects or total cost is for approval ballots only."),
            )
    min_age = v.get("min_age")
    if not isinstance(min_age, int) or not 0 <= min_age <= 120:
        add("min_age", _("Enter a minimum age from 0 to 120."))
    if v.get("verification") not in Verification.values:
        add("verification", _("Choose how voters prove who they are: e-mail code or code letter."))

    rule = v.get("rule")
    if rule not in TallyRule.values:
        add(
            "rule",
            _("Choose one of the rules: %(rules)s.") % {"rules": ", ".join(TallyRule.values)},
        )
    if v.get("utility") not in Utility.values:
        add("utility", _("Choose the utility: cost or cardinality."))
    threshold = v.get("threshold_percent")
    if threshold is not None:
        if rule not in GREEDY_RULES:
            add("threshold_percent", _("A minimum share of votes applies to greedy rules only."))
        elif not isinstance(threshold, int) or not 1 <= threshold <= 100:
            add("threshold_percent", _("Enter the minimum share as a percentage from 1 to 100."))
    if rule in TallyRule.values and rule not in GREEDY_RULES and kind == BallotKind.CUMULATIVE:
        add(
            "rule",
            _(
                "The Method of Equal Shares needs approval ballots; choose a greedy rule for "
                "a cumulative ballot."
            ),
        )
    if v.get("compare_greedy") and rule in GREEDY_RULES:
        add(
            "compare_greedy",
            _("The comparison with greedy is for the Method of Equal Shares rules only."),
        )
    return errors


def _lock_budget(budget: Any) -> None:
    """Rounds set up on one budget at the same time queue here, so that two of them cannot
    both count on the same free money."""
    if isinstance(budget, Account):
        list(Account.objects.select_for_update().filter(pk=budget.pk).values_list("pk"))


def _clean_round_values(values: dict[str, Any]) -> dict[str, Any]:
    cleaned = {k: v.strip() if isinstance(v, str) else v for k, v in values.items()}
    cleaned["compare_greedy"] = bool(cleaned.get("compare_greedy"))
    return cleaned


@transaction.atomic
def round_create(
    *,
    municipality: Municipality,
    actor: Any,
    title: str,
    budget: Account,
    proposals_from: date,
    proposals_until: date,
    review_until: date,
    voting_from: date,
    voting_until: date,
    area: Area | None = None,
    description: str = "",
    amount_cents: int | None = None,
    execution_from: date | None = None,
    ballot_kind: str = BallotKind.APPROVAL,
    max_projects: int | None = None,
    max_cost_cents: int | None = None,
    points_total: int | None = None,
    max_points_per_project: int | None = None,
    min_age: int = 16,
    verification: str = Verification.EMAIL,
    rule: str = TallyRule.GREEDY,
    utility: str = Utility.COST,
    compare_greedy: bool = False,
    threshold_percent: int | None = None,
) -> Round:
    """Staff open a budget round on a budget of the ledger, with its dates and rules."""
    check_perm(actor, "pb.manage_round", area if area is not None else municipality)
    values = _clean_round_values(
        {
            "title": title,
            "description": description,
            "area": area,
            "budget": budget,
            "amount_cents": amount_cents,
            "proposals_from": proposals_from,
            "proposals_until": proposals_until,
            "review_until": review_until,
            "voting_from": voting_from,
            "voting_until": voting_until,
            "execution_from": execution_from,
            "ballot_kind": ballot_kind,
            "max_projects": max_projects,
            "max_cost_cents": max_cost_cents,
            "points_total": points_total,
            "max_points_per_project": max_points_per_project,
            "min_age": min_age,
            "verification": verification,
            "rule": rule,
            "utility": utility,
            "compare_greedy": compare_greedy,
            "threshold_percent": threshold_percent,
        }
    )
    _lock_budget(budget)
    errors = _validate_round(municipality, values)
    if errors:
        raise ValidationError(errors)
    pb_round = Round.objects.create(municipality=municipality, created_by=actor, **values)
    _log(
        pb_round,
        actor,
        "pb.round_create",
        pb_round,
        {
            "title": pb_round.title,
            "budget": budget.name,
            "amount_cents": amount_cents,
            "rule": rule,
            "utility": utility,
            "ballot_kind": ballot_kind,
        },
    )
    return pb_round


@transaction.atomic
def round_update(*, round: Round, actor: Any, **values: Any) -> Round:  # noqa: A002
    """Change a round. Once voting has opened, only the description and the execution date
    may change: who may vote, how, and how the votes count are fixed."""
    check_perm(actor, "pb.manage_round", round)
    pb_round = _lock_round(round)
    unknown = set(values) - set(ROUND_FIELDS)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    if pb_round.phase() not in (Phase.UPCOMING, Phase.PROPOSALS, Phase.REVIEW) and (
        set(values) - CHANGEABLE_AFTER_OPENING
    ):
        raise ValidationError(
            _(
                "Voting has opened: the dates, ballot and rules of the round can no longer "
                "change. Only the description and the execution date can."
            )
        )
    merged = {name: getattr(pb_round, name) for name in ROUND_FIELDS} | _clean_round_values(values)
    _lock_budget(merged["budget"])
    errors = _validate_round(pb_round.municipality, merged, editing=pb_round)
    if (
        pb_round.phase() != Phase.UPCOMING
        and "proposals_from" in values
        and merged["proposals_from"] != pb_round.proposals_from
    ):
        errors.setdefault("proposals_from", []).append(
            _(
                "The round has started on %(date)s: that date can no longer move. The other "
                "dates can still change until voting opens."
            )
            % {"date": _day(pb_round.proposals_from)}
        )
    if errors:
        raise ValidationError(errors)
    changes = field_changes(pb_round, {k: merged[k] for k in values})
    for name in values:
        setattr(pb_round, name, merged[name])
    pb_round.save()
    _log(pb_round, actor, "pb.round_update", pb_round, changes)
    return pb_round


@transaction.atomic
def residence_record(*, user: Any, area: Area, birth_date: date, actor: Any) -> Residence:
    """The municipality records where a person lives and their date of birth (from the BRP),
    so that they can vote by e-mail code in the rounds of their wijk."""
    check_perm(actor, "pb.manage_round", area.wijk)
    if birth_date > timezone.localdate():
        raise ValidationError({"birth_date": [_("A date of birth cannot lie in the future.")]})
    residence, _created = Residence.objects.update_or_create(
        user=user, defaults={"area": area, "birth_date": birth_date, "recorded_by": actor}
    )
    audit_log(
        actor=actor,
        action="pb.residence_record",
        target=residence,
        changes={"area": area.code},
        municipality_code=area.municipality.code,
    )
    return residence


def _age_on(birth_date: date, day: date) -> int:
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


def voter_eligibility_check(*, round: Round, user: Any) -> None:  # noqa: A002
    """Raise a ValidationError saying why this person may not vote in the round."""
    if not getattr(user, "is_authenticated", False):
        raise ValidationError(_("Log in to vote with a code by e-mail."))
    residence = Residence.objects.select_related("area__parent").filter(user=user).first()
    if residence is None:
        raise ValidationError(
            _(
                "We do not know where you live. Ask the municipality to record your address, "
                "or vote with the code from your letter."
            )
        )
    lives_in = residence.area
    if round.area_id is not None:
        if lives_in.wijk.pk != round.area_id:
            raise ValidationError(
                _("You do not live in %(area)s, so you cannot vote in this round.")
                % {"area": round.area.name}
            )
    elif lives_in.municipality_id != round.municipality_id:
        raise ValidationError(
            _("You do not live in %(municipality)s, so you cannot vote in this round.")
            % {"municipality": round.municipality.name}
        )
    if round.min_age and _age_on(residence.birth_date, timezone.localdate()) < round.min_age:
        raise ValidationError(
            _("You must be at least %(age)d years old to vote in this round.")
            % {"age": round.min_age}
        )
