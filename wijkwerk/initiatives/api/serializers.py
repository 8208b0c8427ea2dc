"""Initiatives API: input serializers check the shape, the services apply the spelregels.

Money is always a whole number of cents, in fields named `*_cents`. Personal data (the
participants' names and addresses, who created the initiative, the voucher code, which is
money) is only filled in for those with `initiatives.view_personal_data` on the initiative;
for everyone else those fields are null.
"""

from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from wijkwerk.areas.api.fields import (
    area_refs_field,
    buurt_ref_field,
    municipality_ref_field,
    wijk_ref_field,
)
from wijkwerk.budgets.models import Account
from wijkwerk.initiatives.models import (
    ACTIE_FIELDS,
    ActieAssessment,
    ChecklistAnswer,
    DecidingBody,
    Expense,
    Initiative,
    LadderStep,
    Participant,
    Pledge,
    PledgeKind,
    Provider,
    ReviewVote,
    RuleSet,
    Status,
    Vote,
    Voucher,
)
from wijkwerk.organisations.models import Organisation

# --- references by id (or CBS code) --------------------------------------------------------


def _pk_field(queryset: QuerySet, not_found: str, **kwargs: Any) -> serializers.Field:
    return serializers.PrimaryKeyRelatedField(
        queryset=queryset, error_messages={"does_not_exist": not_found}, **kwargs
    )


# --- output --------------------------------------------------------------------------------


class ParticipantSerializer(serializers.ModelSerializer):
    """A person involved in the initiative: personal data."""

    class Meta:
        model = Participant
        fields = ["id", "name", "email", "postcode", "house_number", "step", "is_initiator"]


class VoucherSerializer(serializers.ModelSerializer):
    code = serializers.SerializerMethodField(
        help_text=_(
            "The voucher code, with which providers take payment; null unless you may see "
            "the initiative's personal data"
        )
    )
    remaining_cents = serializers.IntegerField(
        source="hold.balance_cents",
        read_only=True,
        help_text=_("What is left on the voucher (pledged money included), in cents"),
    )

    class Meta:
        model = Voucher
        fields = [
            "code",
            "amount_cents",
            "remaining_cents",
            "budget",
            "issued_at",
            "valid_until",
            "closed_at",
        ]

    def get_code(self, voucher: Voucher) -> str | None:
        return voucher.code if self.context.get("show_personal_data") else None


class DecisionSerializer(serializers.Serializer):
    """The award or rejection, with its published motivation."""

    outcome = serializers.ChoiceField(choices=[Status.AWARDED, Status.REJECTED])
    decided_at = serializers.DateTimeField()
    reason = serializers.CharField()


class InitiativeSerializer(serializers.ModelSerializer):
    """An initiative as anyone who may see it sees it: no personal data."""

    area = serializers.PrimaryKeyRelatedField(read_only=True)
    area_code = serializers.CharField(source="area.code", read_only=True)
    buurt = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    other_areas = serializers.PrimaryKeyRelatedField(
        many=True,
        read_only=True,
        help_text=_("Ids of the other wijken or buurten it also concerns"),
    )
    other_area_codes = serializers.SlugRelatedField(
        source="other_areas",
        slug_field="code",
        many=True,
        read_only=True,
        help_text=_("CBS codes of the other wijken or buurten it also concerns"),
    )
    ruleset_version = serializers.SerializerMethodField(
        help_text=_("Version of the spelregels it was submitted and decided under")
    )
    escalated = serializers.SerializerMethodField(
        help_text=_("Whether the decision came too late and was escalated")
    )
    decision = serializers.SerializerMethodField()
    voucher = serializers.SerializerMethodField()
    amount_awarded_cents = serializers.SerializerMethodField()
    remaining_cents = serializers.SerializerMethodField(
        help_text=_("What is left on the voucher, in cents; null before an award")
    )

    class Meta:
        model = Initiative
        fields = [
            "id",
            "area",
            "area_code",
            "buurt",
            "other_areas",
            "other_area_codes",
            "title",
            "summary",
            "purpose",
            "plan",
            "location",
            "starts_on",
            "ends_on",
            "requested_cents",
            "own_contribution_cents",
            "own_contribution_note",
            "cost_breakdown",
            "status",
            "ruleset_version",
            "is_small",
            "submitted_at",
            "decision_due",
            "escalated",
            "decision",
            "voucher",
            "amount_awarded_cents",
            "remaining_cents",
            "accounting_report",
            "participants_count",
            "accounted_at",
            "closed_at",
            "created_at",
            "updated_at",
        ]

    def _voucher(self, initiative: Initiative) -> Voucher | None:
        try:
            return initiative.voucher
        except Voucher.DoesNotExist:
            return None

    def get_ruleset_version(self, initiative: Initiative) -> int | None:
        return initiative.ruleset.version if initiative.ruleset_id else None

    def get_escalated(self, initiative: Initiative) -> bool:
        return initiative.escalated_at is not None

    @extend_schema_field(DecisionSerializer(allow_null=True))
    def get_decision(self, initiative: Initiative) -> dict[str, Any] | None:
        """Award or rejection with its published motivation; null while undecided."""
        if initiative.decided_at is None:
            return None
        outcome = Status.AWARDED if self._voucher(initiative) else Status.REJECTED
        decision = {
            "outcome": outcome.value,
            "decided_at": initiative.decided_at,
            "reason": initiative.decision_reason,
        }
        return DecisionSerializer(decision).data

    @extend_schema_field(VoucherSerializer(allow_null=True))
    def get_voucher(self, initiative: Initiative) -> dict[str, Any] | None:
        voucher = self._voucher(initiative)
        return VoucherSerializer(voucher, context=self.context).data if voucher else None

    def get_amount_awarded_cents(self, initiative: Initiative) -> int | None:
        voucher = self._voucher(initiative)
        return voucher.amount_cents if voucher else None

    def get_remaining_cents(self, initiative: Initiative) -> int | None:
        voucher = self._voucher(initiative)
        return voucher.hold.balance_cents if voucher else None


