"""The municipality-wide initiative pages: spelregels, voucher redemption by providers and
convenant projects. Access per role, happy paths, and bad input that is explained (400) and
changes nothing. Assertions are on data, never on interface words (translations change)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from wijkwerk.accounts.roles import Role
from wijkwerk.accounts.tests.factories import RoleAssignmentFactory
from wijkwerk.areas.tests.factories import MunicipalityFactory, WijkFactory
from wijkwerk.budgets import services as ledger
from wijkwerk.budgets.forms import parse_euros
from wijkwerk.budgets.models import Account, AccountKind, Fund, FundKind
from wijkwerk.initiatives import services
from wijkwerk.initiatives.models import (
    ConvenantProject,
    DecidingBody,
    Expense,
    ProjectCall,
    ProjectStatus,
    Provider,
    RuleSet,
)
from wijkwerk.organisations.tests.factories import OrganisationFactory

from .factories import draft, funded_budget, ruleset_for

APP = "initiatives_municipality"


def _url(name, municipality, *args):
    return reverse(f"{APP}:{name}", args=[municipality.slug, *args])


# --- people -----------------------------------------------------------------------------


@pytest.fixture
def corporatie(municipality):
    return OrganisationFactory(municipality=municipality, name="Woningstichting", kind="corporatie")


@pytest.fixture
def partner(municipality, corporatie):
    """A partner professional of the corporatie, for the whole municipality."""
    return RoleAssignmentFactory(
        area=None, municipality=municipality, role=Role.PARTNER, organisation=corporatie
    ).user


@pytest.fixture
def stuurgroep_member(municipality, gemeente_org):
    return RoleAssignmentFactory(
        area=None, municipality=municipality, role=Role.STUURGROEP_MEMBER, organisation=gemeente_org
    ).user


# --- spelregels -------------------------------------------------------------------------


@pytest.fixture
def rules_v1(municipality, treasurer):
    return ruleset_for(
        municipality,
        treasurer,
        max_amount_cents=250_000,
        max_per_year_cents=500_000,
        own_contribution_percent=10,
        note="Eerste versie",
    )


def _rules_post(**overrides):
    data = {
        "max_amount": "2500",
        "max_per_year": "",
        "min_initiators": "3",
        "own_contribution_percent": "0",
        "quick_max": "500",
        "quick_working_days": "3",
        "decision_working_days": "30",
        "deciding_body": DecidingBody.WIJKPLATFORM,
        "excluded": "Alcohol",
        "checklist": "Goed voor de wijk",
        "note": "Hoger maximum",
    }
    data.update(overrides)
    return data


def test_the_spelregels_are_public_with_earlier_versions(client, municipality, treasurer, rules_v1):
    v2 = ruleset_for(municipality, treasurer, max_amount_cents=300_000, note="Meer geld")
    response = client.get(_url("rules", municipality))
    assert response.status_code == 200
    assert response.context["ruleset"] == v2
    assert [v.version for v in response.context["earlier_versions"]] == [1]
    assert response.context["form"] is None
    content = response.content.decode()
    # The current maximum (€ 3.000,00), what is not funded and the checklist are shown.
    assert "3.000,00" in content
    assert "Commerciële activiteiten" in content and "Veilig uit te voeren" in content
    assert "Eerste versie" in content


def test_the_spelregels_page_without_rules_still_answers(client, municipality):
    response = client.get(_url("rules", municipality))
    assert response.status_code == 200 and response.context["ruleset"] is None


def test_unknown_municipality_is_not_found(client, db):
    assert client.get("/gemeente/bestaat-niet/initiatieven/spelregels/").status_code == 404


@pytest.mark.parametrize("who", ["anonymous", "resident", "partner", "stuurgroep_member"])
def test_only_the_beheerder_publishes_spelregels(client, municipality, rules_v1, who, request):
    if who != "anonymous":
        user = request.getfixturevalue(who)
        client.force_login(user)
        assert client.get(_url("rules", municipality)).context["form"] is None
    response = client.post(_url("rules", municipality), _rules_post())
    assert response.status_code == 403
    assert RuleSet.objects.count() == 1


def test_the_publish_form_is_prefilled_from_the_current_version(
    client, municipality, treasurer, rules_v1
):
    client.force_login(treasurer)
    response = client.get(_url("rules", municipality))
    form = response.context["form"]
    assert form.initial["max_amount"] == 250_000
    assert form["max_amount"].value() == "2500,00"  # shown in euros, the Dutch way
    assert form["own_contribution_percent"].value() == 10
    assert form["deciding_body"].value() == DecidingBody.REGIEGROEP


def test_beheerder_publishes_a_new_version_with_euros_and_a_comma(
    client, municipality, treasurer, rules_v1
):
    client.force_login(treasurer)
    response = client.post(
        _url("rules", municipality), _rules_post(max_amount="2.750,50", quick_max="99,50")
    )
    assert response.status_code == 302
    new = RuleSet.objects.get(municipality=municipality, version=2)
    assert (new.max_amount_cents, new.quick_max_cents, new.max_per_year_cents) == (
        275_050,
        9_950,
        0,
    )
    assert (new.min_initiators, new.deciding_body, new.note) == (
        3,
        DecidingBody.WIJKPLATFORM,
        "Hoger maximum",
    )
    rules_v1.refresh_from_db()
    assert rules_v1.max_amount_cents == 250_000  # the earlier version never changes


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("max_amount", "0"),
        ("max_amount", "-5"),
        ("max_amount", "12,345"),
        ("max_amount", "veel"),
        ("max_per_year", "1000"),  # lower than the maximum per initiative
        ("own_contribution_percent", "120"),
        ("min_initiators", "51"),
        ("quick_working_days", "61"),
        ("deciding_body", "college"),
    ],
)
def test_bad_spelregels_are_refused_and_nothing_is_published(
    client, municipality, treasurer, rules_v1, field, value
):
    client.force_login(treasurer)
    response = client.post(_url("rules", municipality), _rules_post(**{field: value}))
    assert response.status_code == 400
    assert response.context["form"].errors[field]
    assert RuleSet.objects.count() == 1


# --- euros --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "cents"),
    [
        ("250", 25_000),
        ("99,50", 9_950),
        ("99.50", 9_950),
        ("€ 12,5", 1_250),
        ("1.250", 125_000),
        ("1.250,50", 125_050),
        ("1,250.50", 125_050),
        ("0", 0),
    ],
)
def test_amounts_are_typed_in_euros_the_dutch_or_the_english_way(typed, cents):
    assert parse_euros(typed) == cents


@pytest.mark.parametrize("typed", ["1,250", "99,505", "12.34.5", "1.2,50", "-3", "veel", "1e3"])
def test_ambiguous_or_wrong_amounts_are_refused_not_guessed(typed):
    with pytest.raises(ValidationError):
        parse_euros(typed)


# --- vouchers -------------------------------------------------------------------------------


@pytest.fixture
def voucher(wijk, resident, regiegroep_member, treasurer, gemeente_org, municipality):
    """An awarded initiative's voucher of € 100,00."""
    ruleset_for(municipality, treasurer)
    budget = funded_budget(wijk=wijk, treasurer=treasurer, organisation=gemeente_org, cents=100_000)
    initiative = draft(wijk=wijk, resident=resident, requested_cents=10_000)
    services.initiative_submit(initiative=initiative, actor=resident)
    initiative.refresh_from_db()
    for point in services.checklist_points(initiative.ruleset):
        services.checklist_answer(
            initiative=initiative, actor=regiegroep_member, point=point, met=True
        )
    return services.initiative_award(
        initiative=initiative, actor=regiegroep_member, budget=budget, reason="Goed plan"
    )


