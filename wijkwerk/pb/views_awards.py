"""Correcting a published winner's award (issue 18): the staff of a round lower or withdraw
it on this page; the service books the correction and changes the winner's line, the
results page and its totals together."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from wijkwerk.areas.selectors import municipality_get
from wijkwerk.budgets.forms import EuroField
from wijkwerk.budgets.money import format_euros
from wijkwerk.core.forms import form_applied

from . import selectors, services
from .models import TallyLine


class AwardCorrectionForm(forms.Form):
    amount = EuroField(
        label=gettext_lazy("New amount of the award (euros)"),
        help_text=gettext_lazy("0 withdraws the award. The difference goes back to the budget."),
    )
    reason = forms.CharField(
        label=gettext_lazy("Why is the award corrected?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Published with the decision."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def winner_correct(request: HttpRequest, municipality: str, pk: int, line: int) -> HttpResponse:
    place = municipality_get(slug=municipality)
    pb_round = selectors.round_get(pk=pk, municipality=place)
    if not request.user.has_perm("pb.tally_round", pb_round):
        raise PermissionDenied(_("You do not have a role that allows this for this round."))
    winner = get_object_or_404(
        TallyLine.objects.select_related("proposal", "result"),
        pk=line,
        result__round=pb_round,
        selected=True,
        hold__isnull=False,
    )
    form = AwardCorrectionForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form_applied(
        form,
        lambda data: services.winner_award_correct(
            line=winner, actor=request.user, amount_cents=data["amount"], reason=data["reason"]
        ),
    ):
        messages.success(request, _("The award is corrected; the money is back in the budget."))
        return redirect("pb:round", place.slug, pb_round.pk)
    context = {
        "municipality": place,
        "round": pb_round,
        "line": winner,
        "awarded": format_euros(winner.award_cents),
        "form": form,
    }
    status = 400 if form.is_bound else 200
    return render(request, "pb/winner_correct.html", context, status=status)
