"""Bewonersinitiatieven: residents' own plans for their wijk, decided under the
municipality's spelregels and paid through a voucher on the ledger.

The flow: an initiative is drafted and submitted; the machine checks the spelregels it can
check; the deciding body (regiegroep, wijkplatform or wijkmanager, per municipality) ticks
the remaining checklist points, may hear the wijk in a wijkraadpleging, and awards or
rejects. An award issues a voucher: money reserved on the ledger from a wijkbudget. The
initiators spend it with receipts (or at registered local providers with the voucher code),
account for what they did, and the rest goes back to the budget when the contact official
closes the initiative.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wijkwerk.areas.models import Area, Municipality, area_key, municipality_key
from wijkwerk.budgets.models import Account, Fund, LedgerTransaction
from wijkwerk.organisations.models import Organisation

USER = settings.AUTH_USER_MODEL


class DecidingBody(models.TextChoices):
    REGIEGROEP = "regiegroep", _("regiegroep of residents")
    WIJKPLATFORM = "wijkplatform", _("wijkplatform")
    WIJKMANAGER = "wijkmanager", _("wijkmanager")


class RuleSet(models.Model):
    """One version of a municipality's spelregels. Never edited: a change is a new version,
    and every initiative records the version it was submitted and decided under."""

    municipality = municipality_key("initiative_rulesets")
    version = models.PositiveIntegerField(_("version"))
    max_amount_cents = models.BigIntegerField(_("maximum per initiative (cents)"))
    max_per_year_cents = models.BigIntegerField(
        _("maximum per address per year (cents)"),
        default=0,
        help_text=_("0 means no yearly maximum."),
    )
    min_initiators = models.PositiveSmallIntegerField(
        _("minimum number of initiators from different addresses"), default=2
    )
    own_contribution_percent = models.PositiveSmallIntegerField(
        # xgettext:no-python-format
        _("own contribution (% of the requested amount)"),
        default=0,
    )
    quick_max_cents = models.BigIntegerField(_("small request: up to (cents)"), default=50_000)
    quick_working_days = models.PositiveSmallIntegerField(
        _("decision on a small request within (working days)"), default=3
    )
    decision_working_days = models.PositiveSmallIntegerField(
        _("decision on other requests within (working days)"), default=30
    )
    deciding_body = models.CharField(
        _("deciding body"), max_length=20, choices=DecidingBody.choices
    )
    excluded = models.TextField(
        _("not funded"),
        blank=True,
        help_text=_("One item per line, e.g. commercial activities, alcohol, regular tasks."),
    )
    checklist = models.TextField(
        _("checklist for the deciding body"),
        blank=True,
        help_text=_("One point per line; the deciding body ticks each before an award."),
    )
    note = models.CharField(_("what changed"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        USER, verbose_name=_("published by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("published at"), auto_now_add=True)

    class Meta:
        verbose_name = _("spelregels")
        verbose_name_plural = _("spelregels")
        ordering = ["municipality", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "version"], name="ruleset_version_per_municipality"
            ),
            models.CheckConstraint(
                condition=Q(max_amount_cents__gt=0), name="ruleset_max_amount_positive"
            ),
            models.CheckConstraint(
                condition=Q(own_contribution_percent__lte=100), name="ruleset_percent_max_100"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.municipality} v{self.version}"

    @staticmethod
    def _lines(text: str) -> list[str]:
        return [line.strip() for line in text.splitlines() if line.strip()]

    @property
    def checklist_points(self) -> list[str]:
        return self._lines(self.checklist)

    @property
    def excluded_items(self) -> list[str]:
        return self._lines(self.excluded)


class Status(models.TextChoices):
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted")
    IN_REVIEW = "in_review", _("in review")
    AWARDED = "awarded", _("awarded")
    REJECTED = "rejected", _("rejected")
    WITHDRAWN = "withdrawn", _("withdrawn")
    IN_EXECUTION = "in_execution", _("in execution")
    ACCOUNTED = "accounted", _("accounted for")
    CLOSED = "closed", _("closed")
    # The award was withdrawn afterwards (a correction of the decision, with its reason).
    REVOKED = "revoked", _("award withdrawn")


# Every allowed status change, and nothing else (tested pair by pair).
TRANSITIONS: dict[str, frozenset[str]] = {
    Status.DRAFT: frozenset({Status.SUBMITTED, Status.WITHDRAWN}),
    Status.SUBMITTED: frozenset(
        {Status.IN_REVIEW, Status.AWARDED, Status.REJECTED, Status.WITHDRAWN}
    ),
    Status.IN_REVIEW: frozenset({Status.AWARDED, Status.REJECTED, Status.WITHDRAWN}),
    Status.AWARDED: frozenset({Status.IN_EXECUTION, Status.ACCOUNTED, Status.REVOKED}),
    Status.IN_EXECUTION: frozenset({Status.ACCOUNTED, Status.REVOKED}),
    Status.ACCOUNTED: frozenset({Status.CLOSED, Status.IN_EXECUTION}),
    Status.REJECTED: frozenset(),
    Status.WITHDRAWN: frozenset(),
    Status.CLOSED: frozenset(),
    Status.REVOKED: frozenset(),
}
AWAITING_DECISION = frozenset({Status.SUBMITTED, Status.IN_REVIEW})
PUBLIC_STATUSES = frozenset(
    {
        Status.SUBMITTED,
        Status.IN_REVIEW,
        Status.AWARDED,
        Status.IN_EXECUTION,
        Status.ACCOUNTED,
        Status.CLOSED,
        Status.REVOKED,
    }
)
SPENDING = frozenset({Status.AWARDED, Status.IN_EXECUTION})


class InitiativeQuerySet(models.QuerySet):
    def public(self):
        return self.filter(status__in=PUBLIC_STATUSES)

    def awaiting_decision(self):
        return self.filter(status__in=AWAITING_DECISION)

    def overdue(self, today):
        return self.awaiting_decision().filter(decision_due__lt=today)


class Initiative(models.Model):
    area = area_key(_("wijk or village"), "initiatives")
    buurt = area_key(_("buurt"), "+", on_delete=models.SET_NULL, optional=True)
    other_areas = models.ManyToManyField(
        Area,
        verbose_name=_("also concerns"),
        blank=True,
        related_name="+",
        help_text=_("Other wijken or buurten of the same municipality this also concerns."),
    )
    title = models.CharField(_("title"), max_length=160)
    summary = models.TextField(_("what do you want to do?"))
    purpose = models.TextField(_("why, and who benefits in the wijk?"))
    plan = models.TextField(_("how will you do it, and who helps?"), blank=True)
    location = models.CharField(_("where"), max_length=200, blank=True)
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    requested_cents = models.BigIntegerField(_("requested amount (cents)"))
    own_contribution_cents = models.BigIntegerField(_("own contribution (cents)"), default=0)
    own_contribution_note = models.CharField(
        _("own contribution (money, materials, hours)"), max_length=300, blank=True
    )
    cost_breakdown = models.TextField(_("budget: what does it cost?"), blank=True)

    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    created_by = models.ForeignKey(
        USER, verbose_name=_("submitted by"), on_delete=models.PROTECT, related_name="+"
    )
    contact_official = models.ForeignKey(
        USER,
        verbose_name=_("contact official"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="initiatives_in_care",
    )
    ruleset = models.ForeignKey(
        RuleSet,
        verbose_name=_("spelregels"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="initiatives",
    )
    is_small = models.BooleanField(_("small request"), default=False)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    decision_due = models.DateField(_("decision due"), null=True, blank=True)
    escalated_at = models.DateTimeField(_("escalated at"), null=True, blank=True)
    escalated_to = models.ForeignKey(
        USER,
        verbose_name=_("escalated to"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The manager of the wijkmanagers, who sees that a late decision is taken."),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        USER,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decision_reason = models.TextField(_("motivation of the decision"), blank=True)
    award_corrected_at = models.DateTimeField(_("award corrected at"), null=True, blank=True)
    award_correction_reason = models.TextField(_("why the award was corrected"), blank=True)
    accounting_report = models.TextField(_("what was done (accounting)"), blank=True)
    participants_count = models.PositiveIntegerField(
        _("number of residents who took part"), null=True, blank=True
    )
    accounted_at = models.DateTimeField(_("accounted for at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = InitiativeQuerySet.as_manager()

    class Meta:
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        ordering = ["-submitted_at", "-created_at"]
        indexes = [models.Index(fields=["area", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(requested_cents__gte=0) & Q(own_contribution_cents__gte=0),
                name="initiative_amounts_not_negative",
            ),
            models.CheckConstraint(
                condition=~Q(status="rejected") | ~Q(decision_reason=""),
                name="initiative_rejection_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_public(self) -> bool:
        return self.status in PUBLIC_STATUSES


class LadderStep(models.TextChoices):
    """The participatieladder of resident initiative power, from first step to highest."""

    INITIATIEFNEMER = "initiatiefnemer", _("initiatiefnemer")
    PARTICIPANT = "participant", _("participant")
    MEDE_OPDRACHTGEVER = "mede_opdrachtgever", _("mede-opdrachtgever")
    OPDRACHTGEVER = "opdrachtgever", _("opdrachtgever")


class Participant(models.Model):
    """A person involved in an initiative. Name and address are personal data."""

    initiative = models.ForeignKey(
        Initiative,
        verbose_name=_("initiative"),
        on_delete=models.CASCADE,
        related_name="participants",
    )
    user = models.ForeignKey(
        USER,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="initiative_roles",
    )
    name = models.CharField(_("name"), max_length=120)
    email = models.EmailField(_("e-mail"), blank=True)
    postcode = models.CharField(_("postcode"), max_length=7)
    house_number = models.CharField(_("house number"), max_length=10)
    step = models.CharField(
        _("step on the participatieladder"),
        max_length=20,
        choices=LadderStep.choices,
        default=LadderStep.INITIATIEFNEMER,
    )
    is_initiator = models.BooleanField(_("initiator"), default=True)

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["-is_initiator", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "user"],
                condition=Q(user__isnull=False),
                name="one_participation_per_account",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def address_key(self) -> str:
        return f"{self.postcode.replace(' ', '').upper()}-{self.house_number.strip().upper()}"


class ChecklistAnswer(models.Model):
    """The deciding body's judgement on one spelregels point that a machine cannot check."""

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="checklist_answers"
    )
    point = models.CharField(_("point"), max_length=300)
    met = models.BooleanField(_("met"))
    note = models.CharField(_("note"), max_length=500, blank=True)
    answered_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    answered_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("checklist answer")
        verbose_name_plural = _("checklist answers")
        constraints = [
            models.UniqueConstraint(fields=["initiative", "point"], name="one_answer_per_point")
        ]

    def __str__(self) -> str:
        return self.point


