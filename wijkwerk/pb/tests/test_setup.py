"""Setting up a budget round on pages instead of the admin: the service refuses an amount
beyond what is free on the wijkbudget (and other misfits) with the field named and nothing
changed; the pages are for those who may manage rounds (403 for others, log in first);
the admin no longer answers 500 on a complete round but refuses with a message."""

import datetime

import pytest
from django.conf import settings
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from wijkwerk.accounts.roles import Role
from wijkwerk.accounts.tests.factories import RoleAssignmentFactory, UserFactory
from wijkwerk.areas.tests.factories import MunicipalityFactory, WijkFactory
from wijkwerk.core.models import AuditEvent
from wijkwerk.organisations.tests.factories import OrganisationFactory
from wijkwerk.pb import services
from wijkwerk.pb.models import Phase, Round

from .factories import funded_budget, make_round, move_to, phase_dates, round_values

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def _create(wijk, actor, budget, **overrides):
    return services.round_create(
        municipality=wijk.municipality,
        area=wijk,
        actor=actor,
        **round_values(budget=budget, **overrides),
    )


def _snapshot(pb_round: Round) -> dict:
    return {
        f.attname: getattr(Round.objects.get(pk=pb_round.pk), f.attname) for f in Round._meta.fields
    }


# --- the service: what is free on the wijkbudget ---------------------------------------------


def test_a_fixed_amount_must_fit_in_what_other_rounds_leave_free(wijk, wijkmanager, budget):
    _create(wijk, wijkmanager, budget, title="Voorjaar", amount_cents=600_000)
    assert services.budget_free_cents(budget=budget) == 400_000
    with pytest.raises(ValidationError) as excinfo:
        _create(wijk, wijkmanager, budget, title="Najaar", amount_cents=400_001)
    message = excinfo.value.message_dict["amount"][0]
    assert "of which €\u00a06,000.00 is for other rounds" in message
    assert "at most €\u00a04,000.00 is free" in message
    assert Round.objects.count() == 1
    autumn = _create(wijk, wijkmanager, budget, title="Najaar", amount_cents=400_000)
    assert services.budget_free_cents(budget=budget) == 0
    # A round's own amount does not count against itself when it is changed.
    assert services.budget_free_cents(budget=budget, editing=autumn) == 400_000


def test_a_published_round_no_longer_counts_on_its_amount(wijk, wijkmanager, budget):
    spring = _create(wijk, wijkmanager, budget, title="Voorjaar", amount_cents=600_000)
    Round.objects.filter(pk=spring.pk).update(results_published_at=timezone.now())
    assert services.budget_free_cents(budget=budget) == 1_000_000


def test_fixed_amounts_and_the_whole_balance_do_not_share_a_budget(wijk, wijkmanager, budget):
    whole = _create(wijk, wijkmanager, budget, title="Alles")
    with pytest.raises(ValidationError) as excinfo:
        _create(wijk, wijkmanager, budget, title="Vast", amount_cents=100_000)
    assert "“Alles” divides the whole balance" in excinfo.value.message_dict["amount"][0]
    Round.objects.filter(pk=whole.pk).update(amount_cents=300_000)
    with pytest.raises(ValidationError) as excinfo:
        _create(wijk, wijkmanager, budget, title="Rest")
    assert (
        "a round without an amount would divide that money too"
        in (excinfo.value.message_dict["amount"][0])
    )
    assert Round.objects.count() == 1


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"amount_cents": 1_000_001}, "amount", "The budget holds only"),
        ({"voting_until": -30}, "voting_until", "Voting closes before it opens"),
        ({"review_until": 1}, "review_until", "must end after proposals close"),
        ({"voting_from": 8}, "voting_from", "Voting opens before the review ends"),
        ({"ballot_kind": "cumulative", "points_total": 10, "rule": "mes"}, "rule", "approval"),
    ],
)
def test_a_change_that_does_not_fit_is_refused_and_changes_nothing(
    wijk, wijkmanager, budget, change, field, message
):
    pb_round = make_round(wijk=wijk, actor=wijkmanager, budget=budget, phase="upcoming")
    before = _snapshot(pb_round)
    events = AuditEvent.objects.count()
    today = timezone.localdate()
    values = {
        k: today + datetime.timedelta(days=v) if k.endswith(("_from", "_until")) else v
        for k, v in change.items()
    }
    with pytest.raises(ValidationError) as excinfo:
        services.round_update(round=pb_round, actor=wijkmanager, **values)
    assert message in " ".join(excinfo.value.message_dict[field])
    assert _snapshot(pb_round) == before
    assert AuditEvent.objects.count() == events


