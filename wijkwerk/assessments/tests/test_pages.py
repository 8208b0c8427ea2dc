"""The self-assessment pages: who sees what (404 for outsiders), filling in a section with
bad input and a stale version shown on the form, the profile with a weak point turned into
an action, the CSV files and the comparison with consent."""

import csv
import io
import re

import pytest
from django.test import Client

from wijkwerk.accounts.roles import Role
from wijkwerk.accounts.tests.factories import RoleAssignmentFactory, UserFactory
from wijkwerk.agenda.models import AgendaItem
from wijkwerk.areas.tests.factories import MunicipalityFactory
from wijkwerk.assessments import services
from wijkwerk.assessments.models import Improvement, Score, Status
from wijkwerk.organisations.tests.factories import OrganisationFactory

from .factories import point, score, start

pytestmark = pytest.mark.django_db


@pytest.fixture
def client():
    client = Client()
    client.cookies["django_language"] = "en"
    return client


def _url(assessment, suffix=""):
    return f"/gemeente/{assessment.municipality.slug}/zelfevaluatie/{assessment.pk}/{suffix}"


def _section_data(assessment, number, value, note="", version=0, shown_value="", shown_note=""):
    p = point(assessment, number)
    data = {}
    for other in p.section.points.all():
        found = Score.objects.filter(assessment=assessment, point=other).first()
        stored = "" if not found or found.value is None else str(found.value)
        data[f"value_{other.pk}"] = data[f"initial-value_{other.pk}"] = stored
        data[f"note_{other.pk}"] = data[f"initial-note_{other.pk}"] = found.note if found else ""
        data[f"version_{other.pk}"] = str(found.version if found else 0)
    data.update({
        f"value_{p.pk}": str(value), f"note_{p.pk}": note, f"version_{p.pk}": str(version),
        f"initial-value_{p.pk}": shown_value, f"initial-note_{p.pk}": shown_note,
    })  # fmt: skip
    return data


def test_outsiders_get_404_and_the_team_sees_the_assessment(client, assessment, colleague):
    for suffix in ("", "deel/1/", "profiel/", "scores.csv", "profiel.csv"):
        assert client.get(_url(assessment, suffix)).status_code in (302, 404)
    client.force_login(UserFactory())
    for suffix in ("", "deel/1/", "profiel/", "scores.csv", "profiel.csv"):
        assert client.get(_url(assessment, suffix)).status_code == 404
    client.force_login(colleague)
    page = client.get(_url(assessment)).content.decode()
    assert assessment.title in page and "0 of 97 points scored" in page
    listing = client.get(f"/gemeente/{assessment.municipality.slug}/zelfevaluatie/")
    assert assessment.title in listing.content.decode()


def test_a_team_member_scores_a_section_and_only_changed_points_are_sent(
    client, assessment, colleague
):
    client.force_login(colleague)
    page = client.get(_url(assessment, "deel/1/")).content.decode()
    assert "Breed bereik" in page and "valkuil" in page
    response = client.post(_url(assessment, "deel/1/"), _section_data(assessment, 3, 2, "Ja"))
    assert response.status_code == 302
    assert list(Score.objects.values_list("point__number", "value", "note")) == [(3, 2, "Ja")]


def test_a_score_outside_the_scale_is_shown_on_the_form_and_nothing_saved(
    client, assessment, colleague
):
    client.force_login(colleague)
    response = client.post(_url(assessment, "deel/1/"), _section_data(assessment, 3, 9))
    assert response.status_code == 400
    assert "Choose a score from 1 to 4 for point 3." in response.content.decode()
    assert not Score.objects.exists()


def test_a_stale_save_keeps_the_input_and_shows_what_is_stored_now(
    client, assessment, colleague, manager
):
    client.force_login(colleague)
    seen = _section_data(assessment, 3, 2)  # opened while point 3 had no score
    score(assessment, manager, {3: 4})
    response = client.post(_url(assessment, "deel/1/"), seen)
    page = response.content.decode()
    assert response.status_code == 409
    assert "Someone else changed point 3 since you opened this page" in page
    assert "Stored now: 4 by" in page
    p3 = point(assessment, 3)
    assert re.search(rf'name="value_{p3.pk}" value="2"[^>]*checked', page)  # the input stays
    assert Score.objects.get().value == 4
    # Saving the form as shown now replaces the stored score knowingly.
    again = client.post(_url(assessment, "deel/1/"), _section_data(assessment, 3, 2, version=1,
                                                                   shown_value="4"))  # fmt: skip
    assert again.status_code == 302
    assert Score.objects.get().value == 2


def test_a_completed_assessment_shows_no_form(client, assessment, colleague, manager):
    score(assessment, colleague, {1: 2})
    services.assessment_complete(assessment=assessment, actor=manager)
    client.force_login(colleague)
    page = client.get(_url(assessment, "deel/1/")).content.decode()
    assert "can be read, no longer changed" in page and 'name="value_' not in page
    response = client.post(_url(assessment, "deel/1/"), _section_data(assessment, 1, 4))
    assert response.status_code == 200 and Score.objects.get().value == 2


