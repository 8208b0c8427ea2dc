"""The agenda API: public reading, proposing, answering and progress — with the web's
permission names, the services' rules and Dutch error messages."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from wijkwerk.accounts.roles import Role
from wijkwerk.accounts.tests.factories import RoleAssignmentFactory
from wijkwerk.agenda.models import AgendaItem, AgendaItemUpdate, Status
from wijkwerk.agenda.tests.factories import AgendaItemFactory, ThemeFactory
from wijkwerk.areas.tests.factories import BuurtFactory, WijkFactory
from wijkwerk.core.models import AuditEvent
from wijkwerk.core.tests.openapi import assert_matches_schema

ITEM_FIELDS = {
    "id",
    "answer_due",
    "version",
    "late",
    "source_name",
    "area",
    "buurt",
    "other_areas",
    "year",
    "title",
    "reason",
    "approach",
    "due_date",
    "owner_organisation",
    "owner_organisation_name",
    "theme",
    "theme_name",
    "source",
    "status",
    "verdict",
    "motivation",
    "conditions",
    "answer_by",
    "wijktoets",
    "answered_at",
    "created_at",
    "completed_at",
    "waiting_days",
}
NOT_LOGGED_IN = {"detail": "Authenticatiegegevens zijn niet opgegeven."}
NO_ROLE = {"detail": "Je hebt geen rol waarmee je dit in deze wijk mag doen."}


@pytest.fixture
def api():
    return APIClient()


def _unchanged(item: AgendaItem) -> None:
    """The item is still an unanswered idea, and nothing about it was logged."""
    item.refresh_from_db()
    assert (item.status, item.verdict, item.answered_at) == (Status.PROPOSED, "", None)
    assert not AuditEvent.objects.for_target(item).exists()


# --- reading ----------------------------------------------------------------------------


def test_public_list_has_the_documented_shape_and_fits_the_schema(api, wijk, resident):
    theme = ThemeFactory(municipality=wijk.municipality, name="Groen")
    AgendaItemFactory(area=wijk, proposed_by=resident, theme=theme, title="Bankjes")
    body = api.get("/api/v1/agenda-items/").json()
    [row] = body["results"]
    assert set(row) == ITEM_FIELDS
    assert (row["area"], row["title"], row["theme"], row["theme_name"]) == (
        wijk.code,
        "Bankjes",
        theme.pk,
        "Groen",
    )
    assert_matches_schema(body["results"], "AgendaItem", many=True)


def test_list_filters_by_wijk_code_and_status(api, wijk):
    AgendaItemFactory(area=wijk)
    AgendaItemFactory(area=wijk, status=Status.REJECTED, verdict="nooit", motivation="Te duur")
    AgendaItemFactory(status=Status.REJECTED, verdict="nooit", motivation="Elders")
    body = api.get("/api/v1/agenda-items/", {"area": wijk.code.lower(), "status": "rejected"})
    assert [r["motivation"] for r in body.json()["results"]] == ["Te duur"]


def test_list_filters_by_year_theme_and_municipality(api, wijk):
    theme = ThemeFactory(municipality=wijk.municipality)
    this_year = timezone.localdate().year
    wanted = AgendaItemFactory(area=wijk, theme=theme)
    AgendaItemFactory(area=wijk, theme=theme, year=this_year - 1)
    AgendaItemFactory(area=wijk)  # no theme
    AgendaItemFactory(theme=theme)  # same theme, another municipality
    params = {"municipality": "GM0400", "year": this_year, "theme": theme.pk}
    body = api.get("/api/v1/agenda-items/", params).json()
    assert [r["id"] for r in body["results"]] == [wanted.pk]


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"year": "dit jaar"}, "year", "Een geldig getal is vereist."),
        ({"status": "klaar"}, "status", '"klaar" is een ongeldige keuze.'),
        ({"area": "WK999999"}, "area", None),
        ({"theme": "999"}, "theme", None),
    ],
)
def test_invalid_filters_are_field_errors(api, wijk, params, field, message):
    """A filter that cannot match is refused with a message, not answered with an empty list.
    DRF's own messages are Dutch; our own name the value that was not found."""
    response = api.get("/api/v1/agenda-items/", params)
    assert response.status_code == 400
    [error] = response.json()[field]
    assert error == message if message else next(iter(params.values())) in error


