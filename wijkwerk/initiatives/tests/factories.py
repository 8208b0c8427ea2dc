"""Factories and small builders for initiative tests. Money is booked through services."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from wijkwerk.budgets import services as ledger
from wijkwerk.budgets.models import Fund, FundKind
from wijkwerk.initiatives import services
from wijkwerk.initiatives.models import DecidingBody


def ruleset_for(municipality, actor, **overrides):
    values = {
        "max_amount_cents": 250_000,
        "deciding_body": DecidingBody.REGIEGROEP,
        "min_initiators": 2,
        "checklist": "Goed voor de wijk\nVeilig uit te voeren",
        "excluded": "Commerciële activiteiten",
    }
    values.update(overrides)
    return services.ruleset_publish(municipality=municipality, actor=actor, **values)


def funded_budget(*, wijk, treasurer, organisation, cents=1_000_000):
    """A wijkbudget of `cents` in a fresh fund, contributed by `organisation`."""
    fund = Fund.objects.create(
        municipality=wijk.municipality,
        name=f"Wijkbudgetten {Fund.objects.count()}",
        kind=FundKind.WIJKBUDGET,
        year=2026,
    )
    ledger.fund_contributor_set(
        fund=fund, organisation=organisation, actor=treasurer, promised_cents=cents
    )
    ledger.contribution_record(
        fund=fund, organisation=organisation, actor=treasurer, amount_cents=cents
    )
    ledger.allocation_record(fund=fund, area=wijk, actor=treasurer, amount_cents=cents)
    return ledger.wijkbudget_account(fund, wijk)


def png_upload(name="bon.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def pdf_upload(name="bon.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(
        name, b"%PDF-1.4\n%\xe2\xe3\n1 0 obj<<>>endobj\n%%EOF\n", "application/pdf"
    )


def draft(*, wijk, resident, requested_cents=40_000, co_initiator=True, **overrides):
    values = {
        "title": "Buurtfeest in de Linie",
        "summary": "Een feest op het plein voor alle buren.",
        "purpose": "Buren leren elkaar kennen.",
        "requested_cents": requested_cents,
        "postcode": "1781 AB",
        "house_number": "12",
    }
    values.update(overrides)
    initiative = services.initiative_create(area=wijk, actor=resident, **values)
    if co_initiator:
        services.participant_add(
            initiative=initiative,
            actor=resident,
            name="Buurvrouw Ans",
            postcode="1781 AC",
            house_number="3",
        )
    return initiative


def submitted(wijk, resident, **kwargs):
    initiative = draft(wijk=wijk, resident=resident, **kwargs)
    return services.initiative_submit(initiative=initiative, actor=resident)


def tick_all(initiative, member):
    for point in services.checklist_points(initiative.ruleset):
        services.checklist_answer(initiative=initiative, actor=member, point=point, met=True)


def awarded(wijk, resident, member, budget, **kwargs):
    initiative = submitted(wijk, resident, **kwargs)
    tick_all(initiative, member)
    services.initiative_award(
        initiative=initiative, actor=member, budget=budget, reason="Goed plan"
    )
    initiative.refresh_from_db()
    return initiative
