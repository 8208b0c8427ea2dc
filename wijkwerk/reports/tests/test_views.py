import io

import pytest
from django.urls import reverse
from PIL import Image

from wijkwerk.accounts.roles import Role
from wijkwerk.accounts.tests.factories import RoleAssignmentFactory, UserFactory
from wijkwerk.reports import views
from wijkwerk.reports.models import Channel, Report, Status

from .factories import square


@pytest.fixture
def handler(wijk, gemeente_org):
    return RoleAssignmentFactory(area=wijk, role=Role.WIJKCONCIERGE, organisation=gemeente_org).user


def form_data(boom, wijk, **overrides):
    data = {
        "category": boom.pk,
        "description": "Tak op het fietspad",
        "lat": "52.95",
        "lon": "4.76",
        "area": wijk.pk,
        "email": "melder@example.nl",
    }
    data.update(overrides)
    return data


def new_url(municipality):
    return reverse("reports:new", args=[municipality.slug])


def test_a_resident_reports_and_follows_the_report_without_seeing_personal_data(
    client, municipality, wijk, boom
):
    response = client.post(new_url(municipality), form_data(boom, wijk))
    report = Report.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("reports:detail", args=[municipality.slug, report.pk])
    assert report.channel == Channel.WEB and report.wijk == wijk
    page = client.get(response.url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Tak op het fietspad" in html
    assert "melder@example.nl" not in html


def test_without_a_location_the_form_comes_back_and_nothing_is_stored(
    client, municipality, wijk, boom
):
    response = client.post(new_url(municipality), form_data(boom, wijk, lat="", lon="", area=""))
    assert response.status_code == 400
    assert not Report.objects.exists()


def test_a_point_outside_the_municipality_is_refused(client, municipality, wijk, boom):
    municipality.geometry = square(4.7, 52.9, 0.1)
    municipality.save()
    response = client.post(new_url(municipality), form_data(boom, wijk, lat="51.0", lon="5.0"))
    assert response.status_code == 400
    assert "Den Helder" in response.content.decode()
    assert not Report.objects.exists()


def test_a_photo_with_the_report_is_shown_to_handlers_only(
    client, municipality, wijk, boom, handler
):
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(buffer, format="PNG")
    buffer.name = "foto.png"
    buffer.seek(0)
    client.post(new_url(municipality), {**form_data(boom, wijk), "photos": buffer})
    report = Report.objects.get()
    photo = report.photos.get()
    url = reverse("reports:photo", args=[municipality.slug, report.pk, photo.pk])
    assert client.get(url).status_code == 404
    client.force_login(handler)
    assert client.get(url).status_code == 200


def test_handlers_see_the_reporter_and_change_the_status(client, municipality, wijk, boom, handler):
    client.post(new_url(municipality), form_data(boom, wijk))
    report = Report.objects.get()
    detail = reverse("reports:detail", args=[municipality.slug, report.pk])
    status_url = reverse("reports:status", args=[municipality.slug, report.pk])
    stranger = UserFactory()
    client.force_login(stranger)
    assert "melder@example.nl" not in client.get(detail).content.decode()
    assert client.post(status_url, {"status": "in_progress", "message": "x"}).status_code == 403
    client.force_login(handler)
    assert "melder@example.nl" in client.get(detail).content.decode()
    bad = client.post(status_url, {"status": "in_progress", "message": ""})
    assert bad.status_code == 400
    response = client.post(status_url, {"status": "in_progress", "message": "We komen morgen."})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == Status.IN_PROGRESS
    worklist = client.get(reverse("reports:worklist", args=[municipality.slug]))
    assert f"#{report.pk}" in worklist.content.decode()


def test_intake_staff_enter_a_report_for_a_caller(client, municipality, wijk, boom, handler):
    client.force_login(handler)
    response = client.post(
        new_url(municipality),
        form_data(boom, wijk, channel="phone", reporter_name="Mevrouw Jansen", email=""),
    )
    assert response.status_code == 302
    report = Report.objects.get()
    assert (report.channel, report.reporter_name, report.entered_by) == (
        Channel.PHONE,
        "Mevrouw Jansen",
        handler,
    )


def test_the_public_map_and_geojson_hold_no_personal_data(client, municipality, wijk, boom):
    client.post(new_url(municipality), form_data(boom, wijk))
    page = client.get(reverse("reports_wijk:map", args=[municipality.slug, wijk.slug]))
    assert page.status_code == 200
    data = client.get(reverse("reports_wijk:geojson", args=[municipality.slug, wijk.slug])).json()
    assert len(data["features"]) == 1
    assert data["features"][0]["geometry"]["coordinates"] == [4.76, 52.95]
    assert "melder" not in str(data)


def test_the_dashboard_groups_by_wijk_category_or_organisation(client, municipality, wijk, boom):
    client.post(new_url(municipality), form_data(boom, wijk))
    url = reverse("reports:dashboard", args=[municipality.slug])
    for per in ("wijk", "category", "organisation"):
        assert client.get(url, {"per": per}).status_code == 200
    assert client.get(url, {"per": "kleur"}).status_code == 404


def test_many_reports_from_one_address_are_slowed_down(client, municipality, wijk, boom):
    for _ in range(views.WEB_RATE_LIMIT):
        assert client.post(new_url(municipality), form_data(boom, wijk)).status_code == 302
    assert client.post(new_url(municipality), form_data(boom, wijk)).status_code == 400
    assert Report.objects.count() == views.WEB_RATE_LIMIT


def test_a_handler_links_a_duplicate_from_the_report_page(
    client, municipality, wijk, boom, handler
):
    client.post(new_url(municipality), form_data(boom, wijk))
    client.post(new_url(municipality), form_data(boom, wijk))
    first, second = Report.objects.order_by("pk")
    url = reverse("reports:duplicate", args=[municipality.slug, second.pk])
    client.force_login(UserFactory())
    assert client.post(url, {"original": first.pk}).status_code == 403
    client.force_login(handler)
    detail = client.get(reverse("reports:detail", args=[municipality.slug, second.pk]))
    assert url in detail.content.decode()
    assert client.post(url, {"original": first.pk}).status_code == 302
    second.refresh_from_db()
    assert (second.duplicate_of, second.status) == (first, Status.CANCELLED)


def test_the_wijkmanager_puts_a_recurring_pattern_on_the_agenda(
    client, municipality, wijk, boom, wijkmanager
):
    from wijkwerk.agenda.models import AgendaItem
    from wijkwerk.reports.patterns import patterns_detect

    for _ in range(5):
        client.post(new_url(municipality), form_data(boom, wijk))
    (pattern,) = patterns_detect(municipality=municipality, threshold=5, days=30)
    url = reverse("reports:patterns", args=[municipality.slug])
    client.force_login(UserFactory())
    assert str(pattern.category) not in client.get(url).content.decode()
    assert client.post(url, {"pattern": pattern.pk, "action": "agenda"}).status_code == 404
    client.force_login(wijkmanager)
    assert client.post(url, {"pattern": pattern.pk, "action": "agenda"}).status_code == 302
    assert AgendaItem.objects.filter(area=wijk, origin_id=str(pattern.pk)).exists()
