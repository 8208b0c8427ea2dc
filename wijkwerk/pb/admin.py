"""Budget rounds in the admin: reading and small corrections. Ballots, participations and
codes are not shown at all (they are secret); decisions and money go through the services."""

from django.contrib import admin, messages
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _

from .models import Proposal, Round, TallyLine, TallyResult


class ProposalInline(admin.TabularInline):
    model = Proposal
    extra = 0
    fields = ["title", "status", "estimated_cost_cents", "review_reason"]
    readonly_fields = ["status", "estimated_cost_cents", "review_reason"]


@admin.register(Round)
class RoundAdmin(admin.ModelAdmin):
    """Rounds are read here, never written: a round needs a budget on the ledger and the
    checks of `services.round_create` / `round_update` (phases in order, an amount within
    what is free, a rule that fits the ballot), which the set-up page runs. Saving here
    used to bypass them (and answered 500 without a budget); now the admin refuses with a
    message that points to the page."""

    list_display = ["title", "municipality", "area", "voting_from", "voting_until", "rule"]
    list_filter = ["municipality", "rule", "ballot_kind"]
    search_fields = ["title"]
    inlines = [ProposalInline]

    def _point_to_pages(self, request) -> None:
        messages.warning(
            request,
            _(
                "Budget rounds are set up and changed on the pages of the municipality "
                "(Budget rounds → Set up a new round, or Change the set-up on a round's "
                "management page), which check the budget, the phases and the rule. The "
                "admin only shows them."
            ),
        )

    def add_view(self, request, form_url="", extra_context=None):
        self._point_to_pages(request)
        return HttpResponseRedirect(reverse("admin:pb_round_changelist"))

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "POST":
            self._point_to_pages(request)
            return HttpResponseRedirect(request.path)
        return super().change_view(request, object_id, form_url, extra_context)

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Proposal)
class ProposalAdmin(admin.ModelAdmin):
    list_display = ["title", "round", "status", "estimated_cost_cents"]
    list_filter = ["status", "round__municipality"]
    search_fields = ["title"]
    readonly_fields = ["status", "estimated_cost_cents", "reviewed_by", "reviewed_at"]
    exclude = ["submitted_by"]


class TallyLineInline(admin.TabularInline):
    model = TallyLine
    extra = 0
    can_delete = False
    readonly_fields = [f.name for f in TallyLine._meta.fields]


@admin.register(TallyResult)
class TallyResultAdmin(admin.ModelAdmin):
    list_display = ["round", "rule", "utility", "spent_cents", "tallied_at"]
    exclude = ["voter_shares"]
    readonly_fields = [
        "round",
        "rule",
        "utility",
        "compare_greedy",
        "threshold_percent",
        "budget_cents",
        "ballots_count",
        "spent_cents",
        "tallied_by",
        "tallied_at",
    ]
    inlines = [TallyLineInline]

    def has_add_permission(self, request):
        return False
