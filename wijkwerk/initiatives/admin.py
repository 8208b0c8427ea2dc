"""Initiatives in the admin: reading and small corrections. Decisions and money go through
the pages and the API (services), so status, decision and voucher fields are read-only here."""

from django.contrib import admin

from .models import (
    ActieAssessment,
    Consultation,
    ConvenantProject,
    Initiative,
    Participant,
    Pledge,
    ProjectCall,
    Provider,
    RuleSet,
    Voucher,
)


class ParticipantInline(admin.TabularInline):
    model = Participant
    extra = 0


@admin.register(Initiative)
class InitiativeAdmin(admin.ModelAdmin):
    list_display = ["title", "area", "status", "requested_cents", "decision_due", "escalated_at"]
    list_filter = ["status", "area__municipality", "is_small"]
    search_fields = ["title"]
    inlines = [ParticipantInline]
    readonly_fields = [
        "status",
        "ruleset",
        "submitted_at",
        "decision_due",
        "escalated_at",
        "decided_at",
        "decided_by",
        "decision_reason",
        "accounted_at",
        "closed_at",
    ]


@admin.register(RuleSet)
class RuleSetAdmin(admin.ModelAdmin):
    list_display = ["municipality", "version", "max_amount_cents", "deciding_body", "created_at"]
    list_filter = ["municipality"]

    def has_change_permission(self, request, obj=None) -> bool:
        return False  # a new version is published through the spelregels page

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Voucher)
class VoucherAdmin(admin.ModelAdmin):
    list_display = ["code", "initiative", "amount_cents", "issued_at", "closed_at"]
    readonly_fields = ["initiative", "code", "amount_cents", "budget", "hold", "closed_at"]

    def has_add_permission(self, request) -> bool:
        return False


admin.site.register(Provider)
admin.site.register(Consultation)
admin.site.register(Pledge)
admin.site.register(ActieAssessment)
admin.site.register(ProjectCall)
admin.site.register(ConvenantProject)