@pytest.fixture
def shop(municipality):
    return OrganisationFactory(municipality=municipality, name="Bouwmarkt", kind="winkeliers")


@pytest.fixture
def provider(municipality, shop):
    return Provider.objects.create(municipality=municipality, organisation=shop)


@pytest.fixture
def cashier(wijk, shop, provider):
    return RoleAssignmentFactory(area=wijk, role=Role.PARTNER, organisation=shop).user


def _hold_balance(voucher):
    return Account.objects.get(pk=voucher.hold_id).balance_cents


def test_anonymous_visitor_is_sent_to_login_to_redeem(client, municipality):
    response = client.get(_url("redeem", municipality))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("who", ["resident", "partner", "stuurgroep_member", "treasurer"])
def test_only_staff_of_a_registered_provider_may_redeem(
    client, municipality, voucher, provider, who, request
):
    client.force_login(request.getfixturevalue(who))
    assert client.get(_url("redeem", municipality)).status_code == 403
    response = client.post(
        _url("redeem", municipality),
        {"code": voucher.code, "amount": "10", "description": "Verf"},
    )
    assert response.status_code == 403
    assert not Expense.objects.exists()
    assert _hold_balance(voucher) == 10_000


def test_staff_of_an_inactive_provider_may_not_redeem(client, municipality, provider, cashier):
    provider.is_active = False
    provider.save()
    client.force_login(cashier)
    assert client.get(_url("redeem", municipality)).status_code == 403


