"""Writing surveys: questionnaires and their questions, publication, invitation codes and
anonymous responses.

Every staff function checks the actor's permission, validates everything before it writes
(a ValidationError leaves the database as it was) and logs the decision in the audit log.
Answering is deliberately *not* logged and takes no actor: see the anonymity notes in
`models`.
"""

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from wijkwerk.areas.models import Area, Municipality
from wijkwerk.core.crypto import code_format, code_normalise, codes_new, keyed_hash, keyed_hashes
from wijkwerk.core.services import audit_log, field_changes

from .models import (
    CHOICE_KINDS,
    CODE_SALT,
    TRANSITIONS,
    AgeGroup,
    Answer,
    Distribution,
    InvitationCode,
    Option,
    Question,
    QuestionKind,
    Response,
    Status,
    Survey,
)
from .standard import TEMPLATES

MAX_CODES_PER_BATCH = 50_000
MAX_OPTIONS = 20
MAX_SCALE_STEPS = 11  # 0–10
MAX_OPEN_TEXT = 2000


def check_perm(actor: Any, perm: str, obj: Any) -> None:
    if not actor.has_perm(perm, obj):
        raise PermissionDenied(_("You do not have a role that allows this for this survey."))


def _log(survey: Survey, actor: Any, action: str, target: Any, changes: dict) -> None:
    audit_log(
        actor=actor,
        action=action,
        target=target,
        changes=changes,
        municipality_code=survey.municipality.code,
    )


def _lock(survey: Survey) -> Survey:
    """Re-read the survey under a row lock so that staff actions on it cannot cross."""
    return (
        Survey.objects.select_for_update(of=("self",))
        .select_related("municipality", "area")
        .get(pk=survey.pk)
    )


def _day(value: date) -> str:
    return date_format(value, "DATE_FORMAT")


# --- surveys -------------------------------------------------------------------------------

SURVEY_FIELDS = ("title", "intro", "area", "opens_on", "closes_on", "distribution", "series")
# What may still change once a survey is open: nothing that changes who is asked.
CHANGEABLE_WHILE_OPEN = frozenset({"title", "intro", "closes_on"})


def _validate_survey(municipality: Municipality, v: dict[str, Any]) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if not v.get("title"):
        errors["title"] = [_("Give the survey a title.")]
    area = v.get("area")
    if area is not None and (area.municipality_id != municipality.pk or not area.is_wijk):
        errors["area"] = [_("Choose a wijk or village of this municipality.")]
    if v.get("opens_on") is None:
        errors["opens_on"] = [_("Enter the first day on which residents can answer.")]
    if v.get("closes_on") is None:
        errors["closes_on"] = [_("Enter the last day on which residents can answer.")]
    elif v.get("opens_on") is not None and v["closes_on"] < v["opens_on"]:
        errors["closes_on"] = [_("The survey cannot close before it opens.")]
    if v.get("distribution") not in Distribution.values:
        errors["distribution"] = [_("Choose how the survey is distributed.")]
    return errors


def _clean(values: dict[str, Any]) -> dict[str, Any]:
    return {k: v.strip() if isinstance(v, str) else v for k, v in values.items()}


@transaction.atomic
def survey_create(
    *,
    municipality: Municipality,
    actor: Any,
    title: str,
    opens_on: date,
    closes_on: date,
    area: Area | None = None,
    intro: str = "",
    distribution: str = Distribution.WIJK,
    series: str = "",
) -> Survey:
    """Staff start a survey (a draft) in a wijk or in the whole municipality."""
    check_perm(actor, "surveys.manage_survey", area if area is not None else municipality)
    values = _clean(
        {
            "title": title,
            "intro": intro,
            "area": area,
            "opens_on": opens_on,
            "closes_on": closes_on,
            "distribution": distribution,
            "series": series,
        }
    )
    errors = _validate_survey(municipality, values)
    if errors:
        raise ValidationError(errors)
    survey = Survey.objects.create(municipality=municipality, created_by=actor, **values)
    _log(survey, actor, "surveys.survey_create", survey, {"title": survey.title})
    return survey


@transaction.atomic
def survey_create_from_template(
    *,
    municipality: Municipality,
    actor: Any,
    opens_on: date,
    closes_on: date,
    area: Area | None = None,
    template: str = "burgerpeiling",
    distribution: str = Distribution.WIJK,
    title: str = "",
) -> Survey:
    """A new draft survey with a copy of a shipped template's questions, in one step. The
    copy belongs to the template's series, so it can be compared with earlier years."""
    found = TEMPLATES.get(template)
    if found is None:
        raise ValidationError({"template": [_("There is no such template.")]})
    where = area.name if area is not None else municipality.name
    survey = survey_create(
        municipality=municipality,
        actor=actor,
        title=title.strip() or f"{found.title} – {where} {opens_on.year}",
        intro=found.intro,
        opens_on=opens_on,
        closes_on=closes_on,
        area=area,
        distribution=distribution,
        series=found.key,
    )
    for spec in found.questions:
        low, high = spec.scale or (None, None)
        _question_store(
            survey,
            key=spec.key,
            kind=spec.kind,
            text=spec.text,
            help_text=spec.help_text,
            required=spec.required,
            options=spec.options,
            scale_min=low,
            scale_max=high,
            scale_min_label=spec.scale_labels[0],
            scale_max_label=spec.scale_labels[1],
        )
    return survey