def test_proposer_is_never_exposed_to_the_public(api, wijk, resident):
    item = AgendaItemFactory(area=wijk, proposed_by=resident)
    detail = api.get(f"/api/v1/agenda-items/{item.pk}/").json()
    listed = api.get("/api/v1/agenda-items/").json()
    assert detail["proposed_by"] is None
    for body in (detail, listed):
        assert resident.email not in str(body) and resident.full_name not in str(body)
    assert_matches_schema(detail, "AgendaItemDetail")


def test_other_residents_and_other_wijken_staff_do_not_see_the_proposer(api, wijk, resident):
    item = AgendaItemFactory(area=wijk, proposed_by=resident)
    neighbour = RoleAssignmentFactory(area=wijk, role=Role.RESIDENT).user
    manager_elsewhere = RoleAssignmentFactory(area=WijkFactory(municipality=wijk.municipality)).user
    for user in (neighbour, manager_elsewhere):
        api.force_authenticate(user)
        assert api.get(f"/api/v1/agenda-items/{item.pk}/").json()["proposed_by"] is None


def test_wijkmanager_and_the_proposer_see_the_proposer(api, wijk, resident, wijkmanager):
    """Exactly those for whom has_perm('agenda.view_proposer', item) holds."""
    item = AgendaItemFactory(area=wijk, proposed_by=resident)
    for user in (wijkmanager, resident):
        assert user.has_perm("agenda.view_proposer", item)
        api.force_authenticate(user)
        body = api.get(f"/api/v1/agenda-items/{item.pk}/").json()
        assert body["proposed_by"] == resident.email
        assert set(body) == ITEM_FIELDS | {"proposed_by"}
        assert_matches_schema(body, "AgendaItemDetail")


# --- proposing --------------------------------------------------------------------------


def test_resident_proposes_an_idea_that_then_awaits_an_answer(api, wijk, resident):
    buurt = BuurtFactory(parent=wijk)
    api.force_authenticate(resident)
    response = api.post(
        "/api/v1/agenda-items/",
        {"area": wijk.code, "title": "Fietsenrekken", "reason": "Vol", "buurt": buurt.code},
        format="json",
    )
    assert response.status_code == 201
    body = response.json()
    assert_matches_schema(body, "AgendaItemDetail")
    item = AgendaItem.objects.get()
    assert (item.status, item.proposed_by, item.buurt, item.source) == (
        Status.PROPOSED,
        resident,
        buurt,
        "resident",
    )
    assert (body["id"], body["status"], body["proposed_by"]) == (
        item.pk,
        "proposed",
        resident.email,
    )


def test_anonymous_cannot_propose(api, wijk):
    response = api.post("/api/v1/agenda-items/", {"area": wijk.code, "title": "X"}, format="json")
    assert response.status_code in (401, 403)
    assert response.json() == NOT_LOGGED_IN
    assert not AgendaItem.objects.exists()


def test_proposal_without_a_title_or_in_an_unknown_wijk_is_a_field_error(api, resident):
    api.force_authenticate(resident)
    response = api.post("/api/v1/agenda-items/", {"area": "WK999999"}, format="json")
    assert response.status_code == 400
    errors = response.json()
    assert errors["title"] == ["Dit veld is vereist."]
    assert "WK999999" in errors["area"][0]
    assert not AgendaItem.objects.exists()


def test_a_buurt_of_another_wijk_is_refused_by_the_service_in_dutch(api, wijk, resident):
    other_buurt = BuurtFactory(parent=WijkFactory(municipality=wijk.municipality))
    api.force_authenticate(resident)
    response = api.post(
        "/api/v1/agenda-items/",
        {"area": wijk.code, "title": "Speeltuin", "buurt": other_buurt.code},
        format="json",
    )
    assert response.status_code == 400
    assert response.json() == {"buurt": [f"Deze buurt ligt niet in {wijk.name}."]}
    assert not AgendaItem.objects.exists()


