"""Writing budget rounds: rounds, proposals and their review, voting, the tally and the
publication of its results on the ledger.

Every function checks the actor's permission, validates everything before it writes (a
ValidationError leaves the database as it was: no half ballot, no half reservation) and logs
staff decisions in the audit log. Casting a ballot is deliberately *not* logged (see the
secrecy notes in `models`). Money moves only through `wijkwerk.budgets.services`.
"""

import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from wijkwerk.agenda.models import AgendaItem
from wijkwerk.areas.models import Area, Municipality
from wijkwerk.budgets import services as ledger
from wijkwerk.budgets.models import Account, AccountKind, TransactionKind
from wijkwerk.budgets.money import format_euros
from wijkwerk.core import ratelimit
from wijkwerk.core.crypto import code_format, code_normalise, codes_new
from wijkwerk.core.services import audit_log, field_changes
from wijkwerk.core.tasks import enqueue_on_commit

from . import tally as engine
from .models import (
    BALLOT_SALT,
    GREEDY_RULES,
    LETTER_SALT,
    Ballot,
    BallotChoice,
    BallotKind,
    Channel,
    EmailCode,
    LetterCode,
    Participation,
    Phase,
    Proposal,
    ProposalStatus,
    Residence,
    Round,
    TallyLine,
    TallyResult,
    TallyRule,
    Utility,
    Verification,
    ballot_token,
    keyed_hash,
    keyed_hashes,
)
from .tally.rules import TallyError
from .tasks import email_code_value, send_vote_code

ROUND_REF = "pb.round"
PROPOSAL_OWNER = "pb.proposal"
ORIGIN_KINDS = {
    "initiatives.initiative": gettext_lazy("initiative"),
    "agenda.agendaitem": gettext_lazy("wijkagenda item"),
}
EMAIL_CODE_MINUTES = 15
EMAIL_CODE_ATTEMPTS = 5
EMAIL_CODES_PER_HOUR = 5
MAX_LETTERS_PER_BATCH = 100_000


def check_perm(actor: Any, perm: str, obj: Any) -> None:
    if not actor.has_perm(perm, obj):
        raise PermissionDenied(_("You do not have a role that allows this for this budget round."))


def _log(pb_round: Round, actor: Any, action: str, target: Any, changes: dict, reason: str = ""):
    audit_log(
        actor=actor,
        action=action,
        target=target,
        changes=changes,
        reason=reason,
        municipality_code=pb_round.municipality.code,
    )


def _lock_round(pb_round: Round) -> Round:
    """Re-read the round under a row lock so that staff actions on it cannot cross. The lock
    is FOR NO KEY UPDATE: it must not block the key-share lock that inserting a ballot or a
    participation takes on the round (that would deadlock a paper entry with an online cast)."""
    return (
        Round.objects.select_for_update(no_key=True, of=("self",))
        .select_related("municipality", "area", "budget__fund")
        .get(pk=pb_round.pk)
    )


def _day(value: date) -> str:
    return date_format(value, "DATE_FORMAT")


# --- rounds --------------------------------------------------------------------------------

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


def _validate_round(municipality: Municipality, v: dict[str, Any]) -> dict[str, list[str]]:
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
    balance = 0
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
    else:
        balance = Account.objects.values_list("balance_cents", flat=True).get(pk=budget.pk)
    amount = v.get("amount_cents")
    if amount is not None:
        if not isinstance(amount, int) or amount <= 0:
            add("amount", _("The amount to divide must be more than zero, or left empty."))
        elif "budget" not in errors and amount > balance:
            add(
                "amount",
                _(
                    "The budget holds only %(balance)s: lower the amount to divide or allocate "
                    "more money to the budget first."
                )
                % {"balance": format_euros(balance)},
            )

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
    errors = _validate_round(pb_round.municipality, merged)
    if errors:
        raise ValidationError(errors)
    changes = field_changes(pb_round, {k: merged[k] for k in values})
    for name in values:
        setattr(pb_round, name, merged[name])
    pb_round.save()
    _log(pb_round, actor, "pb.round_update", pb_round, changes)
    return pb_round


# --- who lives where -----------------------------------------------------------------------


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


# --- proposals -----------------------------------------------------------------------------


def _validate_proposal(title: str, summary: str) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if not title.strip():
        errors["title"] = [_("Give your proposal a short title.")]
    if not summary.strip():
        errors["summary"] = [_("Describe the project: what should happen, and where?")]
    return errors


def _ballot_fixed(pb_round: Round) -> bool:
    return pb_round.phase() not in (Phase.UPCOMING, Phase.PROPOSALS, Phase.REVIEW)


