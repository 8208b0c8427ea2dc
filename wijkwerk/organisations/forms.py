"""The form of an organisation or department. It only parses input; the services decide
what fits (unique names, departments of this municipality's organisations)."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from wijkwerk.areas.models import Municipality

from .models import Organisation, OrganisationKind


class OrganisationForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=160)
    parent = forms.ModelChoiceField(
        label=_("Department of"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("None: this is an organisation"),
        help_text=_("For a department: the organisation it belongs to."),
    )
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[("", _("The same as its organisation (departments)")), *OrganisationKind.choices],
        required=False,
    )
    short_name = forms.CharField(label=_("Short name"), max_length=40, required=False)
    website = forms.CharField(
        label=_("Website"), max_length=200, required=False, widget=forms.URLInput
    )
    email = forms.CharField(
        label=_("Public e-mail"), max_length=254, required=False, widget=forms.EmailInput
    )
    phone = forms.CharField(label=_("Public phone number"), max_length=30, required=False)

    def __init__(
        self,
        *args: Any,
        municipality: Municipality,
        organisation: Organisation | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        parents = Organisation.objects.filter(municipality=municipality, parent__isnull=True)
        if organisation is not None:
            parents = parents.exclude(pk=organisation.pk)
        self.fields["parent"].queryset = parents.order_by("name")

    @staticmethod
    def initial_from(organisation: Organisation) -> dict[str, Any]:
        initial: dict[str, Any] = {
            name: getattr(organisation, name) for name in OrganisationForm.base_fields
        }
        initial["parent"] = organisation.parent_id
        return initial

    def changed_values(self, organisation: Organisation) -> dict[str, Any]:
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if getattr(organisation, name) != value
        }
