import factory

from wijkwerk.areas.tests.factories import MunicipalityFactory
from wijkwerk.organisations.models import Organisation, OrganisationKind


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    municipality = factory.SubFactory(MunicipalityFactory)
    kind = OrganisationKind.GEMEENTE
    name = factory.Sequence(lambda n: f"Organisatie {n}")