@transaction.atomic
def proposal_submit(
    *,
    round: Round,  # noqa: A002
    actor: Any,
    title: str,
    summary: str,
    location: str = "",
) -> Proposal:
    """A resident proposes a project while the round takes proposals."""
    check_perm(actor, "pb.submit_proposal", round)
    pb_round = Round.objects.get(pk=round.pk)
    if pb_round.phase() != Phase.PROPOSALS:
        raise ValidationError(
            _("Proposals can be submitted from %(start)s until %(end)s.")
            % {"start": _day(pb_round.proposals_from), "end": _day(pb_round.proposals_until)}
        )
    errors = _validate_proposal(title, summary)
    if errors:
        raise ValidationError(errors)
    proposal = Proposal.objects.create(
        round=pb_round,
        title=title.strip()[:160],
        summary=summary.strip(),
        location=location.strip()[:200],
        submitted_by=actor,
    )
    _log(pb_round, actor, "pb.proposal_submit", proposal, {"title": proposal.title})
    return proposal


@transaction.atomic
def proposal_create_from(
    *,
    round: Round,  # noqa: A002
    actor: Any,
    origin_kind: str,
    origin_id: int | str,
    title: str,
    summary: str,
    location: str = "",
) -> Proposal:
    """Staff put an existing initiative or wijkagenda item on the round as a proposal. The
    origin is a generic reference, so this app imports no app of its own layer."""
    check_perm(actor, "pb.manage_round", round)
    pb_round = _lock_round(round)
    if _ballot_fixed(pb_round):
        raise ValidationError(
            _("Voting has opened: the ballot is fixed, no projects can be added.")
        )
    errors = _validate_proposal(title, summary)
    origin_id = str(origin_id).strip()
    if origin_kind not in ORIGIN_KINDS:
        errors["origin"] = [_("A proposal comes from an initiative or a wijkagenda item.")]
    elif not origin_id.isdigit():
        errors["origin"] = [_("Give the number of the initiative or wijkagenda item.")]
    elif origin_kind == "agenda.agendaitem":
        item = AgendaItem.objects.filter(pk=int(origin_id)).select_related("area").first()
        if item is None or item.area.municipality_id != pb_round.municipality_id:
            errors["origin"] = [
                _("There is no wijkagenda item %(id)s in %(municipality)s.")
                % {"id": origin_id, "municipality": pb_round.municipality.name}
            ]
    if (
        "origin" not in errors
        and (
            Proposal.objects.filter(round=pb_round, origin_kind=origin_kind, origin_id=origin_id)
        ).exists()
    ):
        errors["origin"] = [
            _("This %(kind)s is already a proposal in this round.")
            % {"kind": ORIGIN_KINDS[origin_kind]}
        ]
    if errors:
        raise ValidationError(errors)
    proposal = Proposal.objects.create(
        round=pb_round,
        title=title.strip()[:160],
        summary=summary.strip(),
        location=location.strip()[:200],
        submitted_by=actor,
        origin_kind=origin_kind,
        origin_id=origin_id,
    )
    _log(
        pb_round,
        actor,
        "pb.proposal_create_from",
        proposal,
        {"title": proposal.title, "origin": f"{origin_kind}:{origin_id}"},
    )
    return proposal


@transaction.atomic
def proposal_review(
    *,
    proposal: Proposal,
    actor: Any,
    feasible: bool,
    reason: str = "",
    cost_cents: int | None = None,
) -> Proposal:
    """A partner judges a proposal feasible (with its estimated cost) or not feasible (with
    a public reason). Only feasible proposals go on the ballot."""
    check_perm(actor, "pb.review_proposal", proposal)
    proposal = (
        Proposal.objects.select_for_update(of=("self",)).select_related("round").get(pk=proposal.pk)
    )
    pb_round = proposal.round
    if _ballot_fixed(pb_round):
        raise ValidationError(
            _("Voting has opened: the ballot is fixed and proposals can no longer be reviewed.")
        )
    if proposal.status == ProposalStatus.WITHDRAWN:
        raise ValidationError(_("This proposal was withdrawn."))
    reason = reason.strip()
    errors: dict[str, list[str]] = {}
    if feasible:
        if not isinstance(cost_cents, int) or isinstance(cost_cents, bool) or cost_cents <= 0:
            errors["cost"] = [_("Enter the estimated cost of a feasible proposal.")]
        else:
            available = (
                pb_round.amount_cents
                if pb_round.amount_cents is not None
                else Account.objects.values_list("balance_cents", flat=True).get(
                    pk=pb_round.budget_id
                )
            )
            if cost_cents > available:
                errors["cost"] = [
                    _(
                        "This costs more than the %(amount)s the round divides, so it can never "
                        "be selected. Check the estimate, or judge the proposal not feasible."
                    )
                    % {"amount": format_euros(available)}
                ]
    elif not reason:
        errors["reason"] = [_("Explain why the proposal is not feasible; the reason is published.")]
    if errors:
        raise ValidationError(errors)
    proposal.status = ProposalStatus.FEASIBLE if feasible else ProposalStatus.NOT_FEASIBLE
    proposal.estimated_cost_cents = cost_cents if feasible else proposal.estimated_cost_cents
    proposal.review_reason = reason
    proposal.reviewed_by = actor
    proposal.reviewed_at = timezone.now()
    proposal.save()
    _log(
        pb_round,
        actor,
        "pb.proposal_review",
        proposal,
        {"status": proposal.status, "cost_cents": proposal.estimated_cost_cents},
        reason=reason,
    )
    return proposal


