"""Reading self-assessments.

Instruments are public. An assessment (its scores, notes, team and profile) is seen by its
team and its staff only; for everybody else it answers 404, as a missing one does. Outside
the municipality only the section averages of completed assessments whose municipality
consented to share them are shown, the latest per municipality, and nothing else.
"""

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from wijkwerk.accounts.models import User
from wijkwerk.areas.models import Municipality

from .models import Assessment, Instrument, Section, Status
from .predicates import organisation_roles
from .profiles import Column, assessment_profile


def instrument_list(*, latest_only: bool = True) -> list[Instrument]:
    """The shipped instruments; with `latest_only` the newest version of each."""
    instruments = list(Instrument.objects.order_by("key", "-version"))
    if not latest_only:
        return instruments
    latest: dict[str, Instrument] = {}
    for instrument in instruments:
        latest.setdefault(instrument.key, instrument)
    return sorted(latest.values(), key=lambda i: i.pk)


def instrument_get(*, key: str, version: int | None = None) -> Instrument:
    qs = Instrument.objects.filter(key=key).order_by("-version")
    if version is not None:
        qs = qs.filter(version=version)
    found = qs.first()
    if found is None:
        raise Http404
    return found


def _visible(user: Any, assessments: QuerySet[Assessment]) -> list[Assessment]:
    return [a for a in assessments if user.has_perm("assessments.view_assessment", a)]


def assessment_list(*, user: Any, municipality: Municipality | None = None) -> list[Assessment]:
    """The assessments this user may see (as team member or staff), newest first."""
    if not getattr(user, "is_authenticated", False):
        return []
    qs = Assessment.objects.select_related("municipality", "area", "instrument")
    if municipality is not None:
        qs = qs.filter(municipality=municipality)
    return _visible(user, qs.order_by("-created_at", "-id"))


def assessment_get(*, pk: int, user: Any, municipality: Municipality | None = None) -> Assessment:
    qs = Assessment.objects.select_related("municipality", "area", "instrument")
    if municipality is not None:
        qs = qs.filter(municipality=municipality)
    found = qs.filter(pk=pk).first()
    if found is None or not user.has_perm("assessments.view_assessment", found):
        raise Http404
    return found


def _column(assessment: Assessment, label: str) -> Column:
    return Column(
        label=label,
        assessment=assessment,
        means=assessment_profile(assessment=assessment, weakest=0).section_means(),
    )


def over_time(*, user: Any, municipality: Municipality, instrument_key: str) -> list[Column]:
    """This municipality's assessments with the instrument (any version) that the user may
    see, oldest first; a draft counts with what it has so far."""
    qs = Assessment.objects.filter(
        municipality=municipality, instrument__key=instrument_key
    ).select_related("municipality", "area", "instrument")
    found = _visible(user, qs.order_by("created_at", "id"))
    return [_column(a, a.title) for a in found]


def shared_assessments(*, instrument_key: str) -> list[Assessment]:
    """Per consenting municipality its latest completed, shared assessment with the
    instrument; alphabetical by municipality."""
    qs = (
        Assessment.objects.filter(
            instrument__key=instrument_key,
            status=Status.COMPLETED,
            shared_at__isnull=False,
        )
        .select_related("municipality", "area", "instrument")
        .order_by("municipality__name", "-completed_at", "-id")
    )
    latest: dict[int, Assessment] = {}
    for assessment in qs:
        latest.setdefault(assessment.municipality_id, assessment)
    return list(latest.values())


def between_municipalities(*, instrument_key: str) -> list[Column]:
    """Section averages only, labelled with the municipality (and wijk) and the year."""
    columns = []
    for a in shared_assessments(instrument_key=instrument_key):
        where = f"{a.municipality.name} – {a.area.name}" if a.area else a.municipality.name
        columns.append(_column(a, f"{where} ({a.completed_at:%Y})"))
    return columns


def comparison_sections(instrument: Instrument) -> list[Section]:
    return list(instrument.sections.order_by("position"))


def people_of_municipality(*, municipality: Municipality) -> QuerySet[User]:
    """Accounts with a current role for one of the municipality's organisations: who may be
    on a team or own an internal action. Names: for the assessment's staff only."""
    holders = organisation_roles(municipality.pk)
    return User.objects.filter(pk__in=holders.values("user"), is_active=True).order_by(
        "full_name", "email"
    )