@transaction.atomic
def survey_update(*, survey: Survey, actor: Any, **values: Any) -> Survey:
    """Change a survey: anything while it is a draft; once open only its title, introduction
    and last day; nothing once closed."""
    check_perm(actor, "surveys.manage_survey", survey)
    survey = _lock(survey)
    unknown = set(values) - set(SURVEY_FIELDS)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    if survey.status == Status.CLOSED:
        raise ValidationError(_("The survey is closed and can no longer change."))
    if survey.status == Status.OPEN and set(values) - CHANGEABLE_WHILE_OPEN:
        raise ValidationError(
            _("The survey is open: only its title, introduction and last day can still change.")
        )
    merged = {name: getattr(survey, name) for name in SURVEY_FIELDS} | _clean(values)
    errors = _validate_survey(survey.municipality, merged)
    if errors:
        raise ValidationError(errors)
    changes = field_changes(survey, {k: merged[k] for k in values})
    for name in values:
        setattr(survey, name, merged[name])
    survey.save()
    _log(survey, actor, "surveys.survey_update", survey, changes)
    return survey


def _transition(survey: Survey, actor: Any, new: str) -> Survey:
    check_perm(actor, "surveys.manage_survey", survey)
    survey = _lock(survey)
    if new not in TRANSITIONS[survey.status]:
        raise ValidationError(
            _("A survey that is %(old)s cannot become %(new)s.")
            % {"old": Status(survey.status).label, "new": Status(new).label}
        )
    old = survey.status
    survey.status = new
    survey.save(update_fields=["status"])
    _log(survey, actor, f"surveys.survey_{new}", survey, {"status": [old, new]})
    return survey


@transaction.atomic
def survey_open(*, survey: Survey, actor: Any) -> Survey:
    """Publish a draft: from its first day residents with a code can answer."""
    if not survey.questions.exists():
        raise ValidationError(_("Add at least one question before opening the survey."))
    return _transition(survey, actor, Status.OPEN)


@transaction.atomic
def survey_close(*, survey: Survey, actor: Any) -> Survey:
    """Stop taking answers (also before the last day); the results can then be read."""
    return _transition(survey, actor, Status.CLOSED)


# --- questions -----------------------------------------------------------------------------


def _check_questions_editable(survey: Survey) -> None:
    if survey.status == Status.CLOSED:
        raise ValidationError(_("The survey is closed; its questions can no longer change."))
    if Response.objects.filter(survey=survey).exists():
        raise ValidationError(
            _(
                "Residents have already answered this survey: its questions can no longer "
                "change, or the answers would no longer match them."
            )
        )


def _validate_question(v: dict[str, Any]) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    kind = v.get("kind")
    if kind not in QuestionKind.values:
        errors["kind"] = [_("Choose the kind of question.")]
    if not v.get("text"):
        errors["text"] = [_("Write the question.")]
    options = v.get("options") or []
    if kind in CHOICE_KINDS:
        if len(options) < 2:
            errors["options"] = [_("A choice question needs at least two answers to choose.")]
        elif len(options) > MAX_OPTIONS:
            errors["options"] = [
                _("A question can have at most %(max)d answers to choose.") % {"max": MAX_OPTIONS}
            ]
        elif len({o.casefold() for o in options}) != len(options):
            errors["options"] = [_("Each answer to choose may appear only once.")]
    elif options:
        errors["options"] = [_("Only choice questions have answers to choose.")]
    low, high = v.get("scale_min"), v.get("scale_max")
    if kind == QuestionKind.SCALE:
        if low is None or high is None:
            errors["scale_max"] = [_("Enter the lowest and the highest value of the scale.")]
        elif high <= low or high - low + 1 > MAX_SCALE_STEPS or low < 0:
            errors["scale_max"] = [
                _("A scale runs upwards from 0 or more, with 2 to %(max)d values, e.g. 1 to 5.")
                % {"max": MAX_SCALE_STEPS}
            ]
    elif low is not None or high is not None:
        errors["scale_max"] = [_("Only scale questions have a lowest and highest value.")]
    return errors


