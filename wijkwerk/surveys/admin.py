"""Surveys in the admin: reading and small corrections of texts. Responses, answers and
codes are not shown at all (they are anonymous); questions and status change through the
services, which refuse to change questions once answers exist, so here they are read only."""

from django.contrib import admin

from .models import Question, Survey


class QuestionInline(admin.TabularInline):
    model = Question
    extra = 0
    fields = ["position", "key", "kind", "text", "required"]
    readonly_fields = fields
    can_delete = False


@admin.register(Survey)
class SurveyAdmin(admin.ModelAdmin):
    list_display = ["title", "municipality", "area", "opens_on", "closes_on", "status"]
    list_filter = ["municipality", "status", "series"]
    search_fields = ["title"]
    readonly_fields = ["status", "series", "created_by"]
    inlines = [QuestionInline]
