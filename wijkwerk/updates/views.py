"""The news pages (/gemeente/<gemeente>/<wijk>/nieuws/ and /gemeente/<gemeente>/nieuws/),
subscribing by e-mail, and the pages behind the signed links in the mails (/nieuwsbrief/…).

Nobody needs to log in. A wrong, tampered or expired link gets a page that says so and
changes nothing. The unsubscribe address takes a POST without a CSRF token: mail programs
send it for RFC 8058 one-click unsubscribe, and the signed token is the authorisation.
"""

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from wijkwerk.agenda.models import AgendaItem
from wijkwerk.areas.models import Area, Municipality
from wijkwerk.areas.selectors import municipality_get, wijk_get
from wijkwerk.core.forms import form_applied

from . import selectors, services
from .forms import FrequencyForm, NewsFilterForm, SubscribeForm
from .headlines import detail, headline
from .models import Frequency, Kind, Subscription
from .tokens import CONFIRM, MANAGE, subscription_for_token, token_make

PER_PAGE = 20


def _news(request: HttpRequest, municipality: Municipality, area: Area | None) -> HttpResponse:
    form = NewsFilterForm(request.GET or None)
    kind = form.cleaned_data["soort"] if form.is_bound and form.is_valid() else ""
    entries = selectors.news_list(municipality=municipality, area=area, kind=kind)
    page = Paginator(entries, PER_PAGE).get_page(request.GET.get("pagina"))
    for entry in page.object_list:
        entry.headline, entry.detail = headline(entry), detail(entry)
        entry.is_item = entry.source_kind == selectors.ITEM_KIND and area is not None
    if area is not None:
        feeds = {
            "rss": reverse("updates:rss", args=[municipality.slug, area.slug]),
            "atom": reverse("updates:atom", args=[municipality.slug, area.slug]),
        }
    else:
        feeds = {
            "rss": reverse("updates_municipality:rss", args=[municipality.slug]),
            "atom": reverse("updates_municipality:atom", args=[municipality.slug]),
        }
    return render(
        request,
        "updates/news.html",
        {
            "municipality": municipality,
            "area": area,
            "form": form,
            "page": page,
            "query": f"soort={kind}" if kind else "",
            "feeds": feeds,
            "kinds": Kind,
        },
    )


def news_page(request: HttpRequest, municipality: str, wijk: str) -> HttpResponse:
    area = wijk_get(municipality_slug=municipality, wijk_slug=wijk)
    return _news(request, area.municipality, area)


def municipality_news(request: HttpRequest, municipality: str) -> HttpResponse:
    return _news(request, municipality_get(slug=municipality), None)


# --- subscribing -------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def subscribe(request: HttpRequest, municipality: str, wijk: str) -> HttpResponse:
    area = wijk_get(municipality_slug=municipality, wijk_slug=wijk)
    context: dict[str, Any] = {"municipality": area.municipality, "area": area}
    if request.method == "POST":
        form = SubscribeForm(request.POST, area=area)
        if form_applied(
            form,
            lambda data: services.subscription_request(
                area=area,
                email=data["email"],
                frequency=data["frequency"],
                agenda_item=data["agenda_item"],
                language=get_language() or "nl",
                actor=request.user,
                client=request.META.get("REMOTE_ADDR", ""),
            ),
        ):
            return redirect("updates:subscribe_sent", municipality, wijk)
        item = getattr(form, "cleaned_data", {}).get("agenda_item")
        return render(request, "updates/subscribe.html", {**context, "form": form, "item": item})
    item, status = None, 200
    initial: dict[str, Any] = {}
    if request.user.is_authenticated:
        initial["email"] = request.user.email
    if request.GET.get("item"):
        raw = request.GET["item"]
        item = AgendaItem.objects.filter(pk=raw if raw.isdigit() else 0, area=area).first()
        if item is None:
            status = 404
            context["item_missing"] = _(
                "There is no such wijkagenda item in %(wijk)s. Go back to the item, or follow "
                "the whole wijk."
            ) % {"wijk": area.name}
        else:
            initial["item"] = item.pk
    form = SubscribeForm(initial=initial, area=area)
    return render(
        request, "updates/subscribe.html", {**context, "form": form, "item": item}, status=status
    )


def subscribe_sent(request: HttpRequest, municipality: str, wijk: str) -> HttpResponse:
    area = wijk_get(municipality_slug=municipality, wijk_slug=wijk)
    return render(
        request, "updates/subscribe_sent.html", {"municipality": area.municipality, "area": area}
    )


# --- the signed links --------------------------------------------------------------------------


def _bad_link(request: HttpRequest) -> HttpResponse:
    return render(request, "updates/bad_link.html", status=400)


@require_http_methods(["GET", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """The link in the confirmation mail asks for one click (a POST), so a mail scanner that
    opens links cannot subscribe anyone."""
    subscription = subscription_for_token(token, CONFIRM)
    if subscription is None:
        return _bad_link(request)
    if request.method == "POST" or subscription.is_confirmed:
        subscription = services.subscription_confirm(subscription=subscription)
        manage = token_make(subscription, MANAGE)
        return render(
            request,
            "updates/confirmed.html",
            {"subscription": subscription, "manage_token": manage},
        )
    return render(request, "updates/confirm.html", {"subscription": subscription})


@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    subscription = subscription_for_token(token, MANAGE)
    if subscription is None:
        return _bad_link(request)
    if request.method == "POST":
        services.subscription_cancel(subscription=subscription)
        return render(request, "updates/unsubscribed.html", {"subscription": subscription})
    return render(
        request, "updates/unsubscribe.html", {"subscription": subscription, "token": token}
    )


@require_http_methods(["GET", "POST"])
def manage(request: HttpRequest, token: str) -> HttpResponse:
    """All subscriptions of the address the link was sent to: change how often, or stop."""
    subscription = subscription_for_token(token, MANAGE)
    if subscription is None:
        return _bad_link(request)
    mine = list(selectors.subscriptions_of_address(subscription=subscription))
    if request.method == "POST":
        chosen = next((s for s in mine if str(s.pk) == request.POST.get("subscription")), None)
        if chosen is None:
            messages.error(request, _("That subscription is not one of yours; nothing changed."))
            return redirect("updates_subscriptions:manage", token)
        if request.POST.get("action") == "stop":
            services.subscription_cancel(subscription=chosen)
            if chosen.pk == subscription.pk:
                return render(request, "updates/unsubscribed.html", {"subscription": chosen})
            messages.success(
                request, _("You no longer follow %(target)s.") % {"target": _name(chosen)}
            )
            return redirect("updates_subscriptions:manage", token)
        form = FrequencyForm(request.POST)
        if form.is_valid():
            services.subscription_change(
                subscription=chosen, frequency=form.cleaned_data["frequency"]
            )
            messages.success(request, _("Saved: %(target)s.") % {"target": _name(chosen)})
            return redirect("updates_subscriptions:manage", token)
        messages.error(request, _("Choose daily or weekly."))
        return redirect("updates_subscriptions:manage", token)
    rows = [{"subscription": s, "name": _name(s)} for s in mine]
    return render(
        request,
        "updates/manage.html",
        {"rows": rows, "token": token, "frequencies": Frequency.choices},
    )


def _name(subscription: Subscription) -> str:
    if subscription.agenda_item_id:
        return _("wijkagenda item “%(title)s” (%(wijk)s)") % {
            "title": subscription.agenda_item.title,
            "wijk": subscription.area.name,
        }
    return _("news of %(wijk)s") % {"wijk": subscription.area.name}