def test_provider_redeems_an_amount_with_a_comma_and_sees_what_remains(
    client, municipality, voucher, provider, cashier
):
    client.force_login(cashier)
    response = client.post(
        _url("redeem", municipality),
        {"code": voucher.code.lower(), "amount": "12,50", "description": "Verf en kwasten"},
    )
    expense = Expense.objects.get()
    assert response.status_code == 302
    assert (expense.amount_cents, expense.provider, expense.voucher) == (1_250, provider, voucher)
    assert _hold_balance(voucher) == 8_750

    page = client.get(response["Location"])
    assert page.status_code == 200
    assert page.context["result"].expense == expense
    content = page.content.decode()
    assert "12,50" in content and "87,50" in content  # booked, and left on the voucher
    assert [row.expense for row in page.context["recent"]] == [expense]


def test_the_result_of_another_provider_is_not_shown(
    client, municipality, voucher, provider, cashier, wijk
):
    other_shop = OrganisationFactory(municipality=municipality, name="Bakker")
    Provider.objects.create(municipality=municipality, organisation=other_shop)
    baker = RoleAssignmentFactory(area=wijk, role=Role.PARTNER, organisation=other_shop).user
    expense = services.voucher_redeem(
        code=voucher.code, provider=provider, actor=cashier, description="Verf", amount_cents=500
    )
    client.force_login(baker)
    page = client.get(_url("redeem", municipality) + f"?ingeboekt={expense.pk}")
    assert page.status_code == 200
    assert page.context["result"] is None and page.context["recent"] == []


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"amount": "100,01"}, "amount"),  # more than the € 100,00 on the voucher
        ({"amount": "0"}, "amount"),
        ({"amount": "1,234"}, "amount"),
        ({"code": "WRONGCODE1"}, "code"),
        ({"description": ""}, "description"),
    ],
)
def test_bad_redemptions_are_explained_and_book_nothing(
    client, municipality, voucher, provider, cashier, data, field
):
    client.force_login(cashier)
    post = {"code": voucher.code, "amount": "10", "description": "Verf"} | data
    response = client.post(_url("redeem", municipality), post)
    assert response.status_code == 400
    assert response.context["form"].errors[field]
    assert not Expense.objects.exists()
    assert _hold_balance(voucher) == 10_000


def test_a_voucher_of_another_municipality_is_not_found(
    client, municipality, voucher, provider, cashier
):
    other = MunicipalityFactory()
    other_shop = OrganisationFactory(municipality=other, name="Elders")
    Provider.objects.create(municipality=other, organisation=other_shop)
    elsewhere = RoleAssignmentFactory(
        area=WijkFactory(municipality=other), role=Role.PARTNER, organisation=other_shop
    ).user
    client.force_login(elsewhere)
    response = client.post(
        _url("redeem", other), {"code": voucher.code, "amount": "10", "description": "Verf"}
    )
    assert response.status_code == 400 and response.context["form"].errors["code"]
    # Staff of a provider elsewhere are no provider here.
    assert client.get(_url("redeem", municipality)).status_code == 403
    assert not Expense.objects.exists()


