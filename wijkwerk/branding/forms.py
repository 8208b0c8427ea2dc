from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Statement, Theme
from .services import MAX_LOGO_BYTES


class ColourInput(forms.TextInput):
    """A colour as #rrggbb text: typed or pasted from a house-style guide."""

    def __init__(self) -> None:
        super().__init__(attrs={"class": "colour-input", "size": 9, "spellcheck": "false"})


class ThemeForm(forms.ModelForm):
    logo_file = forms.FileField(
        label=_("New logo"),
        required=False,
        help_text=_("SVG or PNG, at most 200 kB. Shown on a white background."),
        widget=forms.ClearableFileInput(attrs={"accept": ".svg,.png,image/svg+xml,image/png"}),
    )
    remove_logo = forms.BooleanField(label=_("Remove the current logo"), required=False)
    # A website typed without a scheme is an https one.
    website = forms.URLField(
        label=Theme._meta.get_field("website").verbose_name,
        required=False,
        assume_scheme="https",
    )

    class Meta:
        model = Theme
        fields = [
            "display_name",
            "tagline",
            "primary_color",
            "primary_text_color",
            "accent_color",
            "contact_email",
            "contact_phone",
            "postal_address",
            "website",
        ]
        widgets = {
            "primary_color": ColourInput(),
            "primary_text_color": ColourInput(),
            "accent_color": ColourInput(),
            "postal_address": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "primary_color": _(
                "The header, buttons and links. Needs a contrast of at least 4.5:1 with white."
            ),
            "primary_text_color": _(
                "Text on the primary colour, usually white (#ffffff). At least 4.5:1."
            ),
            "accent_color": _(
                "The footer and highlighted blocks. Body text and links on it need 4.5:1."
            ),
        }

    def clean_logo_file(self):
        upload = self.cleaned_data.get("logo_file")
        if upload and upload.size > MAX_LOGO_BYTES:
            raise forms.ValidationError(_("The logo is larger than 200 kB; make it smaller."))
        return upload

    def _post_clean(self) -> None:
        # The service checks and saves; the model's own validation would run twice.
        pass


class StatementForm(forms.ModelForm):
    class Meta:
        model = Statement
        fields = [
            "organisation",
            "a11y_status",
            "a11y_audit_date",
            "a11y_audit_by",
            "a11y_known_issues",
            "a11y_contact_email",
            "privacy_officer",
            "privacy_contact_email",
            "privacy_text",
        ]
        widgets = {
            "a11y_audit_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "a11y_known_issues": forms.Textarea(attrs={"rows": 4}),
            "privacy_text": forms.Textarea(attrs={"rows": 6}),
        }

    def _post_clean(self) -> None:
        pass
