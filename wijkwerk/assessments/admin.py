"""Self-assessments in the admin, for reading. Instruments are shipped data (a stored version
never changes, see instruments/); assessments change only through the services, which check
the team, the scale and the versions, so everything here is read only."""

from django.contrib import admin

from wijkwerk.budgets.admin import ReadOnlyAdmin

from .models import Assessment, Instrument


@admin.register(Instrument)
class InstrumentAdmin(ReadOnlyAdmin):
    list_display = ["title", "key", "version", "audience"]


@admin.register(Assessment)
class AssessmentAdmin(ReadOnlyAdmin):
    list_display = ["title", "municipality", "area", "status", "shared_at"]
    list_filter = ["municipality", "status"]