# --- convenant projects ---------------------------------------------------------------------


def _fund(municipality, treasurer, corporatie, *, cents, is_public=True, name="Convenant"):
    fund = ledger.fund_create(
        municipality=municipality,
        actor=treasurer,
        name=name,
        kind=FundKind.CONVENANT,
        year=2026,
        is_public=is_public,
    )
    ledger.fund_contributor_set(
        fund=fund, organisation=corporatie, actor=treasurer, promised_cents=cents
    )
    ledger.contribution_record(
        fund=fund, organisation=corporatie, actor=treasurer, amount_cents=cents
    )
    return fund


@pytest.fixture
def fund(municipality, treasurer, corporatie):
    """A public convenant fund with € 1.500,00 not yet allocated."""
    return _fund(municipality, treasurer, corporatie, cents=150_000)


@pytest.fixture
def call(fund, stuurgroep_member):
    return services.project_call_create(
        fund=fund,
        actor=stuurgroep_member,
        title="Leefbaarheid 2026",
        closes_on=timezone.localdate() + datetime.timedelta(days=30),
    )


def _project(call, partner, corporatie, title, cents, scores=None, scorer=None):
    project = services.project_submit(
        call=call,
        actor=partner,
        organisation=corporatie,
        title=title,
        description=f"{title}: beschrijving",
        resident_role="Bewoners doen mee",
        requested_cents=cents,
    )
    if scores is not None:
        services.project_score(
            project=project,
            actor=scorer,
            participation=scores[0],
            impact=scores[1],
            reach=scores[2],
        )
    return project


@pytest.fixture
def three_projects(call, partner, corporatie, stuurgroep_member):
    """Best first: € 1.000, € 600 and € 400 requested; the budget is € 1.500."""
    return [
        _project(call, partner, corporatie, "Moestuin", 100_000, (5, 5, 5), stuurgroep_member),
        _project(call, partner, corporatie, "Speeltuin", 60_000, (4, 4, 4), stuurgroep_member),
        _project(call, partner, corporatie, "Buurtkamer", 40_000, (3, 3, 3), stuurgroep_member),
    ]


def _line_between(content, above, below):
    """The budget line lies after the title `above` and before the title `below`."""
    line = content.index('id="budget-line"')
    return (above is None or content.index(above) < line) and (
        below is None or line < content.index(below)
    )


def test_the_call_list_shows_the_calls_of_this_municipalitys_funds_only(client, municipality, call):
    elsewhere = Fund.objects.create(
        municipality=MunicipalityFactory(), name="Elders", kind=FundKind.CONVENANT, year=2026
    )
    ProjectCall.objects.create(fund=elsewhere, title="Elders", closes_on=call.closes_on)
    response = client.get(_url("calls", municipality))
    assert response.status_code == 200
    assert [(c, is_open) for c, is_open in response.context["calls"]] == [(call, True)]


def test_the_ranking_places_the_budget_line_where_the_money_runs_out(
    client, municipality, call, three_projects
):
    response = client.get(_url("call", municipality, call.pk))
    assert response.status_code == 200
    rows = response.context["rows"]
    assert [r.project.title for r in rows] == ["Moestuin", "Speeltuin", "Buurtkamer"]
    assert [r.rank for r in rows] == [1, 2, 3]
    assert [r.score for r in rows] == [5.0, 4.0, 3.0]
    assert [r.above_line for r in rows] == [True, False, False]
    assert response.context["line_after"] == 1
    assert response.context["budget_cents"] == 150_000
    content = response.content.decode()
    assert _line_between(content, "Moestuin", "Speeltuin")
    assert "1.500,00" in content and "2.000,00" in content  # the budget, the last running total