def test_once_proposals_opened_their_start_stays(wijk, wijkmanager, budget):
    pb_round = make_round(wijk=wijk, actor=wijkmanager, budget=budget, phase="proposals")
    before = _snapshot(pb_round)
    with pytest.raises(ValidationError) as excinfo:
        services.round_update(
            round=pb_round,
            actor=wijkmanager,
            proposals_from=pb_round.proposals_from + datetime.timedelta(days=1),
        )
    assert "The round has started" in excinfo.value.message_dict["proposals_from"][0]
    assert _snapshot(pb_round) == before
    # The later dates may still move until voting opens.
    later = pb_round.voting_until + datetime.timedelta(days=3)
    services.round_update(round=pb_round, actor=wijkmanager, voting_until=later)
    assert Round.objects.get().voting_until == later


# --- the pages: who may ----------------------------------------------------------------------


def _new_url(municipality):
    return reverse("pb:round_new", args=[municipality.slug])


def _edit_url(pb_round):
    return reverse("pb:round_edit", args=[pb_round.municipality.slug, pb_round.pk])


def test_anonymous_visitors_log_in_first(client, municipality, wijk, wijkmanager, budget):
    pb_round = make_round(wijk=wijk, actor=wijkmanager, budget=budget, phase="upcoming")
    for url in (_new_url(municipality), _edit_url(pb_round)):
        response = client.get(url)
        assert response.status_code == 302
        assert reverse("account_login") in response["Location"]


def test_residents_and_partners_get_403_and_nothing_is_made(
    client, municipality, wijk, wijkmanager, budget, resident, reviewer
):
    pb_round = make_round(wijk=wijk, actor=wijkmanager, budget=budget, phase="upcoming")
    for person in (resident, reviewer):
        client.force_login(person)
        assert client.get(_new_url(municipality)).status_code == 403
        assert client.post(_new_url(municipality), {"title": "x"}).status_code == 403
        assert client.get(_edit_url(pb_round)).status_code == 403
        assert client.post(_edit_url(pb_round), {"title": "x"}).status_code == 403
    assert Round.objects.get().title == "Wijkbudget 2026"


def test_staff_of_another_municipality_get_403_or_404(
    client, municipality, wijk, wijkmanager, budget
):
    pb_round = make_round(wijk=wijk, actor=wijkmanager, budget=budget, phase="upcoming")
    elsewhere = MunicipalityFactory(code="GM0363", name="Amsterdam", slug="amsterdam")
    stranger = RoleAssignmentFactory(
        area=None,
        municipality=elsewhere,
        role=Role.BEHEERDER,
        organisation=OrganisationFactory(municipality=elsewhere),
    ).user
    client.force_login(stranger)
    assert client.get(_new_url(municipality)).status_code == 403
    assert client.get(_edit_url(pb_round)).status_code == 403
    # Under their own municipality the round does not exist.
    assert (
        client.get(reverse("pb:round_edit", args=[elsewhere.slug, pb_round.pk])).status_code == 404
    )


def test_a_wijkmanager_may_choose_only_their_wijk_and_its_budgets(
    client, municipality, wijk, wijkmanager, budget, treasurer, gemeente_org
):
    other = WijkFactory(municipality=municipality, name="Nieuw Den Helder", slug="ndh")
    funded_budget(wijk=other, treasurer=treasurer, organisation=gemeente_org, cents=5000)
    client.force_login(wijkmanager)
    form = client.get(_new_url(municipality)).context["form"]
    assert list(form.fields["area"].queryset) == [wijk]
    assert list(form.fields["budget"].queryset) == [budget]
    client.force_login(treasurer)
    form = client.get(_new_url(municipality)).context["form"]
    assert set(form.fields["area"].queryset) == {wijk, other}
    assert not form.fields["area"].required  # empty: the whole municipality


# --- the pages: setting up and changing ------------------------------------------------------


def _form_data(budget, wijk, **overrides) -> dict:
    dates = phase_dates("upcoming")
    data = {
        "title": "Wijkbudget Oost 2027",
        "description": "Wat wil jij in de wijk?",
        "area": wijk.pk,
        "budget": budget.pk,
        "amount": "7.500",
        **{name: day.isoformat() for name, day in dates.items()},
        "execution_from": "",
        "min_age": "16",
        "verification": "email",
        "ballot_kind": "approval",
        "max_projects": "3",
        "max_cost": "",
        "points_total": "",
        "max_points_per_project": "",
        "rule": "mes",
        "utility": "cost",
        "compare_greedy": "on",
        "threshold_percent": "",
    }
    data.update(overrides)
    return data


