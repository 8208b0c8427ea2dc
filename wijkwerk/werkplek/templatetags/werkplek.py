"""`{% werkplek_link %}`: the header's link to the werkplek, for those who have one."""

from django import template
from django.urls import reverse

from ..scope import werkplek_roles

register = template.Library()


@register.inclusion_tag("werkplek/header_link.html", takes_context=True)
def werkplek_link(context) -> dict:
    user = context.get("user")
    url = ""
    if user is not None and getattr(user, "is_authenticated", False):
        mine = werkplek_roles(user=user)
        places = {a.municipality_id for a in mine}
        if len(places) == 1 and not user.is_superuser:
            url = reverse("werkplek:werkplek", args=(mine[0].municipality.slug,))
        elif places or user.is_superuser:
            url = reverse("werkplek_chooser")
    return {"url": url, "request": context.get("request")}
