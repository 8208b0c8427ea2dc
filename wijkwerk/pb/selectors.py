"""Reading budget rounds: the rounds of a wijk, proposals (the proposer only for those who
may see personal data), the ballot, a voter's own ballot and share, and the results."""

from fractions import Fraction
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from wijkwerk.areas.models import Area, Municipality

from .models import (
    LETTER_SALT,
    Ballot,
    LetterCode,
    Participation,
    Proposal,
    ProposalStatus,
    Round,
    TallyLine,
    TallyResult,
    ballot_token,
    keyed_hashes,
)


def round_list(*, municipality: Municipality, area: Area | None = None) -> QuerySet[Round]:
    """A municipality's rounds; with `area`, those of that wijk and the municipality-wide."""
    qs = Round.objects.filter(municipality=municipality).select_related("area", "budget")
    if area is not None:
        qs = qs.filter(Q(area=area.wijk) | Q(area__isnull=True))
    return qs.order_by("-voting_from", "-id")


def round_get(*, pk: int, municipality: Municipality) -> Round:
    try:
        return Round.objects.select_related("area", "budget__fund", "municipality").get(
            pk=pk, municipality=municipality
        )
    except Round.DoesNotExist:
        raise Http404 from None


def proposal_list(*, round: Round, user: Any) -> QuerySet[Proposal]:  # noqa: A002
    """The round's proposals with their review (public); withdrawn ones only for staff."""
    # The round with it: permissions on a proposal are checked in its round's area.
    qs = Proposal.objects.filter(round=round).select_related("round__area", "round__municipality")
    if not (user.has_perm("pb.manage_round", round) or user.has_perm("pb.review_proposal", round)):
        qs = qs.exclude(status=ProposalStatus.WITHDRAWN)
    return qs.order_by("pk")


def ballot_proposals(*, round: Round) -> QuerySet[Proposal]:  # noqa: A002
    """What is on the ballot: the feasible proposals with their cost."""
    return Proposal.objects.on_ballot().filter(round=round).order_by("pk")


def proposal_proposer(*, proposal: Proposal, user: Any) -> Any | None:
    """Who proposed it: personal data, so None unless `pb.view_personal_data`."""
    if not user.has_perm("pb.view_personal_data", proposal):
        return None
    return proposal.submitted_by


def has_voted(*, round: Round, user: Any) -> bool:  # noqa: A002
    """Did this person (e-mail round) take part? Says nothing about their ballot."""
    if not getattr(user, "is_authenticated", False):
        return False
    return Participation.objects.filter(round=round, voter_key=f"user:{user.pk}").exists()


def _voter_key(round: Round, user: Any = None, letter_code: str = "") -> str | None:  # noqa: A002
    if letter_code:
        code = "".join(ch for ch in letter_code.upper() if ch.isalnum())
        letter_id = (
            LetterCode.objects.filter(
                round=round, code_hash__in=keyed_hashes(LETTER_SALT, f"{round.pk}:{code}")
            )
            .values_list("pk", flat=True)
            .first()
        )
        return f"letter:{letter_id}" if letter_id else None
    if getattr(user, "is_authenticated", False):
        return f"user:{user.pk}"
    return None


def ballot_own(
    *,
    round: Round,  # noqa: A002
    user: Any = None,
    letter_code: str = "",
) -> Ballot | None:
    """The voter's own ballot, found by recomputing its token (the only way to find it)."""
    voter_key = _voter_key(round, user, letter_code)
    if voter_key is None:
        return None
    return Ballot.objects.filter(round=round, token=ballot_token(round.pk, voter_key)).first()


def ballot_choices(*, ballot: Ballot) -> dict[int, int]:
    return dict(ballot.choices.values_list("proposal_id", "points"))


def result_get(*, round: Round, user: Any) -> TallyResult | None:  # noqa: A002
    """The tally: for everyone once published, before that only for those who tally."""
    result = TallyResult.objects.filter(round=round).select_related("tallied_by").first()
    if result is None:
        return None
    if round.results_published or user.has_perm("pb.tally_round", round):
        return result
    return None


def result_lines(*, result: TallyResult) -> QuerySet[TallyLine]:
    """Every proposal in the tally, the selected first in the order they were selected."""
    return result.lines.select_related("proposal", "hold").order_by(
        "-selected", "position", "-votes", "proposal_id"
    )


def voter_share_get(
    *,
    round: Round,  # noqa: A002
    user: Any = None,
    letter_code: str = "",
) -> dict | None:
    """How this voter's equal share was spent (MES rules), for the voter themself only:
    recomputed from their own ballot (found by its token) and the stored purchases."""
    if not round.results_published:
        return None
    result = TallyResult.objects.filter(round=round).first()
    if result is None or not result.voter_budget:
        return None
    ballot = ballot_own(round=round, user=user, letter_code=letter_code)
    if ballot is None:
        return None
    approved = {str(pk) for pk in ballot.choices.values_list("proposal_id", flat=True)}
    share = left = Fraction(result.voter_budget)
    paid: dict[int, Fraction] = {}
    for project, price in result.purchases:
        if project in approved and left > 0:
            amount = min(left, Fraction(price))
            paid[int(project)] = amount
            left -= amount
    return {"share": share, "paid": paid, "left": left}
