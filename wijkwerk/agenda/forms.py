from django import forms
from django.utils.translation import gettext_lazy as _

from wijkwerk.areas.forms import OtherAreasField
from wijkwerk.areas.models import Area
from wijkwerk.organisations.models import Organisation

from .models import Source, Status, Theme, ThemeKind, Verdict


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
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)
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

    def rebased(self, version: int):
        data = self.data.copy()
        data["version"] = str(version)
        return data

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
    other_areas = OtherAreasField()

    def __init__(self, *args, area: Area, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner_organisation"].queryset = Organisation.objects.filter(
            municipality=area.municipality_id
        ).select_related("parent")
        self.fields["theme"].queryset = Theme.objects.filter(municipality=area.municipality_id)
        self.fields["source"].choices = [c for c in Source.choices if c[0] != Source.RESIDENT]
        self.fields["other_areas"].limit_to(area, municipality_id=area.municipality_id)


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


# --- editing items and the WOP (each form carries the version it was read at) -------------


class VersionedForm(forms.Form):
    """A form for a change to something with a version; `version` says which one was read."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def rebased(self, version: int):
        """The same input at the current `version`: after a refused stale save the person's
        input stays, and saving again is a choice made after seeing the other change."""
        data = self.data.copy()
        data[self.add_prefix("version")] = str(version)
        return data


class ChangeReasonMixin(forms.Form):
    change_reason = forms.CharField(
        label=_("Why this change"),
        required=False,
        max_length=500,
        help_text=_("Kept in the decision log with your role."),
    )


class ItemEditForm(ChangeReasonMixin, VersionedForm):
    title = forms.CharField(label=_("What"), max_length=200)
    why = forms.CharField(label=_("Why"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    approach = forms.CharField(
        label=_("How"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    due_date = forms.DateField(
        label=_("When (ready by)"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    owner_organisation = forms.ModelChoiceField(
        label=_("Who (probleemeigenaar)"), queryset=Organisation.objects.none(), required=False
    )
    theme = forms.ModelChoiceField(label=_("Theme"), queryset=Theme.objects.none(), required=False)
    other_areas = OtherAreasField()

    field_order = [
        "title",
        "why",
        "approach",
        "due_date",
        "owner_organisation",
        "theme",
        "other_areas",
    ]

    def __init__(self, *args, area: Area, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner_organisation"].queryset = Organisation.objects.filter(
            municipality=area.municipality_id
        ).select_related("parent")
        self.fields["theme"].queryset = Theme.objects.filter(municipality=area.municipality_id)
        self.fields["other_areas"].limit_to(area, municipality_id=area.municipality_id)


class PlanForm(ChangeReasonMixin, VersionedForm):
    title = forms.CharField(label=_("Title"), max_length=160)
    summary = forms.CharField(
        label=_("Summary"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    adopted_on = forms.DateField(
        label=_("Adopted on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    field_order = ["title", "summary", "adopted_on"]


class PlanCreateForm(forms.Form):
    first_year = forms.IntegerField(
        label=_("First year"), help_text=_("A WOP runs four years from this year.")
    )
    title = forms.CharField(label=_("Title"), max_length=160)
    summary = forms.CharField(
        label=_("Summary"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    adopted_on = forms.DateField(
        label=_("Adopted on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class ThemeForm(forms.Form):
    name = forms.CharField(label=_("Name of the theme"), max_length=80)
    kind = forms.ChoiceField(label=_("Kind"), choices=ThemeKind.choices, widget=forms.RadioSelect)


class GoalForm(ChangeReasonMixin, VersionedForm):
    theme = forms.ModelChoiceField(label=_("Theme"), queryset=Theme.objects.none(), required=False)
    title = forms.CharField(label=_("Goal"), max_length=200)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    indicator = forms.CharField(label=_("How we measure it"), max_length=200, required=False)
    field_order = ["theme", "title", "description", "indicator"]

    def __init__(self, *args, area: Area, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = Theme.objects.filter(municipality=area.municipality_id)


class ActionForm(ChangeReasonMixin, VersionedForm):
    # Any number is accepted here, so that a year outside the WOP gets the service's message
    # naming the period.
    year = forms.IntegerField(label=_("Year"), required=False)
    title = forms.CharField(label=_("Action"), max_length=200)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    owner_organisation = forms.ModelChoiceField(
        label=_("Probleemeigenaar"), queryset=Organisation.objects.none(), required=False
    )
    field_order = ["year", "title", "description", "owner_organisation"]

    def __init__(self, *args, area: Area, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].help_text = _("A year of the WOP: %(first)s–%(last)s.") % {
            "first": years[0],
            "last": years[-1],
        }
        self.fields["owner_organisation"].queryset = Organisation.objects.filter(
            municipality=area.municipality_id
        ).select_related("parent")


class YearlyUpdateForm(VersionedForm):
    year = forms.IntegerField(label=_("Year"))
    change_reason = forms.CharField(label=_("Notes on this update"), required=False, max_length=500)


class AgendaSettingsForm(ChangeReasonMixin, VersionedForm):
    answer_working_days = forms.IntegerField(
        label=_("Answer term (working days)"),
        help_text=_(
            "Every idea on the wijkagenda gets its answer within this many working days. The "
            "3 working days for small initiatives are part of the spelregels."
        ),
    )
    remind_working_days = forms.IntegerField(
        label=_("Reminder before the term (working days)"),
        help_text=_("Those who answer get a reminder this many working days before the end."),
    )
    escalate_to = forms.ModelChoiceField(
        label=_("Manager of the wijkmanagers"),
        queryset=None,
        required=False,
        help_text=_(
            "Receives the escalation when an idea is not answered in time. Empty: whoever "
            "manages the wijkagenda for the whole municipality."
        ),
    )
    field_order = ["answer_working_days", "remind_working_days", "escalate_to"]

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["escalate_to"].queryset = people
