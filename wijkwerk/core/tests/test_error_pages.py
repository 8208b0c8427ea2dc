"""Refusals and missing pages answer in Dutch, in the site's own layout, and say where to go."""

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.views.defaults import permission_denied, server_error


def test_a_missing_page_says_so_in_dutch_with_the_way_home(client, db):
    response = client.get("/gemeente/bestaat-niet/ook-niet/")
    assert response.status_code == 404
    text = response.content.decode()
    assert "Deze pagina bestaat niet (meer)" in text
    assert 'class="site-header' in text and f'href="{reverse("home")}"' in text
    assert reverse("account_login") in text


def test_a_refusal_names_the_reason_and_whom_to_ask(client, wijk, resident):
    client.force_login(resident)
    response = client.get(reverse("agenda:create", args=[wijk.municipality.slug, wijk.slug]))
    assert response.status_code == 403
    text = response.content.decode()
    assert "Dit mag je niet doen" in text
    assert "Je hebt geen rol waarmee je dit in deze wijk mag doen." in text
    assert "vraag het dan aan de wijkmanager" in text
    assert reverse("account_login") not in text


def test_an_anonymous_refusal_offers_to_log_in(rf, db):
    request = rf.get("/gemeente/den-helder/begroting/1/beheer/")
    request.user = AnonymousUser()
    response = permission_denied(request, PermissionDenied("Alleen voor medewerkers."))
    text = response.content.decode()
    assert response.status_code == 403 and "Alleen voor medewerkers." in text
    assert f"{reverse('account_login')}?next=/gemeente/den-helder/begroting/1/beheer/" in text


def test_a_server_error_page_needs_nothing_but_the_template(rf):
    """Rendered without a request context (the database may be what failed)."""
    response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "Er ging bij ons iets mis" in response.content.decode()
