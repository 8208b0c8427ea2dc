"""A budget round's published winners as the ledger knows them (see `budgets.decisions`):
each winner owns one reservation, whose net reservation bookings must equal its award."""

from django.utils.translation import gettext as _

from wijkwerk.budgets.decisions import Disagreement, register
from wijkwerk.budgets.money import format_euros
from wijkwerk.budgets.selectors import decided_cents

from .models import Round, TallyLine
from .services import ROUND_REF


def _describe(reference_id: int | None) -> str:
    pb_round = Round.objects.filter(pk=reference_id).first()
    if pb_round is None:
        return _("a budget round")
    return _(
        "the results of the budget round “%(title)s” (a winner's award is corrected on the round's staff page)"
    ) % {"title": pb_round.title}


def winners_verify() -> list[Disagreement]:
    lines = list(TallyLine.objects.filter(hold__isnull=False).order_by("pk"))
    booked = decided_cents(hold_ids=[line.hold_id for line in lines])
    return [
        Disagreement(
            f"budget round winner {line.pk}",
            f"award {format_euros(line.award_cents)}, booked {format_euros(booked[line.hold_id])}",
        )
        for line in lines
        if booked[line.hold_id] != line.award_cents
    ]


def register_decisions() -> None:
    register(reference_kinds={ROUND_REF}, describe=_describe, verify=winners_verify)
