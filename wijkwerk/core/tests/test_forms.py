"""`form_applied`: a valid form goes to the service; what the service refuses ends up on the
form, on the field it names, so the page can show it next to the input."""

from django import forms
from django.core.exceptions import ValidationError

from wijkwerk.core.forms import form_applied


class AmountForm(forms.Form):
    amount = forms.IntegerField(min_value=1)


def test_a_valid_form_is_handed_to_the_service_with_its_cleaned_data():
    seen = []
    form = AmountForm({"amount": "12"})
    assert form_applied(form, seen.append)
    assert seen == [{"amount": 12}]


def test_an_invalid_form_never_reaches_the_service():
    seen = []
    form = AmountForm({"amount": "0"})
    assert not form_applied(form, seen.append)
    assert seen == [] and "amount" in form.errors


def test_a_refusal_by_the_service_lands_on_the_field_it_names():
    def refuse(data):
        raise ValidationError({"amount": "More than the fund holds."})

    form = AmountForm({"amount": "12"})
    assert not form_applied(form, refuse)
    assert form.errors["amount"] == ["More than the fund holds."]