# --- verification --------------------------------------------------------------------------


@transaction.atomic
def vote_code_request(*, round: Round, actor: Any) -> EmailCode:  # noqa: A002
    """Send an eligible resident a one-time code by e-mail (a new one replaces the old)."""
    pb_round = Round.objects.select_related("area", "municipality").get(pk=round.pk)
    if pb_round.verification != Verification.EMAIL:
        raise ValidationError(_("In this round you vote with the code from your letter."))
    _check_voting_open(pb_round)
    voter_eligibility_check(round=pb_round, user=actor)
    if not ratelimit.allow(
        f"pb-vote-code:{pb_round.pk}:{actor.pk}", limit=EMAIL_CODES_PER_HOUR, window_seconds=3600
    ):
        raise ValidationError(
            _("You asked for %(count)d codes within the hour; wait an hour and try again.")
            % {"count": EMAIL_CODES_PER_HOUR}
        )
    code, _created = EmailCode.objects.select_for_update().update_or_create(
        round=pb_round,
        user=actor,
        defaults={
            "seed": secrets.token_hex(32),
            "expires_at": timezone.now() + timedelta(minutes=EMAIL_CODE_MINUTES),
            "attempts": 0,
        },
    )
    enqueue_on_commit(send_vote_code, code.pk)
    return code


def _email_code_problem(code: EmailCode | None, entered: str) -> ValidationError | None:
    """What is wrong with an entered e-mail code, counting a wrong attempt; None if right."""
    if code is None:
        return ValidationError(
            {"code": [_("Request a code first; we send it to your e-mail address.")]}
        )
    if not code.seed:
        return ValidationError(
            {"code": [_("This code has been used. To change your ballot, request a new one.")]}
        )
    if code.expires_at <= timezone.now():
        return ValidationError({"code": [_("This code has expired: request a new one.")]})
    if code.attempts >= EMAIL_CODE_ATTEMPTS:
        return ValidationError({"code": [_("Too many wrong codes: request a new one.")]})
    if secrets.compare_digest(email_code_value(code), "".join(entered.split())):
        return None
    code.attempts += 1
    code.save(update_fields=["attempts"])
    left = EMAIL_CODE_ATTEMPTS - code.attempts
    if left <= 0:
        return ValidationError({"code": [_("This code is not correct. Request a new one.")]})
    return ValidationError(
        {
            "code": [
                ngettext(
                    "This code is not correct: check the e-mail we sent you (%(left)d attempt "
                    "left).",
                    "This code is not correct: check the e-mail we sent you (%(left)d attempts "
                    "left).",
                    left,
                )
                % {"left": left}
            ]
        }
    )


def _letter_hash(round_id: int, code: str, *, secret: str | None = None) -> str:
    return keyed_hash(LETTER_SALT, f"{round_id}:{code_normalise(code)}", secret=secret)


def _letter_lock(pb_round: Round, code: str) -> LetterCode:
    hashes = keyed_hashes(LETTER_SALT, f"{pb_round.pk}:{code_normalise(code)}")
    letter = (
        LetterCode.objects.select_for_update().filter(round=pb_round, code_hash__in=hashes).first()
        if code_normalise(code)
        else None
    )
    if letter is None:
        raise ValidationError(
            {"code": [_("This code is not valid for this round. Check the code on the letter.")]}
        )
    return letter