@pytest.mark.parametrize(
    ("what_if", "budget_cents", "line_after", "above", "below"),
    [
        ("1600", 160_000, 2, "Speeltuin", "Buurtkamer"),
        ("1.599,99", 159_999, 1, "Moestuin", "Speeltuin"),
        ("2000,00", 200_000, 3, "Buurtkamer", None),
        ("999", 99_900, 0, None, "Moestuin"),
    ],
)
def test_a_what_if_budget_moves_the_line(
    client, municipality, call, three_projects, what_if, budget_cents, line_after, above, below
):
    response = client.get(_url("call", municipality, call.pk), {"budget": what_if})
    assert response.status_code == 200
    assert response.context["budget_cents"] == budget_cents
    assert response.context["line_after"] == line_after
    assert _line_between(response.content.decode(), above, below)
    assert ConvenantProject.objects.filter(status=ProjectStatus.SUBMITTED).count() == 3


def test_a_bad_what_if_budget_is_explained_and_the_real_budget_is_used(
    client, municipality, call, three_projects
):
    response = client.get(_url("call", municipality, call.pk), {"budget": "heel veel"})
    assert response.status_code == 400
    assert response.context["what_if_form"].errors["budget"]
    assert response.context["budget_cents"] == 150_000 and response.context["line_after"] == 1


def test_unscored_projects_come_last_below_the_line(
    client, municipality, call, partner, corporatie, three_projects
):
    _project(call, partner, corporatie, "Nog niet gescoord", 1_000)
    response = client.get(_url("call", municipality, call.pk), {"budget": "100000"})
    rows = response.context["rows"]
    assert rows[-1].project.title == "Nog niet gescoord"
    assert (rows[-1].rank, rows[-1].score, rows[-1].above_line) == (None, None, False)
    assert response.context["line_after"] == 3


@pytest.fixture
def hidden_call(municipality, treasurer, corporatie, stuurgroep_member):
    """A call on a fund that is not public."""
    return services.project_call_create(
        fund=_fund(municipality, treasurer, corporatie, cents=10_000, is_public=False),
        actor=stuurgroep_member,
        title="Intern",
        closes_on=timezone.localdate(),
    )


@pytest.mark.parametrize("who", ["anonymous", "resident"])
def test_calls_of_a_fund_that_is_not_public_are_hidden_from_the_public(
    client, municipality, hidden_call, who, request
):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    assert client.get(_url("call", municipality, hidden_call.pk)).status_code == 404
    assert client.get(_url("calls", municipality)).context["calls"] == []


@pytest.mark.parametrize("who", ["partner", "stuurgroep_member"])
def test_partners_and_the_stuurgroep_see_calls_of_a_fund_that_is_not_public(
    client, municipality, hidden_call, who, request
):
    client.force_login(request.getfixturevalue(who))
    assert client.get(_url("call", municipality, hidden_call.pk)).status_code == 200


def test_a_call_of_another_municipality_is_not_found_here(client, municipality, call):
    other = MunicipalityFactory()
    assert client.get(_url("call", other, call.pk)).status_code == 404


# creating a call


def test_anonymous_visitor_is_sent_to_login_to_create_a_call(client, municipality):
    response = client.get(_url("call_create", municipality))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("who", ["resident", "partner"])
def test_only_the_stuurgroep_creates_calls(client, municipality, fund, who, request):
    client.force_login(request.getfixturevalue(who))
    assert client.get(_url("call_create", municipality)).status_code == 403
    response = client.post(
        _url("call_create", municipality),
        {"fund": fund.pk, "title": "X", "closes_on": "2026-12-31"},
    )
    assert response.status_code == 403
    assert not ProjectCall.objects.exists()


def test_wijkwethouder_also_ranks_projects(client, municipality, fund, gemeente_org):
    wethouder = RoleAssignmentFactory(
        area=None, municipality=municipality, role=Role.WIJKWETHOUDER, organisation=gemeente_org
    ).user
    client.force_login(wethouder)
    assert client.get(_url("call_create", municipality)).status_code == 200