def test_staff_complete_and_share_team_members_cannot(client, assessment, colleague, manager):
    score(assessment, colleague, {1: 2})
    client.force_login(colleague)
    assert client.post(_url(assessment, "beheer/complete/")).status_code == 404
    client.force_login(manager)
    assert client.post(_url(assessment, "beheer/complete/")).status_code == 302
    assert client.post(_url(assessment, "beheer/share/")).status_code == 302
    assessment.refresh_from_db()
    assert assessment.status == Status.COMPLETED and assessment.shared_at is not None


def test_staff_add_a_colleague_to_the_team(client, assessment, manager, municipality, wijk):
    welzijn = OrganisationFactory(municipality=municipality, name="Welzijn")
    worker = RoleAssignmentFactory(
        area=wijk, municipality=municipality, role=Role.OPBOUWWERKER, organisation=welzijn
    ).user
    client.force_login(manager)
    assert f'<option value="{worker.pk}">' in client.get(_url(assessment)).content.decode()
    response = client.post(_url(assessment, "beheer/team/"), {"user": worker.pk})
    assert response.status_code == 302
    assert assessment.team.filter(user=worker).exists()


def test_the_profile_shows_the_chart_table_and_weakest_points(client, assessment, colleague):
    score(assessment, colleague, {1: 4, 2: 2, 8: 4, 14: 1})
    client.force_login(colleague)
    page = client.get(_url(assessment, "profiel/")).content.decode()
    assert '<svg role="img"' in page and "<table" in page
    assert page.index('id="point-8"') < page.index('id="point-14"') < page.index('id="point-2"')
    assert "Make an internal action" not in page  # team members do not make actions


def test_staff_turn_a_weak_point_into_a_wijkagenda_item_and_it_shows(
    client, municipality, wijk, manager, colleague
):
    assessment = start(municipality=municipality, actor=manager, area=wijk, team=[colleague])
    score(assessment, colleague, {33: 4})
    client.force_login(manager)
    page = client.get(_url(assessment, "profiel/")).content.decode()
    assert "Put on the wijkagenda" in page
    response = client.post(_url(assessment, "verbeteren/33/"), {"p33-title": ""})
    assert response.status_code == 400 and "Say what will be done." in response.content.decode()
    response = client.post(
        _url(assessment, "verbeteren/33/"), {"p33-title": "Status van het podium vastleggen"}
    )
    assert response.status_code == 302
    item = AgendaItem.objects.get()
    page = client.get(_url(assessment, "profiel/")).content.decode()
    assert f"/wijkagenda/{item.pk}/" in page and "Became a wijkagenda item" in page


def test_the_csv_files_have_scores_with_notes_and_the_profile(client, assessment, colleague):
    score(assessment, colleague, {1: 4, 8: 4}, notes={1: "Sterk in Oost"})
    client.force_login(colleague)
    response = client.get(_url(assessment, "scores.csv"))
    assert response["Cache-Control"] == "no-store"
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["section", "point", "kind", "text", "score", "strength", "note"]
    assert rows[1][:3] == ["breed-bereik", "1", "kans"] and rows[1][4:] == [
        "4",
        "4",
        "Sterk in Oost",
    ]
    assert rows[8][1:3] == ["8", "valkuil"] and rows[8][4:6] == ["4", "1"]
    profile = list(
        csv.reader(io.StringIO(client.get(_url(assessment, "profiel.csv")).content.decode()))
    )
    assert profile[1] == ["breed-bereik", "Breed bereik", "13", "2", "2.50", "1.50"]


def test_the_comparison_shows_only_consenting_municipalities(
    client, assessment, colleague, manager
):
    other = MunicipalityFactory(code="GM0118", name="Hoogeveen", slug="hoogeveen")
    beheer = RoleAssignmentFactory(
        area=None, municipality=other, role=Role.BEHEERDER,
        organisation=OrganisationFactory(municipality=other, name="Gemeente Hoogeveen"),
    ).user  # fmt: skip
    theirs = start(municipality=other, actor=beheer)
    score(theirs, beheer, {1: 3}, notes={1: "Geheime notitie"})
    services.assessment_complete(assessment=theirs, actor=beheer)
    score(assessment, colleague, {1: 2})
    services.assessment_complete(assessment=assessment, actor=manager)
    url = f"/gemeente/{assessment.municipality.slug}/zelfevaluatie/vergelijken/tien-opgaven/"
    page = client.get(url).content.decode()
    assert "Hoogeveen" not in page and "No municipality shares" in page
    services.assessment_share(assessment=theirs, actor=beheer)
    page = client.get(url).content.decode()
    assert "Hoogeveen (" in page and "3.00" in page and "Geheime notitie" not in page
    assert assessment.title not in page  # a visitor does not see Den Helder's own
    client.force_login(colleague)
    page = client.get(url).content.decode()
    assert assessment.title in page  # the team sees its own over time
    services.assessment_unshare(assessment=theirs, actor=beheer)
    assert "Hoogeveen (" not in client.get(url).content.decode()
    assert not Improvement.objects.exists()
