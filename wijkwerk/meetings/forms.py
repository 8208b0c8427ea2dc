"""Forms of the meeting pages. The services decide; these only shape the input."""

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkwerk.agenda.models import AgendaItem
from wijkwerk.areas.models import Area
from wijkwerk.organisations.models import Organisation

from .models import ON_DEMAND_KINDS, SESSION_KINDS, BodyKind
from .schoolholidays import Region
from .standard import TEMPLATES

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def _organisations(area: Area) -> Any:
    return Organisation.objects.filter(municipality=area.municipality).select_related("parent")


def _agenda_items(area: Area) -> Any:
    return AgendaItem.objects.filter(area=area).order_by("-year", "title")


class TemplateForm(forms.Form):
    template = forms.ChoiceField(
        label=_("Standard set of bodies"),
        choices=[(key, label) for key, (label, _bodies) in TEMPLATES.items()],
        widget=forms.RadioSelect,
    )


class PlanForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    region = forms.ChoiceField(
        label=_("School holiday region"),
        choices=Region.choices,
        help_text=_("Meetings are planned outside the school holidays of this region."),
    )

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = timezone.localdate().year + 1


class BodyForm(forms.Form):
    """A body with its cadence, usual time and place, scope and mandate. The kind is chosen
    when the body is made and stays."""

    kind = forms.ChoiceField(label=_("Kind"))
    name = forms.CharField(label=_("Name"), max_length=160)
    mandate = forms.CharField(
        label=_("Mandate"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "What the body decides or advises on, for whom, and to whom it reports. Required "
            "for a regiegroep and a stuurgroep; shown on the body's public page."
        ),
    )
    municipality_wide = forms.BooleanField(
        label=_("For the whole municipality"),
        required=False,
        help_text=_(
            "Only for a stuurgroep: it is then listed in every wijk, and kept by staff who work "
            "for the whole municipality."
        ),
    )
    per_year = forms.IntegerField(label=_("Meetings per year"), min_value=1, initial=4)
    every_years = forms.IntegerField(
        label=_("Once every so many years"),
        min_value=1,
        initial=1,
        help_text=_("1 for a body that meets every year; e.g. 4 for once per council term."),
    )
    first_year = forms.IntegerField(
        label=_("First year"),
        required=False,
        min_value=2000,
        max_value=2100,
        help_text=_("For a body that meets once every few years: a year in which it meets."),
    )
    start_time = forms.TimeField(
        label=_("Usual start time"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    duration_minutes = forms.IntegerField(
        label=_("Usual duration (minutes)"), min_value=15, max_value=600, initial=90
    )
    location = forms.CharField(label=_("Usual location"), max_length=200, required=False)
    is_public = forms.BooleanField(
        label=_("Public"),
        required=False,
        initial=True,
        help_text=_("Anyone may attend and see its meetings."),
    )
    reason = forms.CharField(
        label=_("Why this change"),
        max_length=300,
        required=False,
        help_text=_("Kept in the decision log with your name."),
    )

    def __init__(self, *args: Any, editing: bool = False, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [
            (value, label) for value, label in BodyKind.choices if value not in ON_DEMAND_KINDS
        ]
        if editing:
            del self.fields["kind"]
        else:
            del self.fields["reason"]


class MemberForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address of their account"))
    organisation = forms.ModelChoiceField(
        label=_("On behalf of"),
        queryset=Organisation.objects.none(),
        required=False,
        help_text=_("Leave empty for a resident."),
    )
    mandate = forms.CharField(label=_("Mandate"), max_length=300, required=False)
    is_chair = forms.BooleanField(label=_("Chair"), required=False)

    def __init__(self, *args: Any, area: Area, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = _organisations(area)


class MoveForm(forms.Form):
    starts_at = forms.DateTimeField(label=_("Starts at"), widget=DATETIME)
    ends_at = forms.DateTimeField(label=_("Ends at"), widget=DATETIME)
    location = forms.CharField(label=_("Location"), max_length=200, required=False)


class CancelForm(forms.Form):
    reason = forms.CharField(label=_("Reason for cancelling"), max_length=300)


class PointForm(forms.Form):
    title = forms.CharField(label=_("Point"), max_length=200)
    description = forms.CharField(
        label=_("Explanation"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    agenda_item = forms.ModelChoiceField(
        label=_("About wijkagenda item"), queryset=AgendaItem.objects.none(), required=False
    )

    def __init__(self, *args: Any, area: Area, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].queryset = _agenda_items(area)


class ProposeForm(forms.Form):
    title = forms.CharField(label=_("Which point would you like to discuss?"), max_length=200)
    description = forms.CharField(
        label=_("Explanation"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class DecideForm(forms.Form):
    accept = forms.TypedChoiceField(
        label=_("Decision"),
        choices=[("1", _("Put it on the agenda")), ("0", _("Decline"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(label=_("Reason for declining"), max_length=300, required=False)


class InviteForm(forms.Form):
    """Sending the invitation asks for nothing; the service knows the invitees."""


class MinutesForm(forms.Form):
    minutes = forms.CharField(label=_("Minutes"), widget=forms.Textarea(attrs={"rows": 6}))
    decisions = forms.CharField(
        label=_("Decisions"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class ActionForm(forms.Form):
    title = forms.CharField(label=_("Action"), max_length=200)
    description = forms.CharField(
        label=_("Explanation"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    owner_organisation = forms.ModelChoiceField(
        label=_("Probleemeigenaar"),
        queryset=Organisation.objects.none(),
        required=False,
        help_text=_("The organisation that owns the action; it goes on the wijkagenda."),
    )
    due_date = forms.DateField(label=_("Ready by"), widget=DATE, required=False)
    agenda_item = forms.ModelChoiceField(
        label=_("Updates wijkagenda item"),
        queryset=AgendaItem.objects.none(),
        required=False,
        help_text=_("Leave empty to put the action on the wijkagenda as a new item."),
    )

    def __init__(self, *args: Any, area: Area, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["owner_organisation"].queryset = _organisations(area)
        self.fields["agenda_item"].queryset = _agenda_items(area)


# --- open sessions and information meetings ---------------------------------------------------


class SessionForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind of session"),
        choices=[(k.value, k.label) for k in SESSION_KINDS],
        widget=forms.RadioSelect,
    )
    topic = forms.CharField(label=_("Topic"), max_length=200)
    description = forms.CharField(
        label=_("What it is about"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    starts_at = forms.DateTimeField(label=_("Starts at"), widget=DATETIME)
    ends_at = forms.DateTimeField(label=_("Ends at"), widget=DATETIME)
    location = forms.CharField(label=_("Location"), max_length=200)
    capacity = forms.IntegerField(label=_("Places"), min_value=1)
    signup_deadline = forms.DateTimeField(label=_("Sign up before"), widget=DATETIME)


class SignUpForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=120)
    email = forms.EmailField(
        label=_("Your e-mail address"),
        help_text=_("We send the confirmation with a link to sign off to this address."),
    )
    organisation = forms.CharField(
        label=_("Organisation or role in the wijk"),
        max_length=160,
        required=False,
        help_text=_("For example: resident of the Kerkgracht, shopkeeper, school, corporatie."),
    )


class InfoRequestForm(forms.Form):
    area = forms.ModelChoiceField(
        label=_("Wijk"), queryset=Area.objects.none(), required=False, empty_label=_("Choose…")
    )
    topic = forms.CharField(label=_("What would you like to be informed about?"), max_length=200)
    explanation = forms.CharField(
        label=_("Explanation"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args: Any, municipality: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = (
            Area.objects.filter(municipality=municipality).wijken().order_by("name")
        )


class AnswerForm(forms.Form):
    grant = forms.TypedChoiceField(
        label=_("Answer"),
        choices=[("1", _("Grant: plan the information meeting")), ("0", _("Refuse"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    answer = forms.CharField(
        label=_("Answer to the residents"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Required when refusing: everybody can read the reason."),
    )
    starts_at = forms.DateTimeField(label=_("Starts at"), widget=DATETIME, required=False)
    ends_at = forms.DateTimeField(label=_("Ends at"), widget=DATETIME, required=False)
    location = forms.CharField(label=_("Location"), max_length=200, required=False)
