"""People and their roles on the werkplek's pages: inviting by e-mail, giving and ending a
role for a period, a plaatsvervanger who then sees and does the absent person's work, and
the admin for the superuser only. Refusals are Dutch, name the field and change nothing."""

import datetime
import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from wijkwerk.accounts import services
from wijkwerk.accounts.models import RoleAssignment, Substitution, User
from wijkwerk.accounts.roles import Role
from wijkwerk.accounts.selectors import has_capability
from wijkwerk.accounts.tasks import send_invitation
from wijkwerk.accounts.tests.factories import RoleAssignmentFactory, UserFactory
from wijkwerk.agenda.tests.factories import AgendaItemFactory
from wijkwerk.areas.tests.factories import MunicipalityFactory, WijkFactory
from wijkwerk.core.models import AuditEvent
from wijkwerk.werkplek.scope import Scope
from wijkwerk.werkplek.tasks import werkplek_tasks

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def today():
    return timezone.localdate()


def _snapshot():
    return (
        list(RoleAssignment.objects.order_by("pk").values()),
        list(Substitution.objects.order_by("pk").values()),
        User.objects.count(),
        DBTaskResult.objects.count(),
    )


@pytest.fixture
def beheerder(treasurer):
    """The functioneel beheerder of Den Helder (conftest's `treasurer`)."""
    return treasurer


# --- services ----------------------------------------------------------------------------


def test_inviting_a_new_address_makes_the_account_gives_the_role_and_mails_a_link(
    beheerder, wijk, client
):
    assignment = services.person_invite(
        email=" Nieuw@Example.NL ",
        full_name="Nina Nieuw",
        municipality=wijk.municipality,
        role=Role.INITIATIEVENMAKELAAR,
        area=wijk,
        starts_on=today(),
        actor=beheerder,
        reason="Nieuwe collega",
    )
    user = assignment.user
    assert user.email == "nieuw@example.nl" and user.full_name == "Nina Nieuw"
    assert not user.has_usable_password()
    assert has_capability(user, "handle_initiative", area=wijk)
    event = AuditEvent.objects.get(action="person.invite")
    assert event.actor == beheerder and event.reason == "Nieuwe collega"
    assert AuditEvent.objects.filter(action="role.assign", actor=beheerder).exists()
    # The mail goes out from the task the invitation queued.
    assert DBTaskResult.objects.filter(args_kwargs__args=[assignment.pk]).exists()
    assert send_invitation.call(assignment.pk)
    message = mail.outbox[-1]
    assert message.to == ["nieuw@example.nl"]
    assert "Uitnodiging voor Wijkwerk Den Helder" in message.subject
    assert "initiatievenmakelaar" in message.body and wijk.name in message.body
    link = re.search(r"https?://\S+", message.body).group(0)
    path = link.split("://", 1)[1].split("/", 1)[1]
    response = client.get("/" + path, follow=True)
    assert response.status_code == 200
    assert "password1" in response.content.decode()


def test_inviting_an_existing_account_reuses_it_and_links_to_the_login(beheerder, wijk):
    known = UserFactory(email="bekend@example.nl")
    assignment = services.person_invite(
        email="BEKEND@example.nl",
        municipality=wijk.municipality,
        role=Role.WIJKAGENT,
        area=wijk,
        starts_on=today(),
        actor=beheerder,
    )
    assert assignment.user == known
    assert User.objects.filter(email__iexact="bekend@example.nl").count() == 1
    send_invitation.call(assignment.pk)
    assert reverse("account_login") in mail.outbox[-1].body


def test_an_address_that_already_has_the_role_is_told_so_and_nothing_changes(
    beheerder, wijk, wijkmanager
):
    before = _snapshot()
    with pytest.raises(ValidationError) as refused:
        services.person_invite(
            email=wijkmanager.email,
            municipality=wijk.municipality,
            role=Role.WIJKMANAGER,
            area=wijk,
            starts_on=today(),
            actor=beheerder,
        )
    assert "heeft de rol wijkmanager hier al" in refused.value.message_dict["email"][0]
    assert _snapshot() == before


def test_a_role_period_that_ends_before_it_starts_is_refused_naming_the_end(beheerder, wijk):
    person = UserFactory()
    before = _snapshot()
    with pytest.raises(ValidationError) as refused:
        services.role_assign(
            user=person,
            role=Role.WIJKAGENT,
            municipality=wijk.municipality,
            area=wijk,
            starts_on=today(),
            ends_on=today() - DAY,
            actor=beheerder,
        )
    assert refused.value.message_dict["ends_on"] == ["De einddatum ligt voor de begindatum."]
    assert _snapshot() == before


