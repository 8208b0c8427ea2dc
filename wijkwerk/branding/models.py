"""A municipality's own look on Wijkwerk: its name as shown, logo, colours and contact details.

Every page of the municipality (every URL under /gemeente/<slug>/) links the small stylesheet
`branding:theme_css`, which sets Wijkwerk's design tokens (CSS custom properties) to these
colours; the content-security policy stays without inline styles. The colours are checked for
WCAG AA contrast before they are saved (`services.theme_update`).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wijkwerk.areas.models import Municipality

# Wijkwerk's own colours: what a municipality without a theme looks like.
DEFAULT_PRIMARY = "#0b4f8a"
DEFAULT_PRIMARY_TEXT = "#ffffff"
DEFAULT_ACCENT = "#eef3f8"
# The body text colour (site.css --ink); the accent colour must carry it.
INK = "#1b1b1b"
WHITE = "#ffffff"


class LogoKind(models.TextChoices):
    SVG = "image/svg+xml", "SVG"
    PNG = "image/png", "PNG"


class Theme(models.Model):
    municipality = models.OneToOneField(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.CASCADE,
        related_name="theme",
    )
    display_name = models.CharField(
        _("name in the header"),
        max_length=120,
        help_text=_("As residents know it, e.g. Gemeente Den Helder."),
    )
    tagline = models.CharField(_("line under the name"), max_length=160, blank=True)
    primary_color = models.CharField(_("primary colour"), max_length=7, default=DEFAULT_PRIMARY)
    primary_text_color = models.CharField(
        _("text colour on the primary colour"), max_length=7, default=DEFAULT_PRIMARY_TEXT
    )
    accent_color = models.CharField(
        _("light background colour"), max_length=7, default=DEFAULT_ACCENT
    )
    logo = models.BinaryField(_("logo"), blank=True, default=b"", editable=True)
    logo_type = models.CharField(
        _("logo file type"), max_length=20, choices=LogoKind.choices, blank=True
    )
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone number"), max_length=30, blank=True)
    postal_address = models.TextField(_("visiting or postal address"), blank=True)
    website = models.URLField(_("the municipality's own website"), blank=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self) -> str:
        return self.display_name

    @property
    def primary_hover_color(self) -> str:
        from .contrast import hover_shade

        return hover_shade(self.primary_color, self.primary_text_color)

    @property
    def version(self) -> str:
        """Changes whenever the theme does: in the stylesheet's and logo's URL, so browsers
        may cache them for long and still see a new theme at once."""
        return self.updated_at.strftime("%Y%m%d%H%M%S%f") if self.updated_at else "0"


class Statement(models.Model):
    """The installation's toegankelijkheidsverklaring and privacy statement (one row)."""

    class Status(models.TextChoices):
        FULL = "full", _("meets the requirements in full")
        PARTIAL = "partial", _("meets the requirements in part")
        FIRST_STEPS = "first_steps", _("has taken first measures")
        NONE = "none", _("does not meet the requirements")

    organisation = models.CharField(
        _("organisation responsible"), max_length=160, default="Wijkwerk"
    )
    a11y_status = models.CharField(
        _("accessibility status"), max_length=20, choices=Status.choices, default=Status.PARTIAL
    )
    a11y_audit_date = models.DateField(_("date of the last audit"), null=True, blank=True)
    a11y_audit_by = models.CharField(_("audit done by"), max_length=160, blank=True)
    a11y_known_issues = models.TextField(_("known problems"), blank=True)
    a11y_contact_email = models.EmailField(_("report an accessibility problem to"), blank=True)
    privacy_contact_email = models.EmailField(_("privacy questions to"), blank=True)
    privacy_officer = models.CharField(
        _("data protection officer (FG)"), max_length=160, blank=True
    )
    privacy_text = models.TextField(_("additions to the privacy statement"), blank=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        verbose_name = _("accessibility and privacy statement")
        verbose_name_plural = _("accessibility and privacy statements")

    def __str__(self) -> str:
        return str(self.organisation)