@transaction.atomic
def letter_codes_generate(*, round: Round, actor: Any, count: int) -> list[str]:  # noqa: A002
    """Make `count` single-use codes for code letters. Only their keyed hashes are stored:
    the list returned here is the one and only export, for printing."""
    check_perm(actor, "pb.manage_round", round)
    pb_round = _lock_round(round)
    if pb_round.verification != Verification.LETTER:
        raise ValidationError(
            _("This round verifies voters by e-mail; choose code letters for the round first.")
        )
    if pb_round.is_closed():
        raise ValidationError(_("Voting has closed; no more code letters can be made."))
    if not isinstance(count, int) or not 1 <= count <= MAX_LETTERS_PER_BATCH:
        raise ValidationError(
            {
                "count": [
                    _("Make between 1 and %(max)d codes at a time.")
                    % {"max": MAX_LETTERS_PER_BATCH}
                ]
            }
        )
    batch = (
        LetterCode.objects.filter(round=pb_round)
        .order_by("-batch")
        .values_list("batch", flat=True)
        .first()
        or 0
    ) + 1
    codes = codes_new(count)
    LetterCode.objects.bulk_create(
        [
            LetterCode(round=pb_round, code_hash=_letter_hash(pb_round.pk, code), batch=batch)
            for code in codes
        ],
        batch_size=2000,
    )
    _log(pb_round, actor, "pb.letter_codes_generate", pb_round, {"batch": batch, "count": count})
    return sorted(code_format(code) for code in codes)


# --- ballots -------------------------------------------------------------------------------


def _check_voting_open(pb_round: Round) -> None:
    now = timezone.now()
    if now < pb_round.opens_at:
        raise ValidationError(_("Voting opens on %(date)s.") % {"date": _day(pb_round.voting_from)})
    if now > pb_round.closes_at:
        raise ValidationError(
            _("Voting closed on %(date)s; ballots can no longer be cast or changed.")
            % {"date": _day(pb_round.voting_until)}
        )


def _normalise_choices(choices: Mapping[Any, int] | Iterable[Any]) -> dict[int, int]:
    """{proposal id: points}; a list of projects (approval) gives each 1 point."""

    def pk(value: Any) -> int:
        return int(value.pk if isinstance(value, Proposal) else value)

    try:
        if isinstance(choices, Mapping):
            return {pk(k): int(v) for k, v in choices.items()}
        ids = [pk(c) for c in choices]
    except (TypeError, ValueError):
        raise ValidationError(
            {"choices": [_("A ballot lists projects of the round by their number.")]}
        ) from None
    if len(set(ids)) != len(ids):
        raise ValidationError({"choices": [_("A project appears twice on the ballot.")]})
    return dict.fromkeys(ids, 1)


def _validate_ballot(pb_round: Round, choices: Mapping[Any, int] | Iterable[Any]) -> dict[int, int]:
    """Check a ballot against the round's rules; return {proposal id: points}."""
    points = _normalise_choices(choices)
    if not points:
        raise ValidationError({"choices": [_("Choose at least one project.")]})
    proposals = {
        p.pk: p
        for p in Proposal.objects.filter(pk__in=list(points)).only(
            "pk", "round_id", "status", "title", "estimated_cost_cents"
        )
    }
    foreign = sorted(
        pk for pk in points if pk not in proposals or proposals[pk].round_id != pb_round.pk
    )
    if foreign:
        raise ValidationError(
            {
                "choices": [
                    _("Project %(ids)s is not on the ballot of this round.")
                    % {"ids": ", ".join(str(pk) for pk in foreign)}
                ]
            }
        )
    not_feasible = [p.title for p in proposals.values() if p.status != ProposalStatus.FEASIBLE]
    if not_feasible:
        raise ValidationError(
            {
                "choices": [
                    _("%(titles)s is not on the ballot: only feasible projects can be chosen.")
                    % {"titles": ", ".join(sorted(not_feasible))}
                ]
            }
        )
    if pb_round.ballot_kind == BallotKind.APPROVAL:
        if any(value != 1 for value in points.values()):
            raise ValidationError(
                {"choices": [_("On this ballot you tick projects; you cannot give points.")]}
            )
        if pb_round.max_projects is not None and len(points) > pb_round.max_projects:
            raise ValidationError(
                {
                    "choices": [
                        ngettext(
                            "You chose %(count)d projects; you may choose at most %(max)d "
                            "project. Untick some.",
                            "You chose %(count)d projects; you may choose at most %(max)d "
                            "projects. Untick some.",
                            pb_round.max_projects,
                        )
                        % {"count": len(points), "max": pb_round.max_projects}
                    ]
                }
            )
        total = sum(proposals[pk].estimated_cost_cents or 0 for pk in points)
        if pb_round.max_cost_cents is not None and total > pb_round.max_cost_cents:
            raise ValidationError(
                {
                    "choices": [
                        _(
                            "Your projects cost %(total)s together; you may choose up to "
                            "%(max)s. Untick a project."
                        )
                        % {
                            "total": format_euros(total),
                            "max": format_euros(pb_round.max_cost_cents),
                        }
                    ]
                }
            )
    else:
        if any(value < 1 for value in points.values()):
            raise ValidationError(
                {"choices": [_("Give each project you choose at least 1 point.")]}
            )
        per_project = pb_round.max_points_per_project
        over = [proposals[pk].title for pk, v in points.items() if per_project and v > per_project]
        if over:
            raise ValidationError(
                {
                    "choices": [
                        _("You may give a project at most %(max)d points: %(titles)s has more.")
                        % {"max": per_project, "titles": ", ".join(sorted(over))}
                    ]
                }
            )
        total_points = sum(points.values())
        if total_points > (pb_round.points_total or 0):
            raise ValidationError(
                {
                    "choices": [
                        _("You gave %(count)d points; you have %(max)d to distribute.")
                        % {"count": total_points, "max": pb_round.points_total}
                    ]
                }
            )
    return points