def test_a_wijkmanager_sets_up_a_round_and_it_is_logged(
    client, municipality, wijk, wijkmanager, budget
):
    client.force_login(wijkmanager)
    response = client.post(_new_url(municipality), _form_data(budget, wijk))
    pb_round = Round.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("pb:staff", args=[municipality.slug, pb_round.pk])
    assert (pb_round.amount_cents, pb_round.rule, pb_round.max_projects) == (750_000, "mes", 3)
    assert pb_round.compare_greedy and pb_round.phase() == Phase.UPCOMING
    event = AuditEvent.objects.get(action="pb.round_create")
    assert event.actor == wijkmanager
    assert event.changes["amount_cents"] == 750_000


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"amount": "10.000,01"}, "amount", "The budget holds only"),
        (
            {"voting_from": phase_dates("upcoming")["proposals_until"].isoformat()},
            "voting_from",
            "Voting opens before the review ends",
        ),
        (
            {"proposals_until": phase_dates("closed")["proposals_from"].isoformat()},
            "proposals_until",
            "Proposals close before they open",
        ),
        (
            {"ballot_kind": "cumulative", "max_projects": "", "points_total": "10"},
            "rule",
            "The Method of Equal Shares needs approval ballots",
        ),
        ({"rule": "greedy"}, "compare_greedy", "for the Method of Equal Shares rules only"),
        ({"title": ""}, "title", ""),  # the form's own "required", in Dutch after the request
    ],
)
def test_a_refused_set_up_names_the_field_keeps_the_input_and_makes_nothing(
    client, municipality, wijk, wijkmanager, budget, overrides, field, message
):
    client.force_login(wijkmanager)
    response = client.post(_new_url(municipality), _form_data(budget, wijk, **overrides))
    assert response.status_code == 400
    form = response.context["form"]
    assert message in " ".join(form.errors[field])
    assert f'id="id_{field}_error"' in response.content.decode()
    assert form["description"].value() == "Wat wil jij in de wijk?"
    assert Round.objects.count() == 0
    assert not AuditEvent.objects.filter(action="pb.round_create").exists()


def test_the_round_is_changed_on_its_page_until_voting_opens(
    client, municipality, wijk, wijkmanager, budget
):
    pb_round = make_round(wijk=wijk, actor=wijkmanager, budget=budget, phase="upcoming")
    client.force_login(wijkmanager)
    page = client.get(_edit_url(pb_round))
    assert page.status_code == 200
    assert page.context["form"]["title"].value() == "Wijkbudget 2026"
    staff = client.get(reverse("pb:staff", args=[municipality.slug, pb_round.pk]))
    assert _edit_url(pb_round) in staff.content.decode()

    data = _form_data(budget, wijk, title="Wijkbudget 2026", amount="2.000")
    data.update({k: getattr(pb_round, k).isoformat() for k in phase_dates("upcoming")})
    response = client.post(_edit_url(pb_round), data)
    assert response.status_code == 302
    pb_round.refresh_from_db()
    assert (pb_round.amount_cents, pb_round.rule) == (200_000, "mes")
    event = AuditEvent.objects.get(action="pb.round_update")
    assert set(event.changes) >= {"amount_cents", "rule", "description"}
    assert "title" not in event.changes

    move_to(pb_round, "voting")
    form = client.get(_edit_url(pb_round)).context["form"]
    assert set(form.fields) == {"description", "execution_from"}
    response = client.post(_edit_url(pb_round), {"description": "Stem mee!", "rule": "greedy"})
    assert response.status_code == 302
    pb_round.refresh_from_db()
    assert (pb_round.description, pb_round.rule) == ("Stem mee!", "mes")


def test_the_round_list_offers_the_set_up_to_those_who_may(
    client, municipality, wijk, wijkmanager, budget, resident
):
    url = reverse("pb:rounds", args=[municipality.slug])
    assert _new_url(municipality) not in client.get(url).content.decode()
    client.force_login(resident)
    assert _new_url(municipality) not in client.get(url).content.decode()
    client.force_login(wijkmanager)
    assert _new_url(municipality) in client.get(url).content.decode()


# --- the admin (regression: saving a complete round answered 500) ----------------------------


def _admin_data(budget, wijk) -> dict:
    data = {
        "municipality": wijk.municipality.pk,
        "area": wijk.pk,
        "budget": budget.pk,
        "title": "Via beheer",
        "description": "",
        "amount_cents": "",
        **{name: day.isoformat() for name, day in phase_dates("upcoming").items()},
        "ballot_kind": "approval",
        "min_age": "16",
        "verification": "email",
        "rule": "greedy",
        "utility": "cost",
        "proposals-TOTAL_FORMS": "0",
        "proposals-INITIAL_FORMS": "0",
        "proposals-MIN_NUM_FORMS": "0",
        "proposals-MAX_NUM_FORMS": "1000",
    }
    return data


def test_the_admin_refuses_to_create_or_change_a_round_with_a_message(
    client, wijk, wijkmanager, budget
):
    admin = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)
    response = client.post(reverse("admin:pb_round_add"), _admin_data(budget, wijk))
    assert response.status_code == 302
    assert Round.objects.count() == 0
    shown = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("set up and changed on the pages of the municipality" in m for m in shown)

    pb_round = make_round(wijk=wijk, actor=wijkmanager, budget=budget, phase="upcoming")
    before = _snapshot(pb_round)
    url = reverse("admin:pb_round_change", args=[pb_round.pk])
    assert client.get(url).status_code == 200  # still readable
    data = _admin_data(budget, wijk) | {"title": "Anders", "amount_cents": "99999999"}
    response = client.post(url, data)
    assert response.status_code == 302
    assert _snapshot(pb_round) == before
