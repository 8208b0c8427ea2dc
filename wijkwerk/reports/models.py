"""Meldingen openbare ruimte: reports about public space, with a handling deadline.

A municipality keeps a two-level category tree; each category has a handling term (working
or calendar days, see `deadlines.py`) and a responsible organisation, which routing rules
may replace per wijk or buurt (a corporatie handles its own complexes). A report is placed
in its buurt and wijk by its coordinates and moves through the statuses of `TRANSITIONS`;
every change is a `ReportUpdate` with a message for the reporter.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wijkwerk.areas.models import Area, area_key, municipality_key
from wijkwerk.organisations.models import Organisation


class DayType(models.TextChoices):
    WORKING = "working", _("working days")
    CALENDAR = "calendar", _("calendar days")


class Category(models.Model):
    municipality = municipality_key("report_categories", on_delete=models.CASCADE)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("main category"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
    )
    # The Open311 service_code: stable, lowercase, unique per municipality.
    code = models.SlugField(_("code"), max_length=80)
    name = models.CharField(_("name"), max_length=120)
    description = models.CharField(_("description"), max_length=300, blank=True)
    handling_days = models.PositiveSmallIntegerField(_("handling term"), default=5)
    day_type = models.CharField(
        _("counted in"), max_length=10, choices=DayType.choices, default=DayType.WORKING
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("responsible organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="report_categories",
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("report category")
        verbose_name_plural = _("report categories")
        ordering = ["parent__name", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "code"], name="category_code_per_municipality"
            )
        ]

    def __str__(self) -> str:
        return f"{self.parent.name}: {self.name}" if self.parent_id else self.name


class RoutingRule(models.Model):
    """In this wijk or buurt, reports of this category go to another organisation."""

    category = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="routing")
    area = models.ForeignKey(Area, verbose_name=_("wijk or buurt"), on_delete=models.CASCADE)
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("handled by"), on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        verbose_name = _("routing rule")
        verbose_name_plural = _("routing rules")
        constraints = [
            models.UniqueConstraint(fields=["category", "area"], name="one_route_per_area")
        ]

    def __str__(self) -> str:
        return f"{self.category} @ {self.area} → {self.organisation}"


class Status(models.TextChoices):
    REPORTED = "reported", _("reported")
    IN_PROGRESS = "in_progress", _("in progress")
    ON_HOLD = "on_hold", _("on hold")
    FORWARDED = "forwarded", _("forwarded to another organisation")
    HANDLED = "handled", _("handled")
    REOPENED = "reopened", _("reopened")
    CANCELLED = "cancelled", _("cancelled")


TRANSITIONS: dict[str, frozenset[str]] = {
    Status.REPORTED: frozenset(
        {Status.IN_PROGRESS, Status.ON_HOLD, Status.FORWARDED, Status.HANDLED, Status.CANCELLED}
    ),
    Status.IN_PROGRESS: frozenset(
        {Status.ON_HOLD, Status.FORWARDED, Status.HANDLED, Status.CANCELLED}
    ),
    Status.ON_HOLD: frozenset({Status.IN_PROGRESS, Status.FORWARDED, Status.HANDLED}),
    Status.FORWARDED: frozenset({Status.IN_PROGRESS, Status.HANDLED}),
    Status.HANDLED: frozenset({Status.REOPENED}),
    Status.REOPENED: frozenset(
        {Status.IN_PROGRESS, Status.ON_HOLD, Status.FORWARDED, Status.HANDLED}
    ),
    Status.CANCELLED: frozenset(),
}
OPEN_STATUSES = frozenset(
    {Status.REPORTED, Status.IN_PROGRESS, Status.ON_HOLD, Status.FORWARDED, Status.REOPENED}
)


class Channel(models.TextChoices):
    WEB = "web", _("website")
    PHONE = "phone", _("telephone")
    LETTER = "letter", _("letter")
    DESK = "desk", _("at the desk")
    API = "api", _("app or partner system")


class ReportQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=OPEN_STATUSES)

    def overdue(self, now):
        return self.open().filter(deadline__lt=now)


class Report(models.Model):
    municipality = municipality_key("reports")
    category = models.ForeignKey(
        Category, verbose_name=_("category"), on_delete=models.PROTECT, related_name="reports"
    )
    description = models.TextField(_("description"))
    lat = models.FloatField(_("latitude"))
    lon = models.FloatField(_("longitude"))
    address = models.CharField(_("address"), max_length=200, blank=True)
    wijk = area_key(_("wijk"), "+", on_delete=models.SET_NULL, optional=True)
    buurt = area_key(_("buurt"), "+", on_delete=models.SET_NULL, optional=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.REPORTED
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("handled by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reports",
    )
    channel = models.CharField(_("received by"), max_length=10, choices=Channel.choices)
    # Personal data: shown only to the report's handlers, removed after the retention period.
    reporter_email = models.EmailField(_("e-mail for updates"), blank=True)
    reporter_name = models.CharField(_("name"), max_length=120, blank=True)
    reporter_phone = models.CharField(_("phone"), max_length=30, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    personal_data_removed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(_("reported at"), auto_now_add=True, db_index=True)
    deadline = models.DateTimeField(_("to be handled by"))
    handled_at = models.DateTimeField(_("handled at"), null=True, blank=True)
    escalated_at = models.DateTimeField(_("escalated at"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    duplicate_of = models.ForeignKey(
        "self",
        verbose_name=_("same as"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="duplicates",
    )

    objects = ReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["municipality", "status", "-created_at"]),
            models.Index(fields=["category", "buurt", "-created_at"]),
            models.Index(fields=["wijk", "-created_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(lat__gte=-90, lat__lte=90, lon__gte=-180, lon__lte=180),
                name="report_coordinates_wgs84",
            )
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.category}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


def photo_path(instance: "ReportPhoto", filename: str) -> str:
    return f"reports/{instance.report_id}/{instance.report_id}-{filename.rsplit('/', 1)[-1]}"


class ReportPhoto(models.Model):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(_("photo"), upload_to=photo_path)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")

    def __str__(self) -> str:
        return self.image.name


class ReportUpdate(models.Model):
    """One step in a report's history, with the message the reporter gets."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="updates")
    status_from = models.CharField(max_length=20, choices=Status.choices, blank=True)
    status_to = models.CharField(max_length=20, choices=Status.choices)
    message = models.TextField(_("message to the reporter"))
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    mailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("report update")
        verbose_name_plural = _("report updates")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.report_id}: {self.status_to}"


class PatternStatus(models.TextChoices):
    PROPOSED = "proposed", _("proposed")
    ON_AGENDA = "on_agenda", _("put on the wijkagenda")
    DISMISSED = "dismissed", _("dismissed")


class RecurringPattern(models.Model):
    """Reports of one category that keep coming back in one buurt: a cause to look at on
    the wijkagenda instead of "brandjes blussen"."""

    wijk = models.ForeignKey(
        Area, verbose_name=_("wijk"), on_delete=models.CASCADE, related_name="+"
    )
    buurt = area_key(_("buurt"), "+", on_delete=models.CASCADE, optional=True)
    category = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="patterns")
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("to"))
    reports = models.ManyToManyField(Report, related_name="patterns")
    status = models.CharField(
        _("status"), max_length=12, choices=PatternStatus.choices, default=PatternStatus.PROPOSED
    )
    agenda_item_id = models.PositiveBigIntegerField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("recurring reports")
        verbose_name_plural = _("recurring reports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.category} in {self.buurt or self.wijk}"
