import factory

from wijkwerk.reports.models import Category, DayType


def square(lon: float, lat: float, size: float = 0.01) -> dict:
    """A GeoJSON square with its south-west corner at (lon, lat)."""
    ring = [
        [lon, lat],
        [lon + size, lat],
        [lon + size, lat + size],
        [lon, lat + size],
        [lon, lat],
    ]
    return {"type": "Polygon", "coordinates": [ring]}


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category

    municipality = factory.SubFactory("wijkwerk.areas.tests.factories.MunicipalityFactory")
    code = factory.Sequence(lambda n: f"categorie-{n}")
    name = factory.Sequence(lambda n: f"Categorie {n}")
    handling_days = 3
    day_type = DayType.WORKING


def subcategory(
    municipality, organisation, parent: tuple[str, str], code: str, name: str, **fields
) -> Category:
    """A category under a new main category (code, name), routed to `organisation`."""
    main = CategoryFactory(municipality=municipality, code=parent[0], name=parent[1])
    return CategoryFactory(
        municipality=municipality,
        parent=main,
        code=code,
        name=name,
        organisation=organisation,
        **fields,
    )
