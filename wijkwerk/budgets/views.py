"""Public pages of the funds: what each partner put in, where the money is now (per wijk
budget, reserved for awarded initiatives, paid out), and every account's balance explained
line by line. Public funds are open to everyone (public money, no personal data); a fund
that is not public is seen only by those who manage the municipality's funds."""

from dataclasses import dataclass
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_GET

from wijkwerk.areas.models import Area, Municipality
from wijkwerk.areas.selectors import municipality_get
from wijkwerk.organisations.models import Organisation

from .models import Account, AccountKind, Entry, Fund
from .money import format_euros
from .selectors import account_statement, booking_entries, fund_list, fund_overview
from .selectors_public import budget_use_list

PAGE = 50


def _may_manage(request: HttpRequest, municipality: Municipality) -> bool:
    return request.user.has_perm("budgets.manage_fund", municipality)


def _fund(request: HttpRequest, municipality: Municipality, pk: int) -> Fund:
    fund = get_object_or_404(Fund, pk=pk, municipality=municipality)
    if not fund.is_public and not _may_manage(request, municipality):
        raise Http404
    return fund


@require_GET
def funds(request: HttpRequest, municipality: str) -> HttpResponse:
    place = municipality_get(slug=municipality)
    rows = []
    for fund in fund_list(municipality=place, public_only=not _may_manage(request, place)):
        overview = fund_overview(fund=fund)
        rows.append(
            {
                "fund": fund,
                "contributed": format_euros(overview.contributed_cents),
                "allocated": format_euros(overview.allocated_cents),
                "pool": format_euros(overview.pool_cents),
            }
        )
    context = {"municipality": place, "rows": rows, "may_manage": _may_manage(request, place)}
    return render(request, "budgets/fund_list.html", context)


@dataclass
class Line:
    label: str
    amount: str
    account: Account | None = None
    share: float | None = None
    extra: str = ""
    held: str = ""
    paid: str = ""


@require_GET
def fund_detail(request: HttpRequest, municipality: str, pk: int) -> HttpResponse:
    place = municipality_get(slug=municipality)
    fund = _fund(request, place, pk)
    overview = fund_overview(fund=fund)
    accounts = {a.pk: a for a in fund.accounts.all()}
    by_kind = {a.kind: a for a in accounts.values() if a.kind in ("pool", "paid")}
    contributors = [
        Line(
            c.organisation,
            format_euros(c.contributed_cents),
            account=accounts.get(c.account_id),
            share=overview.shares.get(c.organisation),
            extra=format_euros(c.promised_cents),
        )
        for c in overview.contributors
    ]
    use = budget_use_list(fund=fund)
    budgets = []
    for account in overview.budgets:
        spent = use.get(account.pk)
        budgets.append(
            Line(
                account.name,
                format_euros(account.balance_cents),
                account,
                held=format_euros(spent.held_cents if spent else 0),
                paid=format_euros(spent.paid_cents if spent else 0),
            )
        )
    context = {
        "municipality": place,
        "fund": fund,
        "contributors": contributors,
        "promised": format_euros(overview.promised_cents),
        "contributed": format_euros(overview.contributed_cents),
        "budgets": budgets,
        "budgets_total": format_euros(overview.budgets_cents),
        "budgets_held": format_euros(sum(u.held_cents for u in use.values())),
        "budgets_paid": format_euros(sum(u.paid_cents for u in use.values())),
        "pool": format_euros(overview.pool_cents),
        "held": format_euros(overview.held_cents),
        "paid": format_euros(overview.paid_cents),
        "pool_account": by_kind.get("pool"),
        "may_manage": _may_manage(request, place),
        "paid_account": by_kind.get("paid"),
    }
    return render(request, "budgets/fund_detail.html", context)


@dataclass
class StatementRow:
    entry: Entry
    amount: str
    balance: str