def _participate(pb_round: Round, voter_key: str, channel: str) -> tuple[Participation, bool]:
    """The voter's participation, created now or locked if it exists. A second cast that
    races the first waits here (on the unique constraint) until the first commits."""
    try:
        with transaction.atomic():
            return (
                Participation.objects.create(round=pb_round, voter_key=voter_key, channel=channel),
                True,
            )
    except IntegrityError:
        return (
            Participation.objects.select_for_update().get(round=pb_round, voter_key=voter_key),
            False,
        )


def _store_ballot(
    pb_round: Round, voter_key: str, channel: str, points: dict[int, int]
) -> tuple[Ballot, Participation]:
    """Record the participation and store (or replace) the ballot under its token."""
    participation, first_time = _participate(pb_round, voter_key, channel)
    token = ballot_token(pb_round.pk, voter_key)
    ballot = None
    if not first_time:
        ballot = Ballot.objects.select_for_update().filter(round=pb_round, token=token).first()
        if ballot is None:
            # Stored under a key that was rotated away (SECRET_KEY_FALLBACKS): re-key it.
            earlier = keyed_hashes(BALLOT_SALT, f"{pb_round.pk}:{voter_key}")[1:]
            ballot = (
                Ballot.objects.select_for_update().filter(round=pb_round, token__in=earlier).first()
            )
            if ballot is None:
                raise ValidationError(
                    _(
                        "You have voted, but your ballot can no longer be found to change it "
                        "(the server's key has changed). Your earlier ballot still counts."
                    )
                )
            ballot.token = token
            ballot.save(update_fields=["token"])
        ballot.choices.all().delete()
    else:
        ballot = Ballot.objects.create(round=pb_round, token=token)
    BallotChoice.objects.bulk_create(
        [BallotChoice(ballot=ballot, proposal_id=pk, points=v) for pk, v in sorted(points.items())]
    )
    return ballot, participation


def ballot_cast(
    *,
    round: Round,  # noqa: A002
    actor: Any,
    choices: Mapping[Any, int] | Iterable[Any],
    email_code: str = "",
    letter_code: str = "",
) -> Ballot:
    """Cast (or change, until the close) a secret ballot online.

    In an e-mail round the logged-in, eligible resident enters the code we e-mailed; in a
    letter round anyone holding an unused letter code may vote with it (the letter went to
    an eligible resident). A wrong e-mail code counts as an attempt even though the ballot
    is refused; nothing of the ballot is stored unless all of it is valid.
    """
    pb_round = Round.objects.select_related("area", "municipality").get(pk=round.pk)
    _check_voting_open(pb_round)
    points = _validate_ballot(pb_round, choices)
    if pb_round.verification == Verification.EMAIL:
        if letter_code:
            raise ValidationError(
                {"code": [_("In this round you vote with a code we send you by e-mail.")]}
            )
        voter_eligibility_check(round=pb_round, user=actor)
        problem: ValidationError | None = None
        with transaction.atomic():
            code = EmailCode.objects.select_for_update().filter(round=pb_round, user=actor).first()
            problem = _email_code_problem(code, email_code)
            if problem is None:
                assert code is not None
                _check_voting_open(pb_round)  # again, now that the code is locked
                code.seed = ""  # used: the code can no longer be derived
                code.save(update_fields=["seed"])
                ballot, _participation = _store_ballot(
                    pb_round, f"user:{actor.pk}", Channel.ONLINE, points
                )
        if problem is not None:
            raise problem
        return ballot
    if not letter_code:
        raise ValidationError({"code": [_("Enter the code from your letter to vote.")]})
    with transaction.atomic():
        letter = _letter_lock(pb_round, letter_code)
        _check_voting_open(pb_round)  # again, now that the code is locked
        if letter.used_channel == Channel.PAPER:
            raise ValidationError(
                {"code": [_("This code has already been used on a paper ballot.")]}
            )
        if letter.used_channel != Channel.ONLINE:
            letter.used_channel = Channel.ONLINE
            letter.save(update_fields=["used_channel"])
        ballot, _participation = _store_ballot(
            pb_round, f"letter:{letter.pk}", Channel.ONLINE, points
        )
    return ballot


