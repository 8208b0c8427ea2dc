"""Forms of the schouw pages. The services decide; these only shape the input."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from wijkwerk.areas.models import Area, Municipality
from wijkwerk.organisations.models import Organisation

from .levels import LEVEL_HELP, Level, ObjectType
from .models import Became, ParticipantRole, Stop

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
COORDINATE = {"step": "any", "inputmode": "decimal"}


class QualityLevelForm(forms.Form):
    object_type = forms.ChoiceField(label=_("Kind of object"), choices=ObjectType.choices)
    level = forms.ChoiceField(label=_("Agreed level"), choices=Level.choices)
    agreed_with = forms.CharField(
        label=_("Agreed with"), max_length=160, help_text=_("For example: wijkplatform Oost.")
    )
    agreed_on = forms.DateField(label=_("Agreed on"), widget=DATE)


class PlanForm(forms.Form):
    area = forms.ModelChoiceField(label=_("Wijk or village"), queryset=Area.objects.none())
    title = forms.CharField(label=_("Title"), max_length=160)
    starts_at = forms.DateTimeField(label=_("Date and time"), widget=DATETIME)
    meeting_point = forms.CharField(label=_("Meeting point"), max_length=200, required=False)
    location_required = forms.BooleanField(
        label=_("A finding needs a location"), required=False, initial=True
    )
    photo_required = forms.BooleanField(label=_("A finding needs a photo"), required=False)

    def __init__(self, *args: Any, wijken: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = wijken


class StopForm(forms.Form):
    name = forms.CharField(label=_("Place"), max_length=160)
    lat = forms.FloatField(label=_("Latitude"), widget=forms.NumberInput(attrs=COORDINATE))
    lon = forms.FloatField(label=_("Longitude"), widget=forms.NumberInput(attrs=COORDINATE))
    object_type = forms.ChoiceField(
        label=_("Main kind of object"),
        choices=[("", "—"), *ObjectType.choices],
        required=False,
    )


class ParticipantForm(forms.Form):
    role = forms.ChoiceField(
        label=_("Taking part as"), choices=ParticipantRole.choices, widget=forms.RadioSelect
    )
    email = forms.EmailField(
        label=_("E-mail address of their account"),
        required=False,
        help_text=_("With an account they can score on their own phone."),
    )
    name = forms.CharField(
        label=_("Name"),
        max_length=120,
        required=False,
        help_text=_("For a resident without an account."),
    )


class ScoreForm(forms.Form):
    object_type = forms.ChoiceField(label=_("What do you score?"), choices=ObjectType.choices)
    level = forms.ChoiceField(label=_("Level"), choices=Level.choices, widget=forms.RadioSelect)
    note = forms.CharField(
        label=_("What is wrong?"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Needed when the level is below the agreed level: that is a finding."),
    )
    lat = forms.FloatField(
        label=_("Latitude"), required=False, widget=forms.NumberInput(attrs=COORDINATE)
    )
    lon = forms.FloatField(
        label=_("Longitude"), required=False, widget=forms.NumberInput(attrs=COORDINATE)
    )
    photo = forms.FileField(
        label=_("Photo of the finding"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/*", "capture": "environment"}),
        help_text=_("JPEG, PNG or WebP."),
    )

    def __init__(self, *args: Any, stop: Stop, **kwargs: Any):
        kwargs.setdefault(
            "initial", {"object_type": stop.object_type, "lat": stop.lat, "lon": stop.lon}
        )
        super().__init__(*args, **kwargs)

    def levels(self) -> list[tuple[Any, Any]]:
        """The level radios with their short description (the walk page lays them out)."""
        return [(radio, LEVEL_HELP[radio.data["value"]]) for radio in self["level"]]


class ConvertForm(forms.Form):
    to = forms.ChoiceField(label=_("Hand on as"), choices=Became.choices, widget=forms.RadioSelect)
    owner_organisation = forms.ModelChoiceField(
        label=_("Probleemeigenaar (for a wijkagenda item)"),
        queryset=Organisation.objects.none(),
        required=False,
        help_text=_("Without one, the item waits for an answer on the wijkagenda."),
    )

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["owner_organisation"].queryset = Organisation.objects.filter(
            municipality=municipality
        ).order_by("name")
