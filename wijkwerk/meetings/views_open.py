"""The public side of the meetings: open sessions (werkateliers, snelkooksessies) with their
sign-up page and the sign-off link, and residents' requests for an information meeting.

A session's list of participants and a request's requester are shown to the wijk's staff
only. Everything works without JavaScript; invalid input shows the page again with the
errors and saves nothing.
"""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from wijkwerk.areas.models import Area
from wijkwerk.areas.selectors import municipality_get, wijk_get
from wijkwerk.core import ratelimit
from wijkwerk.core.forms import form_applied

from . import inforequests, selectors, signups
from .forms import AnswerForm, InfoRequestForm, SessionForm, SignUpForm
from .models import InfoMeetingRequest, OpenSession, RequestStatus

# Somebody may sign up a few neighbours, but not fill a session with invented names.
SIGNUPS_PER_HOUR = 10


def _wijk(municipality: str, wijk: str) -> Area:
    return wijk_get(municipality_slug=municipality, wijk_slug=wijk)


def _session_url(session: OpenSession) -> str:
    area = session.meeting.body.area
    return reverse("meetings:session", args=[area.municipality.slug, area.slug, session.pk])


# --- open sessions ----------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def session_list(request: HttpRequest, municipality: str, wijk: str) -> HttpResponse:
    """The coming sessions of a wijk; staff plan a new one here."""
    area = _wijk(municipality, wijk)
    may_manage = request.user.has_perm("meetings.manage_bodies", area)
    form = SessionForm(request.POST or None) if may_manage else None
    if request.method == "POST":
        if form is None:
            raise Http404
        if planned := form_applied(
            form, lambda data: signups.session_create(area=area, actor=request.user, **data)
        ):
            messages.success(request, _("The session has been planned; sign-up is open."))
            return redirect(_session_url(planned.value))
    context = {
        "area": area,
        "municipality": area.municipality,
        "sessions": selectors.session_list(area=area),
        "past": selectors.session_list(area=area, upcoming=False)
        .filter(meeting__starts_at__lt=timezone.now())
        .order_by("-meeting__starts_at")[:10],
        "form": form,
    }
    return render(
        request, "meetings/sessions.html", context, status=400 if form and form.errors else 200
    )


@require_http_methods(["GET", "POST"])
def session_detail(request: HttpRequest, municipality: str, wijk: str, pk: int) -> HttpResponse:
    """A session and its sign-up form (prefilled for a logged-in resident)."""
    area = _wijk(municipality, wijk)
    session = selectors.session_get(pk=pk, area=area)
    user = request.user
    closed = signups.signup_closed_reason(session)
    full = session.taken >= session.capacity
    initial = (
        {"name": getattr(user, "full_name", ""), "email": user.email}
        if user.is_authenticated
        else {}
    )
    form = SignUpForm(request.POST or None, initial=initial)
    address = request.META.get("REMOTE_ADDR", "")
    if request.method == "POST" and not ratelimit.allow(
        f"meetings-signup:{address}", limit=SIGNUPS_PER_HOUR, window_seconds=3600
    ):
        form.is_valid()
        form.add_error(None, _("Too many sign-ups from this address; try again in an hour."))
    elif request.method == "POST":
        try:
            signed_up = form_applied(
                form, lambda data: signups.session_sign_up(session=session, actor=user, **data)
            )
        except PermissionDenied:
            raise Http404 from None
        if signed_up:
            messages.success(
                request,
                _("You have signed up. We have sent a confirmation to %(email)s.")
                % {"email": form.cleaned_data["email"]},
            )
            return redirect(_session_url(session))
        session = selectors.session_get(pk=pk, area=area)
        closed = signups.signup_closed_reason(session)
        full = session.taken >= session.capacity
    context = {
        "area": area,
        "municipality": area.municipality,
        "session": session,
        "meeting": session.meeting,
        "closed": closed,
        "full": full,
        "places_left": max(session.capacity - session.taken, 0),
        "form": form if not closed and not full else None,
        "form_errors": form if form.errors else None,
        "signups": selectors.signup_list(session=session, user=user)
        if user.has_perm("meetings.view_signups", session)
        else None,
    }
    return render(request, "meetings/session.html", context, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
def signoff(request: HttpRequest, token: str) -> HttpResponse:
    """The link in the confirmation e-mail: GET asks, POST signs off (a link checker that
    follows the link changes nothing)."""
    error = ""
    signup = None
    try:
        signup = signups.signup_by_token(token=token)
        if request.method == "POST":
            signups.session_sign_off(token=token)
            messages.success(request, _("You have signed off. Thank you for letting us know."))
            return redirect(_session_url(signup.session))
        if signup.cancelled_at is not None:
            error = _("You have already signed off from this session.")
    except ValidationError as problem:  # a bad or used link: the page says why, with 400
        error = " ".join(problem.messages)
    context = {"signup": signup, "session": signup.session if signup else None, "error": error}
    response = render(request, "meetings/signoff.html", context, status=400 if error else 200)
    response["Cache-Control"] = "no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response


# --- requests for an information meeting ------------------------------------------------------


@require_http_methods(["GET", "POST"])
def info_requests(request: HttpRequest, municipality: str) -> HttpResponse:
    """Every request of the municipality with its status; residents ask here."""
    found = municipality_get(slug=municipality)
    form = InfoRequestForm(
        request.POST or None,
        municipality=found,
        initial={"area": found.areas.wijken().filter(slug=request.GET.get("wijk", "")).first()}
        if request.method == "GET" and request.GET.get("wijk")
        else None,
    )
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect(f"{reverse('account_login')}?next={request.path}")
        if made := form_applied(
            form, lambda data: inforequests.info_request_create(actor=request.user, **data)
        ):
            messages.success(
                request, _("Your request has been sent. Its answer will appear on this page.")
            )
            return redirect("meetings_requests:detail", municipality, made.value.pk)
    context = {
        "municipality": found,
        "requests": selectors.info_request_list(municipality=found),
        "form": form,
    }
    return render(
        request, "meetings/info_requests.html", context, status=400 if form.errors else 200
    )


@require_http_methods(["GET", "POST"])
def info_request_detail(request: HttpRequest, municipality: str, pk: int) -> HttpResponse:
    found = municipality_get(slug=municipality)
    item = selectors.info_request_get(pk=pk, municipality=found)
    may_answer = request.user.has_perm("meetings.answer_request", item)
    form = AnswerForm(request.POST or None) if may_answer else None
    if request.method == "POST":
        if form is None:
            raise Http404
        if form_applied(
            form,
            lambda data: inforequests.info_request_answer(request=item, actor=request.user, **data),
        ):
            messages.success(request, _("The answer has been saved and published."))
            return redirect("meetings_requests:detail", municipality, item.pk)
    return _render_request(request, item, form, may_answer)


def _render_request(
    request: HttpRequest, item: InfoMeetingRequest, form: Any, may_answer: bool
) -> HttpResponse:
    context = {
        "municipality": item.area.municipality,
        "area": item.area,
        "item": item,
        "pending": item.status == RequestStatus.PENDING,
        "form": form if item.status == RequestStatus.PENDING or (form and form.errors) else None,
        "show_requester": request.user.has_perm("meetings.view_requester", item),
    }
    status = 400 if form is not None and form.errors else 200
    return render(request, "meetings/info_request.html", context, status=status)
