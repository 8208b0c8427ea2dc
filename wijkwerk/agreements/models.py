"""Prestatieafspraken and beheerovereenkomsten: what partners promise each other, who signs,
and how they account for it.

An agreement states *wat, waarom, wanneer, hoe en door wie* (after the Etten-Leur
"Wijkgericht werken" note, seed 004, §2.3) with one indicator: its unit, baseline and target.
Its parties are organisations; each commits money (whole cents) and hours. The lifecycle is
an explicit map (`TRANSITIONS`): a draft goes out to be signed, comes into force when every
party has signed the current `version`, and is closed with an evaluation. A change to an
agreement that is out for signing raises its version and voids the signatures given so far.

A beheerovereenkomst (Den Helder, seed 003 §3.7: residents adopt public green or a
playground; a buurtbeheerbedrijf adopts a buurt and receives the beheergelden) is an
agreement of another kind with its area on the map (GeoJSON) and, when money goes with it,
a reservation on the budgets ledger (`hold`), booked only through `budgets.services`.

In force, the owner reports per reporting period; a partner may dispute a report and the
owner may respond. Schouwen that check an agreement are linked by a foreign key named by
string: the app never imports `inspections` (same layer), it only reads the rows.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wijkwerk.agenda.models import AgendaItem, Goal, Theme
from wijkwerk.areas.models import Area, area_key, municipality_key
from wijkwerk.budgets.models import Account
from wijkwerk.organisations.models import Organisation

USER = settings.AUTH_USER_MODEL


class AgreementKind(models.TextChoices):
    PERFORMANCE = "prestatieafspraak", _("prestatieafspraak")
    RESIDENT_MANAGEMENT = "bewonersbeheer", _("beheerovereenkomst with residents")
    BUURTBEHEER = "buurtbeheerbedrijf", _("beheerovereenkomst with a buurtbeheerbedrijf")


MANAGEMENT_KINDS = frozenset({AgreementKind.RESIDENT_MANAGEMENT, AgreementKind.BUURTBEHEER})


class Unit(models.TextChoices):
    NUMBER = "number", _("count")
    PERCENT = "percent", _("percent")
    EURO = "euro", _("euro")
    HOURS = "hours", _("hours")
    YES_NO = "yes_no", _("yes/no")


class AgreementStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    TO_SIGN = "to_sign", _("to be signed")
    IN_FORCE = "in_force", _("in force")
    CLOSED = "closed", _("closed and evaluated")


# The only status changes there are. TO_SIGN → DRAFT is taking a proposal back; TO_SIGN →
# IN_FORCE happens by itself when the last party signs.
TRANSITIONS: dict[str, frozenset[str]] = {
    AgreementStatus.DRAFT: frozenset({AgreementStatus.TO_SIGN}),
    AgreementStatus.TO_SIGN: frozenset({AgreementStatus.DRAFT, AgreementStatus.IN_FORCE}),
    AgreementStatus.IN_FORCE: frozenset({AgreementStatus.CLOSED}),
    AgreementStatus.CLOSED: frozenset(),
}
EDITABLE = frozenset({AgreementStatus.DRAFT, AgreementStatus.TO_SIGN})
PUBLIC = frozenset({AgreementStatus.IN_FORCE, AgreementStatus.CLOSED})


class ReportEvery(models.IntegerChoices):
    QUARTER = 3, _("every quarter")
    HALF_YEAR = 6, _("every half year")
    YEAR = 12, _("every year")


class Agreement(models.Model):
    municipality = municipality_key("agreements")
    area = area_key(
        _("wijk or buurt"),
        "agreements",
        optional=True,
        help_text=_("Leave empty for an agreement for the whole municipality."),
    )
    other_areas = models.ManyToManyField(
        Area,
        verbose_name=_("also concerns"),
        blank=True,
        related_name="+",
        help_text=_("Other wijken or buurten of the same municipality this also concerns."),
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=AgreementKind.choices, default=AgreementKind.PERFORMANCE
    )
    title = models.CharField(_("what"), max_length=200)
    reason = models.TextField(_("why"))
    approach = models.TextField(_("how"), blank=True)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))
    owner_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("by whom (owner)"),
        on_delete=models.PROTECT,
        related_name="owned_agreements",
    )
    theme = models.ForeignKey(
        Theme, verbose_name=_("theme"), null=True, blank=True, on_delete=models.SET_NULL
    )
    indicator = models.CharField(_("indicator"), max_length=200)
    unit = models.CharField(_("unit"), max_length=10, choices=Unit.choices)
    baseline = models.DecimalField(
        _("baseline"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    target = models.DecimalField(_("target"), max_digits=14, decimal_places=2)
    report_every = models.PositiveSmallIntegerField(
        _("reporting frequency"), choices=ReportEvery.choices, default=ReportEvery.QUARTER
    )
    geometry = models.JSONField(_("area on the map (GeoJSON)"), null=True, blank=True)
    agenda_items = models.ManyToManyField(
        AgendaItem, verbose_name=_("wijkagenda items"), blank=True, related_name="+"
    )
    goals = models.ManyToManyField(
        Goal, verbose_name=_("goals of the WOP"), blank=True, related_name="+"
    )
    inspections = models.ManyToManyField(
        "inspections.Inspection",
        verbose_name=_("wijkschouwen that check it"),
        blank=True,
        related_name="+",
    )
    # Management money (beheergelden): reserved on the ledger from `budget` into `hold`.
    budget = models.ForeignKey(
        Account,
        verbose_name=_("paid from"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    hold = models.ForeignKey(
        Account, null=True, blank=True, on_delete=models.PROTECT, related_name="+", editable=False
    )
    management_cents = models.BigIntegerField(_("management money (cents)"), default=0)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=AgreementStatus.choices,
        default=AgreementStatus.DRAFT,
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    evaluation = models.TextField(_("evaluation"), blank=True)
    in_force_at = models.DateTimeField(_("in force since"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    created_by = models.ForeignKey(
        USER, verbose_name=_("drawn up by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        ordering = ["-starts_on", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="agreement_period_order"
            ),
            models.CheckConstraint(
                condition=Q(management_cents__gte=0), name="agreement_money_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_public(self) -> bool:
        return self.status in PUBLIC

    @property
    def is_management(self) -> bool:
        return self.kind in MANAGEMENT_KINDS

    @property
    def scope_name(self) -> str:
        return self.area.name if self.area_id else self.municipality.name


class Party(models.Model):
    """An organisation bound by the agreement, with what it puts in."""

    agreement = models.ForeignKey(
        Agreement, verbose_name=_("agreement"), on_delete=models.CASCADE, related_name="parties"
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="+"
    )
    contribution = models.CharField(_("what it does"), max_length=300, blank=True)
    money_cents = models.BigIntegerField(_("money committed (cents)"), default=0)
    hours = models.PositiveIntegerField(_("hours committed"), default=0)

    class Meta:
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "organisation"], name="party_once"),
            models.CheckConstraint(condition=Q(money_cents__gte=0), name="party_money_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.agreement}"


class Signature(models.Model):
    """A party's acceptance of one version; voided when that version changes."""

    party = models.ForeignKey(
        Party, verbose_name=_("party"), on_delete=models.CASCADE, related_name="signatures"
    )
    version = models.PositiveIntegerField(_("version"))
    signed_by = models.ForeignKey(
        USER, verbose_name=_("signed by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    signed_at = models.DateTimeField(_("signed at"), auto_now_add=True)
    remark = models.CharField(_("remark"), max_length=500, blank=True)
    voided_at = models.DateTimeField(_("voided at"), null=True, blank=True)

    class Meta:
        verbose_name = _("signature")
        verbose_name_plural = _("signatures")
        ordering = ["signed_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["party"], condition=Q(voided_at__isnull=True), name="one_valid_signature"
            )
        ]

    def __str__(self) -> str:
        return f"{self.party.organisation} v{self.version}"


class ReportingPeriod(models.Model):
    agreement = models.ForeignKey(
        Agreement, verbose_name=_("agreement"), on_delete=models.CASCADE, related_name="periods"
    )
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))
    due_on = models.DateField(_("report due"))
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminded at"), null=True, blank=True)

    class Meta:
        verbose_name = _("reporting period")
        verbose_name_plural = _("reporting periods")
        ordering = ["agreement", "starts_on"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "starts_on"], name="period_once"),
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="period_order"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.starts_on:%d-%m-%Y} – {self.ends_on:%d-%m-%Y}"

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None


