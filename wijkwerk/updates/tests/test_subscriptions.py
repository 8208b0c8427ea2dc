"""Subscribing by e-mail without an account: double opt-in with a signed link, clear errors
that save nothing, and signed links to unsubscribe and manage that nobody can forge."""

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail, signing
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext

from wijkwerk.updates.models import Subscription
from wijkwerk.updates.tokens import MANAGE, token_make

from .factories import subscriber

pytestmark = pytest.mark.django_db


def subscribe_url(wijk) -> str:
    return f"/gemeente/{wijk.municipality.slug}/{wijk.slug}/nieuws/abonneren/"


def dutch(msgid: str, **params) -> str:
    with translation.override("nl"):
        text = gettext(msgid)
    return text % params if params else text


def link(message, path: str) -> str:
    found = re.search(rf"https?://[^\s\"<]+{path}[^\s\"<]+/", message.body)
    assert found, message.body
    return urlsplit(found.group(0)).path


def test_subscribing_sends_a_confirmation_and_nothing_counts_until_confirmed(client, wijk):
    response = client.post(subscribe_url(wijk), {"email": " Bep@Example.nl ", "frequency": "daily"})
    assert response.status_code == 302
    assert response["Location"].endswith("/nieuws/abonneren/verstuurd/")
    subscription = Subscription.objects.get()
    assert subscription.email == "bep@example.nl" and not subscription.is_confirmed
    assert subscription.frequency == "daily" and subscription.agenda_item is None
    (message,) = mail.outbox
    assert message.to == ["bep@example.nl"]
    assert message.alternatives[0][1] == "text/html"
    confirm = link(message, "/nieuwsbrief/bevestigen/")

    page = client.get(confirm)  # a mail scanner opening the link confirms nothing
    assert page.status_code == 200
    subscription.refresh_from_db()
    assert not subscription.is_confirmed

    done = client.post(confirm)
    assert done.status_code == 200
    subscription.refresh_from_db()
    assert subscription.is_confirmed


def test_an_invalid_address_is_refused_and_nothing_saved(client, wijk):
    response = client.post(subscribe_url(wijk), {"email": "bep@", "frequency": "daily"})
    assert response.status_code == 200
    assert dutch("Enter a valid e-mail address, like name@example.nl.") in response.content.decode()
    assert not Subscription.objects.exists() and not mail.outbox


def test_an_unknown_wijk_or_item_is_refused_and_nothing_saved(client, wijk, item, municipality):
    assert client.get(f"/gemeente/{municipality.slug}/nergens/nieuws/abonneren/").status_code == 404
    missing = client.get(subscribe_url(wijk) + "?item=99999")
    assert missing.status_code == 404
    message = dutch(
        "There is no such wijkagenda item in %(wijk)s. Go back to the item, or follow "
        "the whole wijk.",
        wijk=wijk.name,
    )
    assert message in missing.content.decode()
    posted = client.post(
        subscribe_url(wijk), {"email": "bep@example.nl", "frequency": "daily", "item": 99999}
    )
    assert posted.status_code == 200 and message in posted.content.decode()
    assert not Subscription.objects.exists() and not mail.outbox


def test_following_one_item(client, wijk, item):
    detail = client.get(
        f"/gemeente/{wijk.municipality.slug}/{wijk.slug}/wijkagenda/{item.pk}/"
    ).content.decode()
    assert f'href="{subscribe_url(wijk)}?item={item.pk}"' in detail  # the item page links here
    page = client.get(subscribe_url(wijk) + f"?item={item.pk}")
    assert item.title in page.content.decode()
    client.post(
        subscribe_url(wijk), {"email": "bep@example.nl", "frequency": "weekly", "item": item.pk}
    )
    subscription = Subscription.objects.get()
    assert subscription.agenda_item == item and subscription.area == wijk
    assert item.title in mail.outbox[0].subject


def test_a_logged_in_resident_finds_the_address_filled_in(client, wijk, resident):
    client.force_login(resident)
    form = client.get(subscribe_url(wijk)).context["form"]
    assert form.initial["email"] == resident.email


