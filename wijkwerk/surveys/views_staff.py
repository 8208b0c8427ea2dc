"""The staff pages of surveys: starting one (from the standard burgerpeiling in one step),
and per survey at /gemeente/<gemeente>/peilingen/<pk>/beheer/ its questions, opening and
closing, and invitation codes. For everybody but the survey's staff these pages do not
exist (404), as a missing survey does not either.

Invitation codes are the exception to "redirect after a post": only their keyed hashes are
stored, so the answer to the post is the one and only CSV with the codes in clear.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from wijkwerk.areas.selectors import municipality_get
from wijkwerk.core.downloads import csv_download
from wijkwerk.core.forms import action_applied, form_applied, form_render

from . import selectors, services
from .forms import CodesForm, QuestionForm, SurveyStartForm
from .models import TRANSITIONS, Question, Response, Status, Survey


def _survey(request: HttpRequest, municipality: str, pk: int) -> Survey:
    """The survey, for its staff only: missing and forbidden both answer 404."""
    place = municipality_get(slug=municipality)
    survey = selectors.survey_get(pk=pk, user=request.user, municipality=place)
    if not request.user.has_perm("surveys.manage_survey", survey):
        raise Http404
    return survey


@login_required
@require_http_methods(["GET", "POST"])
def survey_start(request: HttpRequest, municipality: str) -> HttpResponse:
    place = municipality_get(slug=municipality)
    if not request.user.has_perm("surveys.manage_survey", place) and not any(
        request.user.has_perm("surveys.manage_survey", wijk) for wijk in place.areas.wijken()
    ):
        raise Http404
    form = SurveyStartForm(request.POST or None, municipality=place)

    def create(data: dict) -> Survey:
        common = {
            "municipality": place,
            "actor": request.user,
            "area": data["area"],
            "opens_on": data["opens_on"],
            "closes_on": data["closes_on"],
            "distribution": data["distribution"],
        }
        if data["template"]:
            return services.survey_create_from_template(
                template=data["template"], title=data["title"], **common
            )
        return services.survey_create(title=data["title"], **common)

    if request.method == "POST" and (applied := form_applied(form, create)):
        messages.success(request, _("The survey has been created as a draft."))
        return redirect("surveys:staff", municipality, applied.value.pk)
    return form_render(
        request,
        "surveys/staff/survey_start.html",
        {"municipality": place, "form": form},
        refused=form.is_bound,
    )


def _render(
    request: HttpRequest,
    survey: Survey,
    *,
    question_form: QuestionForm | None = None,
    codes_form: CodesForm | None = None,
    status: int = 200,
) -> HttpResponse:
    answered = Response.objects.filter(survey=survey).count()
    editable = survey.status != Status.CLOSED and not answered
    codes_open = survey.status != Status.CLOSED and not survey.is_finished()
    question_form = question_form or (QuestionForm(auto_id="question-%s") if editable else None)
    codes_form = codes_form or (
        CodesForm(survey=survey, auto_id="codes-%s") if codes_open else None
    )
    return render(
        request,
        "surveys/staff/survey_staff.html",
        {
            "municipality": survey.municipality,
            "area": survey.area,
            "survey": survey,
            "questions": survey.questions.prefetch_related("options").order_by("position"),
            "editable": editable,
            "answered": answered,
            "codes_made": survey.codes.count(),
            "codes_used": survey.codes.filter(used=True).count(),
            "question_form": question_form,
            "codes_form": codes_form,
            "may_open": Status.OPEN in TRANSITIONS[survey.status],
            "may_close": Status.CLOSED in TRANSITIONS[survey.status],
        },
        status=status,
    )


@login_required
def survey_staff(request: HttpRequest, municipality: str, pk: int) -> HttpResponse:
    return _render(request, _survey(request, municipality, pk))


def _codes_csv(survey: Survey, codes: list[str]) -> HttpResponse:
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    return csv_download(
        ["code"],
        ([code] for code in codes),
        f"codes-peiling-{survey.pk}-{stamp}.csv",
        private=True,
    )


@login_required
@require_POST
def survey_action(request: HttpRequest, municipality: str, pk: int, action: str) -> HttpResponse:
    survey = _survey(request, municipality, pk)
    buttons = {
        "open": (services.survey_open, _("The survey is open.")),
        "close": (services.survey_close, _("The survey is closed; the results can be read.")),
    }
    if action in buttons:
        run, message = buttons[action]
        action_applied(request, lambda: run(survey=survey, actor=request.user), message)
        return redirect("surveys:staff", municipality, survey.pk)
    if action == "question":
        form = QuestionForm(request.POST, auto_id="question-%s")
        if form_applied(
            form,
            lambda data: services.question_add(
                survey=survey, actor=request.user, **form.service_arguments()
            ),
        ):
            messages.success(request, _("The question has been added."))
            return redirect("surveys:staff", municipality, survey.pk)
        refused = {"question_form": form}
    elif action == "codes":
        form = CodesForm(request.POST, survey=survey, auto_id="codes-%s")
        if applied := form_applied(
            form,
            lambda data: services.invitation_codes_generate(
                survey=survey, actor=request.user, count=data["count"], area=data.get("area")
            ),
        ):
            return _codes_csv(survey, applied.value)
        refused = {"codes_form": form}
    else:
        raise Http404
    survey.refresh_from_db()
    return _render(request, survey, status=400, **refused)


@login_required
@require_POST
def question_delete(
    request: HttpRequest, municipality: str, pk: int, question: int
) -> HttpResponse:
    survey = _survey(request, municipality, pk)
    found = get_object_or_404(Question, pk=question, survey=survey)
    action_applied(
        request,
        lambda: services.question_delete(question=found, actor=request.user),
        _("The question has been removed."),
    )
    return redirect("surveys:staff", municipality, survey.pk)
