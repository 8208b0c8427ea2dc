"""The self-assessment pages, at /gemeente/<gemeente>/zelfevaluatie/.

The list and the comparison between municipalities are public (only shared profiles, section
averages only). An assessment itself, its sections to fill in, its profile and its CSV files
exist only for its team and staff: for everybody else they answer 404, as a missing one
does. Filling in posts one section at a time; a save refused because someone else changed
a point meanwhile shows the form again with what this person typed still in it, next to
what is stored now, so nothing is lost and nothing is overwritten unseen.
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from wijkwerk.areas.selectors import municipality_get
from wijkwerk.core.downloads import csv_download
from wijkwerk.core.forms import action_applied, add_service_errors, form_applied

from . import selectors, services
from .forms import ImprovementForm, SectionForm, StartForm, TeamMemberForm, value_name
from .models import (
    TRANSITIONS,
    Assessment,
    Improvement,
    ImprovementKind,
    Instrument,
    Point,
    Score,
    ScoreChange,
    Status,
)
from .profiles import (
    Profile,
    assessment_profile,
    comparison_chart,
    comparison_rows,
    profile_chart,
    series_css,
)


def _assessment(request: HttpRequest, municipality: str, pk: int) -> Assessment:
    place = municipality_get(slug=municipality)
    return selectors.assessment_get(pk=pk, user=request.user, municipality=place)


def _managed(request: HttpRequest, municipality: str, pk: int) -> Assessment:
    assessment = _assessment(request, municipality, pk)
    if not request.user.has_perm("assessments.manage_assessment", assessment):
        raise Http404
    return assessment


def _may_start(user: Any, place) -> bool:
    return user.has_perm("assessments.manage_assessment", place) or any(
        user.has_perm("assessments.manage_assessment", wijk) for wijk in place.areas.wijken()
    )


@require_GET
def assessment_list(request: HttpRequest, municipality: str) -> HttpResponse:
    place = municipality_get(slug=municipality)
    return render(
        request,
        "assessments/assessment_list.html",
        {
            "municipality": place,
            "instruments": selectors.instrument_list(),
            "assessments": selectors.assessment_list(user=request.user, municipality=place),
            "may_start": _may_start(request.user, place),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def assessment_start(request: HttpRequest, municipality: str) -> HttpResponse:
    place = municipality_get(slug=municipality)
    if not _may_start(request.user, place):
        raise Http404
    form = StartForm(request.POST or None, municipality=place)

    def start(data: dict[str, Any]) -> Assessment:
        try:
            return services.assessment_start(municipality=place, actor=request.user, **data)
        except PermissionDenied as error:  # a wijk this person may not manage: say so there
            raise ValidationError({"area": str(error)}) from error

    if request.method == "POST" and (applied := form_applied(form, start)):
        messages.success(request, _("The self-assessment has been started."))
        return redirect("assessments:detail", municipality, applied.value.pk)
    return render(
        request,
        "assessments/assessment_start.html",
        {"municipality": place, "form": form},
        status=400 if form.is_bound else 200,
    )


def became_url(assessment: Assessment, improvement: Improvement) -> str:
    if improvement.kind == ImprovementKind.AGENDA_ITEM and assessment.area is not None:
        return reverse(
            "agenda:item",
            args=[
                assessment.municipality.slug,
                assessment.area.slug,
                int(improvement.agenda_item_id),
            ],
        )
    return ""


def _improvements(assessment: Assessment) -> dict[int, Improvement]:
    found = {}
    for improvement in Improvement.objects.filter(assessment=assessment).select_related(
        "owner", "point"
    ):
        improvement.url = became_url(assessment, improvement)
        found[improvement.point_id] = improvement
    return found


def _detail(
    request: HttpRequest,
    assessment: Assessment,
    team_form: TeamMemberForm | None = None,
    status: int = 200,
) -> HttpResponse:
    manage = request.user.has_perm("assessments.manage_assessment", assessment)
    draft = assessment.status == Status.DRAFT
    profile = assessment_profile(assessment=assessment, weakest=0)
    history = (
        ScoreChange.objects.filter(score__assessment=assessment)
        .select_related("score__point", "changed_by")
        .order_by("-changed_at", "-id")[:15]
    )
    return render(
        request,
        "assessments/assessment_detail.html",
        {
            "municipality": assessment.municipality,
            "area": assessment.area,
            "assessment": assessment,
            "instrument": assessment.instrument,
            "profile": profile,
            "team": assessment.team.select_related("user"),
            "history": history,
            "manage": manage,
            "draft": draft,
            "team_form": team_form
            or (TeamMemberForm(assessment=assessment) if manage and draft else None),
            "may_complete": manage and Status.COMPLETED in TRANSITIONS[assessment.status],
        },
        status=status,
    )


@login_required
@require_GET
def assessment_detail(request: HttpRequest, municipality: str, pk: int) -> HttpResponse:
    return _detail(request, _assessment(request, municipality, pk))


@login_required
@require_POST
def assessment_action(
    request: HttpRequest, municipality: str, pk: int, action: str
) -> HttpResponse:
    """Staff: complete, share, stop sharing, add or remove a team member."""
    assessment = _managed(request, municipality, pk)
    done = {
        "complete": (services.assessment_complete, _("The self-assessment is completed; it can no longer change.")),
        "share": (services.assessment_share, _("The profile is shared with other municipalities: section averages only.")),
        "unshare": (services.assessment_unshare, _("The profile is no longer shared.")),
    }  # fmt: skip
    if action in done:
        run, message = done[action]
        action_applied(request, lambda: run(assessment=assessment, actor=request.user), message)
    elif action == "team":
        form = TeamMemberForm(request.POST, assessment=assessment)
        if not form_applied(
            form,
            lambda data: services.team_member_add(
                assessment=assessment, actor=request.user, user=data["user"]
            ),
        ):
            return _detail(request, assessment, team_form=form, status=400)
        messages.success(
            request, _("%(name)s is on the team.") % {"name": form.cleaned_data["user"]}
        )
    elif action == "team-remove":
        member = get_object_or_404(assessment.team, user_id=request.POST.get("user", "") or 0)
        action_applied(
            request,
            lambda: services.team_member_remove(
                assessment=assessment, actor=request.user, user=member.user
            ),
            _("%(name)s is no longer on the team.") % {"name": member.user},
        )
    else:
        raise Http404
    return redirect("assessments:detail", municipality, assessment.pk)


def _scores(assessment: Assessment) -> dict[int, Score]:
    return {
        s.point_id: s
        for s in Score.objects.filter(assessment=assessment).select_related("updated_by")
    }


@login_required
@require_http_methods(["GET", "POST"])
def section_fill(request: HttpRequest, municipality: str, pk: int, position: int) -> HttpResponse:
    assessment = _assessment(request, municipality, pk)
    section = get_object_or_404(assessment.instrument.sections, position=position)
    scores = _scores(assessment)
    editable = assessment.status == Status.DRAFT and request.user.has_perm(
        "assessments.fill_assessment", assessment
    )
    kwargs = {"section": section, "scale": assessment.instrument.scale, "scores": scores}
    form = SectionForm(request.POST if request.method == "POST" and editable else None, **kwargs)
    conflicts: dict[int, Score] = {}
    status = 200
    if form.is_bound:
        if form.is_valid():
            # Caught here: a save refused as stale (409) rebuilds the form on what is stored now.
            try:
                changed = services.scores_save(
                    assessment=assessment, actor=request.user, entries=form.entries()
                )
            except ValidationError as error:
                status = 409 if getattr(error, "code", "") == "stale" else 400
                if status == 409:
                    # Keep what this person typed; show what is stored now beside it.
                    scores = _scores(assessment)
                    form = SectionForm(form.rebased(scores), **{**kwargs, "scores": scores})
                    form.is_valid()
                    conflicts = {
                        p.pk: scores[p.pk] for p in form.points
                        if p.pk in scores and form[value_name(p)].data != str(scores[p.pk].value or "")
                    }  # fmt: skip
                _add_point_errors(form, error)
            else:
                messages.success(
                    request,
                    ngettext(
                        "Saved: %(n)d point changed.", "Saved: %(n)d points changed.", len(changed)
                    )
                    % {"n": len(changed)}
                    if changed
                    else _("Nothing was changed."),
                )
                sections = assessment.instrument.sections.count()
                to = position + 1 if "next" in request.POST and position < sections else position
                return redirect("assessments:section", municipality, assessment.pk, to)
        else:
            status = 400
    return render(
        request,
        "assessments/section_fill.html",
        {
            "municipality": assessment.municipality,
            "area": assessment.area,
            "assessment": assessment,
            "section": section,
            "sections": list(assessment.instrument.sections.order_by("position")),
            "form": form,
            "rows": form.rows(scores, conflicts),
            "editable": editable,
        },
        status=status,
    )


def _add_point_errors(form: SectionForm, error: ValidationError) -> None:
    """A service's errors per point (point_<id>) go on that point's score field."""
    if hasattr(error, "error_dict"):
        error = ValidationError(
            {
                key.replace("point_", "value_", 1) if key.startswith("point_") else key: value
                for key, value in error.error_dict.items()
            }
        )
    add_service_errors(form, error)


def _scale(instrument: Instrument) -> dict[str, Any]:
    labels = instrument.scale_labels
    return {"scale_low": labels[0], "scale_max": len(labels), "scale_high": labels[-1]}


def _profile_context(
    request: HttpRequest, assessment: Assessment, profile: Profile, forms=None
) -> dict:
    improvements = _improvements(assessment)
    manage = request.user.has_perm("assessments.manage_assessment", assessment)
    forms = forms or {}
    weakest = []
    for result in profile.weakest:
        improvement = improvements.get(result.point.pk)
        form = None
        if manage and improvement is None:
            form = forms.get(result.point.pk) or ImprovementForm(
                assessment=assessment,
                initial={"title": result.point.text[:200]},
                prefix=f"p{result.point.number}",
            )
        weakest.append((result, improvement, form))
    return {
        "municipality": assessment.municipality,
        "area": assessment.area,
        "assessment": assessment,
        "profile": profile,
        "chart": profile_chart(profile),
        "weakest": weakest,
        "improvements": sorted(improvements.values(), key=lambda i: i.point.number),
        **_scale(assessment.instrument),
    }


@login_required
@require_GET
def profile_page(request: HttpRequest, municipality: str, pk: int) -> HttpResponse:
    assessment = _assessment(request, municipality, pk)
    profile = assessment_profile(assessment=assessment)
    return render(
        request, "assessments/profile.html", _profile_context(request, assessment, profile)
    )


@login_required
@require_POST
def improve(request: HttpRequest, municipality: str, pk: int, number: int) -> HttpResponse:
    """Staff turn a weak point into an improvement action, in one step."""
    assessment = _managed(request, municipality, pk)
    point = get_object_or_404(Point, section__instrument=assessment.instrument, number=number)
    form = ImprovementForm(request.POST, assessment=assessment, prefix=f"p{number}")
    if applied := form_applied(
        form,
        lambda data: services.improvement_create(
            assessment=assessment, point=point, actor=request.user, **data
        ),
    ):
        messages.success(
            request,
            _("Point %(number)d has become an action: %(what)s.")
            % {"number": number, "what": applied.value.get_kind_display()},
        )
        return redirect(
            reverse("assessments:profile", args=[municipality, pk]) + f"#point-{number}"
        )
    profile = assessment_profile(assessment=assessment)
    context = _profile_context(request, assessment, profile, forms={point.pk: form})
    return render(request, "assessments/profile.html", context, status=400)


# --- CSV -----------------------------------------------------------------------------------


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:.2f}"


@login_required
@require_GET
def scores_csv(request: HttpRequest, municipality: str, pk: int) -> HttpResponse:
    """Every point with its score and note: for the team and staff only, never cached."""
    assessment = _assessment(request, municipality, pk)
    profile = assessment_profile(assessment=assessment, weakest=0)
    rows = [
        [
            s.section.key, str(r.point.number), r.point.kind, r.point.text,
            "" if r.value is None else str(r.value), "" if r.strength is None else str(r.strength),
            r.score.note if r.score else "",
        ]
        for s in profile.sections
        for r in s.points
    ]  # fmt: skip
    return csv_download(
        ["section", "point", "kind", "text", "score", "strength", "note"],
        rows,
        f"zelfevaluatie-{assessment.pk}-scores.csv",
        private=True,
    )


@login_required
@require_GET
def profile_csv(request: HttpRequest, municipality: str, pk: int) -> HttpResponse:
    """Per section the number of points, scored points, average and spread."""
    assessment = _assessment(request, municipality, pk)
    profile = assessment_profile(assessment=assessment, weakest=0)
    rows = [
        [
            s.section.key,
            s.section.title,
            str(len(s.points)),
            str(s.scored),
            _number(s.mean),
            _number(s.spread),
        ]
        for s in profile.sections
    ]
    return csv_download(
        ["section", "title", "points", "scored", "mean", "spread"],
        rows,
        f"zelfevaluatie-{assessment.pk}-profiel.csv",
        private=True,
    )


# --- comparing -----------------------------------------------------------------------------


@require_GET
def compare(request: HttpRequest, municipality: str, key: str) -> HttpResponse:
    """The same instrument over time (this municipality's assessments the visitor may see)
    and between municipalities (shared profiles only)."""
    place = municipality_get(slug=municipality)
    instrument = selectors.instrument_get(key=key)
    sections = selectors.comparison_sections(instrument)
    own = selectors.over_time(user=request.user, municipality=place, instrument_key=key)
    others = selectors.between_municipalities(instrument_key=key)
    sets = []
    for heading, slug, columns, empty in [
        (
            _("%(municipality)s over time") % {"municipality": place.name},
            "over-time",
            own,
            _("There is no self-assessment with this instrument that you may see here."),
        ),
        (
            _("Municipalities that share their profile"),
            "shared",
            others,
            _("No municipality shares a completed profile of this instrument yet."),
        ),
    ]:
        rows = comparison_rows(sections, columns, instrument.scale_max)
        sets.append(
            {
                "heading": heading,
                "slug": slug,
                "columns": columns,
                "legend": [(series_css(i), c.label) for i, c in enumerate(columns, 1)],
                "rows": rows,
                "chart": comparison_chart(rows, instrument.scale_max),
                "empty": empty,
            }
        )
    return render(
        request,
        "assessments/compare.html",
        {"municipality": place, "instrument": instrument, "sets": sets, **_scale(instrument)},
    )