def test_asking_again_tells_the_owner_and_shows_the_asker_nothing_new(client, wijk):
    subscriber(area=wijk, email="bep@example.nl", frequency="daily")
    response = client.post(subscribe_url(wijk), {"email": "bep@example.nl", "frequency": "weekly"})
    assert response.status_code == 302  # the same answer as for a new address
    only = Subscription.objects.get()
    assert only.frequency == "daily"  # a stranger cannot change it
    (message,) = mail.outbox
    assert "/nieuwsbrief/beheren/" in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_requests_are_rate_limited_per_address(client, wijk, item):
    for _n in range(3):
        client.post(subscribe_url(wijk), {"email": "bep@example.nl", "frequency": "daily"})
    assert len(mail.outbox) == 3
    refused = client.post(
        subscribe_url(wijk), {"email": "bep@example.nl", "frequency": "daily", "item": item.pk}
    )
    assert refused.status_code == 200
    assert dutch("Too many subscription requests. Wait an hour and try again.") in (
        refused.content.decode()
    )
    assert Subscription.objects.count() == 1 and len(mail.outbox) == 3


def test_a_tampered_or_expired_confirmation_link_changes_nothing(client, wijk, monkeypatch):
    client.post(subscribe_url(wijk), {"email": "bep@example.nl", "frequency": "daily"})
    confirm = link(mail.outbox[0], "/nieuwsbrief/bevestigen/")
    token = confirm.rstrip("/").rsplit("/", 1)[1]
    tampered = confirm.replace(token, token[:-2] + ("AA" if token[-2:] != "AA" else "BB"))
    response = client.post(tampered)
    assert response.status_code == 400
    assert dutch("This link does not work") in response.content.decode()
    assert not Subscription.objects.get().is_confirmed

    later = signing.time.time() + 8 * 24 * 3600
    monkeypatch.setattr(signing.time, "time", lambda: later)
    assert client.post(confirm).status_code == 400
    assert not Subscription.objects.get().is_confirmed


def test_unsubscribing_with_one_click_needs_no_login_and_no_csrf(wijk):
    subscription = subscriber(area=wijk)
    url = f"/nieuwsbrief/afmelden/{token_make(subscription, MANAGE)}/"
    browser = Client(enforce_csrf_checks=True)
    assert browser.get(url).status_code == 200
    assert Subscription.objects.exists()  # opening the link is not enough
    assert browser.post(url, {"List-Unsubscribe": "One-Click"}).status_code == 200
    assert not Subscription.objects.exists()  # the address is gone with it


def test_a_bad_unsubscribe_link_changes_nothing(client, wijk):
    subscription = subscriber(area=wijk)
    good = token_make(subscription, MANAGE)
    for token in ("nonsense", good[:-3] + "xyz", token_make(subscription, "confirm")):
        response = client.post(f"/nieuwsbrief/afmelden/{token}/")
        assert response.status_code == 400
    assert Subscription.objects.count() == 1


def test_the_manage_page_shows_only_the_addresss_own_subscriptions(client, wijk, item):
    mine = subscriber(area=wijk, email="bep@example.nl")
    also_mine = subscriber(area=wijk, email="bep@example.nl", item=item)
    theirs = subscriber(area=wijk, email="kees@example.nl")
    url = f"/nieuwsbrief/beheren/{token_make(mine, MANAGE)}/"
    page = client.get(url)
    assert [r["subscription"] for r in page.context["rows"]] == [mine, also_mine]
    assert "kees@example.nl" not in page.content.decode()

    client.post(url, {"subscription": also_mine.pk, "action": "frequency", "frequency": "weekly"})
    also_mine.refresh_from_db()
    assert also_mine.frequency == "weekly"
    client.post(url, {"subscription": theirs.pk, "action": "stop"})
    assert Subscription.objects.filter(pk=theirs.pk).exists()  # not theirs to stop
    client.post(url, {"subscription": also_mine.pk, "action": "stop"})
    assert list(Subscription.objects.order_by("id")) == [mine, theirs]


def test_unconfirmed_requests_are_forgotten_after_a_week(wijk):
    import datetime

    from django.utils import timezone

    from wijkwerk.updates.services import subscriptions_purge_unconfirmed

    old = Subscription.objects.create(
        municipality=wijk.municipality, area=wijk, email="oud@example.nl", secret="x" * 32
    )
    confirmed = subscriber(area=wijk)
    later = timezone.now() + datetime.timedelta(days=8)
    assert subscriptions_purge_unconfirmed(now=later) == 1
    assert list(Subscription.objects.all()) == [confirmed]
    assert not Subscription.objects.filter(pk=old.pk).exists()


def test_a_mangled_item_number_is_refused_and_nothing_saved(client, wijk):
    response = client.post(
        subscribe_url(wijk), {"email": "bep@example.nl", "frequency": "daily", "item": "abc"}
    )
    assert response.status_code == 200 and response.context["form"].errors
    assert not Subscription.objects.exists() and not mail.outbox