def test_stuurgroep_member_creates_a_call_with_weights(
    client, municipality, fund, stuurgroep_member
):
    client.force_login(stuurgroep_member)
    closes_on = timezone.localdate() + datetime.timedelta(days=40)
    response = client.post(
        _url("call_create", municipality),
        {
            "fund": fund.pk,
            "title": "Samen sterk",
            "closes_on": closes_on.isoformat(),
            "weight_participation": "60",
            "weight_impact": "25",
            "weight_reach": "15",
        },
    )
    created = ProjectCall.objects.get()
    assert response.status_code == 302
    assert response["Location"] == _url("call", municipality, created.pk)
    assert (created.fund, created.title, created.closes_on) == (fund, "Samen sterk", closes_on)
    assert (created.weight_participation, created.weight_impact, created.weight_reach) == (
        60,
        25,
        15,
    )


@pytest.mark.parametrize(
    "data",
    [
        {"weight_participation": "0", "weight_impact": "0", "weight_reach": "0"},
        {"weight_participation": "-1"},
        {"title": ""},
        {"fund": "other"},
    ],
)
def test_bad_calls_are_refused(client, municipality, fund, stuurgroep_member, data):
    if data.get("fund") == "other":
        elsewhere = Fund.objects.create(
            municipality=MunicipalityFactory(), name="Elders", kind=FundKind.CONVENANT, year=2026
        )
        data = {"fund": elsewhere.pk}
    client.force_login(stuurgroep_member)
    post = {
        "fund": fund.pk,
        "title": "Samen sterk",
        "closes_on": "2026-12-31",
        "weight_participation": "50",
        "weight_impact": "30",
        "weight_reach": "20",
    } | data
    response = client.post(_url("call_create", municipality), post)
    assert response.status_code == 400
    assert response.context["form"].errors
    assert not ProjectCall.objects.exists()


# submitting a project


def _submit_post(**overrides):
    return {
        "title": "Buurtmoestuin",
        "description": "Een moestuin achter de flat.",
        "resident_role": "Bewoners beheren de tuin.",
        "requested": "1.250,50",
        "area": "",
    } | overrides


@pytest.mark.parametrize("who", ["resident", "stuurgroep_member", "treasurer"])
def test_only_partners_submit_projects(client, municipality, call, who, request):
    client.force_login(request.getfixturevalue(who))
    assert client.get(_url("project_submit", municipality, call.pk)).status_code == 403
    response = client.post(_url("project_submit", municipality, call.pk), _submit_post())
    assert response.status_code == 403
    assert not ConvenantProject.objects.exists()


def test_anonymous_visitor_is_sent_to_login_to_submit(client, municipality, call):
    response = client.get(_url("project_submit", municipality, call.pk))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_partner_submits_a_project_for_their_own_organisation(
    client, municipality, call, partner, corporatie, wijk
):
    client.force_login(partner)
    form = client.get(_url("project_submit", municipality, call.pk)).context["form"]
    assert list(form.fields["organisation"].queryset) == [corporatie]
    response = client.post(
        _url("project_submit", municipality, call.pk),
        _submit_post(organisation=corporatie.pk, area=wijk.pk),
    )
    project = ConvenantProject.objects.get()
    assert response.status_code == 302
    assert response["Location"] == _url("project", municipality, call.pk, project.pk)
    assert (project.organisation, project.area, project.requested_cents) == (
        corporatie,
        wijk,
        125_050,
    )
    assert (project.submitted_by, project.status) == (partner, ProjectStatus.SUBMITTED)
    page = client.get(response["Location"])
    assert page.status_code == 200
    content = page.content.decode()
    assert "Een moestuin achter de flat." in content and "Bewoners beheren de tuin." in content


def test_partner_cannot_submit_for_another_organisation(
    client, municipality, call, partner, gemeente_org
):
    client.force_login(partner)
    response = client.post(
        _url("project_submit", municipality, call.pk), _submit_post(organisation=gemeente_org.pk)
    )
    assert response.status_code == 400
    assert response.context["form"].errors["organisation"]
    assert not ConvenantProject.objects.exists()


