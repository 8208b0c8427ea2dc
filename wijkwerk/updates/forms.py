from django import forms
from django.utils.translation import gettext_lazy as _

from wijkwerk.agenda.models import AgendaItem
from wijkwerk.areas.models import Area

from .models import Frequency, Kind


class NewsFilterForm(forms.Form):
    soort = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[("", _("all news"))] + list(Kind.choices),
    )


class SubscribeForm(forms.Form):
    email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=254,
        error_messages={
            "required": _("Enter your e-mail address."),
            "invalid": _("Enter a valid e-mail address, like name@example.nl."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=_("Used only to send you these updates; nobody else sees it."),
    )
    frequency = forms.ChoiceField(
        label=_("How often"),
        choices=Frequency.choices,
        initial=Frequency.WEEKLY,
        widget=forms.RadioSelect,
    )
    item = forms.IntegerField(label=_("wijkagenda item"), required=False, widget=forms.HiddenInput)

    def __init__(self, *args, area: Area, **kwargs):
        super().__init__(*args, **kwargs)
        self.area = area

    def clean(self) -> dict:
        data = super().clean()
        pk = data.get("item")
        data["agenda_item"] = None
        if pk is not None:
            data["agenda_item"] = AgendaItem.objects.filter(pk=pk, area=self.area).first()
            if data["agenda_item"] is None:
                # The item is in the address, not a field: the error goes on the form.
                raise forms.ValidationError(
                    _(
                        "There is no such wijkagenda item in %(wijk)s. Go back to the item, "
                        "or follow the whole wijk."
                    ),
                    params={"wijk": self.area.name},
                )
        return data


class FrequencyForm(forms.Form):
    frequency = forms.ChoiceField(label=_("How often"), choices=Frequency.choices)
