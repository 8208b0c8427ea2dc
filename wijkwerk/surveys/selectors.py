"""Reading surveys: which surveys a visitor sees, and whether they may see the results.

Drafts exist only for the survey's staff; for everybody else they answer 404, as a missing
survey does. Results are public once the survey is finished (closed, or past its last day),
and visible to its staff from the first answer on."""

from typing import Any

from django.db.models import Q
from django.http import Http404

from wijkwerk.areas.models import Area, Municipality

from .models import Status, Survey


def survey_list(
    *, user: Any, municipality: Municipality | None = None, area: Area | None = None
) -> list[Survey]:
    """Published surveys, plus the drafts this user may manage; newest first. With `area`,
    those of its wijk and those of the whole municipality."""
    qs = Survey.objects.select_related("municipality", "area")
    if municipality is not None:
        qs = qs.filter(municipality=municipality)
    if area is not None:
        qs = qs.filter(Q(area=area.wijk) | Q(area__isnull=True), municipality=area.municipality)
    qs = qs.order_by("-opens_on", "-id")
    return [s for s in qs if s.status != Status.DRAFT or user.has_perm("surveys.manage_survey", s)]


def survey_get(*, pk: int, user: Any, municipality: Municipality | None = None) -> Survey:
    """One survey, if this user may see it (drafts: its staff only)."""
    qs = Survey.objects.select_related("municipality", "area")
    if municipality is not None:
        qs = qs.filter(municipality=municipality)
    survey = qs.filter(pk=pk).first()
    if survey is None or (
        survey.status == Status.DRAFT and not user.has_perm("surveys.manage_survey", survey)
    ):
        raise Http404
    return survey


def results_visible(*, survey: Survey, user: Any) -> bool:
    return survey.is_finished() or user.has_perm("surveys.manage_survey", survey)