class InitiativeDetailSerializer(InitiativeSerializer):
    """One initiative. The view decides, with `initiatives.view_personal_data`, whether the
    participants, the creator and the voucher code are shown."""

    participants = serializers.SerializerMethodField(
        help_text=_(
            "Initiators and helpers with name, e-mail and address; null unless you may see "
            "the initiative's personal data"
        )
    )
    created_by = serializers.SerializerMethodField(
        help_text=_(
            "E-mail address of the resident who started the initiative; null unless you may "
            "see the initiative's personal data"
        )
    )

    class Meta(InitiativeSerializer.Meta):
        fields = [*InitiativeSerializer.Meta.fields, "participants", "created_by"]

    @extend_schema_field(ParticipantSerializer(many=True, allow_null=True))
    def get_participants(self, initiative: Initiative) -> list[dict[str, Any]] | None:
        if not self.context.get("show_personal_data"):
            return None
        return ParticipantSerializer(initiative.participants.all(), many=True).data

    def get_created_by(self, initiative: Initiative) -> str | None:
        if not self.context.get("show_personal_data"):
            return None
        return initiative.created_by.email


class ChecklistAnswerSerializer(serializers.ModelSerializer):
    class Meta:
        model = ChecklistAnswer
        fields = ["point", "met", "note", "answered_at"]


class ReviewVoteSerializer(serializers.ModelSerializer):
    class Meta:
        model = ReviewVote
        fields = ["vote", "note", "created_at"]


class ExpenseSerializer(serializers.ModelSerializer):
    has_receipt = serializers.SerializerMethodField()
    voucher_remaining_cents = serializers.IntegerField(
        source="voucher.hold.balance_cents",
        read_only=True,
        help_text=_("What is left on the voucher after this expense, in cents"),
    )

    class Meta:
        model = Expense
        fields = [
            "id",
            "description",
            "amount_cents",
            "spent_on",
            "has_receipt",
            "provider",
            "created_at",
            "voucher_remaining_cents",
        ]

    def get_has_receipt(self, expense: Expense) -> bool:
        return bool(expense.receipt)


class PledgeSerializer(serializers.ModelSerializer):
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)

    class Meta:
        model = Pledge
        fields = [
            "id",
            "initiative",
            "organisation",
            "organisation_name",
            "kind",
            "description",
            "amount_cents",
            "hours",
            "status",
            "created_at",
            "confirmed_at",
        ]


class ActieSerializer(serializers.ModelSerializer):
    class Meta:
        model = ActieAssessment
        fields = [*ACTIE_FIELDS, "notes", "assessed_at"]


class RuleSetSerializer(serializers.ModelSerializer):
    municipality = serializers.SlugRelatedField(slug_field="code", read_only=True)
    excluded = serializers.ListField(
        source="excluded_items",
        child=serializers.CharField(),
        read_only=True,
        help_text=_("What is not funded, one item each"),
    )
    checklist = serializers.ListField(
        source="checklist_points",
        child=serializers.CharField(),
        read_only=True,
        help_text=_("The points the deciding body ticks before an award"),
    )

    class Meta:
        model = RuleSet
        fields = [
            "id",
            "municipality",
            "version",
            "max_amount_cents",
            "max_per_year_cents",
            "min_initiators",
            "own_contribution_percent",
            "quick_max_cents",
            "quick_working_days",
            "decision_working_days",
            "deciding_body",
            "excluded",
            "checklist",
            "note",
            "created_at",
        ]


class RankedProjectSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="project.pk")
    title = serializers.CharField(source="project.title")
    organisation = serializers.IntegerField(source="project.organisation_id")
    organisation_name = serializers.CharField(source="project.organisation.name")
    area = serializers.CharField(
        source="project.area.code",
        allow_null=True,
        default=None,
        help_text=_("CBS code of the wijk, or null for the whole municipality"),
    )
    requested_cents = serializers.IntegerField(source="project.requested_cents")
    score_participation = serializers.IntegerField(
        source="project.score_participation", allow_null=True
    )
    score_impact = serializers.IntegerField(source="project.score_impact", allow_null=True)
    score_reach = serializers.IntegerField(source="project.score_reach", allow_null=True)
    score = serializers.FloatField(
        allow_null=True, help_text=_("Weighted score from 0 to 5; null until fully scored")
    )
    cumulative_cents = serializers.IntegerField(
        help_text=_("Requests of this and every higher-ranked project together, in cents")
    )
    above_line = serializers.BooleanField(
        help_text=_("Scored and still within the budget: would be funded")
    )


class RankingSerializer(serializers.Serializer):
    call = serializers.IntegerField()
    title = serializers.CharField()
    budget_cents = serializers.IntegerField(help_text=_("The budget the line is drawn at"))
    projects = RankedProjectSerializer(many=True)


# --- input ---------------------------------------------------------------------------------


class InitiativeFilterSerializer(serializers.Serializer):
    area = wijk_ref_field()
    status = serializers.ChoiceField(choices=Status.choices, required=False)


class InitiativeUpdateInputSerializer(serializers.Serializer):
    """The fields of a draft; on PATCH only those sent are changed."""

    title = serializers.CharField(max_length=160)
    summary = serializers.CharField(allow_blank=True)
    purpose = serializers.CharField(allow_blank=True)
    plan = serializers.CharField(allow_blank=True)
    location = serializers.CharField(max_length=200, allow_blank=True)
    starts_on = serializers.DateField(allow_null=True)
    ends_on = serializers.DateField(allow_null=True)
    requested_cents = serializers.IntegerField(min_value=0)
    own_contribution_cents = serializers.IntegerField(min_value=0)
    own_contribution_note = serializers.CharField(max_length=300, allow_blank=True)
    cost_breakdown = serializers.CharField(allow_blank=True)
    buurt = buurt_ref_field(allow_null=True)
    other_areas = area_refs_field()


class InitiativeCreateInputSerializer(InitiativeUpdateInputSerializer):
    """A new draft; the one who sends it becomes its lead initiator, at this address."""

    area = wijk_ref_field()
    summary = serializers.CharField(required=False, allow_blank=True, default="")
    purpose = serializers.CharField(required=False, allow_blank=True, default="")
    plan = serializers.CharField(required=False, allow_blank=True, default="")
    location = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    starts_on = serializers.DateField(required=False, allow_null=True, default=None)
    ends_on = serializers.DateField(required=False, allow_null=True, default=None)
    own_contribution_cents = serializers.IntegerField(min_value=0, required=False, default=0)
    own_contribution_note = serializers.CharField(
        max_length=300, required=False, allow_blank=True, default=""
    )
    cost_breakdown = serializers.CharField(required=False, allow_blank=True, default="")
    buurt = buurt_ref_field(required=False, allow_null=True, default=None)
    postcode = serializers.CharField(max_length=10, help_text=_("Of the lead initiator"))
    house_number = serializers.CharField(max_length=10, help_text=_("Of the lead initiator"))


class InitiativeAreasInputSerializer(serializers.Serializer):
    """Staff change the other wijken or buurten an initiative concerns (also once submitted)."""

    other_areas = area_refs_field(required=True)
    reason = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class ParticipantInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=120)
    postcode = serializers.CharField(max_length=10)
    house_number = serializers.CharField(max_length=10)
    email = serializers.EmailField(required=False, allow_blank=True, default="")
    step = serializers.ChoiceField(
        choices=LadderStep.choices, required=False, default=LadderStep.INITIATIEFNEMER
    )
    is_initiator = serializers.BooleanField(required=False, default=True)


class ReasonInputSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class RejectInputSerializer(serializers.Serializer):
    reason = serializers.CharField(help_text=_("Published with the decision"))


