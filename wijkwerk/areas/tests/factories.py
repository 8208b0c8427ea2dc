import factory

from wijkwerk.areas.models import Area, AreaKind, Municipality


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"GM{9000 + n:04d}")
    name = factory.Sequence(lambda n: f"Testgemeente {n}")
    slug = factory.LazyAttribute(lambda o: o.name.lower().replace(" ", "-"))


class WijkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Area

    municipality = factory.SubFactory(MunicipalityFactory)
    kind = AreaKind.WIJK
    code = factory.LazyAttributeSequence(lambda o, n: f"WK{o.municipality.code[2:6]}{n % 100:02d}")
    name = factory.Sequence(lambda n: f"Wijk {n}")
    slug = factory.Sequence(lambda n: f"wijk-{n}")


class BuurtFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Area

    parent = factory.SubFactory(WijkFactory)
    municipality = factory.SelfAttribute("parent.municipality")
    kind = AreaKind.BUURT
    code = factory.LazyAttributeSequence(lambda o, n: f"BU{o.parent.code[2:8]}{n % 100:02d}")
    name = factory.Sequence(lambda n: f"Buurt {n}")
    slug = factory.Sequence(lambda n: f"buurt-{n}")
