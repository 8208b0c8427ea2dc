"""Categories, terms and routing are set up in the admin by the functioneel beheerder;
reports themselves are handled on the pages (status changes go through the services)."""

from django.contrib import admin

from .models import Category, RecurringPattern, Report, RoutingRule


class RoutingInline(admin.TabularInline):
    model = RoutingRule
    extra = 0


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["__str__", "code", "handling_days", "day_type", "organisation", "is_active"]
    list_filter = ["municipality", "day_type", "is_active"]
    search_fields = ["name", "code"]
    inlines = [RoutingInline]


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ["id", "category", "wijk", "status", "created_at", "deadline", "escalated_at"]
    list_filter = ["status", "municipality", "channel"]
    readonly_fields = [f.name for f in Report._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False


admin.site.register(RecurringPattern)
