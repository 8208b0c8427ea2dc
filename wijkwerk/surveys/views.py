"""The public pages of surveys, at /gemeente/<gemeente>/peilingen/: the surveys, one survey
with its questionnaire while it is open (answered with an invitation code, sent by POST, so
it never lands in an address bar or a log), and the results with charts and a CSV file.

Every figure on the results page and in the CSV comes from `results.survey_results`, which
applies the five-respondent floor; open answers are read only by the survey's staff.
"""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from wijkwerk.areas.selectors import municipality_get
from wijkwerk.core import ratelimit
from wijkwerk.core.downloads import csv_download
from wijkwerk.core.forms import form_applied

from . import selectors, services
from .forms import AnswerForm
from .models import Status, Survey
from .results import FEW, Results, hidden_text, series_trends, survey_results

CODE_ATTEMPTS_PER_HOUR = 30


def _survey(request: HttpRequest, municipality: str, pk: int) -> Survey:
    place = municipality_get(slug=municipality)
    return selectors.survey_get(pk=pk, user=request.user, municipality=place)


@require_GET
def survey_list(request: HttpRequest, municipality: str) -> HttpResponse:
    place = municipality_get(slug=municipality)
    surveys = selectors.survey_list(user=request.user, municipality=place)
    return render(
        request,
        "surveys/survey_list.html",
        {
            "municipality": place,
            "surveys": surveys,
            "may_start": request.user.has_perm("surveys.manage_survey", place),
        },
    )


def _page(
    request: HttpRequest, survey: Survey, form: AnswerForm | None = None, status: int = 200
) -> HttpResponse:
    questions = list(survey.questions.prefetch_related("options").order_by("position"))
    answerable = survey.is_answerable()
    if answerable and form is None:
        form = AnswerForm(survey=survey, questions=questions)
    return render(
        request,
        "surveys/survey_detail.html",
        {
            "municipality": survey.municipality,
            "area": survey.area,
            "survey": survey,
            "answerable": answerable,
            "upcoming": survey.status == Status.OPEN
            and not answerable
            and not survey.is_finished(),
            "form": form if answerable else None,
            "results_visible": selectors.results_visible(survey=survey, user=request.user),
            "may_manage": request.user.has_perm("surveys.manage_survey", survey),
        },
        status=status,
    )


@require_GET
def survey_detail(request: HttpRequest, municipality: str, pk: int) -> HttpResponse:
    return _page(request, _survey(request, municipality, pk))


@require_POST
def survey_answer(request: HttpRequest, municipality: str, pk: int) -> HttpResponse:
    survey = _survey(request, municipality, pk)
    questions = list(survey.questions.prefetch_related("options").order_by("position"))
    form = AnswerForm(request.POST, survey=survey, questions=questions)
    address = request.META.get("REMOTE_ADDR", "")
    if not ratelimit.allow(
        f"surveys-code:{address}", limit=CODE_ATTEMPTS_PER_HOUR, window_seconds=3600
    ):
        form.is_valid()
        form.add_error(None, _("Too many attempts from this address; try again in an hour."))
    elif form_applied(
        form,
        lambda data: services.response_submit(
            survey=survey,
            code=data["code"],
            answers=form.answers(),
            age_group=data.get("age_group") or "",
            area=data.get("area"),
        ),
    ):
        messages.success(request, _("Thank you: your answers have been saved anonymously."))
        return redirect(reverse("surveys:detail", args=[municipality, survey.pk]))
    if not survey.is_answerable():
        messages.error(request, _("This survey has closed; answers can no longer be given."))
        return redirect(reverse("surveys:detail", args=[municipality, survey.pk]))
    return _page(request, survey, form, status=400)


def _results_for(request: HttpRequest, municipality: str, pk: int) -> tuple[Survey, Results]:
    survey = _survey(request, municipality, pk)
    if not selectors.results_visible(survey=survey, user=request.user):
        raise Http404
    texts = request.user.has_perm("surveys.read_open_answers", survey)
    return survey, survey_results(survey=survey, include_texts=texts)


@require_GET
def survey_results_page(request: HttpRequest, municipality: str, pk: int) -> HttpResponse:
    survey, results = _results_for(request, municipality, pk)
    return render(
        request,
        "surveys/survey_results.html",
        {
            "municipality": survey.municipality,
            "area": survey.area,
            "survey": survey,
            "results": results,
            "breakdowns": [
                (_("Per wijk"), "wijk", results.by_wijk),
                (_("Per age group"), "age", results.by_age),
                (_("Per wijk and age group"), "wijk-age", results.by_wijk_age),
            ],
            "trends": series_trends(survey=survey),
            "few": hidden_text(FEW),
            "finished": survey.is_finished(),
        },
    )


def _csv_rows(results: Results) -> list[list[str]]:
    def number(value: float | None) -> str:
        return "" if value is None else f"{value:.2f}"

    rows = []
    for group in results.groups():
        for figure in group.figures:
            if group.hidden or figure.hidden:
                why = hidden_text(group.hidden or figure.hidden)
                rows.append([group.kind, group.label, why, figure.question.key, "", "", "", "", ""])
                continue
            for bar in figure.bars or [None]:
                rows.append(
                    [
                        group.kind,
                        group.label,
                        str(group.respondents),
                        figure.question.key,
                        figure.question.text,
                        bar.label if bar else "",
                        str(bar.count) if bar else str(figure.answered),
                        number(bar.percent) if bar else "",
                        number(figure.mean),
                    ]
                )
    return rows


@require_GET
def survey_results_csv(request: HttpRequest, municipality: str, pk: int) -> HttpResponse:
    """The figures as CSV (without open answers), the floor applied as on the page."""
    survey, results = _results_for(request, municipality, pk)
    return csv_download(
        ["group_kind", "group", "respondents", "question_key", "question", "answer", "count",
         "percent", "mean"],
        _csv_rows(results),
        f"peiling-{survey.pk}.csv",
    )  # fmt: skip
