"""The demo's werkplek: every staff login finds open tasks, and as each of them every link on
the werkplek opens (200) and none leads to the Django admin."""

import re
from html import unescape
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from wijkwerk.accounts.models import User
from wijkwerk.agenda.models import AgendaItem
from wijkwerk.initiatives.models import Initiative
from wijkwerk.werkplek.scope import Scope, werkplek_municipalities, werkplek_roles
from wijkwerk.werkplek.tasks import werkplek_tasks

HREF = re.compile(r'href="([^"#]*)(?:#[^"]*)?"')


@pytest.fixture(autouse=True)
def _fast_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def demo(db):
    call_command("demo", stdout=StringIO())


def staff_logins() -> list[User]:
    users = User.objects.filter(email__endswith="@wijkwerk.example").order_by("email")
    return [u for u in users if u.is_superuser or werkplek_roles(user=u)]


def main_of(html: str) -> str:
    return html[html.index('<main id="main"') : html.index("</main>")]


def test_every_staff_login_of_the_demo_has_open_tasks(demo):
    logins = staff_logins()
    assert len(logins) >= 20
    empty = [
        (user.email, place.name)
        for user in logins
        for place in werkplek_municipalities(user=user)
        if not werkplek_tasks(scope=Scope(user=user, municipality=place))
    ]
    assert empty == []


def test_as_each_demo_staff_login_every_link_on_the_werkplek_opens(client, demo):
    checked = set()
    for user in staff_logins():
        client.force_login(user)
        for place in werkplek_municipalities(user=user)[:1]:
            response = client.get(reverse("werkplek:werkplek", args=(place.slug,)))
            assert response.status_code == 200, user.email
            main = main_of(response.content.decode())
            assert 'class="werkplek-task' in main, user.email
            links = {unescape(link) for link in HREF.findall(main)}
            assert links, user.email
            for link in sorted(links):
                assert not link.startswith("/beheer/"), (user.email, link)
                if (user.pk, link) in checked:
                    continue
                checked.add((user.pk, link))
                assert client.get(link).status_code == 200, (user.email, link)


def test_the_demo_escalations_show_on_the_werkplek_they_went_to_and_publicly(client, demo):
    manager = User.objects.get(email="wijkmanager.denhelder@wijkwerk.example")
    mural = Initiative.objects.get(title="Muurschildering bij de speeltuin")
    assert mural.escalated_to == manager
    idea = AgendaItem.objects.get(title="Picknicktafel op het grasveld aan het Timorpad")

    client.force_login(manager)
    page = client.get(reverse("werkplek:werkplek", args=("den-helder",))).content.decode()
    main = main_of(page)
    for title in (mural.title, idea.title):
        row = main[main.index(title) :]
        row = row[: row.index("</li>")]
        assert "naar jou geëscaleerd" in row and "van " in row, title

    client.logout()
    args = (mural.area.municipality.slug, mural.area.slug)
    public = client.get(reverse("initiatives:detail", args=(*args, mural.pk))).content.decode()
    assert "besluit te laat" in public and "ligt het bij Ruud Bakker" in public
    args = (idea.area.municipality.slug, idea.area.slug)
    public = client.get(reverse("agenda:item", args=(*args, idea.pk))).content.decode()
    assert "antwoord te laat" in public and "ligt het bij Ruud Bakker" in public