@transaction.atomic
def paper_ballot_enter(
    *,
    round: Round,  # noqa: A002
    actor: Any,
    letter_code: str,
    choices: Mapping[Any, int] | Iterable[Any],
) -> Participation:
    """Staff enter a paper ballot, with the letter code printed on it. A paper ballot counts
    once and is never changed; a code already used online is refused, and vice versa.

    Paper ballots arrive by post, so they are entered from the opening of the vote until the
    results are published (a tally run before the last one is entered can be run again)."""
    check_perm(actor, "pb.enter_paper_ballot", round)
    pb_round = _lock_round(round)
    if pb_round.verification != Verification.LETTER:
        raise ValidationError(_("Paper ballots carry a letter code; this round uses e-mail codes."))
    if timezone.now() < pb_round.opens_at:
        raise ValidationError(_("Voting opens on %(date)s.") % {"date": _day(pb_round.voting_from)})
    if pb_round.results_published:
        raise ValidationError(
            _("The results have been published; no more paper ballots can be counted.")
        )
    points = _validate_ballot(pb_round, choices)
    letter = _letter_lock(pb_round, letter_code)
    if letter.used_channel == Channel.ONLINE:
        raise ValidationError(
            {
                "code": [
                    _(
                        "This code has already been used to vote online; the paper ballot "
                        "cannot be counted as well."
                    )
                ]
            }
        )
    if letter.used_channel == Channel.PAPER:
        raise ValidationError({"code": [_("A paper ballot with this code was already entered.")]})
    letter.used_channel = Channel.PAPER
    letter.save(update_fields=["used_channel"])
    _ballot, participation = _store_ballot(pb_round, f"letter:{letter.pk}", Channel.PAPER, points)
    # Logged against the participation only: who entered a paper ballot, never what it says.
    _log(pb_round, actor, "pb.paper_ballot_enter", participation, {})
    return participation


# --- results -------------------------------------------------------------------------------


def round_amount_cents(*, round: Round) -> int:  # noqa: A002
    """What the round divides: its fixed amount, or the budget's balance now. Refused when
    the budget no longer holds the fixed amount."""
    balance = Account.objects.values_list("balance_cents", flat=True).get(pk=round.budget_id)
    if round.amount_cents is None:
        return balance
    if round.amount_cents > balance:
        raise ValidationError(
            _(
                "The round divides %(amount)s but its budget holds only %(balance)s. Allocate "
                "more money to the budget or lower the round's amount."
            )
            % {"amount": format_euros(round.amount_cents), "balance": format_euros(balance)}
        )
    return round.amount_cents


def election_build(*, round: Round, budget_cents: int) -> engine.Election:  # noqa: A002
    """The round as the tally engine sees it: feasible projects by their id, voters by their
    ballot's random id (never anything of the person)."""
    proposals = list(round.proposals.on_ballot().order_by("pk"))
    projects = {
        str(p.pk): engine.Project(
            id=str(p.pk), cost=Fraction(p.estimated_cost_cents or 0, 100), name=p.title
        )
        for p in proposals
    }
    votes: dict[str, list[tuple[str, int]]] = {}
    rows = (
        BallotChoice.objects.filter(ballot__round=round, proposal_id__in=[p.pk for p in proposals])
        .values_list("ballot_id", "proposal_id", "points")
        .order_by("ballot_id", "proposal_id")
    )
    for ballot_id, proposal_id, points in rows.iterator(chunk_size=5000):
        votes.setdefault(str(ballot_id), []).append((str(proposal_id), points))
    cumulative = round.ballot_kind == BallotKind.CUMULATIVE
    voters = [
        engine.Voter(
            id=ballot_id,
            vote=tuple(pid for pid, _points in choice),
            points=tuple(points for _pid, points in choice) if cumulative else None,
        )
        for ballot_id, choice in sorted(votes.items())
    ]
    # In euros, as pabulib counts in whole currency units: Add1 raises shares by one euro.
    return engine.Election(
        budget=Fraction(budget_cents, 100),
        projects=projects,
        voters=voters,
        vote_type="cumulative" if cumulative else "approval",
        meta={"description": round.title, "rule": round.rule},
    )


