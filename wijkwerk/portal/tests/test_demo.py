"""The demo command: a working demo true to the source documents, built once."""

import json
import re
from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from wijkwerk.accounts.models import RoleAssignment, User
from wijkwerk.accounts.roles import Role
from wijkwerk.agenda.models import (
    AgendaItem,
    AgendaItemUpdate,
    AgendaReview,
    AgendaReviewItem,
    DevelopmentPlan,
    Goal,
    PlannedAction,
    Status,
    Theme,
    ThemeKind,
)
from wijkwerk.agenda.selectors import Outcome, review_report
from wijkwerk.areas.models import Area, AreaKind, Municipality
from wijkwerk.core.models import AuditEvent
from wijkwerk.organisations.models import Organisation, OrganisationKind
from wijkwerk.portal.management.commands.demo import DEMO_PASSWORD, DOMAIN

LOGIN = re.compile(r"^(\S+@" + re.escape(DOMAIN) + r")\s", re.MULTILINE)


@pytest.fixture(autouse=True)
def _fast_hasher(settings):
    """Checking two dozen logins with the production hasher would take many seconds."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _run(*args) -> str:
    out = StringIO()
    call_command("demo", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def demo(db) -> str:
    """The demo built on an empty database; its printed output."""
    return _run()


def _snapshot() -> dict[str, object]:
    """Everything the demo writes, counted, plus the last change of the mutable rows."""
    models = [
        User,
        EmailAddress,
        RoleAssignment,
        Municipality,
        Area,
        Organisation,
        Theme,
        DevelopmentPlan,
        Goal,
        PlannedAction,
        AgendaItem,
        AgendaItemUpdate,
        AgendaReview,
        AgendaReviewItem,
        AuditEvent,
    ]
    counts: dict[str, object] = {m.__name__: m.objects.count() for m in models}
    counts["items"] = list(
        AgendaItem.objects.order_by("pk").values_list("pk", "status", "updated_at")
    )
    counts["areas"] = list(Area.objects.order_by("pk").values_list("pk", "name", "description"))
    return counts


def test_demo_builds_the_three_municipalities_with_their_cbs_wijken(demo):
    assert set(Municipality.objects.values_list("code", "name")) == {
        ("GM0400", "Den Helder"),
        ("GM0777", "Etten-Leur"),
        ("GM0118", "Hoogeveen"),
    }
    den_helder = dict(
        Area.objects.wijken().filter(municipality__code="GM0400").values_list("code", "name")
    )
    assert den_helder == {
        "WK040001": "Stad binnen de Linie-Oost",
        "WK040002": "Stad binnen de Linie-West",
        "WK040003": "Nieuw Den Helder-West",
        "WK040004": "Nieuw Den Helder-Oost",
        "WK040005": "De Schooten",
        "WK040006": "Het Koegras",
        "WK040007": "Duinzoom",
        "WK040008": "Julianadorp",
    }
    etten_leur = set(
        Area.objects.wijken().filter(municipality__code="GM0777").values_list("code", flat=True)
    )
    assert {"WK077700", "WK077710", "WK077720"} <= etten_leur
    dorpen = set(
        Area.objects.filter(kind=AreaKind.DORP, municipality__code="GM0118").values_list(
            "name", flat=True
        )
    )
    assert {"Hollandscheveld", "Noordscheschut", "Pesse"} <= dorpen
    buurten = Area.objects.buurten().select_related("parent")
    assert buurten.exists()
    assert all(b.code[:2] == "BU" and b.code[2:8] == b.parent.code[2:8] for b in buurten)


def test_demo_partners_are_those_of_the_source_documents(demo):
    gemeente = Organisation.objects.get(name="Gemeente Den Helder")
    departments = set(gemeente.departments.values_list("short_name", flat=True))
    assert departments == {"VVH", "RWO", "SB", "OWS"}
    # Each department adopts a wijk: an accountmanager holds that role on its behalf.
    adopting = set(
        RoleAssignment.objects.filter(
            role=Role.ACCOUNTMANAGER, organisation__parent=gemeente
        ).values_list("organisation__short_name", flat=True)
    )
    assert adopting == departments
    assert (
        Organisation.objects.get(name="Woningstichting Den Helder").kind
        == OrganisationKind.CORPORATIE
    )
    assert Organisation.objects.get(short_name="WEL").kind == OrganisationKind.CORPORATIE
    assert Organisation.objects.get(short_name="Surplus").kind == OrganisationKind.WELZIJN
    hoogeveen = Organisation.objects.filter(municipality__code="GM0118")
    assert hoogeveen.filter(kind=OrganisationKind.CORPORATIE).count() == 3
    assert hoogeveen.filter(kind=OrganisationKind.POLITIE).exists()
    assert RoleAssignment.objects.filter(
        role=Role.GEBIEDSREGISSEUR, municipality__code="GM0118"
    ).exists()
    # Wijkplatforms are chaired by residents: the chair acts for a residents' organisation.
    chairs = RoleAssignment.objects.filter(role=Role.PLATFORM_CHAIR)
    assert chairs.exists()
    assert all(c.organisation.kind == OrganisationKind.BEWONERS for c in chairs)


def test_every_municipality_has_social_and_physical_themes(demo):
    for municipality in Municipality.objects.all():
        kinds = set(municipality.themes.values_list("kind", flat=True))
        assert kinds == {ThemeKind.SOCIAL, ThemeKind.PHYSICAL}, municipality


def test_demo_has_items_in_every_state_with_their_answers(demo):
    assert set(AgendaItem.objects.values_list("status", flat=True)) == set(Status.values)
    today = timezone.localdate()
    for item in AgendaItem.objects.filter(status=Status.WAITING):
        assert item.conditions and item.answer_by > today
    assert all(
        AgendaItem.objects.filter(status=Status.REJECTED).values_list("motivation", flat=True)
    )
    waiting_days = [i.waiting_days() for i in AgendaItem.objects.filter(status=Status.PROPOSED)]
    assert min(waiting_days) >= 1 and max(waiting_days) >= 14
    # An agreed item always names its probleemeigenaar.
    assert not AgendaItem.objects.agreed().filter(owner_organisation__isnull=True).exists()
    assert AgendaItemUpdate.objects.filter(item__status=Status.IN_PROGRESS).exists()


def test_each_wijk_with_an_agenda_has_a_review_and_the_reports_mix_outcomes(demo):
    outcomes: set[str] = set()
    for area in Area.objects.filter(agenda_items__isnull=False).distinct():
        reviews = list(area.agenda_reviews.all())
        assert reviews, f"{area} has an agenda but no vaststelling"
        for review in reviews:
            _rows, totals = review_report(review=review)
            outcomes |= {outcome for outcome, n in totals.items() if n}
    assert outcomes == {
        Outcome.DONE_ON_TIME,
        Outcome.DONE_LATE,
        Outcome.LATE,
        Outcome.OPEN,
        Outcome.DROPPED,
    }


def test_the_story_is_dated_in_the_past_and_in_order(demo):
    """Timestamps are set to the day each step happened, also in the audit log."""
    now = timezone.now()
    for item in AgendaItem.objects.exclude(answered_at=None):
        assert item.created_at <= item.answered_at <= now
        answer = AuditEvent.objects.for_target(item).filter(action__startswith="agenda.answer")
        if answer.exists():  # items put on directly are agreed when they are created
            assert answer.get().created_at == item.answered_at
    for item in AgendaItem.objects.filter(status=Status.DONE):
        assert item.created_at < item.completed_at <= now
    for review in AgendaReview.objects.all():
        assert review.held_on <= timezone.localdate()
        assert (
            review.entries.count()
            == review.area.agenda_items.filter(
                year=review.year, created_at__date__lte=review.held_on
            ).count()
        )
    assert AuditEvent.objects.filter(
        action="agenda.propose", actor__email__endswith=DOMAIN
    ).exists()


def test_etten_leur_has_a_wop_with_goals_per_theme_and_actions_per_year(demo):
    plan = DevelopmentPlan.objects.get(area__code="WK077710")
    assert {g.theme.kind for g in plan.goals.select_related("theme")} == {
        ThemeKind.SOCIAL,
        ThemeKind.PHYSICAL,
    }
    years = set(PlannedAction.objects.filter(goal__plan=plan).values_list("year", flat=True))
    assert years == set(plan.years)
    on_agenda = AgendaItem.objects.filter(area=plan.area, origin_kind="agenda.plannedaction")
    assert set(on_agenda.values_list("year", flat=True)) == {plan.first_year, plan.first_year + 1}


def test_demo_has_a_login_for_every_role_and_prints_them_all(demo):
    printed = set(LOGIN.findall(demo))
    users = User.objects.filter(email__endswith="@" + DOMAIN)
    assert printed == set(users.values_list("email", flat=True))
    assert DEMO_PASSWORD in demo
    roles = set(RoleAssignment.objects.filter(user__in=users).values_list("role", flat=True))
    assert roles >= {
        Role.RESIDENT,
        Role.WIJKMANAGER,
        Role.ACCOUNTMANAGER,
        Role.GEBIEDSREGISSEUR,
        Role.WIJKWETHOUDER,
        Role.WIJKAGENT,
        Role.WIJKCONCIERGE,
        Role.OPBOUWWERKER,
        Role.PLATFORM_CHAIR,
        Role.PARTNER,
    }
    assert RoleAssignment.objects.filter(
        role=Role.PARTNER, organisation__kind=OrganisationKind.CORPORATIE
    ).exists()
    beheerder = users.get(is_superuser=True)
    assert beheerder.is_staff and beheerder.email in printed


def test_every_printed_login_can_log_in_with_the_printed_password(demo, client, settings):
    settings.ACCOUNT_RATE_LIMITS = False  # two dozen logins from one address in a minute
    emails = LOGIN.findall(demo)
    assert len(emails) >= 11
    for email in emails:
        assert EmailAddress.objects.filter(email=email, verified=True, primary=True).exists()
        response = client.post(
            reverse("account_login"), {"login": email, "password": DEMO_PASSWORD}
        )
        assert response.status_code == 302, email
        assert client.session["_auth_user_id"] == str(User.objects.get(email=email).pk)
        client.logout()


def test_the_beheerder_reaches_the_admin(demo, client):
    client.post(
        reverse("account_login"),
        {"login": f"beheerder@{DOMAIN}", "password": DEMO_PASSWORD},
    )
    assert client.get("/beheer/").status_code == 200


def test_wijk_pages_show_the_public_contacts(demo, client):
    response = client.get(reverse("wijk", args=["den-helder", "de-schooten"]))
    html = response.content.decode()
    contacts = RoleAssignment.objects.filter(
        area__code="WK040005", is_public_contact=True
    ).select_related("user")
    assert contacts.count() >= 5
    for contact in contacts:
        assert contact.user.full_name in html and contact.public_email in html


def test_the_demo_answers_ideas_by_whom_the_municipality_chose(demo):
    """Den Helder's wijkplatform answers ideas; Etten-Leur's wijkmanager does."""
    answered = AuditEvent.objects.filter(action__startswith="agenda.answer")
    den_helder = answered.filter(municipality_code="GM0400", actor__roles__role=Role.PLATFORM_CHAIR)
    etten_leur = answered.filter(municipality_code="GM0777", actor__roles__role=Role.WIJKMANAGER)
    assert den_helder.exists() and etten_leur.exists()


def test_second_run_changes_nothing_and_prints_the_logins_again(demo):
    before = _snapshot()
    output = _run()
    assert _snapshot() == before
    assert "nothing changed" in output
    assert set(LOGIN.findall(output)) == set(LOGIN.findall(demo))


def test_reset_rebuilds_the_demo(demo):
    first = set(AgendaItem.objects.values_list("pk", flat=True))
    counts = {m: m.objects.count() for m in (AgendaItem, Area, User, RoleAssignment)}
    _run("--reset")
    again = set(AgendaItem.objects.values_list("pk", flat=True))
    assert again and not (first & again)
    assert {m: m.objects.count() for m in (AgendaItem, Area, User, RoleAssignment)} == counts


def test_demo_keeps_areas_imported_before_with_their_boundaries(db, tmp_path):
    square = [[[4.72, 52.88], [4.77, 52.88], [4.77, 52.91], [4.72, 52.88]]]
    features = [
        {
            "type": "Feature",
            "properties": {"statcode": code, "statnaam": name, **extra},
            "geometry": {"type": "Polygon", "coordinates": square},
        }
        for code, name, extra in [
            ("GM0400", "Den Helder", {}),
            ("WK040008", "Wijk 08 Julianadorp", {"gmCode": "GM0400"}),
        ]
    ]
    path = tmp_path / "den-helder.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    call_command("import_areas", str(path))
    imported = Area.objects.get(code="WK040008")
    _run()
    julianadorp = Area.objects.get(code="WK040008")
    assert julianadorp.pk == imported.pk
    assert julianadorp.geometry["coordinates"] == square
    assert (julianadorp.name, julianadorp.kind) == ("Julianadorp", AreaKind.DORP)
    assert Municipality.objects.count() == 3


def test_hoogeveen_has_budget_rounds_ended_voting_and_proposing(demo, client):
    from wijkwerk.budgets.selectors import ledger_verify
    from wijkwerk.pb.models import Ballot, Round

    rounds = {r.area.code: r for r in Round.objects.filter(municipality__code="GM0118")}
    assert {code: r.phase() for code, r in rounds.items()} == {
        "WK011854": "execution",  # published: the winners are being carried out
        "WK011856": "voting",
        "WK011858": "proposals",
    }
    ended = rounds["WK011854"]
    assert ended.results_published
    assert Ballot.objects.filter(round=ended).count() == 120
    result = ended.tally_result
    assert 0 < result.spent_cents <= result.budget_cents
    assert ledger_verify(fund=ended.budget.fund) == []
    page = client.get(f"/gemeente/{ended.municipality.slug}/begroting/{ended.pk}/")
    assert page.status_code == 200 and "Uitslag" in page.content.decode()


def test_every_wijkbudget_has_someone_who_may_decide_on_its_initiatives(demo):
    """The spelregels name who decides (e.g. Hoogeveen: the wijkplatform, through its
    dorpsbelangen); every dorp or wijk with a budget must have such a person, or no
    initiative there could ever be decided."""
    from wijkwerk.accounts.roles import ROLE_CAPABILITIES
    from wijkwerk.budgets.models import AccountKind
    from wijkwerk.initiatives.rules import BODY_CAPABILITY
    from wijkwerk.initiatives.services import ruleset_current

    budgeted = Area.objects.filter(budget_accounts__kind=AccountKind.BUDGET).distinct()
    assert budgeted.exists()
    nobody = []
    for area in budgeted.select_related("municipality"):
        ruleset = ruleset_current(area.municipality)
        if ruleset is None:
            continue
        capability = BODY_CAPABILITY[ruleset.deciding_body]
        deciding = {r for r, caps in ROLE_CAPABILITIES.items() if capability in caps}
        holders = RoleAssignment.objects.current().filter(area=area, role__in=deciding)
        if not holders.exists():
            nobody.append(f"{area.name} ({ruleset.deciding_body})")
    assert nobody == [], f"nobody may decide on initiatives in {nobody}"
