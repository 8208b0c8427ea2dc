"""The wijkraadpleging: the deciding body asks the wijk's residents what they think of the
initiatives awaiting a decision, and everyone sees the count of the opinions."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from wijkwerk.areas.models import Area
from wijkwerk.core.forms import form_applied

from . import services
from .forms import ConsultationForm, OpinionForm
from .models import Consultation, Initiative, Opinion
from .selectors import consultation_results
from .views import _wijk


def _may_consult(user: Any, area: Area) -> bool:
    return user.has_perm("initiatives.decide", area) or user.has_perm("initiatives.handle", area)


@login_required
@require_http_methods(["GET", "POST"])
def consultation_new(request: HttpRequest, municipality: str, wijk: str) -> HttpResponse:
    area = _wijk(municipality, wijk)
    if not _may_consult(request.user, area):
        raise PermissionDenied(_("You do not have a role that allows this in this wijk."))
    candidates = Initiative.objects.awaiting_decision().filter(area=area).order_by("title")
    form = ConsultationForm(
        request.POST if request.method == "POST" else None, candidates=candidates
    )
    if form.is_bound and (
        opened := form_applied(
            form,
            lambda data: services.consultation_create(
                area=area, actor=request.user, **{**data, "initiatives": list(data["initiatives"])}
            ),
        )
    ):
        messages.success(request, _("The wijkraadpleging has been opened."))
        return redirect("initiatives:consultation", municipality, wijk, opened.value.pk)
    context = {"area": area, "municipality": area.municipality, "form": form}
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "initiatives/consultation_form.html", context, status=status)


@require_http_methods(["GET", "POST"])
def consultation_detail(
    request: HttpRequest, municipality: str, wijk: str, pk: int
) -> HttpResponse:
    """The initiatives of a wijkraadpleging with an opinion form per initiative while it is
    open; the counts are public once it has closed (and always for the deciding body)."""
    area = _wijk(municipality, wijk)
    consultation = get_object_or_404(Consultation, pk=pk, area=area)
    today = timezone.localdate()
    is_open = consultation.is_open(today)
    bound_pk, bound_form, status = None, None, 200
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        bound_pk, bound_form = _give_opinion(request, consultation)
        if bound_form is None:
            messages.success(
                request,
                _("Your opinion has been recorded. You may change it until the closing date."),
            )
            return redirect("initiatives:consultation", municipality, wijk, consultation.pk)
        status = 400
    show_results = today > consultation.closes_on or _may_consult(request.user, area)
    results = consultation_results(consultation=consultation) if show_results else {}
    mine = (
        {
            o.initiative_id: o
            for o in Opinion.objects.filter(consultation=consultation, resident=request.user)
        }
        if request.user.is_authenticated
        else {}
    )
    rows = []
    for initiative in consultation.initiatives.order_by("title"):
        form = None
        if is_open and request.user.is_authenticated:
            if initiative.pk == bound_pk:
                form = bound_form
            else:
                own = mine.get(initiative.pk)
                initial = {"support": own.support, "comment": own.comment} if own else None
                form = OpinionForm(initial=initial, prefix=f"i{initiative.pk}")
        rows.append((initiative, form, results.get(initiative.pk)))
    context = {
        "area": area,
        "municipality": area.municipality,
        "consultation": consultation,
        "is_open": is_open,
        "rows": rows,
        "show_results": show_results,
    }
    return render(request, "initiatives/consultation_detail.html", context, status=status)


def _give_opinion(
    request: HttpRequest, consultation: Consultation
) -> tuple[int | None, OpinionForm | None]:
    """Record the opinion posted for one initiative; return the failing form, if any."""
    try:
        initiative_pk = int(request.POST.get("initiative", ""))
    except ValueError:
        raise Http404 from None
    initiative = get_object_or_404(consultation.initiatives, pk=initiative_pk)
    form = OpinionForm(request.POST, prefix=f"i{initiative.pk}")
    if form_applied(
        form,
        lambda data: services.opinion_give(
            consultation=consultation, initiative=initiative, actor=request.user, **data
        ),
    ):
        return initiative.pk, None
    return initiative.pk, form