@transaction.atomic
def ballots_reseal(*, round: Round) -> int:  # noqa: A002
    """Rewrite the round's ballots in a random order, in one transaction.

    Rows are stored in the order they were written, and on PostgreSQL each row carries the
    id of the transaction that wrote it (`xmin`), shared with the participation written in
    the same transaction. A dump of the database could line ballots up with participations
    by either. Rewriting every ballot at once, shuffled, gives them all one transaction id
    and a random order. Done before every tally (voting has closed by then; paper entries
    and tallies both lock the round). Returns the number of ballots."""
    rng = secrets.SystemRandom()
    ballots = list(
        Ballot.objects.select_for_update().filter(round=round).values_list("id", "token")
    )
    choices = list(
        BallotChoice.objects.filter(ballot__round=round).values_list(
            "id", "ballot_id", "proposal_id", "points"
        )
    )
    rng.shuffle(ballots)
    rng.shuffle(choices)
    BallotChoice.objects.filter(ballot__round=round).delete()
    Ballot.objects.filter(round=round).delete()
    Ballot.objects.bulk_create(
        [Ballot(id=pk, round=round, token=token) for pk, token in ballots], batch_size=5000
    )
    BallotChoice.objects.bulk_create(
        [
            BallotChoice(id=pk, ballot_id=ballot_id, proposal_id=proposal_id, points=points)
            for pk, ballot_id, proposal_id, points in choices
        ],
        batch_size=5000,
    )
    return len(ballots)


