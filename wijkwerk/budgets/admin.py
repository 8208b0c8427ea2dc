"""Funds are edited in the admin; the ledger is read-only there (bookings go through services)."""

from django.contrib import admin

from .models import Account, Entry, Fund, FundContributor, LedgerTransaction


class ContributorInline(admin.TabularInline):
    model = FundContributor
    extra = 0


@admin.register(Fund)
class FundAdmin(admin.ModelAdmin):
    list_display = ["name", "year", "kind", "municipality", "is_public"]
    list_filter = ["kind", "year", "municipality"]
    search_fields = ["name"]
    inlines = [ContributorInline]


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Account)
class AccountAdmin(ReadOnlyAdmin):
    list_display = ["name", "fund", "kind", "balance_cents"]
    list_filter = ["kind", "fund"]
    search_fields = ["name"]


class EntryInline(admin.TabularInline):
    model = Entry
    extra = 0
    can_delete = False
    fields = ["account", "amount_cents", "balance_after_cents"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(LedgerTransaction)
class LedgerTransactionAdmin(ReadOnlyAdmin):
    list_display = ["id", "created_at", "fund", "kind", "memo", "actor"]
    list_filter = ["kind", "fund"]
    search_fields = ["memo"]
    inlines = [EntryInline]