def test_a_partner_for_one_wijk_submits_for_that_wijk_only(
    client, municipality, call, wijk, corporatie
):
    wijk_partner = RoleAssignmentFactory(area=wijk, role=Role.PARTNER, organisation=corporatie).user
    client.force_login(wijk_partner)
    url = _url("project_submit", municipality, call.pk)
    response = client.post(url, _submit_post(organisation=corporatie.pk, area=""))
    assert response.status_code == 400 and response.context["form"].errors["area"]
    other_wijk = WijkFactory(municipality=municipality)
    response = client.post(url, _submit_post(organisation=corporatie.pk, area=other_wijk.pk))
    assert response.status_code == 400 and response.context["form"].errors["area"]
    assert not ConvenantProject.objects.exists()
    response = client.post(url, _submit_post(organisation=corporatie.pk, area=wijk.pk))
    assert response.status_code == 302
    assert ConvenantProject.objects.get().area == wijk


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"requested": "0"}, "requested"),
        ({"requested": "12,345"}, "requested"),
        ({"description": ""}, "description"),
    ],
)
def test_bad_projects_are_refused(client, municipality, call, partner, corporatie, data, field):
    client.force_login(partner)
    response = client.post(
        _url("project_submit", municipality, call.pk),
        _submit_post(organisation=corporatie.pk, **data),
    )
    assert response.status_code == 400
    assert response.context["form"].errors[field]
    assert not ConvenantProject.objects.exists()


def test_a_closed_call_takes_no_projects(client, municipality, call, partner, corporatie):
    call.closes_on = timezone.localdate() - datetime.timedelta(days=1)
    call.save()
    client.force_login(partner)
    response = client.post(
        _url("project_submit", municipality, call.pk), _submit_post(organisation=corporatie.pk)
    )
    assert response.status_code == 400
    assert response.context["form"].non_field_errors()
    assert not ConvenantProject.objects.exists()


# scoring and deciding


@pytest.fixture
def project(call, partner, corporatie):
    return _project(call, partner, corporatie, "Moestuin", 100_000)


@pytest.mark.parametrize("who", ["resident", "partner", "treasurer"])
def test_only_the_stuurgroep_scores_and_decides(client, municipality, call, project, who, request):
    user = request.getfixturevalue(who)
    client.force_login(user)
    page = client.get(_url("project", municipality, call.pk, project.pk))
    assert page.status_code == 200 and "score_form" not in page.context
    score = client.post(
        _url("project_score", municipality, call.pk, project.pk),
        {"participation": "5", "impact": "5", "reach": "5"},
    )
    decide = client.post(
        _url("project_decide", municipality, call.pk, project.pk),
        {"award": "yes", "reason": "Goed"},
    )
    assert (score.status_code, decide.status_code) == (403, 403)
    project.refresh_from_db()
    assert (project.score_participation, project.status) == (None, ProjectStatus.SUBMITTED)


def test_stuurgroep_member_scores_a_project(client, municipality, call, project, stuurgroep_member):
    client.force_login(stuurgroep_member)
    response = client.post(
        _url("project_score", municipality, call.pk, project.pk),
        {"participation": "4", "impact": "3", "reach": "0"},
    )
    assert response.status_code == 302
    project.refresh_from_db()
    assert (project.score_participation, project.score_impact, project.score_reach) == (4, 3, 0)
    page = client.get(_url("project", municipality, call.pk, project.pk))
    assert page.context["score"] == round((50 * 4 + 30 * 3 + 20 * 0) / 100, 2)


@pytest.mark.parametrize(
    "scores",
    [
        {"participation": "7", "impact": "3", "reach": "3"},
        {"participation": "3", "impact": "-1", "reach": "3"},
        {"participation": "3", "impact": "3", "reach": ""},
    ],
)
def test_scores_outside_0_to_5_are_refused(
    client, municipality, call, project, stuurgroep_member, scores
):
    client.force_login(stuurgroep_member)
    response = client.post(_url("project_score", municipality, call.pk, project.pk), scores)
    assert response.status_code == 400
    assert response.context["score_form"].errors
    project.refresh_from_db()
    assert (project.score_participation, project.score_impact, project.score_reach) == (
        None,
        None,
        None,
    )


