"""The forms of the people pages. They offer only what the person may choose (the wijken,
organisations and people of this municipality) and parse input; the services decide what
fits (a period that ends before it starts, a role already held, a substitute for oneself)."""

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkwerk.areas.models import Area, Municipality
from wijkwerk.organisations.models import Organisation

from .models import User
from .roles import Role
from .selectors import people_of

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
# Residents get their role by signing up themselves, not from the functioneel beheerder.
GIVEN_ROLES = [(value, label) for value, label in Role.choices if value != Role.RESIDENT]


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.full_name} ({obj.email})" if obj.full_name else obj.email


class RoleFields(forms.Form):
    """A role in an area for a period, shared by the invitation and the role form."""

    role = forms.ChoiceField(label=_("Role"), choices=[("", _("Choose a role")), *GIVEN_ROLES])
    area = forms.ModelChoiceField(
        label=_("Wijk or village"),
        queryset=Area.objects.none(),
        required=False,
        empty_label=_("The whole municipality"),
    )
    organisation = forms.ModelChoiceField(
        label=_("On behalf of"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("No organisation"),
    )
    starts_on = forms.DateField(label=_("From"), widget=DATE)
    ends_on = forms.DateField(
        label=_("Until"),
        widget=DATE,
        required=False,
        help_text=_("Leave empty while the role has no end date."),
    )
    is_public_contact = forms.BooleanField(
        label=_("Show as contact on the public wijk page"), required=False
    )
    public_email = forms.EmailField(label=_("Work e-mail shown to residents"), required=False)
    public_phone = forms.CharField(
        label=_("Work phone shown to residents"), max_length=30, required=False
    )

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).setdefault("starts_on", timezone.localdate())
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = municipality.areas.wijken().order_by("name")
        self.fields["organisation"].queryset = Organisation.objects.filter(
            municipality=municipality
        ).order_by("name")


class InviteForm(RoleFields):
    email = forms.EmailField(label=_("E-mail address"), max_length=254)
    full_name = forms.CharField(label=_("Name"), max_length=150, required=False)
    field_order = ["email", "full_name"]


class RoleGiveForm(RoleFields):
    user = PersonChoiceField(
        label=_("Person"),
        queryset=User.objects.none(),
        help_text=_("Someone who is not listed yet: invite them by e-mail."),
    )
    field_order = ["user"]

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, municipality=municipality, **kwargs)
        self.fields["user"].queryset = people_of(municipality=municipality)


class RoleEndForm(forms.Form):
    ends_on = forms.DateField(label=_("Last day"), widget=DATE)
    reason = forms.CharField(label=_("Why"), max_length=200)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).setdefault("ends_on", timezone.localdate())
        super().__init__(*args, **kwargs)


class SubstitutionForm(forms.Form):
    absent = PersonChoiceField(label=_("Who is away"), queryset=User.objects.none())
    substitute = PersonChoiceField(
        label=_("Plaatsvervanger"),
        queryset=User.objects.none(),
        help_text=_("Sees the werkplek and may do the work of the person who is away."),
    )
    starts_on = forms.DateField(label=_("From"), widget=DATE)
    ends_on = forms.DateField(label=_("Until"), widget=DATE)
    reason = forms.CharField(label=_("Why"), max_length=200, required=False)

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).setdefault("starts_on", timezone.localdate())
        super().__init__(*args, **kwargs)
        people = people_of(municipality=municipality)
        self.fields["absent"].queryset = people
        self.fields["substitute"].queryset = people
