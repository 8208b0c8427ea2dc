"""Builders for agreements tests: everything is made through the services."""

import datetime

from wijkwerk.agreements import services
from wijkwerk.agreements.models import Agreement, AgreementKind, Unit
from wijkwerk.agreements.services import PartyInput


def draft(*, area, actor, owner, partners, **values) -> Agreement:
    """A draft prestatieafspraak for 2026 (quarterly reports) between owner and partners."""
    values.setdefault("kind", AgreementKind.PERFORMANCE)
    values.setdefault("title", "Meer bewoners actief in de wijk")
    values.setdefault("reason", "Leefbaarheid: bewoners kennen elkaar beter.")
    values.setdefault("approach", "Opbouwwerk organiseert buurtactiviteiten.")
    values.setdefault("starts_on", datetime.date(2026, 1, 1))
    values.setdefault("ends_on", datetime.date(2026, 12, 31))
    values.setdefault("indicator", "Aantal actieve bewoners")
    values.setdefault("unit", Unit.NUMBER)
    values.setdefault("baseline", 20)
    values.setdefault("target", 50)
    parties = values.pop(
        "parties",
        [PartyInput(organisation=owner, money_cents=1_000_000, hours=200)]
        + [PartyInput(organisation=p, money_cents=500_000, hours=100) for p in partners],
    )
    values.setdefault("owner_organisation", owner)
    return services.agreement_create(
        municipality=area.municipality,
        area=area,
        actor=actor,
        parties=parties,
        **values,
    )


def in_force(agreement: Agreement, *, manager, signers) -> Agreement:
    """Send out and let every party sign (signers: one person per party)."""
    services.agreement_submit(agreement=agreement, actor=manager)
    for party, person in zip(agreement.parties.order_by("id"), signers, strict=True):
        services.agreement_sign(agreement=agreement, party=party, actor=person)
    agreement.refresh_from_db()
    return agreement
