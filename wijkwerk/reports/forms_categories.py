"""The form of a melding category: name, place in the tree, handling term and handler. It
only parses input; `categories.category_create` / `category_update` decide what fits."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from wijkwerk.areas.models import Municipality
from wijkwerk.organisations.models import Organisation

from .models import Category, DayType


class OrganisationChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Organisation) -> str:
        return str(obj)  # "Organisation – Department" for a department


class CategoryForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    parent = forms.ModelChoiceField(
        label=_("Main category"),
        queryset=Category.objects.none(),
        required=False,
        empty_label=_("None: this is a main category"),
    )
    code = forms.CharField(
        label=_("Code (Open311 service_code)"),
        max_length=80,
        required=False,
        help_text=_("Letters, digits and dashes. Leave empty to make one from the name."),
    )
    description = forms.CharField(
        label=_("Explanation for residents"), max_length=300, required=False
    )
    handling_days = forms.IntegerField(
        label=_("Handling term (days)"),
        required=False,
        widget=forms.NumberInput(attrs={"min": 1, "max": 365}),
        help_text=_("Within how many days a report is handled; the deadline follows from it."),
    )
    day_type = forms.ChoiceField(
        label=_("The term counts"),
        choices=DayType.choices,
        initial=DayType.WORKING,
        widget=forms.RadioSelect,
        help_text=_("Working days skip weekends and public holidays."),
    )
    organisation = OrganisationChoice(
        label=_("Handled by (organisation or department)"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("The handler of the main category"),
        help_text=_("A routing rule of a wijk or buurt can send reports elsewhere."),
    )

    def __init__(
        self,
        *args: Any,
        municipality: Municipality,
        category: Category | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        mains = Category.objects.filter(municipality=municipality, parent__isnull=True)
        if category is not None:
            mains = mains.exclude(pk=category.pk)
            del self.fields["code"]  # the Open311 service_code never changes
        self.fields["parent"].queryset = mains.order_by("name")
        self.fields["organisation"].queryset = (
            Organisation.objects.filter(municipality=municipality)
            .select_related("parent")
            .order_by("parent__name", "name")
        )
        # Django's own "required" is not used for the term: the service names what is missing.
        self.fields["handling_days"].widget.attrs["aria-required"] = "true"

    @staticmethod
    def initial_from(category: Category) -> dict[str, Any]:
        return {
            "name": category.name,
            "parent": category.parent_id,
            "description": category.description,
            "handling_days": category.handling_days,
            "day_type": category.day_type,
            "organisation": category.organisation_id,
        }

    def changed_values(self, category: Category) -> dict[str, Any]:
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if getattr(category, name) != value
        }