def test_ending_a_role_keeps_it_logs_why_and_the_role_may_be_given_again(beheerder, wijk):
    assignment = RoleAssignmentFactory(area=wijk, role=Role.WIJKAGENT, starts_on=today() - 30 * DAY)
    person = assignment.user
    services.role_end(
        assignment=assignment, ends_on=today() - DAY, actor=beheerder, reason="Andere wijk"
    )
    assignment.refresh_from_db()
    assert assignment.ends_on == today() - DAY
    event = AuditEvent.objects.get(action="role.end")
    assert (event.actor, event.reason) == (beheerder, "Andere wijk")
    person = User.objects.get(pk=person.pk)
    assert not has_capability(person, "report_progress", area=wijk)
    # Ending before it started is refused, and a later end too.
    with pytest.raises(ValidationError) as refused:
        services.role_end(assignment=assignment, ends_on=today() - 60 * DAY, actor=beheerder)
    assert "ends_on" in refused.value.message_dict
    with pytest.raises(ValidationError):
        services.role_end(assignment=assignment, ends_on=today() + DAY, actor=beheerder)
    # The same role for a new period is a new row; the ended one stays.
    services.role_assign(
        user=person,
        role=Role.WIJKAGENT,
        municipality=wijk.municipality,
        area=wijk,
        starts_on=today(),
        actor=beheerder,
    )
    assert RoleAssignment.objects.filter(user=person, role=Role.WIJKAGENT).count() == 2


def test_a_plaatsvervanger_for_oneself_is_refused(beheerder, wijk, wijkmanager):
    before = _snapshot()
    with pytest.raises(ValidationError) as refused:
        services.substitution_create(
            absent=wijkmanager,
            substitute=wijkmanager,
            municipality=wijk.municipality,
            starts_on=today(),
            ends_on=today() + 7 * DAY,
            actor=beheerder,
        )
    assert refused.value.message_dict["substitute"] == [
        "Iemand kan niet zijn eigen plaatsvervanger zijn."
    ]
    assert _snapshot() == before


def test_overlapping_periods_for_the_same_pair_are_refused(beheerder, wijk, wijkmanager):
    stand_in = UserFactory()

    def arrange(first: int, last: int):
        """A substitution from `first` to `last` days from today."""
        return services.substitution_create(
            absent=wijkmanager,
            substitute=stand_in,
            municipality=wijk.municipality,
            starts_on=today() + first * DAY,
            ends_on=today() + last * DAY,
            actor=beheerder,
        )

    arrange(0, 7)
    before = _snapshot()
    with pytest.raises(ValidationError) as refused:
        arrange(7, 14)
    assert "vervangt" in refused.value.message_dict["starts_on"][0]
    with pytest.raises(ValidationError) as backwards:
        arrange(20, 10)
    assert backwards.value.message_dict["ends_on"] == ["De einddatum ligt voor de begindatum."]
    assert _snapshot() == before
    # Right after the first period is fine.
    arrange(8, 14)


def test_a_plaatsvervanger_sees_and_may_do_the_absent_persons_werkplek_tasks(
    beheerder, wijk, wijkmanager, client
):
    item = AgendaItemFactory(area=wijk, title="Bankje bij de speeltuin")
    stand_in = RoleAssignmentFactory(role=Role.WIJKAGENT).user  # a role somewhere else
    municipality = wijk.municipality

    def labels(user):
        user = User.objects.get(pk=user.pk)
        return [
            t.subject for t in werkplek_tasks(scope=Scope(user=user, municipality=municipality))
        ]

    assert "Bankje bij de speeltuin" in labels(wijkmanager)
    assert "Bankje bij de speeltuin" not in labels(stand_in)
    substitution = services.substitution_create(
        absent=wijkmanager,
        substitute=stand_in,
        municipality=municipality,
        starts_on=today() - 3 * DAY,
        ends_on=today() + 7 * DAY,
        actor=beheerder,
        reason="Vakantie",
    )
    assert AuditEvent.objects.get(action="substitution.create").reason == "Vakantie"
    assert "Bankje bij de speeltuin" in labels(stand_in)
    client.force_login(stand_in)
    page = client.get(reverse("werkplek:werkplek", args=(municipality.slug,)))
    text = page.content.decode()
    assert "Bankje bij de speeltuin" in text and "Je vervangt" in text
    # The task's page lets the plaatsvervanger answer.
    item_page = client.get(reverse("agenda:item", args=(municipality.slug, wijk.slug, item.pk)))
    assert item_page.status_code == 200 and "give-answer-heading" in item_page.content.decode()
    # Ended (the absent person is back): the task is theirs alone again.
    services.substitution_end(substitution=substitution, ends_on=today() - DAY, actor=beheerder)
    assert "Bankje bij de speeltuin" not in labels(stand_in)


