import factory
from allauth.account.models import EmailAddress

from wijkwerk.accounts.models import RoleAssignment, User
from wijkwerk.accounts.roles import Role
from wijkwerk.areas.tests.factories import WijkFactory

PASSWORD = "Wijkwerk-test-2026!"


class UserFactory(factory.django.DjangoModelFactory):
    """A person with a verified e-mail address, so that allauth lets them log in."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"persoon{n}@example.nl")
    full_name = factory.Sequence(lambda n: f"Persoon {n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):
        if create:
            obj.save()
            EmailAddress.objects.create(user=obj, email=obj.email, verified=True, primary=True)


class RoleAssignmentFactory(factory.django.DjangoModelFactory):
    """A role in a wijk; pass area=None and municipality=... for a municipality-wide role."""

    class Meta:
        model = RoleAssignment

    user = factory.SubFactory(UserFactory)
    role = Role.WIJKMANAGER
    area = factory.SubFactory(WijkFactory)
    municipality = factory.LazyAttribute(lambda o: o.area.municipality)
    organisation = None
