"""Dutch first: the browser's language does not switch the interface, the visitor's choice does."""

from django.urls import reverse


def test_interface_is_dutch_even_for_an_english_browser(client, db):
    response = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    assert response["Content-Language"] == "nl"
    html = response.content.decode()
    assert '<html lang="nl"' in html and "Kies je gemeente" in html


def test_visitor_can_choose_english_with_the_language_switch(client, db):
    response = client.get(reverse("language", args=["en"]), {"next": "/gemeente/"})
    assert response.status_code == 302 and response["Location"] == "/gemeente/"
    response = client.get(reverse("home"))
    assert response["Content-Language"] == "en"
    html = response.content.decode()
    assert '<html lang="en"' in html and "Choose your municipality" in html


def test_unknown_language_cookie_falls_back_to_dutch(client, db, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "xx"
    assert client.get(reverse("home"))["Content-Language"] == "nl"


def test_language_switch_refuses_to_redirect_elsewhere(client, db):
    response = client.get(reverse("language", args=["en"]), {"next": "https://evil.example/"})
    assert response["Location"] == "/"


def test_unknown_language_is_404(client, db):
    assert client.get(reverse("language", args=["xx"])).status_code == 404