# --- answering --------------------------------------------------------------------------


def test_ooit_without_conditions_is_400_with_field_errors_and_changes_nothing(
    api, wijk, wijkmanager
):
    item = AgendaItemFactory(area=wijk)
    api.force_authenticate(wijkmanager)
    response = api.post(
        f"/api/v1/agenda-items/{item.pk}/answer/", {"verdict": "ooit"}, format="json"
    )
    assert response.status_code == 400
    errors = response.json()
    assert set(errors) == {"conditions", "answer_by"}
    assert errors["conditions"] == ["Zeg waar dit punt op wacht voordat het kan worden uitgevoerd."]
    _unchanged(item)


def test_wijkmanager_answers_ooit_with_token_auth(api, wijk, wijkmanager):
    item = AgendaItemFactory(area=wijk)
    token = Token.objects.create(user=wijkmanager)
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    answer_by = (timezone.localdate() + datetime.timedelta(days=30)).isoformat()
    response = api.post(
        f"/api/v1/agenda-items/{item.pk}/answer/",
        {"verdict": "ooit", "conditions": "Na de zomer", "answer_by": answer_by},
        format="json",
    )
    assert response.status_code == 200, response.json()
    body = response.json()
    assert (body["status"], body["conditions"], body["answer_by"]) == (
        "waiting",
        "Na de zomer",
        answer_by,
    )
    assert_matches_schema(body, "AgendaItemDetail")
    item.refresh_from_db()
    assert (item.status, item.answered_by) == (Status.WAITING, wijkmanager)


def test_resident_answering_gets_403_and_nothing_changes(api, wijk, resident):
    item = AgendaItemFactory(area=wijk, proposed_by=resident)
    api.force_authenticate(resident)
    response = api.post(
        f"/api/v1/agenda-items/{item.pk}/answer/",
        {"verdict": "nooit", "motivation": "nee"},
        format="json",
    )
    assert response.status_code == 403
    assert response.json() == NO_ROLE
    _unchanged(item)


def test_permission_is_checked_before_the_input(api, wijk, resident):
    """Someone without the role learns nothing from validation errors."""
    item = AgendaItemFactory(area=wijk)
    api.force_authenticate(resident)
    response = api.post(f"/api/v1/agenda-items/{item.pk}/answer/", {}, format="json")
    assert response.status_code == 403


def test_wijkmanager_of_another_wijk_cannot_answer(api, wijk):
    item = AgendaItemFactory(area=wijk)
    api.force_authenticate(
        RoleAssignmentFactory(area=WijkFactory(municipality=wijk.municipality)).user
    )
    response = api.post(
        f"/api/v1/agenda-items/{item.pk}/answer/",
        {"verdict": "nooit", "motivation": "nee"},
        format="json",
    )
    assert response.status_code == 403
    _unchanged(item)


def test_anonymous_cannot_answer(api, wijk):
    item = AgendaItemFactory(area=wijk)
    response = api.post(
        f"/api/v1/agenda-items/{item.pk}/answer/",
        {"verdict": "nooit", "motivation": "nee"},
        format="json",
    )
    assert response.status_code in (401, 403)
    assert response.json() == NOT_LOGGED_IN
    _unchanged(item)


def test_staff_without_totp_cannot_answer_with_a_token_either(api, settings, wijk, wijkmanager):
    """The web's TOTP demand for staff holds for token requests too, which the middleware
    cannot see (DRF authenticates tokens only in the view)."""
    settings.WIJKWERK_STAFF_MFA_REQUIRED = True
    item = AgendaItemFactory(area=wijk)
    api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=wijkmanager).key}")
    response = api.post(
        f"/api/v1/agenda-items/{item.pk}/answer/",
        {"verdict": "nooit", "motivation": "nee"},
        format="json",
    )
    assert response.status_code == 403
    assert response.json() == {
        "detail": "Stel eerst tweestapsverificatie in voordat je medewerkersfuncties gebruikt."
    }
    _unchanged(item)


