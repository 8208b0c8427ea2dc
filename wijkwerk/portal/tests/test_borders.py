"""Topics across borders on the wijk page: an answer or an awarded initiative of another
wijk that also concerns this one shows in its block with "ook in", once."""

from django.utils import timezone

from wijkwerk.agenda.models import Status
from wijkwerk.agenda.tests.factories import AgendaItemFactory
from wijkwerk.areas.tests.factories import WijkFactory
from wijkwerk.portal.selectors import BLOCKS, happening


def test_the_answers_block_of_both_wijken_holds_the_item_once(
    wijk, municipality, django_assert_num_queries
):
    other = WijkFactory(municipality=municipality, name="Julianadorp")
    third = WijkFactory(municipality=municipality, name="De Schooten")
    item = AgendaItemFactory(
        area=wijk, status=Status.PLANNED, verdict="nu", answered_at=timezone.now()
    )
    item.other_areas.set([other, third])
    with django_assert_num_queries(len(BLOCKS)):
        on_other = happening(area=other)
        assert [line.title for line in on_other.answers] == [item.title]
    assert wijk.name in on_other.answers[0].place and third.name in on_other.answers[0].place
    assert other.name not in on_other.answers[0].place
    on_main = happening(area=wijk)
    assert other.name in on_main.answers[0].place
    assert [line.title for line in happening(municipality=municipality).answers] == [item.title]
