import factory

from wijkwerk.areas.tests.factories import MunicipalityFactory
from wijkwerk.budgets.models import Fund, FundKind


class FundFactory(factory.django.DjangoModelFactory):
    """A fund made directly; book money with the services (see `funded_wijkbudget`)."""

    class Meta:
        model = Fund

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Wijkfonds {n}")
    kind = FundKind.WIJKBUDGET
    year = 2026
