"""How a view hands a form (or a button) to a service, in one place for every app.

A view validates the form, calls the service with the cleaned data and, when the service
refuses (a `ValidationError`), shows the refusal where the person can act on it: on the
field it names, on the form, or — for a button without a form — as a message on the page
it returns to. `form_applied` and `action_applied` do that; `form_render` answers with the
whole page, or with only the form's partial when htmx asked for it.
"""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form's fields (or on the form itself)."""
    if hasattr(error, "error_dict"):
        for field, messages_ in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages_)
    else:
        form.add_error(None, error.messages)


class Applied:
    """What handing something to a service came to: true when the service accepted it,
    with what the service returned in `value` (None when it refused)."""

    __slots__ = ("accepted", "value")

    def __init__(self, accepted: bool, value: Any = None) -> None:
        self.accepted = accepted
        self.value = value

    def __bool__(self) -> bool:
        return self.accepted

    def __repr__(self) -> str:
        return f"Applied({self.accepted!r}, {self.value!r})"


REFUSED = Applied(False)


def form_applied(form: forms.Form, act: Callable[[dict[str, Any]], object]) -> Applied:
    """Whether the form is valid and the service `act` (given the cleaned data) accepted
    it; a service's refusal goes on the form, as `add_service_errors` puts it."""
    if not form.is_valid():
        return REFUSED
    try:
        value = act(form.cleaned_data)
    except ValidationError as error:
        add_service_errors(form, error)
        return REFUSED
    return Applied(True, value)


def action_applied(request: HttpRequest, act: Callable[[], object], success: str = "") -> Applied:
    """A button without fields: run the service; its refusal becomes an error message on
    the page the view returns to, its acceptance the `success` message (if any)."""
    try:
        value = act()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return REFUSED
    if success:
        messages.success(request, success)
    return Applied(True, value)


def form_render(
    request: HttpRequest,
    template: str,
    context: dict[str, Any],
    *,
    refused: bool = False,
    partial: str = "",
) -> HttpResponse:
    """The page with its form; 400 when a submitted form was refused. When htmx asks and
    the template names a `partial` for the form, only that part is sent back."""
    name = f"{template}#{partial}" if partial and getattr(request, "htmx", False) else template
    return render(request, name, context, status=400 if refused else 200)
