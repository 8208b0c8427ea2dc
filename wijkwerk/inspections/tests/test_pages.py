"""The schouw pages: public reading without names, the staff's planning, the walk on a
stop with its bad input (400, nothing saved), handing a finding on, results, the wijk's
levels and trend with CSV, and 404 for everybody without the role."""

import pytest
from django.apps import apps

from wijkwerk.inspections import services
from wijkwerk.inspections.models import Finding, Inspection, ParticipantRole, Score

from .factories import photo, planned, score, started

pytestmark = pytest.mark.django_db
Report = apps.get_model("reports", "Report")


@pytest.fixture(autouse=True)
def _english_pages(client, settings):
    """The visitor chose English (a cookie): pages show the source texts."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def base(inspection):
    return f"/gemeente/{inspection.municipality.slug}/schouw/{inspection.pk}/"


@pytest.fixture
def inspection(wijk, wijkmanager):
    found = started(area=wijk, actor=wijkmanager)
    services.participant_add(
        inspection=found, actor=wijkmanager, role=ParticipantRole.RESIDENT, name="Joke de Vries"
    )
    return found


def test_anyone_reads_a_schouw_without_the_names_of_its_participants(client, inspection):
    page = client.get(base(inspection))
    assert page.status_code == 200
    assert b"Speeltuin Molenplein" in page.content and b"Joke de Vries" not in page.content
    assert b"1 person takes part" in page.content


def test_staff_see_names_and_plan_a_schouw(client, inspection, wijkmanager, wijk, municipality):
    client.force_login(wijkmanager)
    assert b"Joke de Vries" in client.get(base(inspection)).content
    url = f"/gemeente/{municipality.slug}/schouw/nieuw/"
    bad = client.post(url, {"area": wijk.pk, "title": "", "starts_at": "2030-05-01T10:00"})
    assert bad.status_code == 400
    done = client.post(url, {"area": wijk.pk, "title": "Schouw mei", "starts_at": "2030-05-01T10:00",
                             "location_required": "on"})  # fmt: skip
    created = Inspection.objects.get(title="Schouw mei")
    assert done.status_code == 302 and done["Location"].endswith(f"/{created.pk}/")
    added = client.post(base(created) + "route/", {"name": "Plein", "lat": "52.95", "lon": "4.75"})
    assert added.status_code == 302 and created.stops.count() == 1


def test_pages_of_staff_and_the_walk_are_404_for_others(client, inspection, resident, municipality):
    assert client.get(f"/gemeente/{municipality.slug}/schouw/nieuw/").status_code == 302
    client.force_login(resident)
    assert client.get(f"/gemeente/{municipality.slug}/schouw/nieuw/").status_code == 404
    assert client.get(base(inspection) + "route/1/").status_code == 404
    assert client.post(base(inspection) + "route/", {"name": "X"}).status_code == 404


def test_walking_a_stop_scores_and_notes_a_finding_with_a_photo(client, inspection, wijkmanager):
    client.force_login(wijkmanager)
    page = client.get(base(inspection) + "route/3/")
    assert page.status_code == 200
    assert b'capture="environment"' in page.content and b'accept="image/*"' in page.content
    assert b"inspections/locate.js" in page.content
    assert b'value="52.957"' in page.content  # the stop's location, kept without JavaScript
    sent = client.post(
        base(inspection) + "route/3/",
        {"object_type": "zwerfafval", "level": "D", "note": "Vuilniszakken", "lat": "52.957",
         "lon": "4.759", "photo": photo()},
    )  # fmt: skip
    assert sent.status_code == 302
    finding = Finding.objects.get()
    assert finding.description == "Vuilniszakken"
    assert client.get(base(inspection) + f"bevinding/{finding.pk}/foto/")["Content-Type"] == (
        "image/jpeg"
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"level": "E"}, b"Select a valid choice"),
        ({"note": ""}, b"Describe what is wrong"),
        ({"lat": "", "lon": ""}, b"needs the location of every finding"),
    ],
)
def test_bad_input_on_the_walk_page_is_shown_and_nothing_saved(
    client, inspection, wijkmanager, data, message
):
    client.force_login(wijkmanager)
    values = {"object_type": "zwerfafval", "level": "D", "note": "Vuil", "lat": "52.957",
              "lon": "4.759"}  # fmt: skip
    values.update(data)
    sent = client.post(base(inspection) + "route/3/", values)
    assert sent.status_code == 400 and message in sent.content
    assert not Score.objects.exists()


def test_a_stop_of_another_schouw_is_404(client, inspection, wijkmanager, wijk):
    client.force_login(wijkmanager)
    other = planned(area=wijk, actor=wijkmanager, stops=[("Ver weg", 52.9, 4.7, "")])
    assert client.get(base(inspection) + "route/9/").status_code == 404
    assert client.get(base(other) + "route/1/").status_code == 200


def test_photos_are_for_the_walkers_only(client, inspection, wijkmanager, resident):
    score(inspection, wijkmanager, 3, "zwerfafval", "D", photo=photo())
    url = base(inspection) + f"bevinding/{Finding.objects.get().pk}/foto/"
    assert client.get(url).status_code == 404
    client.force_login(resident)
    assert client.get(url).status_code == 404


def test_a_finding_is_handed_on_once_and_links_to_what_it_became(
    client, inspection, wijkmanager, categories
):
    score(inspection, wijkmanager, 3, "zwerfafval", "D", note="Vuilniszakken")
    finding = Finding.objects.get()
    client.force_login(wijkmanager)
    url = base(inspection) + f"bevinding/{finding.pk}/omzetten/"
    assert client.post(url, {"to": "reports.report"}).status_code == 302
    again = client.post(url, {"to": "agenda.agendaitem"}, follow=True)
    assert b"already become a melding" in again.content
    report = Report.objects.get()
    link = f"/gemeente/{inspection.municipality.slug}/meldingen/{report.pk}/".encode()
    assert link in client.get(base(inspection)).content
    assert link in client.get(base(inspection) + "uitkomsten/").content


def test_results_and_the_wijk_page_with_trend_and_csv(client, inspection, wijkmanager, wijk):
    score(inspection, wijkmanager, 1, "speelvoorzieningen", "A")
    score(inspection, wijkmanager, 2, "beplanting", "D")
    services.inspection_transition(inspection=inspection, actor=wijkmanager, to="done")
    results = client.get(base(inspection) + "uitkomsten/")
    assert b"50% of 2 scored objects" in results.content
    wijk_url = f"/gemeente/{wijk.municipality.slug}/schouw/wijk/{wijk.slug}/"
    page = client.get(wijk_url)
    assert page.status_code == 200 and b"<svg" in page.content and b"CROW" in page.content
    csv = client.get(wijk_url + "trend.csv").content.decode()
    assert csv.splitlines()[1].endswith(",all,2,1,50.0")


def test_staff_record_an_agreed_level_on_the_wijk_page(client, wijk, wijkmanager, resident):
    url = f"/gemeente/{wijk.municipality.slug}/schouw/wijk/{wijk.slug}/"
    data = {"object_type": "gras", "level": "A", "agreed_with": "Wijkplatform",
            "agreed_on": "2025-01-10"}  # fmt: skip
    client.force_login(resident)
    assert client.post(url, data).status_code == 404
    client.force_login(wijkmanager)
    assert client.post(url, {**data, "level": "Z"}).status_code == 400
    assert client.post(url, data).status_code == 302
    assert services.agreed_levels(area=wijk)["gras"] == "A"
