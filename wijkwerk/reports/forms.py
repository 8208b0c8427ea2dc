from django import forms
from django.utils.translation import gettext_lazy as _

from wijkwerk.areas.models import Area, Municipality
from wijkwerk.organisations.models import Organisation

from .models import TRANSITIONS, Category, Channel, Status


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget", MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"})
        )
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(d, initial) for d in data]
        return [super().clean(data, initial)] if data else []


class ReportForm(forms.Form):
    category = forms.ModelChoiceField(
        label=_("What is it about?"), queryset=Category.objects.none()
    )
    description = forms.CharField(
        label=_("Describe the problem"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=3000,
        help_text=_("What is wrong, and where exactly (e.g. in front of number 12)?"),
    )
    lat = forms.FloatField(
        label=_("Latitude"),
        required=False,
        widget=forms.NumberInput(attrs={"step": "any"}),
        help_text=_("Filled in when you click the map."),
    )
    lon = forms.FloatField(
        label=_("Longitude"), required=False, widget=forms.NumberInput(attrs={"step": "any"})
    )
    area = forms.ModelChoiceField(
        label=_("Wijk or buurt"),
        queryset=Area.objects.none(),
        required=False,
        empty_label=_("Choose a wijk or buurt"),
        help_text=_("Without the map: choose where it is."),
    )
    address = forms.CharField(
        label=_("Street and house number nearby"), max_length=200, required=False
    )
    photos = MultipleFileField(label=_("Photos (at most 3)"), required=False)
    email = forms.EmailField(
        label=_("Your e-mail address"),
        required=False,
        help_text=_("Only to tell you what happens. Leave empty to report anonymously."),
    )

    def __init__(self, *args, municipality: Municipality, **kwargs):
        super().__init__(*args, **kwargs)
        leaves = (
            Category.objects.filter(municipality=municipality, is_active=True, parent__isnull=False)
            .select_related("parent")
            .order_by("parent__name", "name")
        )
        self.fields["category"].queryset = leaves
        groups: dict[str, list[tuple[int, str]]] = {}
        for category in leaves:
            groups.setdefault(category.parent.name, []).append((category.pk, category.name))
        self.fields["category"].choices = [("", "—"), *groups.items()]
        self.fields["area"].queryset = Area.objects.filter(municipality=municipality).order_by(
            "code"
        )

    def clean(self):
        data = super().clean()
        has_point = data.get("lat") is not None and data.get("lon") is not None
        if not has_point and not data.get("area"):
            raise forms.ValidationError(
                _("Click the place on the map, or choose the wijk or buurt where it is.")
            )
        return data


class IntakeForm(ReportForm):
    """The KCC enters a report for a caller."""

    channel = forms.ChoiceField(
        label=_("Received by"),
        choices=[
            (code, label)
            for code, label in Channel.choices
            if code in (Channel.PHONE, Channel.LETTER, Channel.DESK)
        ],
    )
    reporter_name = forms.CharField(label=_("Caller's name"), max_length=120, required=False)
    reporter_phone = forms.CharField(label=_("Caller's phone"), max_length=30, required=False)


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"))
    message = forms.CharField(
        label=_("Message to the reporter"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The reporter gets this by e-mail; it is shown on the report's page."),
    )
    organisation = forms.ModelChoiceField(
        label=_("Forward to"), queryset=Organisation.objects.none(), required=False
    )

    def __init__(self, *args, current: str, municipality: Municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [
            (s, Status(s).label) for s in Status.values if s in TRANSITIONS[current]
        ]
        self.fields["organisation"].queryset = Organisation.objects.filter(
            municipality=municipality
        )