class ProgressReport(models.Model):
    """What the owner delivered in one period."""

    period = models.OneToOneField(
        ReportingPeriod, verbose_name=_("period"), on_delete=models.CASCADE, related_name="report"
    )
    value = models.DecimalField(_("value of the indicator"), max_digits=14, decimal_places=2)
    narrative = models.TextField(_("what was done"))
    evidence = models.FileField(_("evidence"), upload_to="agreements/%Y/%m/", blank=True)
    evidence_link = models.URLField(_("link to evidence"), blank=True)
    money_spent_cents = models.BigIntegerField(_("money spent (cents)"), null=True, blank=True)
    hours_spent = models.PositiveIntegerField(_("hours spent"), null=True, blank=True)
    reported_by = models.ForeignKey(
        USER, verbose_name=_("reported by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reported_at = models.DateTimeField(_("reported at"), auto_now_add=True)

    class Meta:
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        ordering = ["period__starts_on"]

    def __str__(self) -> str:
        return f"{self.period.agreement} – {self.period}"

    @property
    def agreement(self) -> Agreement:
        return self.period.agreement


class Dispute(models.Model):
    """A partner does not agree with a report; the owner may respond."""

    report = models.ForeignKey(
        ProgressReport,
        verbose_name=_("progress report"),
        on_delete=models.CASCADE,
        related_name="disputes",
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("disputed by"), on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField(_("reason"))
    raised_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    raised_at = models.DateTimeField(_("raised at"), auto_now_add=True)
    response = models.TextField(_("response of the owner"), blank=True)
    responded_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    responded_at = models.DateTimeField(_("responded at"), null=True, blank=True)

    class Meta:
        verbose_name = _("dispute")
        verbose_name_plural = _("disputes")
        ordering = ["raised_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["report", "organisation"], name="dispute_once")
        ]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.reason[:40]}"
