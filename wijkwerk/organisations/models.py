"""The partners of wijkgericht werken, per municipality, with departments as children."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from wijkwerk.areas.models import municipality_key


class OrganisationKind(models.TextChoices):
    GEMEENTE = "gemeente", _("municipality")
    CORPORATIE = "corporatie", _("housing corporation")
    WELZIJN = "welzijn", _("welfare organisation")
    POLITIE = "politie", _("police")
    ONDERWIJS = "onderwijs", _("education")
    ZORG = "zorg", _("care")
    WINKELIERS = "winkeliers", _("shopkeepers")
    BEWONERS = "bewoners", _("residents' organisation")
    OVERIG = "overig", _("other")


class Organisation(models.Model):
    municipality = municipality_key("organisations", on_delete=models.CASCADE)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="departments",
        help_text=_("For a department: the organisation it belongs to."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=OrganisationKind.choices)
    name = models.CharField(_("name"), max_length=160)
    short_name = models.CharField(_("short name"), max_length=40, blank=True)
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("public e-mail"), blank=True)
    phone = models.CharField(_("public phone number"), max_length=30, blank=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "name"], name="organisation_name_per_municipality"
            )
        ]

    def __str__(self) -> str:
        if self.parent_id:
            return f"{self.parent} – {self.name}"
        return self.name

    @property
    def display_name(self) -> str:
        return self.short_name or str(self)

    def clean(self) -> None:
        if self.parent_id and self.parent.municipality_id != self.municipality_id:
            raise ValidationError(
                {"parent": _("A department belongs to an organisation of the same municipality.")}
            )
        if self.parent_id and self.parent.parent_id:
            raise ValidationError({"parent": _("Departments are one level deep.")})
