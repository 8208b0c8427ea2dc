"""Pages of the branding app: a municipality's theme page (for its functioneel beheerder),
the theme's stylesheet and logo (public, cached), and the installation's
toegankelijkheidsverklaring and privacy statement (linked from every footer)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from wijkwerk.areas.selectors import municipality_get
from wijkwerk.core.forms import form_applied, form_render

from . import services
from .contrast import contrast_ratio, format_ratio
from .forms import StatementForm, ThemeForm
from .models import DEFAULT_ACCENT, DEFAULT_PRIMARY, DEFAULT_PRIMARY_TEXT, INK, WHITE, Theme
from .selectors import statement_get, theme_for

YEAR = 365 * 24 * 3600


@login_required
@require_http_methods(["GET", "POST"])
def theme_edit(request: HttpRequest, municipality: str) -> HttpResponse:
    place = municipality_get(slug=municipality)
    if not request.user.has_perm("branding.change_theme", place):
        raise Http404
    theme = theme_for(municipality=place) or Theme(
        municipality=place,
        display_name=f"Gemeente {place.name}",
        contact_email=place.contact_email,
        contact_phone=place.contact_phone,
    )
    form = ThemeForm(request.POST or None, request.FILES or None, instance=theme)

    def save(data: dict) -> Theme:
        upload = data.pop("logo_file", None)
        return services.theme_update(
            municipality=place,
            actor=request.user,
            logo=upload.read() if upload else None,
            **data,
        )

    if request.method == "POST" and form_applied(form, save):
        messages.success(
            request, _("The theme has been saved; every page of the municipality shows it.")
        )
        return redirect("branding:theme_edit", place.slug)
    shown = theme if theme.pk else None
    primary = (shown.primary_color if shown else "") or DEFAULT_PRIMARY
    text = (shown.primary_text_color if shown else "") or DEFAULT_PRIMARY_TEXT
    accent = (shown.accent_color if shown else "") or DEFAULT_ACCENT
    ratios = [
        (_("Text on the primary colour"), format_ratio(contrast_ratio(text, primary))),
        (_("Primary colour on white"), format_ratio(contrast_ratio(primary, WHITE))),
        (_("Text on the light background"), format_ratio(contrast_ratio(INK, accent))),
        (_("Links on the light background"), format_ratio(contrast_ratio(primary, accent))),
    ]
    return form_render(
        request,
        "branding/theme_edit.html",
        {"municipality": place, "form": form, "saved": shown, "ratios": ratios},
        refused=form.is_bound,
    )


@require_GET
def theme_css(request: HttpRequest, municipality: str) -> HttpResponse:
    """The municipality's design tokens as a stylesheet (no inline style needed)."""
    place = municipality_get(slug=municipality)
    theme = theme_for(municipality=place)
    response = render(
        request,
        "branding/theme.css",
        {"theme": theme},
        content_type="text/css; charset=utf-8",
    )
    # The URL carries the theme's version, so a changed theme is a new URL.
    response["Cache-Control"] = f"public, max-age={YEAR if request.GET.get('v') else 300}"
    return response


@require_GET
def theme_logo(request: HttpRequest, municipality: str) -> HttpResponse:
    place = municipality_get(slug=municipality)
    theme = theme_for(municipality=place)
    if theme is None or not theme.logo_type:
        raise Http404
    response = HttpResponse(bytes(theme.logo), content_type=theme.logo_type)
    # Opened on its own, an SVG may run nothing and load nothing.
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; sandbox"
    response["Cache-Control"] = f"public, max-age={YEAR if request.GET.get('v') else 300}"
    return response


@require_GET
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "branding/accessibility.html", {"statement": statement_get()})


@require_GET
def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "branding/privacy.html", {"statement": statement_get()})


@login_required
@require_http_methods(["GET", "POST"])
def statements_edit(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("branding.change_statement"):
        raise Http404
    form = StatementForm(request.POST or None, instance=statement_get())

    def save(data: dict):
        return services.statement_update(actor=request.user, **data)

    if request.method == "POST" and form_applied(form, save):
        messages.success(request, _("The statements have been saved."))
        return redirect("branding:accessibility")
    return form_render(
        request, "branding/statements_edit.html", {"form": form}, refused=form.is_bound
    )
