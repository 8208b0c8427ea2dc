"""Writing self-assessments: the team, scores with history, bad input refused with nothing
saved, the version check between two team members, completing, consent, improvements."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from wijkwerk.accounts.tests.factories import UserFactory
from wijkwerk.agenda.models import AgendaItem
from wijkwerk.agenda.models import Status as AgendaStatus
from wijkwerk.assessments import services
from wijkwerk.assessments.models import (
    Assessment,
    Improvement,
    ImprovementKind,
    Score,
    ScoreChange,
    Status,
    TeamMember,
)
from wijkwerk.assessments.selectors import instrument_get
from wijkwerk.assessments.services import ScoreEntry
from wijkwerk.core.models import AuditEvent
from wijkwerk.core.tests.concurrency import in_parallel, skip_unless_postgres
from wijkwerk.organisations.tests.factories import OrganisationFactory

from .factories import point, score, start

pytestmark = pytest.mark.django_db


def _entry(assessment, number, value, note="", version=0):
    return ScoreEntry(point(assessment, number).pk, value, note, version)


def test_the_starter_and_named_colleagues_make_the_team(assessment, manager, colleague):
    assert set(assessment.team.values_list("user", flat=True)) == {manager.pk, colleague.pk}
    assert assessment.status == Status.DRAFT
    assert assessment.title.startswith("Tien opgaven")


def test_only_people_of_the_municipalitys_organisations_join_the_team(assessment, manager):
    outsider = UserFactory()
    with pytest.raises(ValidationError) as refused:
        services.team_member_add(assessment=assessment, actor=manager, user=outsider)
    assert "hold a role for an organisation of Den Helder" in str(refused.value)
    assert not TeamMember.objects.filter(user=outsider).exists()


def test_only_staff_start_an_assessment(municipality, colleague):
    with pytest.raises(PermissionDenied):
        services.assessment_start(
            municipality=municipality,
            actor=colleague,
            instrument=instrument_get(key="tien-waarden"),
        )
    assert not Assessment.objects.exists()


def test_scores_and_notes_are_saved_with_who_changed_what(assessment, colleague, manager):
    score(assessment, colleague, {1: 3}, notes={1: "Vooral de wijkraden"})
    score(assessment, manager, {1: 4})
    saved = Score.objects.get(assessment=assessment, point__number=1)
    assert (saved.value, saved.note, saved.version, saved.updated_by) == (
        4, "", 2, manager,
    )  # fmt: skip
    history = list(ScoreChange.objects.filter(score=saved).order_by("id"))
    assert [(c.value_before, c.value_after, c.changed_by) for c in history] == [
        (None, 3, colleague), (3, 4, manager),
    ]  # fmt: skip
    assert history[1].note_changed  # the manager's save emptied the note
    assert AuditEvent.objects.filter(action="assessments.scores").count() == 2


@pytest.mark.parametrize(
    ("entries", "message"),
    [
        (lambda a: [_entry(a, 1, 5)], "Choose a score from 1 to 4 for point 1."),
        (lambda a: [_entry(a, 1, 0)], "Choose a score from 1 to 4 for point 1."),
        (lambda a: [_entry(a, 1, 2, note="x" * 2001)], "Keep the note of point 1 under 2000"),
    ],
)
def test_a_score_outside_the_scale_is_refused_and_nothing_is_saved(
    assessment, colleague, entries, message
):
    good = _entry(assessment, 2, 3)
    with pytest.raises(ValidationError) as refused:
        services.scores_save(
            assessment=assessment, actor=colleague, entries=[good, *entries(assessment)]
        )
    assert message in str(refused.value)
    assert not Score.objects.exists()


def test_a_point_of_another_instrument_is_refused(assessment, colleague, municipality, manager):
    other = start(municipality=municipality, actor=manager, key="tien-waarden")
    foreign = point(other, 1)
    with pytest.raises(ValidationError) as refused:
        services.scores_save(
            assessment=assessment,
            actor=colleague,
            entries=[_entry(assessment, 2, 3), ScoreEntry(foreign.pk, 2, "", 0)],
        )
    assert "does not belong to the instrument" in str(refused.value)
    assert not Score.objects.exists()


def test_a_non_member_cannot_score(assessment, municipality):
    stranger = UserFactory()
    with pytest.raises(PermissionDenied) as refused:
        score(assessment, stranger, {1: 2})
    assert str(refused.value) == "You are not on the team of this self-assessment."
    assert not Score.objects.exists()


def test_a_completed_assessment_is_read_only(assessment, colleague, manager):
    score(assessment, colleague, {1: 2})
    services.assessment_complete(assessment=assessment, actor=manager)
    with pytest.raises(ValidationError) as refused:
        score(assessment, colleague, {1: 3})
    assert "completed and can no longer change" in str(refused.value)
    assert Score.objects.get().value == 2
    with pytest.raises(ValidationError):
        services.assessment_complete(assessment=assessment, actor=manager)


def test_completing_needs_a_score_and_the_staff(assessment, colleague, manager):
    with pytest.raises(ValidationError):
        services.assessment_complete(assessment=assessment, actor=manager)
    score(assessment, colleague, {1: 2})
    with pytest.raises(PermissionDenied):
        services.assessment_complete(assessment=assessment, actor=colleague)
    done = services.assessment_complete(assessment=assessment, actor=manager)
    assert done.status == Status.COMPLETED and done.completed_by == manager


def test_two_team_members_on_one_point_the_second_is_told_and_nothing_is_lost(
    assessment, colleague, manager
):
    # Both opened the page when point 5 had no score (version 0).
    services.scores_save(
        assessment=assessment, actor=colleague, entries=[_entry(assessment, 5, 3, "Goed", 0)]
    )
    with pytest.raises(ValidationError) as refused:
        services.scores_save(
            assessment=assessment,
            actor=manager,
            entries=[_entry(assessment, 6, 4, "", 0), _entry(assessment, 5, 1, "Slecht", 0)],
        )
    assert refused.value.code == "stale"
    assert "Someone else changed point 5 since you opened this page" in refused.value.messages[0]
    # Nothing of the refused save was written: not point 6 either.
    assert list(Score.objects.values_list("point__number", "value", "note")) == [(5, 3, "Goed")]
    # Seen the change, the manager saves again from version 1.
    services.scores_save(
        assessment=assessment, actor=manager, entries=[_entry(assessment, 5, 1, "Slecht", 1)]
    )
    assert Score.objects.get(point__number=5).version == 2


def test_different_points_and_the_same_answer_do_not_conflict(assessment, colleague, manager):
    services.scores_save(
        assessment=assessment, actor=colleague, entries=[_entry(assessment, 5, 3, "", 0)]
    )
    services.scores_save(
        assessment=assessment, actor=manager, entries=[_entry(assessment, 6, 2, "", 0)]
    )
    # Sending what is stored already, from an old version, changes nothing and is no conflict.
    assert (
        services.scores_save(
            assessment=assessment, actor=manager, entries=[_entry(assessment, 5, 3, "", 0)]
        )
        == []
    )
    assert Score.objects.count() == 2


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_of_two_simultaneous_saves_of_one_point_one_wins(assessment, colleague, manager):
    skip_unless_postgres()
    people = [colleague, manager]
    outcomes = in_parallel(
        lambda i: services.scores_save(
            assessment=assessment, actor=people[i], entries=[_entry(assessment, 7, i + 1)]
        ),
        2,
    )
    assert sorted(type(o).__name__ for o in outcomes) == ["ValidationError", "list"]
    assert Score.objects.get(point__number=7).version == 1


def test_consent_only_for_completed_and_it_can_be_withdrawn(assessment, colleague, manager):
    with pytest.raises(ValidationError):
        services.assessment_share(assessment=assessment, actor=manager)
    score(assessment, colleague, {1: 2})
    services.assessment_complete(assessment=assessment, actor=manager)
    shared = services.assessment_share(assessment=assessment, actor=manager)
    assert shared.shared_at is not None and shared.shared_by == manager
    withdrawn = services.assessment_unshare(assessment=assessment, actor=manager)
    assert withdrawn.shared_at is None
    with pytest.raises(PermissionDenied):
        services.assessment_share(assessment=assessment, actor=colleague)


def test_a_weak_point_becomes_an_internal_action_without_wijk(assessment, colleague, manager):
    score(assessment, colleague, {8: 4})
    due = timezone.localdate() + datetime.timedelta(days=60)
    with pytest.raises(ValidationError) as refused:
        services.improvement_create(
            assessment=assessment, point=point(assessment, 8), actor=manager, title="Inspireren"
        )
    assert set(refused.value.message_dict) == {"owner", "due_on"}
    made = services.improvement_create(
        assessment=assessment, point=point(assessment, 8), actor=manager,
        title="Ideeënavonden in elke wijk", owner=colleague, due_on=due,
    )  # fmt: skip
    assert (made.kind, made.owner, made.due_on) == (ImprovementKind.INTERNAL, colleague, due)
    with pytest.raises(ValidationError) as again:
        services.improvement_create(
            assessment=assessment, point=point(assessment, 8), actor=manager, title="Nog eens",
            owner=colleague, due_on=due,
        )  # fmt: skip
    assert "has been turned into an action already (internal action)" in str(again.value)
    assert Improvement.objects.count() == 1


def test_an_unscored_point_or_a_team_member_makes_no_action(assessment, colleague, manager):
    with pytest.raises(ValidationError):
        services.improvement_create(
            assessment=assessment, point=point(assessment, 3), actor=manager, title="X",
            owner=colleague, due_on=timezone.localdate(),
        )  # fmt: skip
    score(assessment, colleague, {3: 1})
    with pytest.raises(PermissionDenied):
        services.improvement_create(
            assessment=assessment, point=point(assessment, 3), actor=colleague, title="X",
            owner=colleague, due_on=timezone.localdate(),
        )  # fmt: skip
    assert not Improvement.objects.exists()


def test_in_a_wijk_a_weak_point_becomes_a_wijkagenda_item_pointing_back(
    municipality, wijk, manager, colleague
):
    assessment = start(municipality=municipality, actor=manager, area=wijk, team=[colleague])
    (saved,) = score(assessment, colleague, {33: 4})  # valkuil: the podium has no status
    owner = OrganisationFactory(municipality=municipality, name="Welzijn Den Helder")
    made = services.improvement_create(
        assessment=assessment, point=point(assessment, 33), actor=manager,
        title="Status van het wijkplatform vastleggen", owner_organisation=owner,
    )  # fmt: skip
    item = AgendaItem.objects.get(pk=made.agenda_item_id)
    assert (item.origin_kind, item.origin_id) == ("assessments.score", str(saved.pk))
    assert item.area == wijk and item.owner_organisation == owner
    assert item.status == AgendaStatus.PLANNED
    assert "Point 33 of the self-assessment" in item.reason
