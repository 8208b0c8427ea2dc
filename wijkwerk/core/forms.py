"""Form helpers every app shares."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.core.exceptions import ValidationError


def add_service_errors(form: forms.Form, error) -> None:
    """Put a service's ValidationError on the form's fields (or on the form itself)."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


def form_applied(form: forms.Form, act: Callable[[dict[str, Any]], object]) -> bool:
    """Whether the form is valid and the service `act` (given the cleaned data) accepted
    it; a service's refusal goes on the form, as `add_service_errors` puts it."""
    if not form.is_valid():
        return False
    try:
        act(form.cleaned_data)
    except ValidationError as error:
        add_service_errors(form, error)
        return False
    return True
