import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from wijkwerk.accounts.roles import Role
from wijkwerk.accounts.tests.factories import RoleAssignmentFactory, UserFactory
from wijkwerk.areas.locate import Locator
from wijkwerk.areas.tests.factories import BuurtFactory
from wijkwerk.organisations.tests.factories import OrganisationFactory
from wijkwerk.reports import services
from wijkwerk.reports.models import TRANSITIONS, Channel, Report, RoutingRule, Status

from .factories import CategoryFactory, square


@pytest.fixture
def mapped(municipality, wijk):
    """Den Helder with a boundary, the wijk inside it and two buurten in the wijk."""
    municipality.geometry = square(4.70, 52.90, 0.10)
    municipality.save()
    wijk.geometry = square(4.75, 52.95, 0.02)
    wijk.save()
    west = BuurtFactory(parent=wijk, geometry=square(4.75, 52.95, 0.01))
    east = BuurtFactory(parent=wijk, geometry=square(4.76, 52.95, 0.01))
    return west, east


def photo_with_gps() -> SimpleUploadedFile:
    image = Image.new("RGB", (20, 10), "green")
    exif = Image.Exif()
    exif[0x010F] = "Camera Maker"  # Make
    exif[0x010E] = "Achtertuin familie Jansen"  # ImageDescription
    exif[0x8825] = {1: "N", 2: (52.0, 57.0, 0.0)}  # GPSInfo: latitude
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif)
    assert b"Jansen" in buffer.getvalue()
    return SimpleUploadedFile("IMG_0001.jpg", buffer.getvalue(), content_type="image/jpeg")


def report(municipality, category, lat=52.955, lon=4.755, **kwargs):
    values = {"description": "Boom ligt over het fietspad", "channel": Channel.WEB}
    values.update(kwargs)
    return services.report_create(
        municipality=municipality, category=category, lat=lat, lon=lon, **values
    )


def test_a_report_is_placed_in_its_buurt_and_routed(municipality, wijk, mapped, boom):
    west, east = mapped
    made = report(municipality, boom, lat=52.955, lon=4.765)
    assert made.buurt == east
    assert made.wijk == wijk
    assert made.organisation == boom.organisation
    assert made.updates.get().status_to == Status.REPORTED


def test_a_corporatie_handles_its_own_buurt(municipality, mapped, boom):
    west, _east = mapped
    corporatie = OrganisationFactory(municipality=municipality, kind="corporatie")
    RoutingRule.objects.create(category=boom, area=west, organisation=corporatie)
    assert report(municipality, boom, lon=4.755).organisation == corporatie
    assert report(municipality, boom, lon=4.765).organisation == boom.organisation


def test_routing_rules_take_effect_at_once_in_this_process(municipality, mapped, boom):
    """Routing rules are remembered per municipality; saving or deleting one forgets them."""
    west, _east = mapped
    assert report(municipality, boom, lon=4.755).organisation == boom.organisation
    corporatie = OrganisationFactory(municipality=municipality, kind="corporatie")
    rule = RoutingRule.objects.create(category=boom.parent, area=west, organisation=corporatie)
    assert report(municipality, boom, lon=4.755).organisation == corporatie
    other = OrganisationFactory(municipality=municipality, kind="corporatie")
    RoutingRule.objects.create(category=boom, area=west, organisation=other)
    assert report(municipality, boom, lon=4.755).organisation == other  # subcategory first
    RoutingRule.objects.filter(category=boom).delete()
    rule.organisation = other
    rule.save()
    assert report(municipality, boom, lon=4.755).organisation == other
    rule.delete()
    assert report(municipality, boom, lon=4.755).organisation == boom.organisation


