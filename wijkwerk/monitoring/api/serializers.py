"""The monitor's figures as the API gives them: plain rows per wijk (CBS code) and year."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from wijkwerk.initiatives.models import LadderStep


class _Row(serializers.Serializer):
    area = serializers.CharField(
        allow_null=True,
        help_text=_("CBS code of the wijk; null: the whole municipality or no wijk"),
    )
    year = serializers.IntegerField()


def _counts(*names: str) -> dict[str, serializers.Field]:
    """Whole numbers: how many."""
    return {name: serializers.IntegerField() for name in names}


def _percent(name: str) -> dict[str, serializers.Field]:
    """A whole percentage; null when there is nothing to take it of."""
    return {name: serializers.IntegerField(allow_null=True)}


def _days() -> dict[str, serializers.Field]:
    """How long people waited: the median and the 90th percentile of the days."""
    return {
        "median_days": serializers.FloatField(allow_null=True),
        "p90_days": serializers.IntegerField(allow_null=True),
    }


def _row(name: str, *fields: dict[str, serializers.Field]) -> type[_Row]:
    """A row of one table: wijk and year, then these fields in this order (the schema's)."""
    declared = {key: field for group in fields for key, field in group.items()}
    return type(name, (_Row,), {"__module__": __name__, **declared})


ReviewRowSerializer = _row(
    "ReviewRowSerializer",
    {"review_id": serializers.IntegerField(), "held_on": serializers.DateField()},
    _counts("agreed", "done_on_time", "done_late", "late", "open", "dropped"),
)
AnswerRowSerializer = _row(
    "AnswerRowSerializer", _counts("nu", "ooit", "nooit", "answered"), _days()
)
WaitingRowSerializer = _row(
    "WaitingRowSerializer", _counts("awaiting", "ooit_waiting", "ooit_overdue")
)
MoneyRowSerializer = _row(
    "MoneyRowSerializer",
    _counts("residents_cents", "professionals_cents"),
    _percent("residents_percent"),
)
InitiativeRowSerializer = _row(
    "InitiativeRowSerializer",
    _counts("submitted", "awarded", "rejected", "awaiting", "awaiting_overdue", "decided_in_time"),
    _days(),
)
ReportRowSerializer = _row(
    "ReportRowSerializer",
    _counts("reports", "handled", "handled_in_time", "open_overdue"),
    _percent("in_time_percent"),
)
MeetingRowSerializer = _row(
    "MeetingRowSerializer",
    _counts("planned", "held", "cancelled", "past_not_held", "actions", "actions_on_agenda"),
)
LadderRowSerializer = _row(
    "LadderRowSerializer", _counts(*(step.value for step in LadderStep), "total")
)


class SatisfactionRowSerializer(_Row):
    survey_id = serializers.IntegerField()
    survey = serializers.CharField()
    question = serializers.CharField(help_text=_("The question's key, e.g. betrokken"))
    question_text = serializers.CharField()
    scale = serializers.CharField()
    respondents = serializers.IntegerField(allow_null=True)
    mean = serializers.FloatField(allow_null=True)
    hidden = serializers.CharField(help_text=_("Why no figure is given; empty when shown"))


class IndicatorsSerializer(serializers.Serializer):
    agenda_reviews = ReviewRowSerializer(many=True)
    agenda_answers = AnswerRowSerializer(many=True)
    agenda_waiting = WaitingRowSerializer(many=True)
    money = MoneyRowSerializer(many=True)
    initiatives = InitiativeRowSerializer(many=True)
    reports = ReportRowSerializer(many=True)
    meetings = MeetingRowSerializer(many=True)
    ladder = LadderRowSerializer(many=True)
    satisfaction = SatisfactionRowSerializer(many=True)


class WijkSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()


class MonitorSerializer(serializers.Serializer):
    municipality = serializers.CharField(help_text=_("CBS code of the municipality"))
    wijk = serializers.CharField(allow_null=True, help_text=_("CBS code; null for a municipality"))
    year = serializers.IntegerField(allow_null=True, help_text=_("null: all years"))
    wijken = WijkSerializer(many=True)
    indicators = IndicatorsSerializer()


class YearFilterSerializer(serializers.Serializer):
    year = serializers.IntegerField(
        required=False,
        min_value=2000,
        max_value=2100,
        help_text=_("Only this year (default: the current year)"),
    )