class Vote(models.TextChoices):
    AWARD = "award", _("award")
    REJECT = "reject", _("reject")
    ABSTAIN = "abstain", _("abstain")


class ReviewVote(models.Model):
    """One member of the deciding body records their judgement."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="votes")
    member = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    vote = models.CharField(_("vote"), max_length=10, choices=Vote.choices)
    note = models.CharField(_("note"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("review vote")
        verbose_name_plural = _("review votes")
        constraints = [
            models.UniqueConstraint(fields=["initiative", "member"], name="one_vote_per_member")
        ]

    def __str__(self) -> str:
        return f"{self.member}: {self.vote}"


class Consultation(models.Model):
    """A wijkraadpleging: residents give their opinion on submitted initiatives in a period."""

    area = area_key(_("wijk or village"), "consultations")
    title = models.CharField(_("title"), max_length=160)
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))
    initiatives = models.ManyToManyField(
        Initiative, verbose_name=_("initiatives"), related_name="consultations"
    )
    created_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("wijkraadpleging")
        verbose_name_plural = _("wijkraadplegingen")
        ordering = ["-opens_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__gte=models.F("opens_on")), name="consultation_period"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def is_open(self, today) -> bool:
        return self.opens_on <= today <= self.closes_on


class Support(models.TextChoices):
    FOR = "for", _("in favour")
    NEUTRAL = "neutral", _("neutral")
    AGAINST = "against", _("against")


class Opinion(models.Model):
    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="opinions"
    )
    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="opinions")
    resident = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    support = models.CharField(_("opinion"), max_length=10, choices=Support.choices)
    comment = models.CharField(_("comment"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("opinion")
        verbose_name_plural = _("opinions")
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "initiative", "resident"], name="one_opinion_per_resident"
            )
        ]

    def __str__(self) -> str:
        return f"{self.initiative}: {self.support}"


class Voucher(models.Model):
    initiative = models.OneToOneField(
        Initiative, verbose_name=_("initiative"), on_delete=models.PROTECT, related_name="voucher"
    )
    code = models.CharField(_("voucher code"), max_length=16, unique=True)
    amount_cents = models.BigIntegerField(_("awarded amount (cents)"))
    budget = models.ForeignKey(
        Account, verbose_name=_("paid from"), on_delete=models.PROTECT, related_name="+"
    )
    hold = models.OneToOneField(
        Account, verbose_name=_("reservation"), on_delete=models.PROTECT, related_name="+"
    )
    issued_at = models.DateTimeField(_("issued at"), auto_now_add=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("voucher")
        verbose_name_plural = _("vouchers")

    def __str__(self) -> str:
        return self.code

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


class Provider(models.Model):
    """A local business or organisation registered to accept vouchers by their code."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="voucher_providers"
    )
    organisation = models.OneToOneField(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="voucher_provider",
    )
    is_active = models.BooleanField(_("active"), default=True)
    registered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("voucher provider")
        verbose_name_plural = _("voucher providers")

    def __str__(self) -> str:
        return str(self.organisation)