@require_GET
def account_detail(request: HttpRequest, municipality: str, pk: int, account: int) -> HttpResponse:
    """An account's balance explained: every booking, newest first, with the balance after
    it. Older lines page on with ?voor=<id of the last line shown>."""
    place = municipality_get(slug=municipality)
    fund = _fund(request, place, pk)
    found = get_object_or_404(Account.objects.select_related("area"), pk=account, fund=fund)
    if found.kind == AccountKind.HOLD and not _may_manage(request, place):
        # One rule with the API: a reservation per initiative or project is for the fund's
        # managers; everyone sees the reserved totals per budget on the fund page.
        raise Http404
    before_text = request.GET.get("voor", "")
    before: int | None = None
    error = ""
    if before_text:
        # ASCII digits only: str.isdigit() also accepts "²", which int() refuses.
        if before_text.isascii() and before_text.isdigit() and len(before_text) < 19:
            before = int(before_text)
        else:
            error = _("The page address is not valid; showing the newest bookings instead.")
    entries = account_statement(account=found, before_id=before, limit=PAGE + 1)
    more = len(entries) > PAGE
    entries = entries[:PAGE]
    context: dict[str, Any] = {
        "municipality": place,
        "fund": fund,
        "account": found,
        "balance": format_euros(found.balance_cents),
        "rows": [
            StatementRow(e, format_euros(e.amount_cents), format_euros(e.balance_after_cents))
            for e in entries
        ],
        "older": entries[-1].pk if more else None,
        "newest_link": before is not None,
        "error": error,
    }
    return render(request, "budgets/account_detail.html", context, status=400 if error else 200)


# The totals of the fund page, each with the accounts whose bookings make it up.
TOTALS: dict[str, tuple[tuple[str, ...], Any]] = {
    "bijdragen": ((AccountKind.SOURCE,), _lazy("Contributions of the partners")),
    "vrij": ((AccountKind.POOL,), _lazy("Not yet allocated")),
    "budgetten": ((AccountKind.BUDGET,), _lazy("In the budgets of wijken and rounds")),
    "gereserveerd": ((AccountKind.HOLD,), _lazy("Reserved for awarded initiatives and projects")),
    "uitgegeven": ((AccountKind.PAID,), _lazy("Spent")),
}


@dataclass
class BookingRow:
    entry: Entry
    amount: str
    account: str


def _number(text: str) -> int | None:
    if text.isascii() and text.isdigit() and len(text) < 19:
        return int(text)
    return None


@require_GET
def total_bookings(request: HttpRequest, municipality: str, pk: int, total: str) -> HttpResponse:
    """The bookings behind one total of the fund page ("vrij", "gereserveerd", …), newest
    first, optionally of one wijk (?wijk=) or one partner (?partner=). Reservations are
    shown with their amount and description; which account holds them stays for managers,
    as on the API."""
    place = municipality_get(slug=municipality)
    fund = _fund(request, place, pk)
    if total not in TOTALS:
        raise Http404
    kinds, label = TOTALS[total]
    filters = {}
    for key, name in (("wijk", "area_id"), ("partner", "organisation_id"), ("voor", "before_id")):
        text = request.GET.get(key, "")
        if text:
            number = _number(text)
            if number is None:
                raise Http404
            filters[name] = number
    area = None
    if "area_id" in filters:
        area = get_object_or_404(Area, pk=filters["area_id"], municipality=place)
    partner = None
    if "organisation_id" in filters:
        partner = get_object_or_404(Organisation, pk=filters["organisation_id"], municipality=place)
    entries = booking_entries(fund=fund, kinds=kinds, limit=PAGE + 1, **filters)
    more = len(entries) > PAGE
    entries = entries[:PAGE]
    manager = _may_manage(request, place)
    sign = -1 if total == "bijdragen" else 1  # a contribution is minus on its partner's account
    accounts = Account.objects.filter(fund=fund, kind__in=kinds)
    if area is not None:
        accounts = accounts.filter(area=area)
    if partner is not None:
        accounts = accounts.filter(organisation=partner)
    context: dict[str, Any] = {
        "municipality": place,
        "fund": fund,
        "label": label,
        "area": area,
        "partner": partner,
        "balance": format_euros(sign * sum(a.balance_cents for a in accounts)),
        "rows": [
            BookingRow(
                e,
                format_euros(sign * e.amount_cents),
                e.account.name
                if manager or e.account.kind != AccountKind.HOLD
                else _("a reservation"),
            )
            for e in entries
        ],
        "older": entries[-1].pk if more else None,
        "query": "&".join(f"{k}={request.GET[k]}" for k in ("wijk", "partner") if k in request.GET),
    }
    return render(request, "budgets/total_bookings.html", context)
