"""Forms of the survey pages: answering with a code, and the staff's forms to start a survey,
add questions and make invitation codes. The services decide; these only shape the input."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from wijkwerk.areas.models import Area, Municipality

from .models import AgeGroup, Distribution, Question, QuestionKind, Survey
from .services import MAX_CODES_PER_BATCH, answer_field
from .standard import BURGERPEILING

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _wijk_field(municipality: Municipality, label: Any, help_text: Any = "") -> forms.Field:
    return forms.ModelChoiceField(
        label=label,
        queryset=Area.objects.wijken().filter(municipality=municipality).order_by("name"),
        required=False,
        help_text=help_text,
    )


class AnswerForm(forms.Form):
    """The questionnaire: one field per question, the invitation code, and the optional
    wijk and age group."""

    def __init__(self, *args: Any, survey: Survey, questions: list[Question], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            self.fields[answer_field(question)] = self._field(question)
        if survey.area is None:
            self.fields["area"] = _wijk_field(
                survey.municipality,
                _("Your wijk or village"),
                _("If your code came with a letter for your wijk, that wijk counts."),
            )
        self.fields["age_group"] = forms.ChoiceField(
            label=_("Your age"),
            choices=AgeGroup.choices,
            widget=forms.RadioSelect,
            required=False,
            help_text=_("Optional. Results per age group are shown only for five or more."),
        )
        self.fields["code"] = forms.CharField(
            label=_("Your invitation code"),
            max_length=40,
            help_text=_("For example ABCD-EFGH-JKLM. The code is not stored with your answers."),
            widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        )

    @staticmethod
    def _field(question: Question) -> forms.Field:
        common = {
            "label": question.text,
            "required": question.required,
            "help_text": question.help_text,
        }
        if question.kind == QuestionKind.SINGLE:
            return forms.TypedChoiceField(
                choices=[(o.pk, o.label) for o in question.options.all()],
                coerce=int,
                widget=forms.RadioSelect,
                **common,
            )
        if question.kind == QuestionKind.MULTIPLE:
            return forms.TypedMultipleChoiceField(
                choices=[(o.pk, o.label) for o in question.options.all()],
                coerce=int,
                widget=forms.CheckboxSelectMultiple,
                **common,
            )
        if question.kind == QuestionKind.SCALE:
            labels = {
                question.scale_min: question.scale_min_label,
                question.scale_max: question.scale_max_label,
            }
            return forms.TypedChoiceField(
                choices=[
                    (v, f"{v} ({labels[v]})" if labels.get(v) else str(v))
                    for v in question.scale_values
                ],
                coerce=int,
                widget=forms.RadioSelect,
                **common,
            )
        return forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), **common)

    def answers(self) -> dict[int, Any]:
        """The answers in the shape `services.response_submit` takes."""
        return {q.pk: self.cleaned_data.get(answer_field(q)) for q in self.questions}


class SurveyStartForm(forms.Form):
    template = forms.ChoiceField(
        label=_("Start from"),
        choices=[
            (BURGERPEILING, _("the standard burgerpeiling (participation and liveability)")),
            ("", _("an empty questionnaire")),
        ],
        widget=forms.RadioSelect,
        required=False,
        initial=BURGERPEILING,
    )
    title = forms.CharField(
        label=_("Title"),
        max_length=160,
        required=False,
        help_text=_("The standard burgerpeiling gets its own title when left empty."),
    )
    opens_on = forms.DateField(label=_("Open from"), widget=DATE)
    closes_on = forms.DateField(label=_("Open until"), widget=DATE)
    distribution = forms.ChoiceField(
        label=_("Distribution"), choices=Distribution.choices, widget=forms.RadioSelect
    )

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["area"] = _wijk_field(
            municipality, _("Wijk or village"), _("Leave empty for the whole municipality.")
        )
        self.order_fields(["template", "title", "area"])


class QuestionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of question"), choices=QuestionKind.choices)
    text = forms.CharField(label=_("Question"), max_length=300)
    help_text = forms.CharField(label=_("Explanation"), max_length=300, required=False)
    required = forms.BooleanField(label=_("An answer is required"), required=False, initial=True)
    options = forms.CharField(
        label=_("Answers to choose (one per line)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("For single and multiple choice questions."),
    )
    scale_min = forms.IntegerField(label=_("Scale from"), required=False)
    scale_max = forms.IntegerField(label=_("Scale to"), required=False)
    scale_min_label = forms.CharField(label=_("Label of the lowest value"), required=False)
    scale_max_label = forms.CharField(label=_("Label of the highest value"), required=False)

    def service_arguments(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["options"] = [line for line in data["options"].splitlines() if line.strip()]
        return data


class CodesForm(forms.Form):
    count = forms.IntegerField(
        label=_("Number of codes"), min_value=1, max_value=MAX_CODES_PER_BATCH
    )

    def __init__(self, *args: Any, survey: Survey, **kwargs: Any):
        super().__init__(*args, **kwargs)
        if survey.area is None:
            self.fields["area"] = _wijk_field(
                survey.municipality,
                _("For the wijk or village"),
                _("Leave empty for panel codes: the respondent then names their wijk."),
            )