def receipt_path(instance: "Expense", filename: str) -> str:
    # The original file name may carry personal data; keep only the extension.
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"receipts/{instance.voucher_id}/{instance.spent_on:%Y%m%d}-{instance.payment_id}.{extension}"


class Expense(models.Model):
    voucher = models.ForeignKey(Voucher, on_delete=models.PROTECT, related_name="expenses")
    description = models.CharField(_("what was bought or paid"), max_length=200)
    amount_cents = models.BigIntegerField(_("amount (cents)"))
    spent_on = models.DateField(_("date"))
    receipt = models.FileField(_("receipt"), upload_to=receipt_path, blank=True)
    provider = models.ForeignKey(
        Provider,
        verbose_name=_("provider"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="redemptions",
    )
    recorded_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    payment = models.OneToOneField(LedgerTransaction, on_delete=models.PROTECT, related_name="+")
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    cancel_reason = models.CharField(_("why cancelled"), max_length=300, blank=True)
    refund = models.OneToOneField(
        LedgerTransaction, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("expense")
        verbose_name_plural = _("expenses")
        ordering = ["-spent_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount_cents__gt=0), name="expense_positive")
        ]

    def __str__(self) -> str:
        return self.description


class PledgeKind(models.TextChoices):
    MONEY = "money", _("money")
    MATERIALS = "materials", _("materials")
    HOURS = "hours", _("hours of work")
    PLACE = "place", _("a place or room")


class PledgeStatus(models.TextChoices):
    OFFERED = "offered", _("offered")
    RECEIVED = "received", _("received")
    WITHDRAWN = "withdrawn", _("withdrawn")


class Pledge(models.Model):
    """Initiatievenbeurs: a partner offers money, materials, hours or a place."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="pledges")
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("partner"), on_delete=models.PROTECT, related_name="pledges"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=PledgeKind.choices)
    description = models.CharField(_("what is offered"), max_length=300)
    amount_cents = models.BigIntegerField(_("amount (cents)"), default=0)
    hours = models.PositiveIntegerField(_("hours"), default=0)
    status = models.CharField(
        _("status"), max_length=10, choices=PledgeStatus.choices, default=PledgeStatus.OFFERED
    )
    pledged_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)
    booking = models.OneToOneField(
        LedgerTransaction, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("pledge")
        verbose_name_plural = _("pledges")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="money") | Q(amount_cents__gt=0), name="money_pledge_amount"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.description}"


class ActieAssessment(models.Model):
    """The ACTIE lens on an initiative (Animo, Contact, Toerusting, Inbedding, Empathie),
    each scored 1 (weak) to 5 (strong) by the contact official, with notes."""

    initiative = models.OneToOneField(Initiative, on_delete=models.CASCADE, related_name="actie")
    animo = models.PositiveSmallIntegerField(_("animo"), null=True, blank=True)
    contact = models.PositiveSmallIntegerField(_("contact"), null=True, blank=True)
    toerusting = models.PositiveSmallIntegerField(_("toerusting"), null=True, blank=True)
    inbedding = models.PositiveSmallIntegerField(_("inbedding"), null=True, blank=True)
    empathie = models.PositiveSmallIntegerField(_("empathie"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    assessed_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    assessed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("ACTIE assessment")
        verbose_name_plural = _("ACTIE assessments")

    def __str__(self) -> str:
        return f"ACTIE {self.initiative}"


ACTIE_FIELDS = ("animo", "contact", "toerusting", "inbedding", "empathie")


class ProjectCall(models.Model):
    """A call for convenant projects: partners submit, the stuurgroep ranks and awards."""

    fund = models.ForeignKey(
        Fund, verbose_name=_("fund"), on_delete=models.PROTECT, related_name="project_calls"
    )
    title = models.CharField(_("title"), max_length=160)
    closes_on = models.DateField(_("submissions until"))
    budget_cents = models.BigIntegerField(
        _("budget of the call (cents)"),
        null=True,
        blank=True,
        help_text=_("At most this much is awarded in the call; empty: what the fund holds."),
    )
    weight_participation = models.PositiveSmallIntegerField(
        _("weight of resident participation"), default=50
    )
    weight_impact = models.PositiveSmallIntegerField(_("weight of impact"), default=30)
    weight_reach = models.PositiveSmallIntegerField(_("weight of reach"), default=20)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("project call")
        verbose_name_plural = _("project calls")
        ordering = ["-closes_on"]

    def __str__(self) -> str:
        return self.title


class ProjectStatus(models.TextChoices):
    SUBMITTED = "submitted", _("submitted")
    AWARDED = "awarded", _("awarded")
    REJECTED = "rejected", _("rejected")
    WITHDRAWN = "withdrawn", _("withdrawn by the partner")
    REVOKED = "revoked", _("award withdrawn")


class ConvenantProject(models.Model):
    call = models.ForeignKey(ProjectCall, on_delete=models.PROTECT, related_name="projects")
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("submitted by partner"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    area = area_key(_("wijk or village"), "+", optional=True)
    title = models.CharField(_("title"), max_length=160)
    description = models.TextField(_("description"))
    resident_role = models.TextField(_("how residents take part"), blank=True)
    requested_cents = models.BigIntegerField(_("requested amount (cents)"))
    score_participation = models.PositiveSmallIntegerField(
        _("resident participation (0–5)"), null=True, blank=True
    )
    score_impact = models.PositiveSmallIntegerField(_("impact (0–5)"), null=True, blank=True)
    score_reach = models.PositiveSmallIntegerField(_("reach (0–5)"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ProjectStatus.choices, default=ProjectStatus.SUBMITTED
    )
    submitted_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    submitted_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.TextField(_("motivation"), blank=True)
    # What the award reserves: the request, or less after a correction (0 once withdrawn).
    awarded_cents = models.BigIntegerField(_("awarded amount (cents)"), null=True, blank=True)
    corrected_at = models.DateTimeField(_("award corrected at"), null=True, blank=True)
    correction_reason = models.TextField(_("why the award was corrected"), blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    hold = models.OneToOneField(
        Account, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("convenant project")
        verbose_name_plural = _("convenant projects")
        constraints = [
            models.CheckConstraint(
                condition=Q(requested_cents__gt=0), name="project_requested_positive"
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def award_cents(self) -> int:
        """What the decision gives the project now (what its reservation must hold)."""
        if self.status != ProjectStatus.AWARDED:
            return 0
        return self.requested_cents if self.awarded_cents is None else self.awarded_cents
