"""Builders for self-assessment tests: everything is made through the services."""

from wijkwerk.assessments import services
from wijkwerk.assessments.models import Assessment, Point, Score
from wijkwerk.assessments.selectors import instrument_get
from wijkwerk.assessments.services import ScoreEntry


def start(*, municipality, actor, key="tien-opgaven", area=None, team=()) -> Assessment:
    assessment = services.assessment_start(
        municipality=municipality, actor=actor, instrument=instrument_get(key=key), area=area
    )
    for user in team:
        services.team_member_add(assessment=assessment, actor=actor, user=user)
    return assessment


def point(assessment: Assessment, number: int) -> Point:
    return Point.objects.get(section__instrument=assessment.instrument, number=number)


def version(assessment: Assessment, number: int) -> int:
    found = Score.objects.filter(assessment=assessment, point__number=number).first()
    return found.version if found else 0


def score(assessment: Assessment, actor, values: dict[int, int | None], notes=None) -> list[Score]:
    """Score points by number, from the versions as they stand."""
    notes = notes or {}
    return services.scores_save(
        assessment=assessment,
        actor=actor,
        entries=[
            ScoreEntry(point(assessment, n).pk, value, notes.get(n, ""), version(assessment, n))
            for n, value in values.items()
        ],
    )
