"""Serializers of the ledger API. Amounts are whole cents (`*_cents`), never floats."""

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from wijkwerk.areas.api.fields import municipality_ref_field, wijk_ref_field
from wijkwerk.organisations.models import Organisation

from ..models import Account, AccountKind, Entry, Fund, FundKind, LedgerTransaction

MAX_CENTS = 10**13  # € 100 billion: far above any fund, far below BigInteger overflow
MAX_ID = 2**63 - 1  # ids are BigAutoFields; a larger number would overflow the query


def _id(**kwargs: Any) -> serializers.IntegerField:
    return serializers.IntegerField(min_value=1, max_value=MAX_ID, **kwargs)


def _cents(**kwargs: Any) -> serializers.IntegerField:
    return serializers.IntegerField(min_value=1, max_value=MAX_CENTS, **kwargs)


def _key() -> serializers.CharField:
    return serializers.CharField(
        max_length=80,
        required=False,
        allow_null=True,
        default=None,
        help_text=_(
            "Send the same key again when retrying: the money is booked only once and the "
            "first booking comes back. A key used before for another booking is refused."
        ),
    )


class FundSerializer(serializers.ModelSerializer):
    municipality = serializers.CharField(source="municipality.code", read_only=True)

    class Meta:
        model = Fund
        fields = ["id", "municipality", "name", "kind", "year", "description", "is_public"]


class LedgerAccountSerializer(serializers.ModelSerializer):
    area = serializers.CharField(source="area.code", read_only=True, allow_null=True, default=None)
    organisation = serializers.CharField(
        source="organisation.name", read_only=True, allow_null=True, default=None
    )

    class Meta:
        model = Account
        fields = ["id", "fund", "kind", "name", "area", "organisation", "balance_cents"]


class ContributorSerializer(serializers.Serializer):
    organisation = serializers.CharField()
    promised_cents = serializers.IntegerField()
    contributed_cents = serializers.IntegerField()


class FundDetailSerializer(FundSerializer):
    """A fund with where its money is now, from account balances."""

    contributors = ContributorSerializer(many=True, source="overview.contributors")
    contributed_cents = serializers.IntegerField(source="overview.contributed_cents")
    promised_cents = serializers.IntegerField(source="overview.promised_cents")
    pool_cents = serializers.IntegerField(source="overview.pool_cents")
    budgets = LedgerAccountSerializer(many=True, source="overview.budgets")
    budgets_cents = serializers.IntegerField(source="overview.budgets_cents")
    held_cents = serializers.IntegerField(source="overview.held_cents")
    paid_cents = serializers.IntegerField(source="overview.paid_cents")

    class Meta(FundSerializer.Meta):
        fields = [
            *FundSerializer.Meta.fields,
            "contributors",
            "contributed_cents",
            "promised_cents",
            "pool_cents",
            "budgets",
            "budgets_cents",
            "held_cents",
            "paid_cents",
        ]


class LineSerializer(serializers.ModelSerializer):
    """One line of a booking. On a reservation, which account it is and its balance after
    are shown only to those who manage the fund (null for anyone else)."""

    # The views set `show_reservations` in the context for those managers.

    account = serializers.SerializerMethodField()
    account_name = serializers.SerializerMethodField()
    account_kind = serializers.ChoiceField(
        source="account.kind", choices=AccountKind.choices, read_only=True
    )
    balance_after_cents = serializers.SerializerMethodField()

    class Meta:
        model = Entry
        fields = [
            "id",
            "account",
            "account_name",
            "account_kind",
            "amount_cents",
            "balance_after_cents",
        ]

    def _shown(self, entry: Entry) -> bool:
        return entry.account.kind != AccountKind.HOLD or bool(self.context.get("show_reservations"))

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_account(self, entry: Entry) -> int | None:
        return entry.account_id if self._shown(entry) else None

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_account_name(self, entry: Entry) -> str | None:
        return entry.account.name if self._shown(entry) else None

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_balance_after_cents(self, entry: Entry) -> int | None:
        return entry.balance_after_cents if self._shown(entry) else None


class LedgerTransactionSerializer(serializers.ModelSerializer):
    entries = LineSerializer(many=True)

    class Meta:
        model = LedgerTransaction
        fields = [
            "id",
            "fund",
            "kind",
            "memo",
            "created_at",
            "reference_kind",
            "reference_id",
            "reverses",
            "entries",
        ]


class StatementLineSerializer(serializers.ModelSerializer):
    """One line of an account's explanation."""

    transaction = serializers.IntegerField(source="transaction_id")
    kind = serializers.CharField(source="transaction.kind")
    memo = serializers.CharField(source="transaction.memo")
    created_at = serializers.DateTimeField(source="transaction.created_at")

    class Meta:
        model = Entry
        fields = [
            "id",
            "transaction",
            "kind",
            "memo",
            "created_at",
            "amount_cents",
            "balance_after_cents",
        ]


class StatementSerializer(serializers.Serializer):
    next = serializers.URLField(allow_null=True)
    results = StatementLineSerializer(many=True)


# --- input ---------------------------------------------------------------------------------


class FundFilterSerializer(serializers.Serializer):
    municipality = municipality_ref_field(required=False)


class AccountFilterSerializer(serializers.Serializer):
    fund = _id(help_text=_("Id of the fund"))


class StatementFilterSerializer(serializers.Serializer):
    before = _id(required=False, help_text=_("Show the lines older than this entry id"))
    limit = serializers.IntegerField(min_value=1, max_value=200, default=50)


class FundCreateSerializer(serializers.Serializer):
    municipality = municipality_ref_field()
    name = serializers.CharField(max_length=160)
    kind = serializers.ChoiceField(choices=FundKind.choices)
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    description = serializers.CharField(required=False, allow_blank=True, default="")
    is_public = serializers.BooleanField(default=True)


def _organisation() -> serializers.PrimaryKeyRelatedField:
    return serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.all(),
        error_messages={"does_not_exist": _("There is no organisation with id {pk_value}.")},
    )


class ContributorInputSerializer(serializers.Serializer):
    organisation = _organisation()
    promised_cents = serializers.IntegerField(min_value=0, max_value=MAX_CENTS)
    note = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


class ContributionInputSerializer(serializers.Serializer):
    organisation = _organisation()
    amount_cents = _cents()
    memo = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    idempotency_key = _key()


class AllocationInputSerializer(serializers.Serializer):
    area = wijk_ref_field()
    amount_cents = _cents()
    memo = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    idempotency_key = _key()


class ReturnInputSerializer(serializers.Serializer):
    account = _id(help_text=_("Id of the budget account"))
    amount_cents = _cents()
    memo = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


class ReverseInputSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=300)
