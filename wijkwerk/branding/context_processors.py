"""In every template: `theme`, the theme of the municipality the page belongs to (or None),
`theme_editable` (may this person change it: a link in the menu), and `og_image`, the
absolute address of the picture for OpenGraph previews (the municipality's logo, else
Wijkwerk's), and `nlds_available`: are the NL Design System stylesheets unpacked (without
them, e.g. when set-up had no network, pages keep Wijkwerk's own plainer look)."""

from django.http import HttpRequest
from django.templatetags.static import static
from django.urls import reverse

from wijkwerk.areas.models import Municipality

from . import nlds
from .selectors import theme_for_request


def theme(request: HttpRequest) -> dict:
    found = theme_for_request(request)
    match = getattr(request, "resolver_match", None)
    slug = match.kwargs.get("municipality") if match else None
    editable_in = None
    if isinstance(slug, str) and getattr(request.user, "is_authenticated", False):
        place = found.municipality if found else Municipality.objects.filter(slug=slug).first()
        if place is not None and request.user.has_perm("branding.change_theme", place):
            editable_in = place
    if found and found.logo_type:
        image = reverse("branding:theme_logo", args=[found.municipality.slug])
        image += f"?v={found.version}"
    else:
        image = static("wijkwerk/og-image.png")
    return {
        "theme": found,
        "theme_editable_in": editable_in,
        "og_image": request.build_absolute_uri(image),
        "nlds_available": nlds.all_present(),
    }
