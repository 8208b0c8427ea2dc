"""Setting up a fund with the partners' agreed shares (the convenant of € 555.000 a year,
half of it from the corporatie): one service, so that a fund never exists with shares that
do not add up to 100 %."""

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from wijkwerk.areas.models import Municipality
from wijkwerk.core.services import audit_log
from wijkwerk.organisations.models import Organisation

from .models import Fund, FundContributor
from .services import check_perm, fund_create, source_account

WHOLE = 10_000  # 100 % in hundredths of a per cent


def _percent(basis_points: int) -> str:
    return f"{basis_points / 100:g}".replace(".", ",")


def shares_check(
    *, municipality: Municipality, shares: Sequence[tuple[Organisation, int]]
) -> list[str]:
    """What is wrong with a list of (partner, share in hundredths of a per cent)."""
    if not shares:
        return [_("Name at least one partner with its share.")]
    problems = []
    seen: set[int] = set()
    for organisation, points in shares:
        if organisation.municipality_id != municipality.pk:
            problems.append(
                _("%(partner)s works in another municipality.") % {"partner": organisation}
            )
        if organisation.pk in seen:
            problems.append(_("%(partner)s is named twice.") % {"partner": organisation})
        seen.add(organisation.pk)
        if not 0 < points <= WHOLE:
            problems.append(
                _("The share of %(partner)s must be more than 0 %% and at most 100 %%.")
                % {"partner": organisation}
            )
    total = sum(points for _organisation, points in shares)
    if total != WHOLE:
        problems.append(
            _("The shares add up to %(total)s %%; together they must be exactly 100 %%.")
            % {"total": _percent(total)}
        )
    return problems


def _promised(amount_cents: int, shares: Sequence[tuple[Organisation, int]]) -> list[int]:
    """Each partner's part of the amount; the cents lost by rounding go to the largest share,
    so the parts add up to the amount exactly."""
    parts = [amount_cents * points // WHOLE for _organisation, points in shares]
    if parts:
        largest = max(range(len(shares)), key=lambda i: shares[i][1])
        parts[largest] += amount_cents - sum(parts)
    return parts


@transaction.atomic
def fund_setup(
    *,
    municipality: Municipality,
    actor: Any,
    name: str,
    kind: str,
    year: int,
    amount_cents: int,
    shares: Sequence[tuple[Organisation, int]],
    description: str = "",
    is_public: bool = True,
) -> Fund:
    """Create a fund with what it holds a year and each partner's share of it. Refused as a
    whole (nothing written) when the shares do not add up to 100 %."""
    check_perm(actor, "budgets.manage_fund", municipality)
    errors: dict[str, list[str]] = {}
    if not isinstance(amount_cents, int) or amount_cents <= 0:
        errors["amount"] = [_("Enter what the partners put into the fund together.")]
    problems = shares_check(municipality=municipality, shares=shares)
    if problems:
        errors["shares"] = problems
    try:
        fund = fund_create(
            municipality=municipality,
            actor=actor,
            name=name,
            kind=kind,
            year=year,
            description=description,
            is_public=is_public,
        )
    except ValidationError as error:
        raise ValidationError({**error.message_dict, **errors}) from None
    if errors:
        raise ValidationError(errors)  # rolls the fund back with the rest
    for (organisation, points), promised in zip(
        shares, _promised(amount_cents, shares), strict=True
    ):
        FundContributor.objects.create(
            fund=fund,
            organisation=organisation,
            promised_cents=promised,
            share_basis_points=points,
        )
        source_account(fund, organisation)
    audit_log(
        actor=actor,
        action="budgets.fund_setup",
        target=fund,
        changes={
            "amount_cents": amount_cents,
            "shares": {str(o): _percent(p) for o, p in shares},
        },
        municipality_code=municipality.code,
    )
    return fund
