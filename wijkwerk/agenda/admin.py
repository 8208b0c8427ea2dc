from django.contrib import admin

from .models import (
    AgendaItem,
    AgendaItemUpdate,
    AgendaReview,
    DevelopmentPlan,
    Goal,
    PlannedAction,
    Theme,
)


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "municipality"]
    list_filter = ["municipality", "kind"]
    search_fields = ["name"]


class GoalInline(admin.StackedInline):
    model = Goal
    extra = 0
    show_change_link = True


@admin.register(DevelopmentPlan)
class DevelopmentPlanAdmin(admin.ModelAdmin):
    list_display = ["title", "area", "first_year", "adopted_on", "last_revised_on"]
    list_filter = ["area__municipality"]
    search_fields = ["title", "area__name"]
    autocomplete_fields = ["area"]
    inlines = [GoalInline]


class PlannedActionInline(admin.TabularInline):
    model = PlannedAction
    extra = 0
    autocomplete_fields = ["owner_organisation"]


@admin.register(Goal)
class GoalAdmin(admin.ModelAdmin):
    list_display = ["title", "plan", "theme"]
    search_fields = ["title"]
    inlines = [PlannedActionInline]


class AgendaItemUpdateInline(admin.TabularInline):
    model = AgendaItemUpdate
    extra = 0
    readonly_fields = ["created_at", "author", "text", "status_before", "status_after"]
    can_delete = False


@admin.register(AgendaItem)
class AgendaItemAdmin(admin.ModelAdmin):
    """Read-mostly: answers and progress go through the services (and so the audit log)."""

    list_display = ["title", "area", "year", "status", "verdict", "owner_organisation"]
    list_filter = ["area__municipality", "status", "verdict", "source", "year"]
    search_fields = ["title", "area__name"]
    readonly_fields = [
        "status",
        "verdict",
        "motivation",
        "conditions",
        "answer_by",
        "answered_at",
        "answered_by",
        "proposed_by",
        "completed_at",
    ]
    autocomplete_fields = ["area", "buurt", "owner_organisation", "owner_person", "theme"]
    inlines = [AgendaItemUpdateInline]


@admin.register(AgendaReview)
class AgendaReviewAdmin(admin.ModelAdmin):
    list_display = ["title", "area", "year", "held_on"]
    list_filter = ["area__municipality", "year"]

    def has_change_permission(self, request, obj=None):
        return False
