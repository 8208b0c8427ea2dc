from datetime import date

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkwerk.areas.models import Area, Municipality, area_key
from wijkwerk.organisations.models import Organisation

from .roles import Role


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create(self, email: str, password: str | None, **extra):
        if not email:
            raise ValueError("An e-mail address is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra):
        extra.update(is_staff=True, is_superuser=True)
        return self._create(email, password, **extra)


class User(AbstractUser):
    """A person, logging in with an e-mail address."""

    username = None  # type: ignore[assignment]
    first_name = None  # type: ignore[assignment]
    last_name = None  # type: ignore[assignment]
    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(_("name"), max_length=150, blank=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["email"]

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name or self.email

    def get_short_name(self) -> str:
        return (self.full_name or self.email).split(" ")[0]


class RoleAssignmentQuerySet(models.QuerySet):
    def current(self) -> "RoleAssignmentQuerySet":
        today = timezone.localdate()
        return self.filter(
            models.Q(starts_on__isnull=True) | models.Q(starts_on__lte=today),
            models.Q(ends_on__isnull=True) | models.Q(ends_on__gte=today),
        )


class RoleAssignment(models.Model):
    """A person holds a role in an area (or the whole municipality) for an organisation."""

    user = models.ForeignKey(
        User, verbose_name=_("person"), on_delete=models.CASCADE, related_name="roles"
    )
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    municipality = models.ForeignKey(
        Municipality, verbose_name=_("municipality"), on_delete=models.CASCADE, related_name="+"
    )
    area = area_key(
        _("wijk"),
        "role_assignments",
        on_delete=models.CASCADE,
        optional=True,
        help_text=_("Leave empty for a role in the whole municipality."),
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("on behalf of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="role_assignments",
    )
    starts_on = models.DateField(_("from"), null=True, blank=True)
    ends_on = models.DateField(_("until"), null=True, blank=True)
    is_public_contact = models.BooleanField(
        _("show as contact on the public wijk page"), default=False
    )
    public_email = models.EmailField(_("work e-mail shown to residents"), blank=True)
    public_phone = models.CharField(_("work phone shown to residents"), max_length=30, blank=True)

    objects = RoleAssignmentQuerySet.as_manager()
    # Set on the roles a plaatsvervanger borrows (accounts.selectors): whom they stand in for.
    stands_in_for: "User | None" = None

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        ordering = ["municipality", "area", "role"]
        constraints = [
            # Coalesce makes "no area" / "no organisation" count as one value on both databases.
            # One role may be held again after it ended: a new period, a new row (the
            # services refuse overlapping periods; an ended role is never deleted).
            models.UniqueConstraint(
                "user",
                "role",
                "municipality",
                Coalesce("area", 0),
                Coalesce("organisation", 0),
                "starts_on",
                name="role_assignment_unique_period",
            ),
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(starts_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="role_assignment_period",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} – {self.area or self.municipality}"

    def clean(self) -> None:
        errors = {}
        if self.area_id and self.area.municipality_id != self.municipality_id:
            errors["area"] = _("This area lies in another municipality.")
        if self.area_id and not self.area.is_wijk:
            errors["area"] = _("Roles are held per wijk or village, or for the whole municipality.")
        if self.organisation_id and self.organisation.municipality_id != self.municipality_id:
            errors["organisation"] = _("This organisation works in another municipality.")
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = _("The end date lies before the start date.")
        if errors:
            raise ValidationError(errors)

    def covers(self, area: Area | None, municipality_id: int) -> bool:
        if self.municipality_id != municipality_id:
            return False
        if self.area_id is None:
            return True
        return area is not None and self.area_id in (area.pk, area.parent_id)


class SubstitutionQuerySet(models.QuerySet):
    def on(self, day: "date") -> "SubstitutionQuerySet":
        return self.filter(starts_on__lte=day, ends_on__gte=day)


class Substitution(models.Model):
    """A plaatsvervanger: from `starts_on` to `ends_on` (both included) `substitute` stands
    in for `absent` in one municipality, with every role `absent` holds there; the
    substitute's werkplek and permissions then include those roles (accounts.selectors)."""

    absent = models.ForeignKey(
        User, verbose_name=_("stands in for"), on_delete=models.CASCADE, related_name="stand_ins"
    )
    substitute = models.ForeignKey(
        User,
        verbose_name=_("plaatsvervanger"),
        on_delete=models.CASCADE,
        related_name="standing_in",
    )
    municipality = models.ForeignKey(
        Municipality, verbose_name=_("municipality"), on_delete=models.CASCADE, related_name="+"
    )
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))
    reason = models.CharField(_("reason"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = SubstitutionQuerySet.as_manager()

    class Meta:
        verbose_name = _("plaatsvervanger")
        verbose_name_plural = _("plaatsvervangers")
        ordering = ["starts_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="substitution_period",
            ),
            models.CheckConstraint(
                condition=~models.Q(absent=models.F("substitute")),
                name="substitution_not_oneself",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.substitute} ↔ {self.absent} ({self.starts_on} – {self.ends_on})"
