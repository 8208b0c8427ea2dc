"""The melding handoff registered in core.handoffs: another app of this layer makes a melding
through the seam, in the hinted category or the fallback, all or nothing."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from wijkwerk.core import handoffs
from wijkwerk.reports.models import Report, ReportPhoto

from .factories import CategoryFactory
from .test_services import photo_with_gps

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(municipality):
    afval = CategoryFactory(municipality=municipality, code="afval", name="Afval")
    overig = CategoryFactory(municipality=municipality, code="overig", name="Overig")
    return {
        "zwerfafval": CategoryFactory(municipality=municipality, parent=afval, code="zwerfafval"),
        "overig": CategoryFactory(municipality=municipality, parent=overig, code="overig-overig"),
    }


def made(municipality, hint, **kwargs):
    values = {"text": "Zwerfafval bij de speeltuin", "lat": 52.955, "lon": 4.755}
    values.update(kwargs)
    return handoffs.melding_create(
        municipality=municipality, category_hint=hint, actor=None, **values
    )


def test_the_reports_app_registers_and_makes_a_melding_in_the_hinted_category(municipality, tree):
    result = made(municipality, "zwerfafval")
    assert result.kind == "reports.report"
    report = Report.objects.get(pk=int(result.id))
    assert report.category == tree["zwerfafval"]
    assert report.description == "Zwerfafval bij de speeltuin"


def test_an_unknown_hint_falls_back_to_iets_anders_and_a_main_category_is_never_chosen(
    municipality, tree
):
    assert Report.objects.get(pk=made(municipality, "bestaat-niet").id).category == tree["overig"]
    assert Report.objects.get(pk=made(municipality, "afval").id).category == tree["overig"]


def test_the_photo_is_checked_and_stripped_like_any_melding_photo(municipality, tree):
    upload = photo_with_gps()
    result = made(municipality, "zwerfafval", photo=ContentFile(upload.read(), name="p.jpg"))
    stored = ReportPhoto.objects.get(report_id=result.id)
    assert b"Jansen" not in stored.image.read()
    with pytest.raises(ValidationError):
        made(municipality, "zwerfafval", photo=ContentFile(b"not a photo", name="p.jpg"))
    assert Report.objects.count() == 1


def test_no_category_at_all_is_a_clear_error_and_nothing_is_saved(municipality):
    with pytest.raises(ValidationError) as error:
        made(municipality, "zwerfafval")
    assert "category" in error.value.message_dict
    assert not Report.objects.exists()