def test_a_future_substitution_lends_nothing_yet(beheerder, wijk, wijkmanager):
    stand_in = UserFactory()
    services.substitution_create(
        absent=wijkmanager,
        substitute=stand_in,
        municipality=wijk.municipality,
        starts_on=today() + DAY,
        ends_on=today() + 7 * DAY,
        actor=beheerder,
    )
    assert not has_capability(stand_in, "answer_item", area=wijk)


# --- the admin ---------------------------------------------------------------------------


def test_the_admin_refuses_staff_who_are_not_superuser_with_the_dutch_page(client, beheerder):
    staff = UserFactory(is_staff=True)
    client.force_login(staff)
    response = client.get("/beheer/", follow=True)
    assert response.status_code == 403
    text = response.content.decode()
    assert "alleen voor de superuser" in text and "<html" in text
    client.force_login(beheerder)  # a functioneel beheerder without superuser rights
    assert client.get("/beheer/accounts/user/", follow=True).status_code == 403


def test_the_admin_opens_for_the_superuser_and_asks_others_to_log_in(client):
    assert client.get("/beheer/")["Location"].startswith("/beheer/login/")
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    assert client.get("/beheer/").status_code == 200
    assert client.get("/beheer/accounts/substitution/").status_code == 200


# --- pages -------------------------------------------------------------------------------


def _url(municipality, name="list", *args):
    return reverse(f"people:{name}", args=(municipality.slug, *args))


@pytest.mark.parametrize(
    ("who", "list_status", "form_status"),
    [
        ("beheerder", 200, 200),
        ("whole_manager", 200, 403),
        ("wijk_manager", 403, 403),
        ("resident", 403, 403),
        ("other_beheerder", 403, 403),
    ],
)
def test_who_may_see_and_change_the_people(client, wijk, beheerder, who, list_status, form_status):
    municipality = wijk.municipality
    user = {
        "beheerder": lambda: beheerder,
        "whole_manager": lambda: (
            RoleAssignmentFactory(area=None, municipality=municipality, role=Role.WIJKMANAGER).user
        ),
        "wijk_manager": lambda: RoleAssignmentFactory(area=wijk, role=Role.WIJKMANAGER).user,
        "resident": lambda: UserFactory(),
        "other_beheerder": lambda: (
            RoleAssignmentFactory(
                area=None, municipality=MunicipalityFactory(), role=Role.BEHEERDER
            ).user
        ),
    }[who]()
    client.force_login(user)
    response = client.get(_url(municipality))
    assert response.status_code == list_status
    if list_status == 403:
        assert "Dit mag je niet doen" in response.content.decode()
    for name in ("invite", "role_give", "substitute"):
        assert client.get(_url(municipality, name)).status_code == form_status


def test_the_list_shows_who_holds_which_role_where_and_filters(client, wijk, beheerder):
    municipality = wijk.municipality
    other = WijkFactory(municipality=municipality, name="Julianadorp", slug="julianadorp")
    RoleAssignmentFactory(area=wijk, role=Role.WIJKAGENT, user=UserFactory(full_name="Anouk"))
    RoleAssignmentFactory(area=other, role=Role.OPBOUWWERKER, user=UserFactory(full_name="Fat"))
    RoleAssignmentFactory(
        area=wijk,
        role=Role.WIJKCONCIERGE,
        user=UserFactory(full_name="Oud Gediende"),
        starts_on=today() - 90 * DAY,
        ends_on=today() - 10 * DAY,
    )
    client.force_login(beheerder)
    text = client.get(_url(municipality)).content.decode()
    assert "Anouk" in text and "Fat" in text and "Oud Gediende" not in text
    assert "De hele gemeente" in text  # the beheerder's own role
    text = client.get(_url(municipality), {"wijk": "julianadorp"}).content.decode()
    assert "Fat" in text and "Anouk" not in text
    text = client.get(_url(municipality), {"rol": Role.WIJKAGENT}).content.decode()
    assert "Anouk" in text and "Fat" not in text
    text = client.get(_url(municipality), {"beeindigd": "on"}).content.decode()
    assert "Oud Gediende" in text


def test_the_people_page_is_on_the_werkplek_of_the_beheerder(client, wijk, beheerder):
    client.force_login(beheerder)
    page = client.get(reverse("werkplek:werkplek", args=(wijk.municipality.slug,)))
    assert _url(wijk.municipality) in page.content.decode()


