"""Corrections at the level of the decision (issue 18): lowering or withdrawing an award of
an initiative or a convenant project books the correction and changes the decision, its page
and the totals at once; the ledger refuses to reverse such a booking on its own; a partner
withdraws its project; a request larger than the fund or call is refused; ledger_verify
compares every award with its bookings."""

import datetime
from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from wijkwerk.accounts.roles import Role
from wijkwerk.accounts.tests.factories import RoleAssignmentFactory
from wijkwerk.budgets import services as ledger
from wijkwerk.budgets.models import FundKind, LedgerTransaction, TransactionKind
from wijkwerk.budgets.selectors import ledger_verify
from wijkwerk.core.models import AuditEvent
from wijkwerk.initiatives import services
from wijkwerk.initiatives.models import ConvenantProject, ProjectStatus, Status, Voucher
from wijkwerk.organisations.tests.factories import OrganisationFactory

from .factories import awarded


@pytest.fixture
def corporatie(municipality):
    return OrganisationFactory(municipality=municipality, name="Woningstichting", kind="corporatie")


@pytest.fixture
def partner(municipality, corporatie):
    return RoleAssignmentFactory(
        area=None, municipality=municipality, role=Role.PARTNER, organisation=corporatie
    ).user


@pytest.fixture
def stuurgroep_member(municipality, gemeente_org):
    return RoleAssignmentFactory(
        area=None, municipality=municipality, role=Role.STUURGROEP_MEMBER, organisation=gemeente_org
    ).user


@pytest.fixture
def fund(municipality, treasurer, corporatie):
    """A convenant fund of € 555.000, all paid in."""
    fund = ledger.fund_create(
        municipality=municipality,
        actor=treasurer,
        name="Convenant",
        kind=FundKind.CONVENANT,
        year=2026,
    )
    ledger.fund_contributor_set(
        fund=fund, organisation=corporatie, actor=treasurer, promised_cents=55_500_000
    )
    ledger.contribution_record(
        fund=fund, organisation=corporatie, actor=treasurer, amount_cents=55_500_000
    )
    return fund


@pytest.fixture
def call(fund, stuurgroep_member):
    return services.project_call_create(
        fund=fund,
        actor=stuurgroep_member,
        title="Wijkaanpak 2026",
        closes_on=timezone.localdate() + datetime.timedelta(days=30),
        budget_cents=50_000_000,
    )


def _submit(call, partner, corporatie, title="Speelplek", cents=6_000_000):
    return services.project_submit(
        call=call,
        actor=partner,
        organisation=corporatie,
        title=title,
        description="Een speelplek met de buurt",
        requested_cents=cents,
    )


def _awarded_project(call, partner, corporatie, member, cents=6_000_000):
    project = _submit(call, partner, corporatie, title="Buurtkamer", cents=cents)
    return services.project_decide(project=project, actor=member, award=True, reason="Goed")


# --- convenant rounds -----------------------------------------------------------------------


def test_the_wijkmanager_and_the_stuurgroep_open_calls_but_a_partner_does_not(
    client, municipality, fund, partner, gemeente_org, stuurgroep_member
):
    manager = RoleAssignmentFactory(
        area=None, municipality=municipality, role=Role.WIJKMANAGER, organisation=gemeente_org
    ).user
    url = reverse("initiatives_municipality:call_create", args=[municipality.slug])
    for person, status in ((manager, 200), (stuurgroep_member, 200), (partner, 403)):
        client.force_login(person)
        assert client.get(url).status_code == status
    client.force_login(manager)
    response = client.post(
        url,
        {
            "fund": fund.pk,
            "title": "Ronde 2026",
            "closes_on": (timezone.localdate() + datetime.timedelta(days=9)).isoformat(),
            "weight_participation": 50,
            "weight_impact": 30,
            "weight_reach": 20,
            "budget_cents": "600.000",
        },
    )
    assert response.status_code == 400 and response.context["form"].errors["budget_cents"]
    with pytest.raises(PermissionDenied):
        services.project_call_create(
            fund=fund, actor=partner, title="X", closes_on=timezone.localdate()
        )


def test_a_request_larger_than_the_fund_or_the_call_is_refused(call, partner, corporatie):
    for cents in (100_000_000_000_000, 50_000_001):
        with pytest.raises(ValidationError) as refused:
            _submit(call, partner, corporatie, cents=cents)
        assert refused.value.message_dict["requested"]
    assert not ConvenantProject.objects.exists()


def test_a_partner_withdraws_its_project_until_it_is_decided(
    client, municipality, call, partner, corporatie, stuurgroep_member, gemeente_org
):
    project = _submit(call, partner, corporatie)
    other = RoleAssignmentFactory(
        area=None, municipality=municipality, role=Role.PARTNER, organisation=gemeente_org
    ).user
    with pytest.raises(PermissionDenied):
        services.project_withdraw(project=project, actor=other)
    client.force_login(partner)
    url = reverse(
        "initiatives_municipality:project_withdraw", args=[municipality.slug, call.pk, project.pk]
    )
    assert client.post(url, {"reason": "Geen tijd"}).status_code == 302
    project.refresh_from_db()
    assert project.status == ProjectStatus.WITHDRAWN
    decided = _awarded_project(call, partner, corporatie, stuurgroep_member)
    with pytest.raises(ValidationError):
        services.project_withdraw(project=decided, actor=partner)
    assert ConvenantProject.objects.get(pk=decided.pk).status == ProjectStatus.AWARDED


