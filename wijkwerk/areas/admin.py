from django.contrib import admin

from .models import Area, Municipality


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "agenda_answered_by"]
    search_fields = ["code", "name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind", "parent", "municipality"]
    list_filter = ["municipality", "kind"]
    search_fields = ["code", "name"]
    autocomplete_fields = ["parent"]
