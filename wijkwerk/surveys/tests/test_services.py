"""Surveys through their services: building a questionnaire, the status flow, invitation
codes stored only as keyed hashes, and answering anonymously — one response per code, every
bad answer refused with a clear message and nothing saved."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from wijkwerk.areas.tests.factories import BuurtFactory
from wijkwerk.core.models import AuditEvent
from wijkwerk.core.tests.concurrency import in_parallel, skip_unless_postgres
from wijkwerk.surveys import services
from wijkwerk.surveys.models import (
    TRANSITIONS,
    Answer,
    InvitationCode,
    QuestionKind,
    Response,
    Status,
    Survey,
)
from wijkwerk.surveys.standard import BURGERPEILING, TEMPLATES

from .factories import close, days, full_answers, open_survey, option_id, question

pytestmark = pytest.mark.django_db


def _draft(municipality, actor, **values):
    return services.survey_create(
        municipality=municipality,
        actor=actor,
        title="Peiling",
        opens_on=days(1),
        closes_on=days(10),
        **values,
    )


def _code(survey, actor, area=None) -> str:
    return services.invitation_codes_generate(survey=survey, actor=actor, count=1, area=area)[0]


# --- building ------------------------------------------------------------------------------


def test_the_standard_template_is_copied_in_one_step_with_its_series(municipality, treasurer):
    survey = services.survey_create_from_template(
        municipality=municipality, actor=treasurer, opens_on=days(1), closes_on=days(20)
    )
    template = TEMPLATES[BURGERPEILING]
    assert survey.status == Status.DRAFT
    assert survey.series == BURGERPEILING
    assert [q.key for q in survey.questions.order_by("position")] == [
        q.key for q in template.questions
    ]
    assert {q.kind for q in survey.questions.all()} == set(QuestionKind.values)
    scale = survey.questions.get(key="rapportcijfer-buurt")
    assert (scale.scale_min, scale.scale_max, scale.scale_min_label) == (1, 10, "heel slecht")
    assert survey.questions.get(key="actief").options.count() == 3
    assert AuditEvent.objects.filter(action="surveys.survey_create").count() == 1


def test_only_staff_of_the_area_build_surveys(municipality, wijk, wijk2, wijkmanager, resident):
    with pytest.raises(PermissionDenied):
        _draft(municipality, resident)
    with pytest.raises(PermissionDenied):  # a wijkmanager runs surveys of their own wijk
        _draft(municipality, wijkmanager)
    with pytest.raises(PermissionDenied):
        _draft(municipality, wijkmanager, area=wijk2)
    assert _draft(municipality, wijkmanager, area=wijk).area == wijk


def test_a_survey_needs_a_title_and_dates_in_order(municipality, treasurer, wijk):
    buurt = BuurtFactory(parent=wijk, municipality=municipality)
    with pytest.raises(ValidationError) as excinfo:
        services.survey_create(
            municipality=municipality,
            actor=treasurer,
            title=" ",
            opens_on=days(5),
            closes_on=days(1),
            area=buurt,
        )
    errors = excinfo.value.message_dict
    assert errors["title"] == ["Give the survey a title."]
    assert errors["closes_on"] == ["The survey cannot close before it opens."]
    assert errors["area"] == ["Choose a wijk or village of this municipality."]
    assert not Survey.objects.exists()


@pytest.mark.parametrize(
    ("kind", "values", "field", "message"),
    [
        ("single", {"options": ["Ja"]}, "options", "at least two answers"),
        ("multiple", {"options": ["Ja", "ja"]}, "options", "only once"),
        ("scale", {"scale_min": 1, "scale_max": 1}, "scale_max", "2 to 11 values"),
        ("scale", {"scale_min": 1, "scale_max": 20}, "scale_max", "2 to 11 values"),
        ("scale", {}, "scale_max", "lowest and the highest"),
        ("open", {"options": ["Ja", "Nee"]}, "options", "Only choice questions"),
        ("other", {}, "kind", "kind of question"),
    ],
)
def test_bad_questions_are_refused(survey_draft, treasurer, kind, values, field, message):
    with pytest.raises(ValidationError) as excinfo:
        services.question_add(
            survey=survey_draft, actor=treasurer, kind=kind, text="Vraag?", **values
        )
    assert message in " ".join(excinfo.value.message_dict[field])
    assert survey_draft.questions.count() == 0


@pytest.fixture
def survey_draft(municipality, treasurer):
    return _draft(municipality, treasurer)


def test_questions_are_added_in_order_and_deleted(survey_draft, treasurer):
    first = services.question_add(
        survey=survey_draft, actor=treasurer, kind="single", text="Eén?", options=["Ja", "Nee"]
    )
    second = services.question_add(
        survey=survey_draft,
        actor=treasurer,
        kind="scale",
        text="Twee?",
        scale_min=0,
        scale_max=10,
        scale_min_label="slecht",
        scale_max_label="goed",
    )
    assert [o.label for o in first.options.all()] == ["Ja", "Nee"]
    assert (first.position, second.position) == (1, 2)
    services.question_delete(question=first, actor=treasurer)
    second.refresh_from_db()
    assert second.position == 1


def test_questions_cannot_change_once_answers_exist(survey, treasurer):
    services.response_submit(
        survey=survey, code=_code(survey, treasurer), answers=full_answers(survey)
    )
    with pytest.raises(ValidationError) as excinfo:
        services.question_add(survey=survey, actor=treasurer, kind="open", text="Nog iets?")
    assert "already answered" in excinfo.value.messages[0]
    with pytest.raises(ValidationError):
        services.question_delete(question=question(survey, "veilig"), actor=treasurer)
    assert survey.questions.count() == 10


# --- status --------------------------------------------------------------------------------


@pytest.mark.parametrize("old", Status.values)
@pytest.mark.parametrize("new", [Status.OPEN, Status.CLOSED])
def test_the_status_flow_allows_only_its_transitions(municipality, treasurer, old, new):
    survey = services.survey_create_from_template(
        municipality=municipality, actor=treasurer, opens_on=days(0), closes_on=days(5)
    )
    Survey.objects.filter(pk=survey.pk).update(status=old)
    act = services.survey_open if new == Status.OPEN else services.survey_close
    if new in TRANSITIONS[old]:
        assert act(survey=survey, actor=treasurer).status == new
    else:
        with pytest.raises(ValidationError):
            act(survey=survey, actor=treasurer)
        survey.refresh_from_db()
        assert survey.status == old


def test_an_empty_survey_cannot_open(survey_draft, treasurer):
    with pytest.raises(ValidationError) as excinfo:
        services.survey_open(survey=survey_draft, actor=treasurer)
    assert "at least one question" in excinfo.value.messages[0]


def test_an_open_survey_changes_only_its_texts_and_last_day(survey, treasurer):
    services.survey_update(survey=survey, actor=treasurer, title="Nieuw", closes_on=days(30))
    with pytest.raises(ValidationError):
        services.survey_update(survey=survey, actor=treasurer, opens_on=days(-1))


# --- codes ---------------------------------------------------------------------------------


def test_codes_are_stored_only_as_keyed_hashes(survey, treasurer, wijk):
    codes = services.invitation_codes_generate(survey=survey, actor=treasurer, count=25, area=wijk)
    assert len(set(codes)) == 25
    stored = set(InvitationCode.objects.values_list("code_hash", flat=True))
    assert len(stored) == 25
    for code in codes:
        assert code not in stored and code.replace("-", "") not in stored
        assert len(code) == 14  # ABCD-EFGH-JKLM
    assert set(InvitationCode.objects.values_list("area", flat=True)) == {wijk.pk}
    event = AuditEvent.objects.get(action="surveys.codes_generate")
    assert event.changes == {"batch": 1, "count": 25, "area": wijk.name}


def test_codes_are_refused_in_bad_numbers_for_other_wijken_and_after_the_close(
    municipality, wijk, wijk2, wijkmanager, treasurer
):
    in_wijk = open_survey(municipality=municipality, actor=wijkmanager, area=wijk)
    for count in (0, 50_001):
        with pytest.raises(ValidationError):
            services.invitation_codes_generate(survey=in_wijk, actor=wijkmanager, count=count)
    with pytest.raises(ValidationError) as excinfo:
        services.invitation_codes_generate(survey=in_wijk, actor=treasurer, count=1, area=wijk2)
    assert excinfo.value.message_dict["area"] == [f"This survey is for {wijk.name} only."]
    close(in_wijk)
    with pytest.raises(ValidationError):
        services.invitation_codes_generate(survey=in_wijk, actor=wijkmanager, count=1)
    assert not InvitationCode.objects.exists()


# --- answering -----------------------------------------------------------------------------


def test_an_answer_is_stored_without_any_link_to_its_code(survey, treasurer, wijk):
    code = _code(survey, treasurer, area=wijk)
    response = services.response_submit(
        survey=survey,
        code=code.lower().replace("-", " "),  # as typed: case and separators do not matter
        answers=full_answers(survey, cijfer=8, text="Meer groen"),
        age_group="30-49",
    )
    assert (response.survey, response.area, response.age_group) == (survey, wijk, "30-49")
    assert InvitationCode.objects.get().used is True
    # Nothing on a response or an answer points at a code, a person or a moment.
    fields = {f.name for f in Response._meta.get_fields()} | {
        f.name for f in Answer._meta.get_fields()
    }
    assert fields == {
        "id", "survey", "area", "age_group", "answers", "response", "question", "option",
        "value", "text",
    }  # fmt: skip
    assert not AuditEvent.objects.filter(action__contains="response").exists()
    assert Answer.objects.get(question__key="rapportcijfer-buurt").value == 8
    assert Answer.objects.get(question__key="verbeteren").text == "Meer groen"


def test_a_code_answers_once(survey, treasurer):
    code = _code(survey, treasurer)
    services.response_submit(survey=survey, code=code, answers=full_answers(survey))
    with pytest.raises(ValidationError) as excinfo:
        services.response_submit(survey=survey, code=code, answers=full_answers(survey))
    assert excinfo.value.message_dict["code"] == ["This code has already been used to answer."]
    assert Response.objects.count() == 1


def test_a_wrong_code_or_a_code_of_another_survey_is_refused(survey, treasurer, municipality, wijk):
    other = open_survey(municipality=municipality, actor=treasurer, area=wijk)
    foreign = _code(other, treasurer)
    for code in ("", "ABCD-EFGH-JKLM", foreign):
        with pytest.raises(ValidationError) as excinfo:
            services.response_submit(survey=survey, code=code, answers=full_answers(survey))
        assert "not valid for this survey" in excinfo.value.message_dict["code"][0]
    assert not Response.objects.exists()
    assert not InvitationCode.objects.filter(used=True).exists()


def _refused(survey, code, answers, **kw) -> dict:
    with pytest.raises(ValidationError) as excinfo:
        services.response_submit(survey=survey, code=code, answers=answers, **kw)
    assert not Response.objects.exists() and not Answer.objects.exists()
    assert not InvitationCode.objects.filter(used=True).exists()
    return excinfo.value.message_dict if hasattr(excinfo.value, "error_dict") else {}


def test_bad_answers_are_refused_and_nothing_is_saved(survey, treasurer):
    code = _code(survey, treasurer)
    cijfer, actief = question(survey, "rapportcijfer-buurt"), question(survey, "actief")
    meedoen = question(survey, "manier-meedoen")
    field = services.answer_field

    errors = _refused(survey, code, {**full_answers(survey), cijfer.pk: 11})
    assert errors == {field(cijfer): ["Choose a value from 1 to 10."]}
    errors = _refused(survey, code, {**full_answers(survey), cijfer.pk: "zeven"})
    assert errors == {field(cijfer): ["Choose a value from 1 to 10."]}
    wrong_option = option_id(survey, "invloed", "Belangrijk")  # of another question
    errors = _refused(survey, code, {**full_answers(survey), actief.pk: wrong_option})
    assert errors == {field(actief): ["Choose one of the answers given."]}
    two = [o.pk for o in actief.options.all()[:2]]
    errors = _refused(survey, code, {**full_answers(survey), actief.pk: two})
    assert errors == {field(actief): ["Choose one answer."]}
    same = [meedoen.options.first().pk] * 2
    errors = _refused(survey, code, {**full_answers(survey), meedoen.pk: same})
    assert errors == {field(meedoen): ["Each answer can be chosen only once."]}
    missing = {k: v for k, v in full_answers(survey).items() if k != cijfer.pk}
    errors = _refused(survey, code, missing)
    assert errors == {field(cijfer): ["This question needs an answer."]}
    errors = _refused(survey, code, full_answers(survey), age_group="12-15")
    assert errors == {"age_group": ["Choose one of the age groups, or leave it empty."]}
    _refused(survey, code, {**full_answers(survey), 999_999: 1})
    long_text = {**full_answers(survey), question(survey, "verbeteren").pk: "x" * 2001}
    assert (
        "under 2000" in _refused(survey, code, long_text)[field(question(survey, "verbeteren"))][0]
    )


def test_optional_questions_may_stay_empty(survey, treasurer):
    answers = full_answers(survey)
    answers[question(survey, "manier-meedoen").pk] = []
    answers[question(survey, "verbeteren").pk] = "   "
    services.response_submit(survey=survey, code=_code(survey, treasurer), answers=answers)
    assert not Answer.objects.filter(question__kind__in=["multiple", "open"]).exists()


def test_nobody_answers_before_the_opening_or_after_the_close(survey, treasurer):
    code = _code(survey, treasurer)
    Survey.objects.filter(pk=survey.pk).update(opens_on=days(2))
    with pytest.raises(ValidationError) as excinfo:
        services.response_submit(survey=survey, code=code, answers=full_answers(survey))
    assert "opens on" in excinfo.value.messages[0]
    close(survey)
    with pytest.raises(ValidationError) as excinfo:
        services.response_submit(survey=survey, code=code, answers=full_answers(survey))
    assert excinfo.value.messages == ["This survey has closed; answers can no longer be given."]
    Survey.objects.filter(pk=survey.pk).update(closes_on=days(5), status=Status.CLOSED)
    with pytest.raises(ValidationError):
        services.response_submit(survey=survey, code=code, answers=full_answers(survey))
    assert not Response.objects.exists()


def test_a_panel_respondent_of_a_municipality_wide_survey_names_their_wijk(survey, treasurer, wijk):
    response = services.response_submit(
        survey=survey, code=_code(survey, treasurer), answers=full_answers(survey), area=wijk
    )
    assert response.area == wijk


def test_a_wijk_code_counts_for_its_wijk_whatever_the_respondent_says(
    survey, treasurer, wijk, wijk2
):
    response = services.response_submit(
        survey=survey,
        code=_code(survey, treasurer, area=wijk),
        answers=full_answers(survey),
        area=wijk2,
    )
    assert response.area == wijk


# --- concurrency (PostgreSQL) --------------------------------------------------------------


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_simultaneous_answers_with_one_code_give_one_response(survey, treasurer):
    skip_unless_postgres()
    code = _code(survey, treasurer)
    answers = full_answers(survey)
    n = 8
    outcomes = in_parallel(
        lambda i: services.response_submit(survey=survey, code=code, answers=answers), n
    )
    assert sum(isinstance(o, Response) for o in outcomes) == 1, outcomes
    assert sum(isinstance(o, ValidationError) for o in outcomes) == n - 1
    assert Response.objects.count() == 1
    assert InvitationCode.objects.get().used