def test_residents_need_no_totp_to_propose_with_a_token(api, settings, wijk, resident):
    settings.WIJKWERK_STAFF_MFA_REQUIRED = True
    api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=resident).key}")
    response = api.post(
        "/api/v1/agenda-items/", {"area": wijk.code, "title": "Bloembakken"}, format="json"
    )
    assert response.status_code == 201


# --- progress ---------------------------------------------------------------------------


def test_progress_with_a_forbidden_transition_is_400_and_an_allowed_one_201(
    api, wijk, wijkmanager, gemeente_org
):
    item = AgendaItemFactory(
        area=wijk, status=Status.PLANNED, verdict="nu", owner_organisation=gemeente_org
    )
    api.force_authenticate(wijkmanager)
    url = f"/api/v1/agenda-items/{item.pk}/progress/"
    refused = api.post(url, {"text": "x", "new_status": "rejected"}, format="json")
    assert refused.status_code == 400 and set(refused.json()) == {"new_status"}
    assert not AgendaItemUpdate.objects.exists()
    response = api.post(url, {"text": "Begonnen", "new_status": "in_progress"}, format="json")
    assert response.status_code == 201
    body = response.json()
    assert (body["text"], body["status_before"], body["status_after"]) == (
        "Begonnen",
        "planned",
        "in_progress",
    )
    assert_matches_schema(body, "Progress")
    item.refresh_from_db()
    assert item.status == Status.IN_PROGRESS


def test_partner_of_the_probleemeigenaar_reports_progress_but_another_partner_cannot(
    api, wijk, gemeente_org
):
    item = AgendaItemFactory(
        area=wijk, status=Status.PLANNED, verdict="nu", owner_organisation=gemeente_org
    )
    owner = RoleAssignmentFactory(area=wijk, role=Role.PARTNER, organisation=gemeente_org).user
    stranger = RoleAssignmentFactory(area=wijk, role=Role.PARTNER).user
    url = f"/api/v1/agenda-items/{item.pk}/progress/"
    api.force_authenticate(stranger)
    assert api.post(url, {"text": "Gedaan", "new_status": "done"}, format="json").status_code == 403
    api.force_authenticate(owner)
    assert api.post(url, {"text": "Gedaan", "new_status": "done"}, format="json").status_code == 201
    item.refresh_from_db()
    assert item.status == Status.DONE
    assert list(AgendaItemUpdate.objects.values_list("author", flat=True)) == [owner.pk]


def test_list_queries_do_not_grow_with_the_items(api, wijk, gemeente_org):
    """Related rows (wijk, buurt, theme, probleemeigenaar) are loaded with the items."""

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert api.get("/api/v1/agenda-items/").status_code == 200
        return len(queries)

    def add() -> None:
        AgendaItemFactory(
            area=wijk,
            buurt=BuurtFactory(parent=wijk),
            theme=ThemeFactory(municipality=wijk.municipality),
            owner_organisation=gemeente_org,
        )

    add()
    one = count()
    for _ in range(4):
        add()
    assert count() == one


def test_answer_records_the_wijktoets_and_the_item_shows_it(api, wijk, wijkmanager):
    item = AgendaItemFactory(area=wijk)
    api.force_authenticate(wijkmanager)
    answer_by = (timezone.localdate() + datetime.timedelta(days=30)).isoformat()
    response = api.post(
        f"/api/v1/agenda-items/{item.pk}/answer/",
        {
            "verdict": "ooit",
            "conditions": "Na de zomer",
            "answer_by": answer_by,
            "wijktoets": "  Speelplek voor de buurt  ",
        },
        format="json",
    )
    assert response.status_code == 200, response.json()
    assert_matches_schema(response.json(), "AgendaItemDetail")
    assert response.json()["wijktoets"] == "Speelplek voor de buurt"
    api.force_authenticate(None)
    assert api.get(f"/api/v1/agenda-items/{item.pk}/").json()["wijktoets"] == (
        "Speelplek voor de buurt"
    )
