"""Form helpers every app shares."""

from django import forms


def add_service_errors(form: forms.Form, error) -> None:
    """Put a service's ValidationError on the form's fields (or on the form itself)."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)
