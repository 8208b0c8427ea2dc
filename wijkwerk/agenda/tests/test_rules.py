"""Truth table: which role may do what on the wijkagenda, in its own wijk and elsewhere."""

import datetime

import pytest
from django.utils import timezone

from wijkwerk.accounts.roles import Role
from wijkwerk.accounts.tests.factories import RoleAssignmentFactory, UserFactory
from wijkwerk.agenda.tests.factories import AgendaItemFactory
from wijkwerk.areas.models import AgendaAnsweredBy
from wijkwerk.areas.tests.factories import WijkFactory
from wijkwerk.organisations.tests.factories import OrganisationFactory

PERMS = [
    "agenda.answer_item",
    "agenda.change_item",
    "agenda.report_progress",
    "agenda.review_agenda",
    "agenda.manage_plan",
    "agenda.view_proposer",
]

# role -> the permissions it grants on an item in its own wijk (municipality answers by
# wijkmanager; the item's probleemeigenaar is another organisation than the role's).
EXPECTED = {
    Role.WIJKMANAGER: set(PERMS),
    Role.ACCOUNTMANAGER: set(PERMS),
    Role.GEBIEDSREGISSEUR: set(PERMS),
    Role.WIJKWETHOUDER: {"agenda.review_agenda"},
    Role.WIJKCONCIERGE: set(),
    Role.WIJKAGENT: set(),
    Role.OPBOUWWERKER: set(),
    Role.PARTNER: set(),
    Role.PLATFORM_CHAIR: {"agenda.review_agenda", "agenda.view_proposer"},
    Role.PLATFORM_MEMBER: set(),
    Role.REGIEGROEP_MEMBER: set(),
    Role.STUURGROEP_MEMBER: set(),
    Role.RESIDENT: set(),
    Role.BEHEERDER: set(PERMS),
}


@pytest.mark.parametrize("role", list(EXPECTED))
def test_role_grants_exactly_its_permissions_in_its_own_wijk(role, wijk, gemeente_org):
    user = RoleAssignmentFactory(area=wijk, role=role, organisation=gemeente_org).user
    item = AgendaItemFactory(
        area=wijk, owner_organisation=OrganisationFactory(municipality=wijk.municipality)
    )
    granted = {perm for perm in PERMS if user.has_perm(perm, item)}
    assert granted == EXPECTED[role]


@pytest.mark.parametrize("role", [Role.WIJKMANAGER, Role.ACCOUNTMANAGER, Role.PLATFORM_CHAIR])
def test_a_role_in_one_wijk_grants_nothing_in_another(role, wijk, gemeente_org):
    user = RoleAssignmentFactory(area=wijk, role=role, organisation=gemeente_org).user
    other = AgendaItemFactory(area=WijkFactory(municipality=wijk.municipality))
    assert not any(user.has_perm(perm, other) for perm in PERMS)


def test_municipality_wide_role_covers_every_wijk(wijk, municipality):
    user = RoleAssignmentFactory(area=None, municipality=municipality, role=Role.WIJKMANAGER).user
    other = AgendaItemFactory(area=WijkFactory(municipality=municipality))
    assert user.has_perm("agenda.answer_item", other)


def test_role_in_another_municipality_grants_nothing(wijk):
    user = RoleAssignmentFactory(role=Role.WIJKMANAGER).user  # a wijk elsewhere
    assert not user.has_perm("agenda.answer_item", AgendaItemFactory(area=wijk))


def test_platform_answers_only_where_the_municipality_says_so(wijk):
    chair = RoleAssignmentFactory(area=wijk, role=Role.PLATFORM_CHAIR).user
    item = AgendaItemFactory(area=wijk)
    assert not chair.has_perm("agenda.answer_item", item)
    wijk.municipality.agenda_answered_by = AgendaAnsweredBy.WIJKPLATFORM
    wijk.municipality.save()
    item = AgendaItemFactory(area=wijk)
    assert chair.has_perm("agenda.answer_item", item)


def test_partner_of_the_probleemeigenaar_reports_progress(wijk):
    corporatie = OrganisationFactory(municipality=wijk.municipality, kind="corporatie")
    partner = RoleAssignmentFactory(area=wijk, role=Role.PARTNER, organisation=corporatie).user
    own = AgendaItemFactory(area=wijk, owner_organisation=corporatie)
    foreign = AgendaItemFactory(
        area=wijk, owner_organisation=OrganisationFactory(municipality=wijk.municipality)
    )
    assert partner.has_perm("agenda.report_progress", own)
    assert not partner.has_perm("agenda.report_progress", foreign)


def test_proposer_sees_own_name_but_other_residents_do_not(wijk, resident):
    item = AgendaItemFactory(area=wijk, proposed_by=resident)
    assert resident.has_perm("agenda.view_proposer", item)
    assert not UserFactory().has_perm("agenda.view_proposer", item)


def test_ended_role_grants_nothing(wijk):
    assignment = RoleAssignmentFactory(
        area=wijk,
        role=Role.WIJKMANAGER,
        starts_on=timezone.localdate() - datetime.timedelta(days=400),
        ends_on=timezone.localdate() - datetime.timedelta(days=1),
    )
    assert not assignment.user.has_perm("agenda.answer_item", AgendaItemFactory(area=wijk))
