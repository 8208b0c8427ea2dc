"""Fixtures shared by the budget round tests: a funded wijkbudget, a partner reviewer and
rounds in each phase."""

import pytest

from wijkwerk.accounts.roles import Role
from wijkwerk.accounts.tests.factories import RoleAssignmentFactory
from wijkwerk.organisations.tests.factories import OrganisationFactory
from wijkwerk.pb.models import Verification

from .factories import ProposalFactory, funded_budget, make_round, resident_of


@pytest.fixture
def budget(wijk, treasurer, gemeente_org):
    """A wijkbudget of € 10.000 in a fresh fund."""
    return funded_budget(wijk=wijk, treasurer=treasurer, organisation=gemeente_org, cents=1_000_000)


@pytest.fixture
def reviewer(wijk):
    """A partner professional (a corporatie) who checks proposals in the wijk."""
    corporatie = OrganisationFactory(municipality=wijk.municipality, name="Woonstichting")
    return RoleAssignmentFactory(area=wijk, role=Role.PARTNER, organisation=corporatie).user


@pytest.fixture
def voting_round(wijk, wijkmanager, budget):
    """An approval round in its voting phase, by e-mail code, with three feasible projects
    of € 4.000, € 3.000 and € 2.000 and one that was not feasible."""
    pb_round = make_round(wijk=wijk, actor=wijkmanager, budget=budget, phase="voting")
    for title, cost in (("Speeltuin", 400_000), ("Bankjes", 300_000), ("Bomen", 200_000)):
        ProposalFactory(round=pb_round, title=title, estimated_cost_cents=cost)
    ProposalFactory(
        round=pb_round,
        title="Zwembad",
        status="not_feasible",
        estimated_cost_cents=None,
        review_reason="Te duur voor een wijkbudget.",
    )
    return pb_round


@pytest.fixture
def letter_round(wijk, wijkmanager, budget):
    """The same, voted with code letters (online or on paper)."""
    pb_round = make_round(
        wijk=wijk,
        actor=wijkmanager,
        budget=budget,
        phase="voting",
        verification=Verification.LETTER,
    )
    for title, cost in (("Speeltuin", 400_000), ("Bankjes", 300_000), ("Bomen", 200_000)):
        ProposalFactory(round=pb_round, title=title, estimated_cost_cents=cost)
    return pb_round


@pytest.fixture
def voter(wijk):
    return resident_of(wijk)


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    """Test people log in with a password nobody guesses; hashing it fast saves minutes."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _english():
    """Messages are asserted in their English source text, which translations do not change."""
    from django.utils import translation

    with translation.override("en"):
        yield
