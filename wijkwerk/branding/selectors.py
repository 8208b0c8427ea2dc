"""Reads of the branding app: the theme of the page being shown, and the statements."""

from django.http import HttpRequest

from wijkwerk.areas.models import Municipality

from .models import Statement, Theme


def theme_for(*, municipality: Municipality) -> Theme | None:
    return Theme.objects.filter(municipality=municipality).first()


def theme_for_request(request: HttpRequest) -> Theme | None:
    """The theme of the municipality whose page this is: every page under
    /gemeente/<slug>/ names it in the URL."""
    match = getattr(request, "resolver_match", None)
    slug = match.kwargs.get("municipality") if match else None
    if not isinstance(slug, str):
        return None
    cache = getattr(request, "_wijkwerk_theme", None)
    if cache is None or cache[0] != slug:
        theme = Theme.objects.select_related("municipality").filter(municipality__slug=slug)
        cache = (slug, theme.defer("logo").first())
        request._wijkwerk_theme = cache  # type: ignore[attr-defined]
    return cache[1]


def statement_get() -> Statement:
    """The installation's statements; an unsaved default until a superuser fills them in."""
    return Statement.objects.order_by("pk").first() or Statement()