def _question_store(survey: Survey, *, key: str = "", **values: Any) -> Question:
    values = _clean(values)
    options = [o.strip() for o in values.pop("options", ()) or () if o and o.strip()]
    errors = _validate_question({**values, "options": options})
    if errors:
        raise ValidationError(errors)
    position = (survey.questions.aggregate(last=Max("position"))["last"] or 0) + 1
    key = key or f"vraag-{position}"
    if survey.questions.filter(key=key).exists():
        raise ValidationError({"key": [_("Another question of this survey has this key.")]})
    question = Question.objects.create(survey=survey, position=position, key=key, **values)
    Option.objects.bulk_create(
        [Option(question=question, position=i, label=label) for i, label in enumerate(options, 1)]
    )
    return question


@transaction.atomic
def question_add(
    *,
    survey: Survey,
    actor: Any,
    kind: str,
    text: str,
    help_text: str = "",
    required: bool = True,
    options: Iterable[str] = (),
    scale_min: int | None = None,
    scale_max: int | None = None,
    scale_min_label: str = "",
    scale_max_label: str = "",
    key: str = "",
) -> Question:
    """Add a question at the end, until the first answer comes in."""
    check_perm(actor, "surveys.manage_survey", survey)
    survey = _lock(survey)
    _check_questions_editable(survey)
    question = _question_store(
        survey,
        key=key,
        kind=kind,
        text=text,
        help_text=help_text,
        required=required,
        options=list(options),
        scale_min=scale_min if kind == QuestionKind.SCALE else None,
        scale_max=scale_max if kind == QuestionKind.SCALE else None,
        scale_min_label=scale_min_label if kind == QuestionKind.SCALE else "",
        scale_max_label=scale_max_label if kind == QuestionKind.SCALE else "",
    )
    _log(survey, actor, "surveys.question_add", question, {"text": question.text})
    return question


@transaction.atomic
def question_delete(*, question: Question, actor: Any) -> None:
    """Remove a question, until the first answer comes in; the ones after it move up."""
    check_perm(actor, "surveys.manage_survey", question.survey)
    survey = _lock(question.survey)
    _check_questions_editable(survey)
    position = question.position
    _log(survey, actor, "surveys.question_delete", question, {"text": question.text})
    question.delete()
    for later in survey.questions.filter(position__gt=position).order_by("position"):
        later.position -= 1
        later.save(update_fields=["position"])


# --- invitation codes ----------------------------------------------------------------------


def _code_hash(survey_id: int, code: str, *, secret: str | None = None) -> str:
    return keyed_hash(CODE_SALT, f"{survey_id}:{code_normalise(code)}", secret=secret)


@transaction.atomic
def invitation_codes_generate(
    *, survey: Survey, actor: Any, count: int, area: Area | None = None
) -> list[str]:
    """Make `count` single-use invitation codes, for one wijk or (panel) for none. Only
    their keyed hashes are stored: the list returned here is the one and only export."""
    check_perm(actor, "surveys.manage_survey", survey)
    survey = _lock(survey)
    if survey.status == Status.CLOSED or survey.is_finished():
        raise ValidationError(_("The survey has closed; no more invitation codes can be made."))
    if not isinstance(count, int) or not 1 <= count <= MAX_CODES_PER_BATCH:
        raise ValidationError(
            {
                "count": [
                    _("Make between 1 and %(max)d codes at a time.") % {"max": MAX_CODES_PER_BATCH}
                ]
            }
        )
    if survey.area is not None:
        if area is not None and area.pk != survey.area_id:
            raise ValidationError(
                {"area": [_("This survey is for %(wijk)s only.") % {"wijk": survey.area.name}]}
            )
        area = survey.area
    elif area is not None and (area.municipality_id != survey.municipality_id or not area.is_wijk):
        raise ValidationError({"area": [_("Choose a wijk or village of this municipality.")]})
    batch = (survey.codes.aggregate(last=Max("batch"))["last"] or 0) + 1
    codes = codes_new(count)
    InvitationCode.objects.bulk_create(
        [
            InvitationCode(
                survey=survey, code_hash=_code_hash(survey.pk, code), area=area, batch=batch
            )
            for code in codes
        ],
        batch_size=2000,
    )
    _log(
        survey,
        actor,
        "surveys.codes_generate",
        survey,
        {"batch": batch, "count": count, "area": area.name if area else ""},
    )
    return sorted(code_format(code) for code in codes)


# --- answering -----------------------------------------------------------------------------


def _check_answerable(survey: Survey) -> None:
    today = timezone.localdate()
    if survey.status == Status.DRAFT or (survey.status == Status.OPEN and today < survey.opens_on):
        raise ValidationError(_("This survey opens on %(date)s.") % {"date": _day(survey.opens_on)})
    if not survey.is_answerable(today):
        raise ValidationError(_("This survey has closed; answers can no longer be given."))