def min_score(*, round: Round, ballots: int) -> int | None:  # noqa: A002
    """The round's minimum share of voters as a number of votes (rounded up), for greedy."""
    if not round.threshold_percent:
        return None
    return -(-round.threshold_percent * ballots // 100)


def _fraction_text(value: Fraction | None) -> str:
    if value is None:
        return ""
    return str(value)


@transaction.atomic
def round_tally(*, round: Round, actor: Any, reason: str = "") -> TallyResult:  # noqa: A002
    """Count the votes with the round's rule after the close and store the outcome with its
    explanation. Before the results are published the tally may be run again (it replaces
    the stored one, e.g. after the last paper ballots); afterwards it is fixed."""
    check_perm(actor, "pb.tally_round", round)
    pb_round = _lock_round(round)
    if not pb_round.is_closed():
        raise ValidationError(
            _("Voting closes on %(date)s; the votes can be counted after the close.")
            % {"date": _day(pb_round.voting_until)}
        )
    if pb_round.results_published:
        raise ValidationError(
            _("The results have been published; the tally can no longer be run again.")
        )
    budget_cents = round_amount_cents(round=pb_round)
    ballots_reseal(round=pb_round)
    election = election_build(round=pb_round, budget_cents=budget_cents)
    if not election.projects:
        raise ValidationError(_("There are no feasible proposals on the ballot to count."))
    try:
        outcome = engine.tally(
            election,
            rule=pb_round.rule,
            utility=pb_round.utility,
            compare_greedy=pb_round.compare_greedy,
            min_score=min_score(round=pb_round, ballots=len(election.voters)),
        )
    except TallyError as error:
        raise ValidationError(str(error)) from None
    costs = {pid: int(project.cost * 100) for pid, project in election.projects.items()}
    spent = sum(costs[pid] for pid in outcome.selected)
    if spent > budget_cents:
        raise ValidationError(
            _(
                "The tally selected projects costing %(spent)s, more than the %(budget)s the "
                "round divides; nothing was stored. Report this as a fault in the tally."
            )
            % {"spent": format_euros(spent), "budget": format_euros(budget_cents)}
        )
    TallyResult.objects.filter(round=pb_round).delete()
    result = TallyResult.objects.create(
        round=pb_round,
        rule=outcome.rule or pb_round.rule,
        utility=outcome.utility or pb_round.utility,
        compare_greedy=pb_round.compare_greedy,
        threshold_percent=pb_round.threshold_percent,
        budget_cents=budget_cents,
        ballots_count=len(election.voters),
        spent_cents=spent,
        voter_budget=_fraction_text(outcome.voter_budget),
        compared=outcome.compared,
        kept=outcome.kept,
        purchases=[[p.project, str(p.price)] for p in outcome.purchases],
        tallied_by=actor if getattr(actor, "is_authenticated", False) else None,
        tallied_at=timezone.now(),
        reason=reason.strip(),
    )
    position = {pid: i for i, pid in enumerate(outcome.selected, start=1)}
    lines = []
    for pid in election.projects:
        explained = outcome.projects.get(pid)
        lines.append(
            TallyLine(
                result=result,
                proposal_id=int(pid),
                selected=pid in position,
                position=position.get(pid),
                cost_cents=costs[pid],
                votes=explained.votes if explained else 0,
                reason=(explained.reason if explained else "")[:40],
                step=explained.step if explained else None,
                supporters_had=_fraction_text(explained.supporters_had if explained else None),
                missing=_fraction_text(explained.missing if explained else None),
            )
        )
    TallyLine.objects.bulk_create(lines)
    _log(
        pb_round,
        actor,
        "pb.round_tally",
        pb_round,
        {
            "rule": result.rule,
            "utility": result.utility,
            "compare_greedy": result.compare_greedy,
            "budget_cents": budget_cents,
            "ballots": result.ballots_count,
            "selected": [int(pid) for pid in outcome.selected],
            "spent_cents": spent,
        },
        reason=reason,
    )
    return result


@dataclass
class PublishedSelection:
    round: Round
    result: TallyResult
    reserved_cents: int


@transaction.atomic
def round_results_publish(
    *,
    round: Round,  # noqa: A002
    actor: Any,
    reason: str = "",
) -> PublishedSelection:
    """Publish the stored tally and reserve each selected project's cost on the round's
    budget: one reservation (hold account) per project, all in this one transaction, so
    either every winner is reserved or none is."""
    check_perm(actor, "pb.tally_round", round)
    pb_round = _lock_round(round)
    if pb_round.results_published:
        raise ValidationError(_("The results of this round have already been published."))
    result = TallyResult.objects.filter(round=pb_round).first()
    if result is None:
        raise ValidationError(_("Count the votes first; there is no tally to publish."))
    if Ballot.objects.filter(round=pb_round).count() != result.ballots_count:
        raise ValidationError(
            _(
                "Ballots were entered after the votes were counted; count the votes again "
                "before publishing."
            )
        )
    selected = list(
        result.lines.filter(selected=True).select_related("proposal").order_by("position")
    )
    total = sum(line.cost_cents for line in selected)
    balance = Account.objects.values_list("balance_cents", flat=True).get(pk=pb_round.budget_id)
    if total > balance:
        raise ValidationError(
            _(
                "The selected projects cost %(total)s but the budget holds only %(balance)s "
                "now. Allocate more money to the budget, or count the votes again."
            )
            % {"total": format_euros(total), "balance": format_euros(balance)}
        )
    budget = pb_round.budget
    for line in selected:
        hold = ledger.owned_account(
            fund=budget.fund,
            kind=AccountKind.HOLD,
            owner_kind=PROPOSAL_OWNER,
            owner_id=line.proposal_id,
            name=_("Budget round project %(title)s") % {"title": line.proposal.title[:150]},
            area=pb_round.area,
        )
        try:
            ledger.hold_reserve(
                budget=budget,
                hold=hold,
                amount_cents=line.cost_cents,
                actor=actor,
                memo=_("%(round)s: %(title)s")
                % {"round": pb_round.title[:100], "title": line.proposal.title[:150]},
                kind=TransactionKind.RESERVATION,
                reference_kind=ROUND_REF,
                reference_id=pb_round.pk,
            )
        except ledger.InsufficientFunds:
            # The ledger refused (another booking took the money meanwhile): undo it all.
            raise ValidationError(
                _(
                    "The budget no longer holds enough for %(title)s; nothing was reserved. "
                    "Allocate more money to the budget, or count the votes again."
                )
                % {"title": line.proposal.title}
            ) from None
        line.hold = hold
        line.save(update_fields=["hold"])
    pb_round.results_published_at = timezone.now()
    pb_round.results_published_by = actor
    pb_round.save(update_fields=["results_published_at", "results_published_by"])
    _log(
        pb_round,
        actor,
        "pb.results_publish",
        pb_round,
        {
            "rule": result.rule,
            "selected": [line.proposal_id for line in selected],
            "reserved_cents": total,
        },
        reason=reason,
    )
    return PublishedSelection(round=pb_round, result=result, reserved_cents=total)