class ChecklistInputSerializer(serializers.Serializer):
    point = serializers.CharField(max_length=300, help_text=_("A point of the spelregels"))
    met = serializers.BooleanField()
    note = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class VoteInputSerializer(serializers.Serializer):
    vote = serializers.ChoiceField(choices=Vote.choices)
    note = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class AwardInputSerializer(serializers.Serializer):
    budget = _pk_field(
        Account.objects.select_related("fund"),
        _("There is no budget with id {pk_value}."),
        help_text=_("Id of the wijkbudget (ledger account) that pays the voucher"),
    )
    amount_cents = serializers.IntegerField(
        required=False,
        allow_null=True,
        default=None,
        help_text=_("Amount of the voucher in cents; the requested amount when left out"),
    )
    reason = serializers.CharField(help_text=_("Why the initiative is awarded; published"))
    valid_until = serializers.DateField(required=False, allow_null=True, default=None)


class ExpenseInputSerializer(serializers.Serializer):
    description = serializers.CharField(max_length=200)
    amount_cents = serializers.IntegerField()
    spent_on = serializers.DateField(required=False, default=timezone.localdate)
    receipt = serializers.FileField(
        help_text=_("The receipt: a PDF or a photo (JPEG, PNG, WebP)"),
        error_messages={"required": _("Add the receipt (a PDF or a photo).")},
    )


class AccountInputSerializer(serializers.Serializer):
    report = serializers.CharField(help_text=_("What was done and what it brought the wijk"))
    participants_count = serializers.IntegerField(
        min_value=0, help_text=_("Number of residents who took part")
    )


class CloseInputSerializer(serializers.Serializer):
    approve = serializers.BooleanField(
        help_text=_("Approve the accounting (returning what is left), or send it back")
    )
    note = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text=_("Required when sending back: what is missing"),
    )


class PledgeInputSerializer(serializers.Serializer):
    organisation = _pk_field(
        Organisation.objects.all(),
        _("There is no organisation with id {pk_value}."),
        help_text=_("The partner on whose behalf you offer"),
    )
    kind = serializers.ChoiceField(choices=PledgeKind.choices)
    description = serializers.CharField(max_length=300)
    amount_cents = serializers.IntegerField(required=False, default=0)
    hours = serializers.IntegerField(required=False, default=0)


class ActieInputSerializer(serializers.Serializer):
    """Scores from 1 (weak) to 5 (strong); fields left out keep their earlier score."""

    animo = serializers.IntegerField(required=False, allow_null=True)
    contact = serializers.IntegerField(required=False, allow_null=True)
    toerusting = serializers.IntegerField(required=False, allow_null=True)
    inbedding = serializers.IntegerField(required=False, allow_null=True)
    empathie = serializers.IntegerField(required=False, allow_null=True)
    notes = serializers.CharField(required=False, allow_blank=True, default="")


class RuleSetFilterSerializer(serializers.Serializer):
    municipality = municipality_ref_field()


class RuleSetMunicipalitySerializer(serializers.Serializer):
    municipality = municipality_ref_field()


def _lines(help_text: str) -> serializers.ListField:
    return serializers.ListField(
        child=serializers.RegexField(r"^[^\r\n]+$", max_length=300),
        required=False,
        default=list,
        help_text=help_text,
    )


class RuleSetInputSerializer(RuleSetMunicipalitySerializer):
    max_amount_cents = serializers.IntegerField()
    deciding_body = serializers.ChoiceField(choices=DecidingBody.choices)
    max_per_year_cents = serializers.IntegerField(required=False, default=0)
    min_initiators = serializers.IntegerField(required=False, default=2)
    own_contribution_percent = serializers.IntegerField(required=False, default=0)
    quick_max_cents = serializers.IntegerField(required=False, default=50_000)
    quick_working_days = serializers.IntegerField(required=False, default=3)
    decision_working_days = serializers.IntegerField(required=False, default=30)
    excluded = _lines(_("What is not funded, one line each"))
    checklist = _lines(_("The points the deciding body ticks, one line each"))
    note = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


class RankingFilterSerializer(serializers.Serializer):
    budget_cents = serializers.IntegerField(
        required=False,
        min_value=0,
        help_text=_("Draw the line at this budget; by default what the fund has not allocated"),
    )


class RedeemInputSerializer(serializers.Serializer):
    provider = _pk_field(
        Provider.objects.select_related("organisation"),
        _("There is no voucher provider with id {pk_value}."),
    )
    code = serializers.CharField(max_length=20)
    amount_cents = serializers.IntegerField()
    description = serializers.CharField(max_length=200)
