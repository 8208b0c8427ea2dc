"""The monitor's figures as the API gives them: plain rows per wijk (CBS code) and year."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers


class _Row(serializers.Serializer):
    area = serializers.CharField(
        allow_null=True,
        help_text=_("CBS code of the wijk; null: the whole municipality or no wijk"),
    )
    year = serializers.IntegerField()


class ReviewRowSerializer(_Row):
    review_id = serializers.IntegerField()
    held_on = serializers.DateField()
    agreed = serializers.IntegerField()
    done_on_time = serializers.IntegerField()
    done_late = serializers.IntegerField()
    late = serializers.IntegerField()
    open = serializers.IntegerField()
    dropped = serializers.IntegerField()


class AnswerRowSerializer(_Row):
    nu = serializers.IntegerField()
    ooit = serializers.IntegerField()
    nooit = serializers.IntegerField()
    answered = serializers.IntegerField()
    median_days = serializers.FloatField(allow_null=True)
    p90_days = serializers.IntegerField(allow_null=True)


class WaitingRowSerializer(_Row):
    awaiting = serializers.IntegerField()
    ooit_waiting = serializers.IntegerField()
    ooit_overdue = serializers.IntegerField()


class MoneyRowSerializer(_Row):
    residents_cents = serializers.IntegerField()
    professionals_cents = serializers.IntegerField()
    residents_percent = serializers.IntegerField(allow_null=True)


class InitiativeRowSerializer(_Row):
    submitted = serializers.IntegerField()
    awarded = serializers.IntegerField()
    rejected = serializers.IntegerField()
    awaiting = serializers.IntegerField()
    awaiting_overdue = serializers.IntegerField()
    decided_in_time = serializers.IntegerField()
    median_days = serializers.FloatField(allow_null=True)
    p90_days = serializers.IntegerField(allow_null=True)


class ReportRowSerializer(_Row):
    reports = serializers.IntegerField()
    handled = serializers.IntegerField()
    handled_in_time = serializers.IntegerField()
    open_overdue = serializers.IntegerField()
    in_time_percent = serializers.IntegerField(allow_null=True)


class MeetingRowSerializer(_Row):
    planned = serializers.IntegerField()
    held = serializers.IntegerField()
    cancelled = serializers.IntegerField()
    past_not_held = serializers.IntegerField()
    actions = serializers.IntegerField()
    actions_on_agenda = serializers.IntegerField()


class LadderRowSerializer(_Row):
    initiatiefnemer = serializers.IntegerField()
    participant = serializers.IntegerField()
    mede_opdrachtgever = serializers.IntegerField()
    opdrachtgever = serializers.IntegerField()
    total = serializers.IntegerField()


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
