"""The demo's agreements: a three-party prestatieafspraak in De Schooten with reports (one
disputed and answered), residents adopting a playground, and a buurtbeheerbedrijf paid from a
fund through the ledger."""

from io import StringIO

import pytest
from django.core.management import call_command

from wijkwerk.agreements.models import Agreement, AgreementKind, AgreementStatus, Dispute
from wijkwerk.budgets.models import Account
from wijkwerk.budgets.selectors import ledger_verify


@pytest.fixture(autouse=True)
def _fast_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.mark.django_db
def test_the_demo_has_agreements_in_force_with_reports_a_dispute_and_management_money():
    call_command("demo", stdout=StringIO())
    agreements = Agreement.objects.filter(area__code="WK040005")
    assert set(agreements.values_list("status", flat=True)) == {AgreementStatus.IN_FORCE}
    leefbaar = agreements.get(kind=AgreementKind.PERFORMANCE)
    assert {p.organisation.kind for p in leefbaar.parties.all()} == {
        "gemeente",
        "corporatie",
        "welzijn",
    }
    assert leefbaar.periods.filter(report__isnull=False).count() == 4
    dispute = Dispute.objects.get()
    assert dispute.report.period.agreement == leefbaar and dispute.response
    playground = agreements.get(kind=AgreementKind.RESIDENT_MANAGEMENT)
    assert playground.owner_organisation.kind == "bewoners"
    assert playground.geometry["type"] == "Point"
    beheer = agreements.get(kind=AgreementKind.BUURTBEHEER)
    hold = Account.objects.get(pk=beheer.hold_id)
    assert hold.balance_cents == 3_600_000  # € 48.000 reserved, € 12.000 paid
    assert ledger_verify() == []
    call_command("demo", "--reset", stdout=StringIO())
    assert Agreement.objects.filter(area__code="WK040005").count() == 3
