"""Removing all budget rounds of municipalities: only for rebuilding the demo."""

from django.db import transaction

from .models import (
    Ballot,
    BallotChoice,
    Participation,
    Proposal,
    Residence,
    Round,
    TallyLine,
    TallyResult,
)


@transaction.atomic
def rounds_purge(*, municipality_codes: tuple[str, ...]) -> None:
    """Delete rounds with their proposals, ballots and tallies (before the funds), and the
    residences recorded in these municipalities."""
    in_scope = {"round__municipality__code__in": municipality_codes}
    TallyLine.objects.filter(result__round__municipality__code__in=municipality_codes).delete()
    TallyResult.objects.filter(**in_scope).delete()
    BallotChoice.objects.filter(ballot__round__municipality__code__in=municipality_codes).delete()
    Ballot.objects.filter(**in_scope).delete()
    Participation.objects.filter(**in_scope).delete()
    Proposal.objects.filter(**in_scope).delete()
    Round.objects.filter(municipality__code__in=municipality_codes).delete()
    Residence.objects.filter(area__municipality__code__in=municipality_codes).delete()