def test_the_forms_offer_only_this_municipalitys_wijken_and_refuse_another(client, wijk, beheerder):
    elsewhere = WijkFactory(name="Elders")
    client.force_login(beheerder)
    form = client.get(_url(wijk.municipality, "invite")).context["form"]
    assert list(form.fields["area"].queryset) == [wijk]
    before = _snapshot()
    response = client.post(
        _url(wijk.municipality, "invite"),
        {
            "email": "iemand@example.nl",
            "role": Role.WIJKAGENT,
            "area": elsewhere.pk,
            "starts_on": today().isoformat(),
        },
    )
    assert response.status_code == 400
    assert response.context["form"].errors["area"]
    assert _snapshot() == before


def test_inviting_on_the_page_and_bad_input_in_dutch(client, wijk, beheerder):
    client.force_login(beheerder)
    url = _url(wijk.municipality, "invite")
    data = {
        "email": "nieuw@example.nl",
        "full_name": "Nina Nieuw",
        "role": Role.INITIATIEVENMAKELAAR,
        "area": wijk.pk,
        "starts_on": today().isoformat(),
        "ends_on": (today() - DAY).isoformat(),
    }
    before = _snapshot()
    refused = client.post(url, data)
    assert refused.status_code == 400
    assert "De einddatum ligt voor de begindatum." in refused.content.decode()
    assert refused.context["form"].errors["ends_on"]
    assert _snapshot() == before
    data["ends_on"] = ""
    response = client.post(url, data, follow=True)
    assert "Er is een uitnodiging verstuurd naar nieuw@example.nl." in response.content.decode()
    assert RoleAssignment.objects.get(user__email="nieuw@example.nl").area == wijk
    # Once more: the address has that role already.
    again = client.post(url, data)
    assert again.status_code == 400
    assert "heeft de rol initiatievenmakelaar hier al" in again.content.decode()


def test_giving_and_ending_a_role_on_the_pages(client, wijk, beheerder):
    person = RoleAssignmentFactory(area=wijk, role=Role.WIJKAGENT).user
    client.force_login(beheerder)
    response = client.post(
        _url(wijk.municipality, "role_give"),
        {
            "user": person.pk,
            "role": Role.OPBOUWWERKER,
            "area": "",
            "starts_on": today().isoformat(),
            "is_public_contact": "on",
        },
    )
    assert response.status_code == 302
    given = RoleAssignment.objects.get(user=person, role=Role.OPBOUWWERKER)
    assert given.area is None and given.is_public_contact
    end_url = _url(wijk.municipality, "role_end", given.pk)
    before = _snapshot()
    refused = client.post(end_url, {"ends_on": (today() - DAY).isoformat(), "reason": "Weg"})
    assert refused.status_code == 400 and "De einddatum ligt voor de begindatum." in (
        refused.content.decode()
    )
    missing = client.post(end_url, {"ends_on": today().isoformat(), "reason": ""})
    assert missing.status_code == 400 and missing.context["form"].errors["reason"]
    assert _snapshot() == before
    assert (
        client.post(end_url, {"ends_on": today().isoformat(), "reason": "Weg"}).status_code == 302
    )
    given.refresh_from_db()
    assert given.ends_on == today()
    # A role of another municipality is not found here.
    foreign = RoleAssignmentFactory(role=Role.WIJKAGENT)
    assert client.get(_url(wijk.municipality, "role_end", foreign.pk)).status_code == 404


def test_a_plaatsvervanger_on_the_page_and_oneself_refused(client, wijk, beheerder, wijkmanager):
    stand_in = RoleAssignmentFactory(area=wijk, role=Role.WIJKAGENT).user
    client.force_login(beheerder)
    url = _url(wijk.municipality, "substitute")
    data = {
        "absent": wijkmanager.pk,
        "substitute": wijkmanager.pk,
        "starts_on": today().isoformat(),
        "ends_on": (today() + 7 * DAY).isoformat(),
        "reason": "Vakantie",
    }
    before = _snapshot()
    refused = client.post(url, data)
    assert refused.status_code == 400
    assert "Iemand kan niet zijn eigen plaatsvervanger zijn." in refused.content.decode()
    assert _snapshot() == before
    data["substitute"] = stand_in.pk
    response = client.post(url, data, follow=True)
    assert response.status_code == 200
    substitution = Substitution.objects.get()
    assert (substitution.absent, substitution.substitute) == (wijkmanager, stand_in)
    assert "vervangt" in response.content.decode()


def test_the_initiatievenmakelaar_is_on_the_public_who_does_what(client, wijk):
    RoleAssignmentFactory(
        area=wijk,
        role=Role.INITIATIEVENMAKELAAR,
        user=UserFactory(full_name="Ilse Makelaar"),
        is_public_contact=True,
    )
    page = client.get(reverse("meetings:print_who", args=(wijk.municipality.slug, wijk.slug)))
    text = page.content.decode()
    assert "Ilse Makelaar" in text and "Initiatievenmakelaar" in text
