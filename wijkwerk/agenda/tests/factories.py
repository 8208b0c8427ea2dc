import factory
from django.utils import timezone

from wijkwerk.agenda.models import AgendaItem, Source, Status, Theme, ThemeKind
from wijkwerk.areas.tests.factories import WijkFactory


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme

    municipality = factory.SubFactory("wijkwerk.areas.tests.factories.MunicipalityFactory")
    name = factory.Sequence(lambda n: f"Thema {n}")
    kind = ThemeKind.SOCIAL


class AgendaItemFactory(factory.django.DjangoModelFactory):
    """An idea awaiting an answer, unless told otherwise."""

    class Meta:
        model = AgendaItem

    area = factory.SubFactory(WijkFactory)
    year = factory.LazyFunction(lambda: timezone.localdate().year)
    title = factory.Sequence(lambda n: f"Idee {n}")
    reason = "Omdat het de buurt beter maakt."
    source = Source.RESIDENT
    status = Status.PROPOSED