def test_stuurgroep_awards_a_project_and_the_money_is_reserved(
    client, municipality, call, three_projects, stuurgroep_member, fund
):
    best = three_projects[0]
    client.force_login(stuurgroep_member)
    response = client.post(
        _url("project_decide", municipality, call.pk, best.pk),
        {"award": "yes", "reason": "Veel bewoners doen mee"},
    )
    assert response.status_code == 302
    best.refresh_from_db()
    assert (best.status, best.decision_reason) == (ProjectStatus.AWARDED, "Veel bewoners doen mee")
    pool = Account.objects.get(fund=fund, kind=AccountKind.POOL)
    assert pool.balance_cents == 50_000
    page = client.get(_url("call", municipality, call.pk))
    assert [p for p, _amount in page.context["awarded"]] == [best]
    # The rest is ranked against the € 500 left: the next project (€ 600) does not fit, and
    # the line does not skip it, so nothing lies above the line.
    assert [r.project.title for r in page.context["rows"]] == ["Speeltuin", "Buurtkamer"]
    assert page.context["budget_cents"] == 50_000 and page.context["line_after"] == 0


def test_stuurgroep_rejects_a_project_with_a_motivation(
    client, municipality, call, project, stuurgroep_member, fund
):
    client.force_login(stuurgroep_member)
    response = client.post(
        _url("project_decide", municipality, call.pk, project.pk),
        {"award": "no", "reason": "Te weinig bewoners betrokken"},
    )
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.status == ProjectStatus.REJECTED
    assert Account.objects.get(fund=fund, kind=AccountKind.POOL).balance_cents == 150_000
    page = client.get(_url("call", municipality, call.pk))
    assert list(page.context["rejected"]) == [project]


@pytest.mark.parametrize(
    "data", [{"award": "yes", "reason": ""}, {"award": "maybe", "reason": "Goed"}]
)
def test_a_decision_needs_a_choice_and_a_motivation(
    client, municipality, call, project, stuurgroep_member, data
):
    client.force_login(stuurgroep_member)
    response = client.post(_url("project_decide", municipality, call.pk, project.pk), data)
    assert response.status_code == 400
    assert response.context["decide_form"].errors
    project.refresh_from_db()
    assert project.status == ProjectStatus.SUBMITTED


def test_an_award_larger_than_the_fund_changes_nothing(
    client, municipality, call, partner, corporatie, stuurgroep_member, fund
):
    # Submitting it is refused now (larger than the fund); one from before still is not
    # awarded: the ledger refuses it.
    too_big = ConvenantProject.objects.create(
        call=call,
        organisation=corporatie,
        title="Nieuw buurthuis",
        description="...",
        requested_cents=200_000,
    )
    client.force_login(stuurgroep_member)
    response = client.post(
        _url("project_decide", municipality, call.pk, too_big.pk),
        {"award": "yes", "reason": "Mooi plan"},
    )
    assert response.status_code == 400
    assert response.context["decide_form"].non_field_errors()
    too_big.refresh_from_db()
    assert too_big.status == ProjectStatus.SUBMITTED and too_big.hold is None
    assert Account.objects.get(fund=fund, kind=AccountKind.POOL).balance_cents == 150_000


def test_a_decided_project_cannot_be_decided_again(
    client, municipality, call, project, stuurgroep_member
):
    services.project_decide(project=project, actor=stuurgroep_member, award=False, reason="Nee")
    client.force_login(stuurgroep_member)
    page = client.get(_url("project", municipality, call.pk, project.pk))
    assert "decide_form" not in page.context
    response = client.post(
        _url("project_decide", municipality, call.pk, project.pk),
        {"award": "yes", "reason": "Toch wel"},
    )
    assert response.status_code == 400
    project.refresh_from_db()
    assert project.status == ProjectStatus.REJECTED


def test_a_project_is_found_only_under_its_own_call(
    client, municipality, call, project, fund, stuurgroep_member
):
    other_call = services.project_call_create(
        fund=fund, actor=stuurgroep_member, title="Andere oproep", closes_on=call.closes_on
    )
    assert client.get(_url("project", municipality, other_call.pk, project.pk)).status_code == 404
