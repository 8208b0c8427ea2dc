"""The WOP on pages and in services: themes, goals and actions per year, the yearly update
that carries a year's actions onto the wijkagenda once, and the version check that keeps a
concurrent change from being lost."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from wijkwerk.agenda import services
from wijkwerk.agenda.models import AgendaItem, DevelopmentPlan, Goal, PlannedAction, Source
from wijkwerk.agenda.selectors import plan_history
from wijkwerk.agenda.tests.factories import AgendaItemFactory, ThemeFactory
from wijkwerk.core.models import AuditEvent


@pytest.fixture
def plan(wijk, wijkmanager):
    return services.plan_create(
        area=wijk,
        actor=wijkmanager,
        first_year=timezone.localdate().year,
        title="WOP Stad-Oost",
    )


@pytest.fixture
def theme(municipality):
    return ThemeFactory(municipality=municipality, name="Veiligheid")


def _url(name, wijk, *args):
    return reverse(f"agenda:{name}", args=[wijk.municipality.slug, wijk.slug, *args])


def test_goal_without_a_theme_is_refused_naming_the_theme(plan, wijkmanager):
    with pytest.raises(ValidationError) as excinfo:
        services.goal_create(plan=plan, actor=wijkmanager, theme=None, title="Veiliger")
    assert list(excinfo.value.message_dict) == ["theme"]
    assert not Goal.objects.exists()


def test_action_outside_the_wop_years_is_refused_naming_the_period(plan, theme, wijkmanager):
    goal = services.goal_create(plan=plan, actor=wijkmanager, theme=theme, title="Veiliger")
    with pytest.raises(ValidationError) as excinfo:
        services.action_create(
            goal=goal, actor=wijkmanager, year=plan.last_year + 1, title="Camera's"
        )
    message = excinfo.value.message_dict["year"][0]
    assert str(plan.first_year) in message and str(plan.last_year) in message
    assert not PlannedAction.objects.exists()


def test_overlapping_wop_is_refused(plan, wijk, wijkmanager):
    with pytest.raises(ValidationError) as excinfo:
        services.plan_create(
            area=wijk, actor=wijkmanager, first_year=plan.first_year + 2, title="Nog een"
        )
    assert "first_year" in excinfo.value.message_dict
    assert DevelopmentPlan.objects.count() == 1


def test_resident_cannot_change_the_wop(plan, theme, resident):
    with pytest.raises(PermissionDenied):
        services.goal_create(plan=plan, actor=resident, theme=theme, title="Eigen doel")


def test_yearly_update_carries_the_actions_once(plan, theme, wijkmanager, gemeente_org):
    goal = services.goal_create(plan=plan, actor=wijkmanager, theme=theme, title="Veiliger")
    year = timezone.localdate().year
    services.action_create(
        goal=goal,
        actor=wijkmanager,
        year=year,
        title="Buurtpreventie",
        owner_organisation=gemeente_org,
    )
    services.action_create(goal=goal, actor=wijkmanager, year=year + 1, title="Volgend jaar")
    first = services.plan_yearly_update(plan=plan, actor=wijkmanager, year=year, reason="Voorjaar")
    second = services.plan_yearly_update(plan=plan, actor=wijkmanager, year=year)
    assert [i.title for i in first] == ["Buurtpreventie"] and second == []
    item = AgendaItem.objects.get()
    assert (item.source, item.status, item.owner_organisation) == (
        Source.WOP,
        "planned",
        gemeente_org,
    )
    plan.refresh_from_db()
    assert plan.last_revised_on == timezone.localdate()
    log = plan_history(plan=plan)
    assert {h.action for h in log} >= {"jaarlijkse update: acties op de wijkagenda gezet"}
    assert any(h.text == "Voorjaar" and h.who.startswith("wijkmanager") for h in log)


def test_two_concurrent_goal_edits_the_second_is_refused_and_nothing_is_lost(
    plan, theme, wijkmanager, municipality
):
    from wijkwerk.accounts.roles import Role
    from wijkwerk.accounts.tests.factories import RoleAssignmentFactory

    colleague = RoleAssignmentFactory(area=plan.area, role=Role.ACCOUNTMANAGER).user
    goal = services.goal_create(plan=plan, actor=wijkmanager, theme=theme, title="Veiliger")
    read = goal.version
    services.goal_update(
        goal=goal, actor=wijkmanager, version=read, theme=theme, title="Veiliger wonen"
    )
    with pytest.raises(ValidationError) as excinfo:
        services.goal_update(
            goal=goal, actor=colleague, version=read, theme=theme, title="Veilig spelen"
        )
    assert services.is_stale(excinfo.value)
    message = excinfo.value.messages[0]
    assert "Veiliger wonen" in message and "Doel" in message and "niets opgeslagen" in message
    goal.refresh_from_db()
    assert goal.title == "Veiliger wonen" and goal.version == read + 1
    assert AuditEvent.objects.filter(action="agenda.goal_update").count() == 1


def test_two_concurrent_item_edits_the_second_is_refused(wijk, wijkmanager, gemeente_org):
    item = AgendaItemFactory(area=wijk, status="planned", owner_organisation=gemeente_org)
    read = item.version
    services.agenda_item_edit(item=item, actor=wijkmanager, version=read, title="Twee bankjes")
    with pytest.raises(ValidationError) as excinfo:
        services.agenda_item_edit(item=item, actor=wijkmanager, version=read, title="Drie")
    assert "Twee bankjes" in excinfo.value.messages[0]
    item.refresh_from_db()
    assert item.title == "Twee bankjes"


def test_stale_goal_form_answers_409_and_keeps_the_input(client, plan, theme, wijkmanager):
    goal = services.goal_create(plan=plan, actor=wijkmanager, theme=theme, title="Veiliger")
    services.goal_update(goal=goal, actor=wijkmanager, version=1, theme=theme, title="Ander")
    client.force_login(wijkmanager)
    response = client.post(
        _url("goal_edit", plan.area, goal.pk),
        {"version": 1, "theme": theme.pk, "title": "Mijn titel"},
    )
    assert response.status_code == 409
    form = response.context["form"]
    assert form["title"].value() == "Mijn titel" and form["version"].value() == "2"
    assert "Ander" in response.content.decode()
    goal.refresh_from_db()
    assert goal.title == "Ander"


def test_wop_pages_add_goal_and_action_and_show_the_log(client, plan, theme, wijkmanager):
    client.force_login(wijkmanager)
    area = plan.area
    assert client.get(_url("plan_edit", area, plan.pk)).status_code == 200
    response = client.post(
        _url("goal_create", area, plan.pk), {"version": 0, "theme": theme.pk, "title": "Groener"}
    )
    assert response.status_code == 302
    goal = Goal.objects.get()
    response = client.post(
        _url("action_create", area, goal.pk),
        {"version": 0, "year": plan.first_year + 9, "title": "Bomen"},
    )
    assert response.status_code == 400 and "year" in response.context["form"].errors
    response = client.post(
        _url("action_create", area, goal.pk),
        {"version": 0, "year": plan.first_year, "title": "Bomen"},
    )
    assert response.status_code == 302 and PlannedAction.objects.get().title == "Bomen"
    page = client.get(_url("plan_edit", area, plan.pk)).content.decode()
    assert "Bomen" in page and "Besluitenlog" in page


def test_resident_gets_no_wop_edit_page(client, plan, resident):
    client.force_login(resident)
    assert client.get(_url("plan_edit", plan.area, plan.pk)).status_code == 403
