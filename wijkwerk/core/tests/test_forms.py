"""The one path from a form (or a button) to a service: a valid form goes to the service;
what the service refuses ends up on the form, on the field it names, or as a message on
the page for a button; htmx gets only the form's part of the page back."""

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.core.exceptions import ValidationError
from django.test import RequestFactory

from wijkwerk.core.forms import action_applied, form_applied, form_render


class AmountForm(forms.Form):
    amount = forms.IntegerField(min_value=1)


def test_a_valid_form_is_handed_to_the_service_with_its_cleaned_data():
    seen = []
    form = AmountForm({"amount": "12"})
    assert form_applied(form, seen.append)
    assert seen == [{"amount": 12}]


def test_what_the_service_returns_comes_back_to_the_view():
    applied = form_applied(AmountForm({"amount": "12"}), lambda data: data["amount"] * 2)
    assert applied and applied.value == 24


def test_an_invalid_form_never_reaches_the_service():
    seen = []
    form = AmountForm({"amount": "0"})
    assert not form_applied(form, seen.append)
    assert seen == [] and "amount" in form.errors


def test_a_refusal_by_the_service_lands_on_the_field_it_names():
    def refuse(data):
        raise ValidationError({"amount": "More than the fund holds."})

    form = AmountForm({"amount": "12"})
    applied = form_applied(form, refuse)
    assert not applied and applied.value is None
    assert form.errors["amount"] == ["More than the fund holds."]


def test_a_refusal_without_a_field_lands_on_the_form():
    def refuse(data):
        raise ValidationError("The round is closed.")

    form = AmountForm({"amount": "12"})
    assert not form_applied(form, refuse)
    assert form.non_field_errors() == ["The round is closed."]


def _request(**headers):
    request = RequestFactory().post("/", headers=headers)
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    request.htmx = "HX-Request" in headers
    return request


def test_a_button_the_service_accepts_says_so_and_returns_its_value():
    request = _request()
    applied = action_applied(request, lambda: "done", success="Opgeslagen.")
    assert applied and applied.value == "done"
    assert [str(m) for m in get_messages(request)] == ["Opgeslagen."]


def test_a_button_the_service_refuses_shows_every_reason_as_an_error():
    def refuse():
        raise ValidationError(["Te laat.", "Al besloten."])

    request = _request()
    assert not action_applied(request, refuse, success="Opgeslagen.")
    shown = list(get_messages(request))
    assert [str(m) for m in shown] == ["Te laat. Al besloten."]
    assert shown[0].level_tag == "error"


PAGE = """<html><body>{% load partials %}<h1>Bedrag</h1>
{% partialdef amount inline %}<form>{{ form.amount.errors }}{{ form.amount }}</form>{% endpartialdef %}
</body></html>"""


@pytest.fixture
def page_template(settings, tmp_path):
    (tmp_path / "page.html").write_text(PAGE)
    settings.TEMPLATES = [
        {
            "BACKEND": "django.template.backends.django.DjangoTemplates",
            "OPTIONS": {
                "loaders": [
                    (
                        "template_partials.loader.Loader",
                        [("django.template.loaders.filesystem.Loader", [str(tmp_path)])],
                    )
                ],
            },
        }
    ]
    return "page.html"


def test_a_refused_form_answers_400_with_the_whole_page(page_template):
    form = AmountForm({"amount": "0"})
    form.is_valid()
    response = form_render(
        _request(), page_template, {"form": form}, refused=True, partial="amount"
    )
    assert response.status_code == 400
    assert b"<h1>Bedrag</h1>" in response.content and b"errorlist" in response.content


def test_htmx_gets_only_the_form_back(page_template):
    request = _request(**{"HX-Request": "true"})
    response = form_render(request, page_template, {"form": AmountForm()}, partial="amount")
    assert response.status_code == 200
    assert response.content.startswith(b"<form>") and b"<h1>" not in response.content