def answer_field(question: Question) -> str:
    """The name under which a question's answer (and its error) travels."""
    return f"question_{question.pk}"


def _as_int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _blank(value: Any) -> bool:
    return value is None or value == "" or (isinstance(value, list | tuple | set) and not value)


def _validate_answer(
    question: Question, value: Any, option_ids: set[int]
) -> tuple[list[Answer], str]:
    """The answer rows for one question's value, or an error message."""
    if _blank(value):
        if question.required:
            return [], _("This question needs an answer.")
        return [], ""
    kind = question.kind
    if kind == QuestionKind.OPEN:
        text = str(value).strip()
        if len(text) > MAX_OPEN_TEXT:
            return [], _("Keep your answer under %(max)d characters.") % {"max": MAX_OPEN_TEXT}
        if not text:
            return ([], _("This question needs an answer.")) if question.required else ([], "")
        return [Answer(question=question, text=text)], ""
    if kind == QuestionKind.SCALE:
        number = _as_int(value)
        if number is None or number not in question.scale_values:
            return [], _("Choose a value from %(low)d to %(high)d.") % {
                "low": question.scale_min,
                "high": question.scale_max,
            }
        return [Answer(question=question, value=number)], ""
    chosen = list(value) if isinstance(value, list | tuple | set) else [value]
    ids = [_as_int(v) for v in chosen]
    if any(i is None or i not in option_ids for i in ids):
        return [], _("Choose one of the answers given.")
    if kind == QuestionKind.SINGLE and len(ids) != 1:
        return [], _("Choose one answer.")
    if len(set(ids)) != len(ids):
        return [], _("Each answer can be chosen only once.")
    return [Answer(question=question, option_id=i) for i in sorted(ids)], ""  # type: ignore[misc]


def _validate_answers(survey: Survey, answers: Mapping[Any, Any]) -> list[Answer]:
    questions = list(survey.questions.prefetch_related("options").order_by("position"))
    by_id = {q.pk: q for q in questions}
    unknown = [k for k in answers if _as_int(k) not in by_id]
    if unknown:
        raise ValidationError(_("The answers do not belong to this survey's questions."))
    given = {_as_int(k): v for k, v in answers.items()}
    rows: list[Answer] = []
    errors: dict[str, list[str]] = {}
    for question in questions:
        option_ids = {o.pk for o in question.options.all()}
        found, problem = _validate_answer(question, given.get(question.pk), option_ids)
        if problem:
            errors[answer_field(question)] = [problem]
        rows += found
    if errors:
        raise ValidationError(errors)
    return rows


def _respondent_area(survey: Survey, code: InvitationCode, area: Area | None) -> Area | None:
    """The wijk a response counts for: the code's, else the survey's, else the one the
    respondent chose (panel codes of a municipality-wide survey)."""
    return code.area or survey.area or area


@transaction.atomic
def response_submit(
    *,
    survey: Survey,
    code: str,
    answers: Mapping[Any, Any],
    age_group: str = "",
    area: Area | None = None,
) -> Response:
    """Answer a survey with an invitation code, all or nothing.

    `answers` maps a question (its id) to an option id (single choice), a list of option
    ids (multiple choice), a number (scale) or a text (open). The code is marked used in the
    same transaction in which the response is stored; the response keeps no trace of it.
    """
    survey = Survey.objects.select_related("municipality", "area").get(pk=survey.pk)
    _check_answerable(survey)
    rows = _validate_answers(survey, answers)
    errors: dict[str, list[str]] = {}
    if age_group and age_group not in AgeGroup.values:
        errors["age_group"] = [_("Choose one of the age groups, or leave it empty.")]
    if area is not None and (area.municipality_id != survey.municipality_id or not area.is_wijk):
        errors["area"] = [_("Choose a wijk or village of this municipality.")]
    if errors:
        raise ValidationError(errors)
    normalised = code_normalise(code)
    found = (
        InvitationCode.objects.filter(
            survey=survey, code_hash__in=keyed_hashes(CODE_SALT, f"{survey.pk}:{normalised}")
        )
        .select_related("area")
        .first()
        if normalised
        else None
    )
    if found is None:
        raise ValidationError(
            {"code": [_("This code is not valid for this survey. Check the code you received.")]}
        )
    # Compare and set in one statement: of two simultaneous answers with one code, one wins.
    if not InvitationCode.objects.filter(pk=found.pk, used=False).update(used=True):
        raise ValidationError({"code": [_("This code has already been used to answer.")]})
    response = Response.objects.create(
        survey=survey, area=_respondent_area(survey, found, area), age_group=age_group
    )
    for row in rows:
        row.response = response
    Answer.objects.bulk_create(rows)
    return response
