"""Municipalities (the tenants) and their areas: wijken or dorpen, and buurten.

One installation serves many municipalities; every area belongs to exactly one, and a buurt
always lies inside a wijk (or dorp) of the same municipality. Codes follow CBS.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from . import codes


class AgendaAnsweredBy(models.TextChoices):
    WIJKMANAGER = "wijkmanager", _("the wijkmanager")
    WIJKPLATFORM = "wijkplatform", _("the wijkplatform")


class Municipality(models.Model):
    code = models.CharField(
        _("CBS code"), max_length=6, unique=True, validators=[codes.validate_municipality_code]
    )
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    geometry = models.JSONField(_("boundary (GeoJSON)"), null=True, blank=True)
    agenda_answered_by = models.CharField(
        _("who answers ideas on the wijkagenda"),
        max_length=20,
        choices=AgendaAnsweredBy.choices,
        default=AgendaAnsweredBy.WIJKMANAGER,
    )
    contact_email = models.EmailField(_("general contact e-mail"), blank=True)
    contact_phone = models.CharField(_("general phone number"), max_length=30, blank=True)
    # Where maps of the municipality open (WGS84); the boundary's centre when empty.
    map_lat = models.FloatField(_("map centre latitude"), null=True, blank=True)
    map_lon = models.FloatField(_("map centre longitude"), null=True, blank=True)

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class AreaKind(models.TextChoices):
    WIJK = "wijk", _("wijk")
    DORP = "dorp", _("village")
    BUURT = "buurt", _("buurt")


class AreaQuerySet(models.QuerySet):
    def wijken(self) -> "AreaQuerySet":
        """Wijken and dorpen: the level at which the wijkagenda is kept."""
        return self.filter(kind__in=[AreaKind.WIJK, AreaKind.DORP])

    def buurten(self) -> "AreaQuerySet":
        return self.filter(kind=AreaKind.BUURT)


class Area(models.Model):
    municipality = models.ForeignKey(
        Municipality, verbose_name=_("municipality"), on_delete=models.CASCADE, related_name="areas"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=AreaKind.choices)
    code = models.CharField(_("CBS code"), max_length=10, unique=True)
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=140)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("wijk"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
    )
    geometry = models.JSONField(_("boundary (GeoJSON)"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)

    objects = AreaQuerySet.as_manager()

    class Meta:
        verbose_name = _("area")
        verbose_name_plural = _("areas")
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "slug"], name="area_slug_per_municipality"
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(kind__in=["wijk", "dorp"], parent__isnull=True)
                    | models.Q(kind="buurt", parent__isnull=False)
                ),
                name="area_buurt_has_wijk_parent",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_wijk(self) -> bool:
        return self.kind in (AreaKind.WIJK, AreaKind.DORP)

    @property
    def wijk(self) -> "Area":
        """The wijk or dorp this area belongs to (itself for a wijk)."""
        return self if self.is_wijk else self.parent  # type: ignore[return-value]

    def clean(self) -> None:
        errors: dict[str, list[str]] = {}
        municipality = self.municipality if self.municipality_id else None
        if self.is_wijk:
            try:
                codes.validate_wijk_code(self.code)
            except ValidationError as e:
                errors.setdefault("code", []).extend(e.messages)
            if self.parent_id:
                errors.setdefault("parent", []).append(
                    str(
                        _(
                            "A wijk or village lies directly in its municipality: leave 'wijk' empty."
                        )
                    )
                )
        elif self.kind == AreaKind.BUURT:
            try:
                codes.validate_buurt_code(self.code)
            except ValidationError as e:
                errors.setdefault("code", []).extend(e.messages)
            parent = self.parent if self.parent_id else None
            if parent is None:
                errors.setdefault("parent", []).append(
                    str(_("A buurt must lie in a wijk: choose its wijk."))
                )
            elif not parent.is_wijk:
                errors.setdefault("parent", []).append(
                    str(_("A buurt must lie in a wijk or village, not in another buurt."))
                )
            else:
                if municipality and parent.municipality_id != municipality.pk:
                    errors.setdefault("parent", []).append(
                        str(_("The wijk %(wijk)s belongs to another municipality."))
                        % {"wijk": parent.code}
                    )
                if "code" not in errors and self.code[2:8] != parent.code[2:8]:
                    errors.setdefault("code", []).append(
                        str(
                            _(
                                "Buurt code %(code)s does not lie in wijk %(wijk)s: a buurt code "
                                "starts with BU and the 6 characters of its wijk (%(prefix)s…)."
                            )
                        )
                        % {
                            "code": self.code,
                            "wijk": parent.code,
                            "prefix": "BU" + parent.code[2:8],
                        }
                    )
        if (
            municipality
            and "code" not in errors
            and self.code
            and codes.municipality_digits(self.code) != codes.municipality_digits(municipality.code)
        ):
            errors.setdefault("code", []).append(
                str(_("Code %(code)s does not belong to municipality %(municipality)s (%(gm)s)."))
                % {
                    "code": self.code,
                    "municipality": municipality.name,
                    "gm": municipality.code,
                }
            )
        if errors:
            raise ValidationError(errors)


# How every app's rows point to their municipality (the tenant) and to a wijk or buurt: the
# same verbose name, and PROTECT unless the row is part of what it points to.


def municipality_key(
    related_name: str, *, on_delete: Any = models.PROTECT, **kwargs: Any
) -> models.ForeignKey:
    return models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=on_delete,
        related_name=related_name,
        **kwargs,
    )


def area_key(
    verbose_name: Any,
    related_name: str,
    *,
    on_delete: Any = models.PROTECT,
    optional: bool = False,
    **kwargs: Any,
) -> models.ForeignKey:
    """A wijk, village or buurt; `optional` when a row may also hold for the whole municipality."""
    if optional:
        kwargs.update(null=True, blank=True)
    return models.ForeignKey(
        Area, verbose_name=verbose_name, on_delete=on_delete, related_name=related_name, **kwargs
    )


class PostcodeArea(models.Model):
    """A 4-digit postcode (PC4) and a wijk it lies in: the postcode table that finds a
    resident's wijk offline and in the demo. A postcode that spans several wijken has a row
    for each, and the resident chooses."""

    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.CASCADE,
        related_name="postcodes",
    )
    postcode = models.CharField(_("postcode (4 digits)"), max_length=4)
    wijk = models.ForeignKey(
        Area, verbose_name=_("wijk"), on_delete=models.CASCADE, related_name="postcodes"
    )

    class Meta:
        verbose_name = _("postcode of a wijk")
        verbose_name_plural = _("postcodes of wijken")
        ordering = ["postcode", "wijk__code"]
        constraints = [
            models.UniqueConstraint(fields=["postcode", "wijk"], name="postcode_area_unique")
        ]
        indexes = [models.Index(fields=["postcode"], name="postcode_area_postcode")]

    def __str__(self) -> str:
        return f"{self.postcode} {self.wijk}"
