"""Reads of budget rounds that the API needs besides `selectors`: rounds across
municipalities, one proposal as its round's list would show it, and the published round as a
pabulib `.pb` file.

The export holds no personal data: voters are known only by their ballot's random id (the
same id the tally uses), and ballots carry no time (see the secrecy notes in `models`).
"""

from fractions import Fraction
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from wijkwerk.areas.models import Area, Municipality

from . import services
from .models import GREEDY_RULES, Proposal, ProposalStatus, Round, TallyResult, TallyRule, Utility
from .tally import Project, pabulib

# Pabulib's names for the rules it knows (the `rule` key of META), where Wijkwerk's rule
# and utility mean exactly that; any other round is named by Wijkwerk's own rule code, as
# `wijkwerk pb tally --rule` takes it. The comment of the file says which one was used.
PABULIB_RULES = {
    (TallyRule.GREEDY, Utility.COST, False, False): "greedy",
    (TallyRule.GREEDY, Utility.COST, False, True): "greedy-threshold",
    (TallyRule.GREEDY_NO_SKIP, Utility.COST, False, False): "greedy-no-skip",
    (TallyRule.MES_ADD1, Utility.COST, False, False): "equalshares/add1",
    (TallyRule.MES_ADD1, Utility.COST, True, False): "equalshares/add1-comparison",
}


def round_list_all(
    *, municipality: Municipality | None = None, area: Area | None = None
) -> QuerySet[Round]:
    """Rounds (all public), newest vote first. With `area`: the rounds of its wijk and those
    of its whole municipality; with `municipality`: that municipality's."""
    qs = Round.objects.select_related("municipality", "area")
    if municipality is not None:
        qs = qs.filter(municipality=municipality)
    if area is not None:
        qs = qs.filter(
            Q(area=area.wijk) | Q(area__isnull=True, municipality_id=area.municipality_id)
        )
    return qs.order_by("-voting_from", "-id")


def proposal_get(*, pk: int, user: Any) -> Proposal:
    """One proposal, to those who would see it in its round's list (withdrawn ones only to
    staff of the round); Http404 otherwise, as if it did not exist."""
    proposal = (
        Proposal.objects.select_related("round__municipality", "round__area", "submitted_by")
        .filter(pk=pk)
        .first()
    )
    if proposal is None:
        raise Http404
    if proposal.status == ProposalStatus.WITHDRAWN and not (
        user.has_perm("pb.manage_round", proposal.round)
        or user.has_perm("pb.review_proposal", proposal.round)
    ):
        raise Http404
    return proposal


def _comment(result: TallyResult) -> str:
    parts = [f"Tallied by Wijkwerk: rule {result.rule}, utility {result.utility}"]
    if result.compare_greedy:
        parts.append(f"compared with greedy by votes (kept: {result.kept or 'mes'})")
    if result.threshold_percent:
        parts.append(f"minimum {result.threshold_percent}% of voters")
    return "; ".join(parts) + "."


def round_pabulib(*, round: Round) -> str:  # noqa: A002
    """The published round as the text of a `.pb` file: the projects on the ballot with
    their votes and whether the published tally selected them, and every ballot under its
    random id. Http404 while the results are not published."""
    pb_round = Round.objects.select_related("municipality", "area").get(pk=round.pk)
    result = TallyResult.objects.filter(round=pb_round).first()
    if not pb_round.results_published or result is None:
        raise Http404
    election = services.election_build(round=pb_round, budget_cents=result.budget_cents)
    lines = {
        str(pk): (selected, votes)
        for pk, selected, votes in result.lines.values_list("proposal_id", "selected", "votes")
    }
    election.projects = {
        pid: Project(
            id=project.id,
            cost=project.cost,
            name=project.name,
            extra={
                "votes": str(lines.get(pid, (False, 0))[1]),
                "selected": "1" if lines.get(pid, (False, 0))[0] else "0",
            },
        )
        for pid, project in election.projects.items()
    }
    key = (
        result.rule,
        result.utility,
        bool(result.compare_greedy),
        bool(result.threshold_percent) and result.rule in GREEDY_RULES,
    )
    meta = {
        "description": pb_round.title,
        "country": "Netherlands",
        "unit": pb_round.municipality.name,
    }
    if pb_round.area is not None:
        meta["subunit"] = pb_round.area.name
    meta.update(
        {
            "instance": str(pb_round.pk),
            "budget": _euros(Fraction(result.budget_cents, 100)),
            "vote_type": election.vote_type,
            "rule": PABULIB_RULES.get(key, result.rule),
            "date_begin": pb_round.voting_from.strftime("%d.%m.%Y"),
            "date_end": pb_round.voting_until.strftime("%d.%m.%Y"),
        }
    )
    if pb_round.max_projects:
        meta["max_length"] = str(pb_round.max_projects)
    if pb_round.max_cost_cents:
        meta["max_sum_cost"] = _euros(Fraction(pb_round.max_cost_cents, 100))
    if pb_round.points_total:
        meta["max_sum_points"] = str(pb_round.points_total)
    if pb_round.max_points_per_project:
        meta["max_points"] = str(pb_round.max_points_per_project)
    meta.update({"language": "nl", "currency": "EUR", "comment": _comment(result)})
    election.meta = meta
    return pabulib.dump(election)


def _euros(value: Fraction) -> str:
    """Whole euros as an integer, cents with two decimals (as pabulib files write them)."""
    if value.denominator == 1:
        return str(value.numerator)
    cents = round(value * 100)
    return f"{cents // 100}.{cents % 100:02d}"
