"""The form field with which a topic is said to concern other wijken or buurten too."""

from django import forms
from django.utils.translation import gettext_lazy as _

from . import borders
from .models import Area


class AreaCheckboxes(forms.CheckboxSelectMultiple):
    """Checkboxes grouped per wijk: the wijk itself, then its buurten."""

    template_name = "areas/widgets/area_checkboxes.html"


class OtherAreasField(forms.ModelMultipleChoiceField):
    widget = AreaCheckboxes

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Also concerns"))
        kwargs.setdefault(
            "help_text",
            _(
                "Other wijken or buurten of the municipality this also concerns. It then shows "
                "on their pages too, and counts once."
            ),
        )
        kwargs.setdefault("required", False)
        super().__init__(queryset=Area.objects.none(), **kwargs)

    def limit_to(self, main: Area | None, *, municipality_id: int) -> None:
        """Offer the municipality's areas except the main one, grouped per wijk. The
        queryset keeps the whole municipality, so that the service names a wrong choice."""
        self.queryset = Area.objects.filter(municipality_id=municipality_id)
        self.widget.choices = borders.other_area_choices(main, municipality_id=municipality_id)
