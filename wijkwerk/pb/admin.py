"""Budget rounds in the admin: reading and small corrections. Ballots, participations and
codes are not shown at all (they are secret); decisions and money go through the services."""

from django.contrib import admin

from .models import Proposal, Round, TallyLine, TallyResult


class ProposalInline(admin.TabularInline):
    model = Proposal
    extra = 0
    fields = ["title", "status", "estimated_cost_cents", "review_reason"]
    readonly_fields = ["status", "estimated_cost_cents", "review_reason"]


@admin.register(Round)
class RoundAdmin(admin.ModelAdmin):
    list_display = ["title", "municipality", "area", "voting_from", "voting_until", "rule"]
    list_filter = ["municipality", "rule", "ballot_kind"]
    search_fields = ["title"]
    readonly_fields = ["budget", "results_published_at", "results_published_by", "created_by"]
    inlines = [ProposalInline]


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
