import factory

from wijkwerk.areas.models import Area, AreaKind, Municipality


def _free_municipality_code(n: int) -> str:
    """A CBS-shaped code in the unused GM9000-GM9999 range; the column holds six characters."""
    for step in range(1000):
        code = f"GM{9000 + (n + step) % 1000:04d}"
        if not Municipality.objects.filter(code=code).exists():
            return code
    raise RuntimeError("no free municipality code left in GM9000-GM9999")


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: _free_municipality_code(n))
    name = factory.Sequence(lambda n: f"Testgemeente {n}")
    slug = factory.LazyAttribute(lambda o: o.name.lower().replace(" ", "-"))


def _free_wijk_code(municipality: Municipality, n: int) -> str:
    """A CBS-shaped wijk code not yet used (fixtures such as WK040001 take some)."""
    for step in range(100):
        code = f"WK{municipality.code[2:6]}{(n + step) % 100:02d}"
        if not Area.objects.filter(code=code).exists():
            return code
    raise RuntimeError("no free wijk code left in this municipality")


def _free_buurt_code(wijk: Area, n: int) -> str:
    for step in range(100):
        code = f"BU{wijk.code[2:8]}{(n + step) % 100:02d}"
        if not Area.objects.filter(code=code).exists():
            return code
    raise RuntimeError("no free buurt code left in this wijk")


class WijkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Area

    municipality = factory.SubFactory(MunicipalityFactory)
    kind = AreaKind.WIJK
    code = factory.LazyAttributeSequence(lambda o, n: _free_wijk_code(o.municipality, n))
    name = factory.Sequence(lambda n: f"Wijk {n}")
    slug = factory.Sequence(lambda n: f"wijk-{n}")


class BuurtFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Area

    parent = factory.SubFactory(WijkFactory)
    municipality = factory.SelfAttribute("parent.municipality")
    kind = AreaKind.BUURT
    code = factory.LazyAttributeSequence(lambda o, n: _free_buurt_code(o.parent, n))
    name = factory.Sequence(lambda n: f"Buurt {n}")
    slug = factory.Sequence(lambda n: f"buurt-{n}")