@pytest.mark.django_db(transaction=True)
def test_a_plain_report_is_one_statement_on_postgresql_and_stored_as_by_the_orm(
    municipality, wijk, boom
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    if connection.vendor != "postgresql":
        pytest.skip("the one-statement insert is for PostgreSQL")
    report(municipality, boom, area_hint=wijk)  # queues the deadline sweep of its slot
    with CaptureQueriesContext(connection) as queries:
        made = report(municipality, boom, area_hint=wijk, address=" Dijkstraat 1 ")
    writes = [q["sql"] for q in queries if not q["sql"].lstrip().upper().startswith("SELECT")]
    assert len(writes) == 1 and "INSERT" in writes[0], writes
    update = made.first_update
    assert update.report_id == made.pk and not made._state.adding
    stored = Report.objects.get(pk=made.pk)
    for field in Report._meta.concrete_fields:
        assert getattr(stored, field.attname) == getattr(made, field.attname), field.name
    assert stored.address == "Dijkstraat 1" and stored.status == Status.REPORTED
    assert stored.created_at <= stored.updated_at
    assert list(stored.updates.values_list("pk", "status_from", "status_to", "message")) == [
        (update.pk, "", Status.REPORTED, update.message)
    ]


def test_a_point_outside_the_municipality_is_refused_and_nothing_is_stored(
    municipality, mapped, boom
):
    with pytest.raises(ValidationError) as excinfo:
        report(municipality, boom, lat=51.0, lon=5.0)
    assert "Den Helder" in excinfo.value.message_dict["location"][0]
    assert not Report.objects.exists()


def test_a_main_category_or_another_municipalitys_category_is_refused(municipality, boom):
    with pytest.raises(ValidationError) as excinfo:
        report(municipality, boom.parent)
    assert "category" in excinfo.value.message_dict
    with pytest.raises(ValidationError):
        report(municipality, CategoryFactory())
    assert not Report.objects.exists()


def test_photos_are_stored_without_exif(municipality, boom):
    made = report(municipality, boom, photos=[photo_with_gps()])
    stored = made.photos.get()
    data = stored.image.read()
    assert b"Jansen" not in data and b"Camera Maker" not in data
    with Image.open(stored.image.path) as image:
        assert not image.getexif()
        assert image.size == (20, 10)
    assert "IMG_0001" not in stored.image.name


def test_a_file_that_is_not_a_photo_is_refused(municipality, boom):
    fake = SimpleUploadedFile("foto.jpg", b"%PDF-1.4 not a photo", content_type="image/jpeg")
    with pytest.raises(ValidationError) as excinfo:
        report(municipality, boom, photos=[fake])
    assert "photos" in excinfo.value.message_dict
    assert not Report.objects.exists()


def test_only_intake_staff_enter_reports_for_callers(municipality, wijk, boom):
    with pytest.raises(PermissionDenied):
        report(municipality, boom, channel=Channel.PHONE, actor=UserFactory())
    kcc = RoleAssignmentFactory(area=wijk, role=Role.WIJKCONCIERGE).user
    made = report(
        municipality, boom, channel=Channel.PHONE, actor=kcc, reporter_name="Mevrouw Jansen"
    )
    assert made.entered_by == kcc


def test_handlers_of_the_routed_organisation_change_the_status(
    municipality, wijk, boom, gemeente_org
):
    made = report(municipality, boom, area_hint=wijk)
    assert made.wijk == wijk
    handler = RoleAssignmentFactory(
        area=wijk, role=Role.WIJKCONCIERGE, organisation=gemeente_org
    ).user
    other = RoleAssignmentFactory(
        area=wijk,
        role=Role.PARTNER,
        organisation=OrganisationFactory(municipality=municipality),
    ).user
    with pytest.raises(PermissionDenied):
        services.report_status_change(
            report=made, actor=other, status=Status.IN_PROGRESS, message="Bezig"
        )
    assert not other.has_perm("reports.view_reporter", made)
    assert handler.has_perm("reports.view_reporter", made)
    services.report_status_change(
        report=made, actor=handler, status=Status.IN_PROGRESS, message="We komen morgen."
    )
    with pytest.raises(ValidationError):
        services.report_status_change(
            report=made, actor=handler, status=Status.HANDLED, message=" "
        )
    services.report_status_change(
        report=made, actor=handler, status=Status.HANDLED, message="De boom is weg."
    )
    made.refresh_from_db()
    assert made.status == Status.HANDLED
    assert made.handled_at is not None
    assert [u.status_to for u in made.updates.all()] == [
        Status.REPORTED,
        Status.IN_PROGRESS,
        Status.HANDLED,
    ]


def test_forwarding_hands_the_report_to_another_organisation(municipality, wijk, boom, wijkmanager):
    made = report(municipality, boom, area_hint=wijk)
    corporatie = OrganisationFactory(municipality=municipality, kind="corporatie")
    services.report_status_change(
        report=made,
        actor=wijkmanager,
        status=Status.FORWARDED,
        message="De corporatie pakt dit op.",
        organisation=corporatie,
    )
    made.refresh_from_db()
    assert made.organisation == corporatie


@pytest.mark.parametrize(
    ("source", "target"), [(s, t) for s in Status.values for t in Status.values if s != t]
)
def test_status_transitions_follow_the_map(
    source, target, municipality, wijk, boom, wijkmanager, gemeente_org
):
    made = report(municipality, boom, area_hint=wijk)
    Report.objects.filter(pk=made.pk).update(status=source)
    change = {
        "report": made,
        "actor": wijkmanager,
        "status": target,
        "message": "ok",
        "organisation": gemeente_org if target == Status.FORWARDED else None,
    }
    if target in TRANSITIONS[source]:
        services.report_status_change(**change)
    else:
        with pytest.raises(ValidationError):
            services.report_status_change(**change)


def test_many_points_are_assigned_in_one_vectorised_query():
    locator = Locator(
        [
            (1, "buurt", 10, square(0, 0, 1)),
            (2, "buurt", 10, square(1, 0, 1)),
            (10, "wijk", None, square(0, 0, 2)),
        ]
    )
    assert list(locator.locate_many([0.5, 1.5, 5.0], [0.5, 0.5, 5.0])) == [1, 2, 0]
    assert locator.locate(1.5, 1.5).wijk_id == 10
    assert locator.locate(1.5, 1.5).buurt_id is None
