"""Forms of the self-assessment pages. They only collect input: the services decide what is
allowed (a score on the scale, a point of this instrument, a fresh version)."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from wijkwerk.areas.models import Area, Municipality
from wijkwerk.organisations.models import Organisation

from .models import Assessment, Instrument, Point, Score, Section
from .selectors import instrument_list, people_of_municipality
from .services import ScoreEntry


class StartForm(forms.Form):
    instrument = forms.ModelChoiceField(
        label=_("Instrument"), queryset=None, empty_label=None, widget=forms.RadioSelect
    )
    area = forms.ModelChoiceField(
        label=_("Wijk or village"),
        queryset=Area.objects.none(),
        required=False,
        empty_label=_("the whole municipality"),
        help_text=_("Leave empty to look at the whole municipality."),
    )
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        required=False,
        help_text=_("Gets a title with the instrument, place and year when left empty."),
    )

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["instrument"]
        field.queryset = Instrument.objects.filter(
            pk__in=[i.pk for i in instrument_list()]
        ).order_by("pk")
        field.label_from_instance = lambda i: f"{i.title} – {i.audience}"
        self.fields["area"].queryset = municipality.areas.wijken()


def value_name(point: Point) -> str:
    return f"value_{point.pk}"


def note_name(point: Point) -> str:
    return f"note_{point.pk}"


def version_name(point: Point) -> str:
    return f"version_{point.pk}"


class SectionForm(forms.Form):
    """The points of one section. Each value and note also carries what was shown (Django's
    hidden initial), so only the points this person changed are sent to the service, each
    with the version it was shown at."""

    def __init__(
        self, *args: Any, section: Section, scale: list[tuple[int, str]],
        scores: dict[int, Score], **kwargs: Any,
    ) -> None:  # fmt: skip
        super().__init__(*args, **kwargs)
        self.points = list(section.points.order_by("number"))
        choices = [("", _("no score")), *((str(v), f"{v} {label}") for v, label in scale)]
        for point in self.points:
            score = scores.get(point.pk)
            self.fields[value_name(point)] = forms.IntegerField(
                label=point.text,
                required=False,
                widget=forms.RadioSelect(choices=choices),
                initial=score.value if score else None,
                show_hidden_initial=True,
            )
            self.fields[note_name(point)] = forms.CharField(
                label=_("Note"),
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=score.note if score else "",
                show_hidden_initial=True,
                strip=True,
            )
            self.fields[version_name(point)] = forms.IntegerField(
                widget=forms.HiddenInput, initial=score.version if score else 0, min_value=0
            )

    def rows(self, scores: dict[int, Score], conflicts: dict[int, Score]) -> list[dict[str, Any]]:
        """Per point what the page shows: its fields, what was shown (hidden), its score and
        what is stored now when it differs from this person's input after a refused save."""
        return [
            {
                "point": p,
                "value": self[value_name(p)],
                "shown": self[value_name(p)].as_hidden(only_initial=True),
                "note": self[note_name(p)],
                "score": scores.get(p.pk),
                "conflict": conflicts.get(p.pk),
            }
            for p in self.points
        ]

    def entries(self) -> list[ScoreEntry]:
        changed = set(self.changed_data)
        return [
            ScoreEntry(
                point=point.pk,
                value=self.cleaned_data.get(value_name(point)),
                note=self.cleaned_data.get(note_name(point)) or "",
                version=self.cleaned_data.get(version_name(point)) or 0,
            )
            for point in self.points
            if {value_name(point), note_name(point)} & changed
        ]

    def rebased(self, scores: dict[int, Score]) -> dict[str, Any]:
        """The posted input on top of what is stored now: what this person typed stays in
        the fields, while what was shown and its version become the current ones."""
        data = self.data.copy()
        for point in self.points:
            score = scores.get(point.pk)
            data[f"initial-{value_name(point)}"] = (
                "" if not score or score.value is None else str(score.value)
            )
            data[f"initial-{note_name(point)}"] = score.note if score else ""
            data[version_name(point)] = str(score.version if score else 0)
        return data


class TeamMemberForm(forms.Form):
    user = forms.ModelChoiceField(label=_("Person"), queryset=None)

    def __init__(self, *args: Any, assessment: Assessment, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = people_of_municipality(
            municipality=assessment.municipality
        ).exclude(pk__in=assessment.team.values("user"))


class ImprovementForm(forms.Form):
    """Turn a weak point into an action: on the wijkagenda (a wijk's assessment) or an
    internal action with an owner and a due date (the whole municipality)."""

    title = forms.CharField(
        label=_("What will be done"),
        max_length=200,
        error_messages={"required": _("Say what will be done.")},
    )
    owner_organisation = forms.ModelChoiceField(
        label=_("Probleemeigenaar"),
        queryset=Organisation.objects.none(),
        required=False,
        help_text=_("With a probleemeigenaar the item is agreed at once; without, it waits for "
                    "an answer on the wijkagenda."),
    )  # fmt: skip
    owner = forms.ModelChoiceField(label=_("Owner"), queryset=None, required=False)
    due_on = forms.DateField(
        label=_("Due date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, assessment: Assessment, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if assessment.area is not None:
            del self.fields["owner"]
            self.fields["owner_organisation"].queryset = Organisation.objects.filter(
                municipality=assessment.municipality
            )
        else:
            del self.fields["owner_organisation"]
            self.fields["owner"].queryset = people_of_municipality(
                municipality=assessment.municipality
            )
            # An internal action needs both; the messages are the service's own.
            self.fields["owner"].required = self.fields["due_on"].required = True
            self.fields["owner"].error_messages["required"] = _("Choose who owns this action.")
            self.fields["due_on"].error_messages["required"] = _(
                "Enter the date by which it is done."
            )
