from django import forms
from django.utils.translation import gettext_lazy as _

from wijkwerk.areas.models import Area
from wijkwerk.organisations.models import Organisation

from .models import Source, Status, Theme, Verdict


class AgendaFilterForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False)
    theme = forms.TypedChoiceField(label=_("Theme"), coerce=int, required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)

    def __init__(self, *args, themes: list[Theme], years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(y, str(y)) for y in years]
        self.fields["theme"].choices = [("", _("All themes"))] + [(t.pk, t.name) for t in themes]
        self.fields["status"].choices = [("", _("All statuses")), *Status.choices]

    def cleaned_filters(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if v not in ("", None)}


class ProposeForm(forms.Form):
    title = forms.CharField(
        label=_("Your idea"),
        max_length=200,
        help_text=_("In one sentence: what should happen in the wijk?"),
    )
    reason = forms.CharField(
        label=_("Why is this important?"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
    )
    theme = forms.ModelChoiceField(label=_("Theme"), queryset=Theme.objects.none(), required=False)
    buurt = forms.ModelChoiceField(label=_("Buurt"), queryset=Area.objects.none(), required=False)

    def __init__(self, *args, area: Area, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = Theme.objects.filter(municipality=area.municipality_id)
        self.fields["buurt"].queryset = area.children.order_by("name")


class AnswerForm(forms.Form):
    verdict = forms.ChoiceField(
        label=_("Answer"), choices=Verdict.choices, widget=forms.RadioSelect
    )
    motivation = forms.CharField(
        label=_("Motivation"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("Required for Never. Residents read this on the wijk page."),
    )
    conditions = forms.CharField(
        label=_("What it waits for"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Required for Some day: the conditions that must be met first."),
    )
    answer_by = forms.DateField(
        label=_("Definite answer by"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Required for Some day."),
    )
    owner_organisation = forms.ModelChoiceField(
        label=_("Probleemeigenaar"),
        queryset=Organisation.objects.none(),
        required=False,
        help_text=_("Required for Now: the organisation that will do it."),
    )
    due_date = forms.DateField(
        label=_("Ready by"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    wijktoets = forms.CharField(
        label=_("Wijktoets"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_(
            "Optional: the effect of this decision on the wijk (who gains or loses, what "
            "changes in the street). Shown with the answer."
        ),
    )

    def __init__(self, *args, area: Area, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner_organisation"].queryset = Organisation.objects.filter(
            municipality=area.municipality_id
        ).select_related("parent")


class ItemForm(forms.Form):
    """What, why, how, when and who — for items the agenda's keepers put on directly."""

    title = forms.CharField(label=_("What"), max_length=200)
    reason = forms.CharField(
        label=_("Why"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    approach = forms.CharField(
        label=_("How"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    due_date = forms.DateField(
        label=_("When (ready by)"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    owner_organisation = forms.ModelChoiceField(
        label=_("Who (probleemeigenaar)"), queryset=Organisation.objects.none()
    )
    theme = forms.ModelChoiceField(label=_("Theme"), queryset=Theme.objects.none(), required=False)
    source = forms.ChoiceField(label=_("Source"))

    def __init__(self, *args, area: Area, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner_organisation"].queryset = Organisation.objects.filter(
            municipality=area.municipality_id
        ).select_related("parent")
        self.fields["theme"].queryset = Theme.objects.filter(municipality=area.municipality_id)
        self.fields["source"].choices = [c for c in Source.choices if c[0] != Source.RESIDENT]


class ProgressForm(forms.Form):
    text = forms.CharField(label=_("Progress"), widget=forms.Textarea(attrs={"rows": 4}))
    new_status = forms.ChoiceField(label=_("New status"), required=False)

    def __init__(self, *args, allowed: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_status"].choices = [("", _("unchanged")), *allowed]


class ReviewForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=160)
    held_on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    notes = forms.CharField(
        label=_("Notes"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
