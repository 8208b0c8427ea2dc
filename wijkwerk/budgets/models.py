"""Funds, wijkbudgets and the append-only double-entry ledger.

Partners pool money in a *fund*. Every euro that moves is a *ledger transaction* with two
or more *entries* (one per account) that add up to zero, so money is never created or lost
inside the ledger. Accounts:

- **source** — one per contributing partner per fund; money enters the fund from here, so
  its balance is minus what that partner has contributed (the only kind that may go below 0);
- **pool** — the fund's money not yet given to a wijk or round;
- **budget** — a wijkbudget (fund × wijk) or a round's budget, over which residents decide;
- **hold** — money reserved for one purpose: an awarded voucher, a project, a pledge;
- **paid** — money that has left the ledger as payment (receipts, providers).

Balances are kept on the account row and written only by `services._post`, under a row lock,
in the same transaction as the entries; each entry also stores the balance after it, so a
balance and its line-by-line explanation never need a scan of all entries.
`selectors.ledger_verify` recomputes everything from the entries. Entries and transactions
are never changed or deleted (database triggers enforce it); a correction is a new
transaction that reverses an earlier one.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wijkwerk.areas.models import Municipality, area_key
from wijkwerk.organisations.models import Organisation


class FundKind(models.TextChoices):
    WIJKBUDGET = "wijkbudget", _("pooled wijk and village budgets")
    CONVENANT = "convenant", _("convenant fund for joint projects")
    SMEEROLIE = "smeerolie", _("small-ideas budget (smeeroliebudget)")


class Fund(models.Model):
    municipality = models.ForeignKey(
        Municipality, verbose_name=_("municipality"), on_delete=models.PROTECT, related_name="funds"
    )
    name = models.CharField(_("name"), max_length=160)
    kind = models.CharField(_("kind"), max_length=20, choices=FundKind.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    description = models.TextField(_("description"), blank=True)
    is_public = models.BooleanField(
        _("public"), default=True, help_text=_("Show contributions and spending publicly.")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("fund")
        verbose_name_plural = _("funds")
        ordering = ["-year", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "name", "year"], name="fund_name_per_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.year}"


class FundContributor(models.Model):
    """A partner's agreed share in a fund: what it promised; the ledger shows what it paid."""

    fund = models.ForeignKey(
        Fund, verbose_name=_("fund"), on_delete=models.CASCADE, related_name="contributors"
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT
    )
    promised_cents = models.BigIntegerField(_("promised amount (cents)"), default=0)
    # The partner's agreed share of the fund in hundredths of a per cent (5000 = 50 %);
    # 0 where the fund was set up by amounts only. The shares of a fund add up to 100 %.
    share_basis_points = models.PositiveIntegerField(
        _("share (hundredths of a per cent)"), default=0
    )
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("fund contributor")
        verbose_name_plural = _("fund contributors")
        ordering = ["-promised_cents", "organisation__name"]
        constraints = [
            models.UniqueConstraint(fields=["fund", "organisation"], name="one_share_per_partner"),
            models.CheckConstraint(
                condition=Q(promised_cents__gte=0), name="promised_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(share_basis_points__lte=10_000), name="share_at_most_everything"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} → {self.fund}"


class AccountKind(models.TextChoices):
    SOURCE = "source", _("contributions of a partner")
    POOL = "pool", _("not yet allocated")
    BUDGET = "budget", _("budget")
    HOLD = "hold", _("reserved")
    PAID = "paid", _("paid out")


class Account(models.Model):
    fund = models.ForeignKey(
        Fund, verbose_name=_("fund"), on_delete=models.PROTECT, related_name="accounts"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=AccountKind.choices)
    name = models.CharField(_("name"), max_length=200)
    area = area_key(_("wijk or village"), "budget_accounts", optional=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # What the account is held for, by a generic reference so that the ledger never
    # imports the apps above it ("initiatives.voucher", 12).
    owner_kind = models.CharField(_("held for (kind)"), max_length=60, blank=True)
    owner_id = models.PositiveBigIntegerField(_("held for (id)"), null=True, blank=True)
    balance_cents = models.BigIntegerField(_("balance (cents)"), default=0, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("ledger account")
        verbose_name_plural = _("ledger accounts")
        ordering = ["fund", "kind", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="source") | Q(balance_cents__gte=0),
                name="account_balance_not_negative",
            ),
            models.UniqueConstraint(
                fields=["fund"], condition=Q(kind="pool"), name="one_pool_per_fund"
            ),
            models.UniqueConstraint(
                fields=["fund"], condition=Q(kind="paid"), name="one_paid_account_per_fund"
            ),
            models.UniqueConstraint(
                fields=["fund", "organisation"],
                condition=Q(kind="source"),
                name="one_source_per_partner",
            ),
            models.UniqueConstraint(
                fields=["fund", "area"],
                condition=Q(kind="budget", owner_kind=""),
                name="one_wijkbudget_per_fund",
            ),
            models.UniqueConstraint(
                fields=["fund", "kind", "owner_kind", "owner_id"],
                condition=~Q(owner_kind=""),
                name="one_account_per_owner",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class TransactionKind(models.TextChoices):
    CONTRIBUTION = "contribution", _("contribution")
    ALLOCATION = "allocation", _("allocation")
    RESERVATION = "reservation", _("reservation")
    AWARD = "award", _("award")
    PAYMENT = "payment", _("payment")
    REFUND = "refund", _("refund")
    RETURN = "return", _("return of unspent money")
    CORRECTION = "correction", _("correction")


class LedgerTransaction(models.Model):
    fund = models.ForeignKey(
        Fund, verbose_name=_("fund"), on_delete=models.PROTECT, related_name="transactions"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=TransactionKind.choices)
    memo = models.CharField(_("description"), max_length=300)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("booked by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("booked at"), auto_now_add=True)
    reference_kind = models.CharField(_("for (kind)"), max_length=60, blank=True)
    reference_id = models.PositiveBigIntegerField(_("for (id)"), null=True, blank=True)
    reverses = models.OneToOneField(
        "self",
        verbose_name=_("corrects"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reversed_by",
    )
    # A client that retries a request sends the same key and gets the first result back,
    # so a double click or a lost response never books money twice.
    idempotency_key = models.CharField(max_length=80, null=True, blank=True, unique=True)

    class Meta:
        verbose_name = _("ledger transaction")
        verbose_name_plural = _("ledger transactions")
        ordering = ["-id"]
        indexes = [models.Index(fields=["reference_kind", "reference_id"])]

    def __str__(self) -> str:
        return f"#{self.pk} {self.get_kind_display()}: {self.memo}"


class Entry(models.Model):
    transaction = models.ForeignKey(
        LedgerTransaction,
        verbose_name=_("transaction"),
        on_delete=models.PROTECT,
        related_name="entries",
    )
    account = models.ForeignKey(
        Account, verbose_name=_("account"), on_delete=models.PROTECT, related_name="entries"
    )
    amount_cents = models.BigIntegerField(_("amount (cents)"))
    balance_after_cents = models.BigIntegerField(_("balance after (cents)"))

    class Meta:
        verbose_name = _("ledger entry")
        verbose_name_plural = _("ledger entries")
        ordering = ["-id"]
        indexes = [models.Index(fields=["account", "-id"], name="entry_account_recent")]
        constraints = [
            models.CheckConstraint(condition=~Q(amount_cents=0), name="entry_not_zero"),
        ]

    def __str__(self) -> str:
        return f"{self.account}: {self.amount_cents}"