def test_the_budget_line_tells_which_projects_below_it_still_fit(
    client, municipality, call, partner, corporatie, stuurgroep_member
):
    for title, cents, scores in (
        ("Groot", 40_000_000, (5, 5, 5)),
        ("Te groot", 30_000_000, (4, 4, 4)),
        ("Klein", 5_000_000, (3, 3, 3)),
    ):
        project = _submit(call, partner, corporatie, title=title, cents=cents)
        services.project_score(
            project=project,
            actor=stuurgroep_member,
            participation=scores[0],
            impact=scores[1],
            reach=scores[2],
        )
    page = client.get(reverse("initiatives_municipality:call", args=[municipality.slug, call.pk]))
    rows = page.context["rows"]
    assert [(r.project.title, r.above_line, r.fits) for r in rows] == [
        ("Groot", True, True),
        ("Te groot", False, False),
        ("Klein", False, True),
    ]
    content = page.content.decode()
    assert "past nog" in content and "passen niet" not in content


def test_lowering_and_withdrawing_a_project_award_changes_the_decision_and_the_totals(
    client, municipality, call, partner, corporatie, stuurgroep_member
):
    project = _awarded_project(call, partner, corporatie, stuurgroep_member)
    pool = ledger.pool_account(call.fund)
    assert pool.balance_cents == 49_500_000
    services.project_award_correct(
        project=project, actor=stuurgroep_member, amount_cents=4_000_000, reason="Minder nodig"
    )
    project.refresh_from_db()
    pool.refresh_from_db()
    assert (project.award_cents, pool.balance_cents) == (4_000_000, 51_500_000)
    page = client.get(reverse("initiatives_municipality:call", args=[municipality.slug, call.pk]))
    assert page.context["awarded_total"] == "€\xa040.000,00"
    assert ledger_verify() == []
    services.project_award_correct(
        project=project, actor=stuurgroep_member, amount_cents=0, reason="Gaat niet door"
    )
    project.refresh_from_db()
    assert project.status == ProjectStatus.REVOKED and project.correction_reason
    assert ledger.pool_account(call.fund).balance_cents == 55_500_000
    assert ledger_verify() == []
    assert AuditEvent.objects.filter(action="initiatives.project_award_correct").count() == 2


def test_a_correction_above_the_award_or_without_a_reason_changes_nothing(
    call, partner, corporatie, stuurgroep_member
):
    project = _awarded_project(call, partner, corporatie, stuurgroep_member)
    before = LedgerTransaction.objects.count()
    for amount, reason in ((6_000_000, "x"), (-1, "x"), (1_000, "")):
        with pytest.raises(ValidationError):
            services.project_award_correct(
                project=project, actor=stuurgroep_member, amount_cents=amount, reason=reason
            )
    with pytest.raises(PermissionDenied):
        services.project_award_correct(project=project, actor=partner, amount_cents=0, reason="weg")
    assert LedgerTransaction.objects.count() == before
    project.refresh_from_db()
    assert project.status == ProjectStatus.AWARDED and project.award_cents == 6_000_000


# --- initiatives --------------------------------------------------------------------------


def test_withdrawing_an_initiative_award_returns_the_money_and_updates_the_page(
    client, wijk, resident, regiegroep_member, budget, rules_v1
):
    initiative = awarded(wijk, resident, regiegroep_member, budget, requested_cents=30_000)
    budget.refresh_from_db()
    assert budget.balance_cents == 70_000
    client.force_login(regiegroep_member)
    url = reverse(
        "initiatives:action",
        args=[wijk.municipality.slug, wijk.slug, initiative.pk, "award_correct"],
    )
    assert client.post(url, {"amount": "100", "reason": "Minder nodig"}).status_code == 302
    assert Voucher.objects.get(initiative=initiative).amount_cents == 10_000
    assert ledger_verify() == []
    assert client.post(url, {"amount": "0", "reason": "Gaat niet door"}).status_code == 302
    initiative.refresh_from_db()
    budget.refresh_from_db()
    assert initiative.status == Status.REVOKED and budget.balance_cents == 100_000
    page = client.get(
        reverse("initiatives:detail", args=[wijk.municipality.slug, wijk.slug, initiative.pk])
    )
    assert "De toekenning is ingetrokken" in page.content.decode()
    assert ledger_verify() == []


def test_the_ledger_api_refuses_to_reverse_an_award_and_points_to_the_decision(
    wijk, resident, regiegroep_member, budget, rules_v1, treasurer
):
    initiative = awarded(wijk, resident, regiegroep_member, budget, requested_cents=30_000)
    award = LedgerTransaction.objects.get(kind=TransactionKind.AWARD)
    api = APIClient()
    api.force_authenticate(treasurer)
    response = api.post(
        f"/api/v1/ledger-transactions/{award.pk}/reverse/", {"reason": "fout"}, format="json"
    )
    assert response.status_code == 400, response.content
    assert initiative.title in response.content.decode()
    assert not LedgerTransaction.objects.filter(kind=TransactionKind.CORRECTION).exists()


def test_ledger_verify_finds_an_award_that_disagrees_with_its_bookings(
    wijk, resident, regiegroep_member, budget, rules_v1
):
    initiative = awarded(wijk, resident, regiegroep_member, budget, requested_cents=30_000)
    assert ledger_verify() == []
    # A decision changed behind the ledger's back (as a reversal in the ledger alone did).
    Voucher.objects.filter(initiative=initiative).update(amount_cents=20_000)
    problems = ledger_verify()
    assert [p.what for p in problems] == ["decision"]
    assert f"initiative {initiative.pk}" in problems[0].detail
    out = StringIO()
    with pytest.raises(CommandError):
        call_command("ledger_verify", stdout=out, stderr=out)
