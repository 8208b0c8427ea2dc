"""The meeting pages, at /gemeente/<gemeente>/<wijk>/overleg/: the bodies and meetings of a
wijk (with the standard set and the year planning for its staff), one body with its members,
one meeting with its agenda, minutes and action points, and the calendar feeds. A person's
own calendar link is made and revoked at /overleg/mijn-agenda/.

Everything works without JavaScript. Closed bodies, their meetings and staff actions answer
404 to everybody else, as a missing one does.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from wijkwerk.areas.models import Area
from wijkwerk.areas.selectors import wijk_get
from wijkwerk.core.forms import form_applied

from . import selectors, services
from .forms import (
    ActionForm,
    BodyForm,
    CancelForm,
    DecideForm,
    InviteForm,
    MemberForm,
    MinutesForm,
    MoveForm,
    PlanForm,
    PointForm,
    ProposeForm,
    TemplateForm,
)
from .ical import ics_response
from .models import Body, Meeting, MeetingStatus, PointStatus
from .schoolholidays import covered_years, region_for


def _wijk(municipality: str, wijk: str) -> Area:
    return wijk_get(municipality_slug=municipality, wijk_slug=wijk)


def _base_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def _may(request: HttpRequest, perm: str, obj: Any) -> None:
    if not request.user.has_perm(perm, obj):
        raise Http404


# --- the wijk ---------------------------------------------------------------------------------


@require_GET
def wijk_meetings(request: HttpRequest, municipality: str, wijk: str) -> HttpResponse:
    area = _wijk(municipality, wijk)
    return _render_wijk(request, area)


def _render_wijk(request: HttpRequest, area: Area, status: int = 200, **forms: Any):
    manager = request.user.has_perm("meetings.manage_bodies", area)
    today = timezone.localdate()
    context: dict[str, Any] = {
        "area": area,
        "municipality": area.municipality,
        "bodies": selectors.body_list(area=area, user=request.user),
        "meetings": selectors.meeting_list(user=request.user, area=area).filter(
            starts_at__date__gte=today
        )[:40],
        "may_manage": manager,
    }
    if manager:
        context["template_form"] = TemplateForm()
        context["plan_form"] = PlanForm(initial={"region": region_for(area.municipality.code)})
        context["covered_years"] = covered_years()
    context.update(forms)
    return render(request, "meetings/wijk.html", context, status=status)


@login_required
@require_POST
def bodies_from_template(request: HttpRequest, municipality: str, wijk: str) -> HttpResponse:
    area = _wijk(municipality, wijk)
    _may(request, "meetings.manage_bodies", area)
    form = TemplateForm(request.POST)
    if made := form_applied(
        form,
        lambda data: services.bodies_from_template(
            area=area, actor=request.user, template=data["template"]
        ),
    ):
        messages.success(
            request, _("%(n)s bodies have been added from the template.") % {"n": len(made.value)}
        )
        return redirect("meetings:wijk", municipality, wijk)
    return _render_wijk(request, area, status=400, template_form=form)


@login_required
@require_POST
def year_plan(request: HttpRequest, municipality: str, wijk: str) -> HttpResponse:
    area = _wijk(municipality, wijk)
    _may(request, "meetings.manage_bodies", area)
    form = PlanForm(request.POST)
    if planned := form_applied(
        form, lambda data: services.year_plan(area=area, actor=request.user, **data)
    ):
        result = planned.value
        messages.success(
            request,
            _("%(n)s meetings have been planned for %(year)s.")
            % {"n": len(result.meetings), "year": result.year},
        )
        if result.skipped:
            messages.info(
                request,
                _("Already planned, left as they were: %(bodies)s.")
                % {"bodies": ", ".join(b.name for b in result.skipped)},
            )
        if not result.school_holidays_known:
            messages.warning(
                request,
                _(
                    "The school holidays of %(year)s are not in Wijkwerk yet: the meetings "
                    "keep to working days and public holidays only. Check them against the "
                    'school holidays of your region (rijksoverheid.nl, "Schoolvakanties") and '
                    "move the ones that fall in a holiday."
                )
                % {"year": result.year},
            )
        return redirect("meetings:wijk", municipality, wijk)
    return _render_wijk(request, area, status=400, plan_form=form)


@require_GET
def wijk_feed(request: HttpRequest, municipality: str, wijk: str) -> HttpResponse:
    area = _wijk(municipality, wijk)
    return ics_response(
        selectors.wijk_feed(area=area),
        name=_("Meetings in %(wijk)s") % {"wijk": area.name},
        base_url=_base_url(request),
    )


# --- making and changing a body ---------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def body_new(request: HttpRequest, municipality: str, wijk: str) -> HttpResponse:
    """A new body of this wijk (a regiegroep, a stuurgroep, a wijkplatform…) with its
    cadence and mandate; the standard sets are on the wijk's meeting page."""
    area = _wijk(municipality, wijk)
    _may(request, "meetings.manage_bodies", area)
    form = BodyForm(request.POST or None)
    if request.method == "POST" and (
        made := form_applied(
            form, lambda data: services.body_create(area=area, actor=request.user, **data)
        )
    ):
        messages.success(request, _("%(name)s has been added.") % {"name": made.value.name})
        return redirect("meetings:body", municipality, wijk, made.value.pk)
    return render(
        request,
        "meetings/body_form.html",
        {"area": area, "municipality": area.municipality, "form": form, "body": None},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def body_edit(request: HttpRequest, municipality: str, wijk: str, pk: int) -> HttpResponse:
    area = _wijk(municipality, wijk)
    body = selectors.body_get(pk=pk, user=request.user, area=area)
    _may(request, "meetings.manage_bodies", body)
    initial = {key: getattr(body, key) for key in services.BODY_FIELDS}
    form = BodyForm(request.POST or None, initial=initial, editing=True)
    if request.method == "POST" and form_applied(
        form, lambda data: services.body_update(body=body, actor=request.user, **data)
    ):
        messages.success(request, _("The changes have been saved."))
        return redirect("meetings:body", municipality, wijk, body.pk)
    return render(
        request,
        "meetings/body_form.html",
        {"area": area, "municipality": area.municipality, "form": form, "body": body},
        status=400 if form.errors else 200,
    )


# --- a body -----------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def body_detail(request: HttpRequest, municipality: str, wijk: str, pk: int) -> HttpResponse:
    area = _wijk(municipality, wijk)
    body = selectors.body_get(pk=pk, user=request.user, area=area)
    may_manage = request.user.has_perm("meetings.manage_bodies", body)
    form = MemberForm(request.POST or None, area=area) if may_manage else None
    if request.method == "POST":
        if form is None:
            raise Http404

        def add(data: dict) -> Any:
            data = dict(data)
            user = get_user_model().objects.filter(email__iexact=data.pop("email")).first()
            if user is None:
                raise ValidationError({"email": [_("Nobody has an account with this address.")]})
            services.member_add(body=body, actor=request.user, user=user, **data)
            return user

        if added := form_applied(form, add):
            messages.success(request, _("%(name)s is now a member.") % {"name": added.value})
            return redirect("meetings:body", municipality, wijk, body.pk)
    context = {
        "area": area,
        "municipality": area.municipality,
        "body": body,
        "members": body.members.select_related("user", "organisation__parent")
        if request.user.has_perm("meetings.view_members", body)
        else None,
        "member_count": body.members.count(),
        "meetings": selectors.meeting_list(user=request.user, body=body).filter(
            starts_at__year__gte=timezone.localdate().year - 1
        ),
        "form": form,
        "may_manage": may_manage,
    }
    return render(
        request, "meetings/body.html", context, status=400 if form and form.errors else 200
    )


@require_GET
def body_feed(request: HttpRequest, municipality: str, wijk: str, pk: int) -> HttpResponse:
    area = _wijk(municipality, wijk)
    body = get_object_or_404(Body, pk=pk, area=area, is_public=True)
    return ics_response(
        selectors.body_feed(body=body),
        name=f"{body.name} – {area.name}",
        base_url=_base_url(request),
    )


# --- a meeting --------------------------------------------------------------------------------


def _meeting(request: HttpRequest, municipality: str, wijk: str, pk: int) -> Meeting:
    return selectors.meeting_get(pk=pk, user=request.user, area=_wijk(municipality, wijk))


@require_GET
def meeting_detail(request: HttpRequest, municipality: str, wijk: str, pk: int) -> HttpResponse:
    return _render_meeting(request, _meeting(request, municipality, wijk, pk))


def _render_meeting(request: HttpRequest, meeting: Meeting, status: int = 200, **forms: Any):
    user, area = request.user, meeting.body.area
    may_manage = user.has_perm("meetings.manage_meeting", meeting)
    points = list(meeting.points.all())
    context: dict[str, Any] = {
        "area": area,
        "municipality": area.municipality,
        "meeting": meeting,
        "body": meeting.body,
        "points": [p for p in points if p.status == PointStatus.ACCEPTED],
        "proposals": [
            p
            for p in points
            if p.status != PointStatus.ACCEPTED and (may_manage or p.proposed_by_id == user.pk)
        ],
        "actions": selectors.action_point_list(meeting=meeting),
        "attendance": meeting.attendance.select_related("user"),
        "may_manage": may_manage,
        "planned": meeting.status == MeetingStatus.PLANNED,
        "held": meeting.status == MeetingStatus.HELD,
        "open_minutes": meeting.status == MeetingStatus.PLANNED,
        "session": getattr(meeting, "session", None),
        "info_request": getattr(meeting, "info_request", None),
    }
    if may_manage:
        if meeting.status == MeetingStatus.PLANNED:
            context["move_form"] = MoveForm(
                initial={
                    "starts_at": timezone.localtime(meeting.starts_at),
                    "ends_at": timezone.localtime(meeting.ends_at),
                    "location": meeting.location,
                }
            )
            context["cancel_form"] = CancelForm()
            context["point_form"] = PointForm(area=area)
            context["decide_form"] = DecideForm()
            context["invite_form"] = InviteForm()
        if meeting.status != MeetingStatus.CANCELLED and meeting.starts_at <= timezone.now():
            context["minutes_form"] = MinutesForm(
                initial={"minutes": meeting.minutes, "decisions": meeting.decisions}
            )
        if meeting.status == MeetingStatus.HELD:
            context["action_form"] = ActionForm(area=area)
    elif user.has_perm("meetings.propose_point", meeting):
        context["propose_form"] = ProposeForm()
    context.update(forms)
    return render(request, "meetings/meeting.html", context, status=status)


def _meeting_url(meeting: Meeting) -> str:
    area = meeting.body.area
    return reverse("meetings:meeting", args=[area.municipality.slug, area.slug, meeting.pk])


@dataclass(frozen=True)
class _FormAction:
    perm: str
    form_class: Any
    form_name: str
    service: Callable[..., Any]
    done: str
    with_area: bool = False


# The forms of the meeting page that post to <meeting>/<action>/, all of the same shape.
FORM_ACTIONS = {
    "verzetten": _FormAction(
        "meetings.manage_meeting", MoveForm, "move_form", services.meeting_move,
        gettext_lazy("The meeting has been moved; subscribed calendars follow."),
    ),
    "afzeggen": _FormAction(
        "meetings.manage_meeting", CancelForm, "cancel_form", services.meeting_cancel,
        gettext_lazy("The meeting has been cancelled."),
    ),
    "verslag": _FormAction(
        "meetings.manage_meeting", MinutesForm, "minutes_form", services.meeting_record,
        gettext_lazy("The minutes have been saved."),
    ),
    "punt": _FormAction(
        "meetings.manage_meeting", PointForm, "point_form", services.point_add,
        gettext_lazy("The point is on the agenda."), with_area=True,
    ),
    "punt-voorstellen": _FormAction(
        "meetings.propose_point", ProposeForm, "propose_form", services.point_propose,
        gettext_lazy("Thank you: the secretary will decide whether your point goes on the agenda."),
    ),
    "uitnodigen": _FormAction(
        "meetings.manage_meeting", InviteForm, "invite_form", services.meeting_invite,
        gettext_lazy("The invitation is being sent by e-mail, with the meeting as an .ics attachment."),
    ),
    "actiepunt": _FormAction(
        "meetings.manage_meeting", ActionForm, "action_form", services.action_point_add,
        gettext_lazy("The action point is on the wijkagenda."), with_area=True,
    ),
}  # fmt: skip


@login_required
@require_POST
def meeting_action(
    request: HttpRequest, municipality: str, wijk: str, pk: int, action: str
) -> HttpResponse:
    """Check, validate, call the service, redirect with a message; or show the page again
    with the errors."""
    spec = FORM_ACTIONS.get(action)
    if spec is None:
        raise Http404
    return _post(request, municipality, wijk, pk, spec, spec.service)


def _post(
    request: HttpRequest, municipality: str, wijk: str, pk: int, spec: Any, call: Any
) -> HttpResponse:
    meeting = _meeting(request, municipality, wijk, pk)
    _may(request, spec.perm, meeting)
    kwargs = {"area": meeting.body.area} if spec.with_area else {}
    form = spec.form_class(request.POST, **kwargs)
    if form_applied(form, lambda data: call(meeting=meeting, actor=request.user, **data)):
        messages.success(request, str(spec.done))
        return redirect(_meeting_url(meeting))
    meeting = _meeting(request, municipality, wijk, pk)
    return _render_meeting(request, meeting, status=400, **{spec.form_name: form})


@login_required
@require_POST
def point_decide(
    request: HttpRequest, municipality: str, wijk: str, pk: int, point: int
) -> HttpResponse:
    def decide(*, meeting: Meeting, **data: Any) -> None:
        found = get_object_or_404(meeting.points, pk=point)
        services.point_decide(point=found, **data)

    spec = _FormAction(
        "meetings.manage_meeting", DecideForm, "decide_form", decide,
        gettext_lazy("The decision on the point has been saved."),
    )  # fmt: skip
    return _post(request, municipality, wijk, pk, spec, decide)


@require_GET
def meeting_ics(request: HttpRequest, municipality: str, wijk: str, pk: int) -> HttpResponse:
    """The invitation as an .ics file, to add one meeting to a calendar."""
    meeting = _meeting(request, municipality, wijk, pk)
    return ics_response(
        [meeting],
        name=meeting.body.name,
        base_url=_base_url(request),
        filename=f"overleg-{meeting.pk}.ics",
    )


# --- a person's own calendar ------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def my_calendar(request: HttpRequest) -> HttpResponse:
    token = ""
    if request.method == "POST":
        if request.POST.get("action") == "revoke":
            services.calendar_token_revoke(actor=request.user)
            messages.success(request, _("Your calendar link no longer works."))
            return redirect("meetings_personal:mine")
        token = services.calendar_token_create(actor=request.user)
    context = {
        "active": selectors.calendar_link_active(user=request.user),
        "link": request.build_absolute_uri(
            reverse("meetings_personal:feed", args=[token])
        ) if token else "",
        "meetings": selectors.person_feed(user=request.user).filter(
            starts_at__gte=timezone.now()
        )[:20],
    }  # fmt: skip
    response = render(request, "meetings/my_calendar.html", context)
    response["Cache-Control"] = "no-store"
    return response


@require_GET
def person_feed(request: HttpRequest, token: str) -> HttpResponse:
    user = selectors.person_by_token(token=token)
    response = ics_response(
        selectors.person_feed(user=user),
        name=_("My meetings"),
        base_url=_base_url(request),
    )
    response["Cache-Control"] = "private, no-store"
    return response
