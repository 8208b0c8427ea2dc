"""Bodies (overleggen) of a wijk, their meetings with agenda, minutes and action points, and
the tokens of personal calendar feeds.

A body meets at a cadence: N times a year, or once every N years (the raad's "Vertel het de
raad" once per term). Its meetings are generated per year by `planning.py` and then moved or
cancelled by the secretary; each move or cancellation raises the meeting's `sequence`, so
that calendar subscribers (iCalendar, `ical.py`) see the change under the same `uid`.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from wijkwerk.agenda.models import AgendaItem
from wijkwerk.areas.models import Area, Municipality
from wijkwerk.organisations.models import Organisation


class BodyKind(models.TextChoices):
    WIJKPLATFORM = "wijkplatform", _("wijkplatform")
    COORDINATION_TEAM = "wijkcoordinatieteam", _("wijkcoördinatieteam")
    PARTNERS = "wijkpartners", _("wijkpartners meeting (wijkcontactmoment)")
    WETHOUDER_MEETING = "wijkwethouder", _("wijkoverleg with the wijkwethouder")
    SPREEKUUR = "spreekuur", _("spreekuur of the wijkwethouder")
    COLLEGE_VISIT = "college_wijkbezoek", _("wijkbezoek of the college")
    RAAD_VISIT = "raad_wijkbezoek", _("wijkbezoek of the raad")
    TELL_THE_RAAD = "vertel_het_de_raad", _("'Vertel het de raad'")
    WERKATELIER = "werkatelier", _("werkatelier")
    SNELKOOKSESSIE = "snelkooksessie", _("snelkooksessie")
    INFO_MEETING = "voorlichting", _("information meeting")
    OTHER = "overig", _("other meeting")


# Bodies whose meetings are called when needed, not planned after a cadence: the open
# sessions anyone may sign up for, and the information meetings residents ask for.
SESSION_KINDS = (BodyKind.WERKATELIER, BodyKind.SNELKOOKSESSIE)
ON_DEMAND_KINDS = (*SESSION_KINDS, BodyKind.INFO_MEETING)


class Body(models.Model):
    """An overleg of a wijk with its members and cadence."""

    area = models.ForeignKey(
        Area, verbose_name=_("wijk"), on_delete=models.CASCADE, related_name="bodies"
    )
    kind = models.CharField(_("kind"), max_length=24, choices=BodyKind.choices)
    name = models.CharField(_("name"), max_length=160)
    is_public = models.BooleanField(
        _("public"), default=True, help_text=_("Anyone may attend and see its meetings.")
    )
    per_year = models.PositiveSmallIntegerField(_("meetings per year"), default=1)
    every_years = models.PositiveSmallIntegerField(
        _("once every so many years"),
        default=1,
        help_text=_("For a body that meets less than once a year, e.g. 3: once per three years."),
    )
    first_year = models.PositiveSmallIntegerField(
        _("first year"),
        null=True,
        blank=True,
        help_text=_("For a body that meets once every few years: a year in which it meets."),
    )
    start_time = models.TimeField(_("usual start time"))
    duration_minutes = models.PositiveSmallIntegerField(_("usual duration (minutes)"), default=90)
    location = models.CharField(_("usual location"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("body")
        verbose_name_plural = _("bodies")
        ordering = ["area", "name"]
        constraints = [
            models.UniqueConstraint(fields=["area", "name"], name="body_name_unique_per_wijk"),
            models.CheckConstraint(
                condition=models.Q(per_year__gte=1) & models.Q(every_years__gte=1),
                name="body_cadence_positive",
            ),
            models.CheckConstraint(
                condition=models.Q(per_year=1) | models.Q(every_years=1),
                name="body_cadence_one_kind",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def municipality(self) -> Municipality:
        return self.area.municipality

    def meets_in(self, year: int) -> bool:
        if self.every_years == 1:
            return True
        anchor = self.first_year or year
        return (year - anchor) % self.every_years == 0

    @property
    def on_demand(self) -> bool:
        return self.kind in ON_DEMAND_KINDS

    @property
    def visits_in_turn(self) -> bool:
        """The college's wijkbezoek goes to one wijk per round, the wijken in turn (Den
        Helder: every three months a wijk), not to every wijk each round."""
        return self.kind == BodyKind.COLLEGE_VISIT and self.every_years == 1

    def cadence_display(self) -> str:
        if self.on_demand:
            return _("when called")
        if self.every_years > 1:
            return _("once every %(n)s years") % {"n": self.every_years}
        if self.visits_in_turn:
            return _("%(n)s times a year in the whole municipality, one wijk a time") % {
                "n": self.per_year
            }
        if self.per_year == 1:
            return _("once a year")
        return _("%(n)s times a year") % {"n": self.per_year}


class Membership(models.Model):
    """A person in a body: on behalf of an organisation with its mandate, or as a resident
    (no organisation, or a residents' organisation)."""

    body = models.ForeignKey(
        Body, verbose_name=_("body"), on_delete=models.CASCADE, related_name="members"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("on behalf of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    mandate = models.CharField(
        _("mandate"),
        max_length=300,
        blank=True,
        help_text=_("What this member may decide on behalf of the organisation."),
    )
    is_chair = models.BooleanField(_("chair"), default=False)

    class Meta:
        verbose_name = _("member")
        verbose_name_plural = _("members")
        ordering = ["-is_chair", "id"]
        constraints = [
            models.UniqueConstraint(fields=["body", "user"], name="membership_unique"),
            models.UniqueConstraint(
                fields=["body"], condition=models.Q(is_chair=True), name="body_one_chair"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.body}"

    @property
    def is_resident_seat(self) -> bool:
        return self.organisation is None or self.organisation.kind == "bewoners"


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    HELD = "held", _("held")
    CANCELLED = "cancelled", _("cancelled")


class Meeting(models.Model):
    body = models.ForeignKey(
        Body, verbose_name=_("body"), on_delete=models.CASCADE, related_name="meetings"
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    location = models.CharField(_("location"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED
    )
    cancel_reason = models.CharField(_("reason for cancelling"), max_length=300, blank=True)
    minutes = models.TextField(_("minutes"), blank=True)
    decisions = models.TextField(_("decisions"), blank=True)
    # iCalendar: one uid for the meeting's whole life, and a sequence that rises with every
    # change subscribers must see (moved, cancelled).
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    sequence = models.PositiveIntegerField(default=0, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["starts_at", "id"]
        indexes = [models.Index(fields=["body", "starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="meeting_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.body} – {self.starts_at:%Y-%m-%d}"


class PointStatus(models.TextChoices):
    PROPOSED = "proposed", _("proposed by a resident")
    ACCEPTED = "accepted", _("on the agenda")
    DECLINED = "declined", _("declined")


class AgendaPoint(models.Model):
    """A point on a meeting's agenda; it may link an item of the wijkagenda."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="points"
    )
    title = models.CharField(_("point"), max_length=200)
    description = models.TextField(_("explanation"), blank=True)
    agenda_item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("wijkagenda item"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=PointStatus.choices, default=PointStatus.ACCEPTED
    )
    decline_reason = models.CharField(_("reason for declining"), max_length=300, blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("agenda point")
        verbose_name_plural = _("agenda points")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.title


class Presence(models.TextChoices):
    PRESENT = "present", _("present")
    EXCUSED = "excused", _("absent with notice")
    ABSENT = "absent", _("absent")


class Attendance(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.CASCADE
    )
    presence = models.CharField(_("presence"), max_length=10, choices=Presence.choices)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "user"], name="attendance_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.presence}"


class ActionPoint(models.Model):
    """An agreement made in a meeting: who does what by when. It becomes (or updates) an item
    of the wijkagenda, which points back here by origin kind + id."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="actions"
    )
    title = models.CharField(_("action"), max_length=200)
    description = models.TextField(_("explanation"), blank=True)
    owner_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("probleemeigenaar"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    due_date = models.DateField(_("ready by"), null=True, blank=True)
    agenda_item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("wijkagenda item"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("action point")
        verbose_name_plural = _("action points")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.title


class CalendarToken(models.Model):
    """The secret of a person's calendar feed; only its keyed hash is stored."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_tokens"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("calendar link")
        verbose_name_plural = _("calendar links")

    def __str__(self) -> str:
        return f"{self.user} ({self.created_at:%Y-%m-%d})"


class OpenSession(models.Model):
    """A werkatelier or snelkooksessie: a meeting anyone with a stake, ambition or interest
    may join by signing up (Den Helder's programme 2012-2015, seed 003). Its time, place,
    status, calendar identity, minutes and action points are those of its meeting."""

    meeting = models.OneToOneField(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="session"
    )
    topic = models.CharField(_("topic"), max_length=200)
    description = models.TextField(_("what it is about"), blank=True)
    capacity = models.PositiveSmallIntegerField(
        _("places"), help_text=_("How many people can take part.")
    )
    signup_deadline = models.DateTimeField(_("sign up before"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("open session")
        verbose_name_plural = _("open sessions")
        ordering = ["meeting__starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(capacity__gte=1), name="session_capacity_positive"
            )
        ]

    def __str__(self) -> str:
        return self.topic


class SignUp(models.Model):
    """A person taking part in an open session. The cancel link carries a signed token with
    the sign-up's id and its nonce; a cancelled sign-up keeps its row for the count."""

    session = models.ForeignKey(
        OpenSession, verbose_name=_("session"), on_delete=models.CASCADE, related_name="signups"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    name = models.CharField(_("name"), max_length=120)
    email = models.EmailField(_("e-mail address"))
    organisation = models.CharField(
        _("organisation or role in the wijk"), max_length=160, blank=True
    )
    nonce = models.CharField(max_length=32, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    cancelled_at = models.DateTimeField(_("signed off at"), null=True, blank=True)

    class Meta:
        verbose_name = _("sign-up")
        verbose_name_plural = _("sign-ups")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "email"],
                condition=models.Q(cancelled_at__isnull=True),
                name="signup_once_per_email",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} – {self.session}"


class RequestStatus(models.TextChoices):
    PENDING = "pending", _("waiting for an answer")
    GRANTED = "granted", _("granted")
    REFUSED = "refused", _("refused")


class InfoMeetingRequest(models.Model):
    """Residents ask for an information meeting (voorlichtingsbijeenkomst) in their wijk.
    The raad promised one per wijk per term and more when residents ask (seed 004); staff
    grant it with a date (a planned meeting) or refuse it with a public reason."""

    area = models.ForeignKey(
        Area, verbose_name=_("wijk"), on_delete=models.CASCADE, related_name="info_requests"
    )
    topic = models.CharField(_("topic"), max_length=200)
    explanation = models.TextField(_("explanation"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=RequestStatus.choices, default=RequestStatus.PENDING
    )
    answer = models.TextField(_("answer"), blank=True)
    meeting = models.OneToOneField(
        Meeting,
        verbose_name=_("meeting"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="info_request",
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    created_at = models.DateTimeField(_("asked at"), auto_now_add=True)

    class Meta:
        verbose_name = _("request for an information meeting")
        verbose_name_plural = _("requests for an information meeting")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.topic
