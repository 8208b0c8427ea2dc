"""The rules of agreements: drafting with every field checked, signing by each party,
reporting per period, disputes, management money on the ledger and reminders."""

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from wijkwerk.agreements import services
from wijkwerk.agreements.models import (
    Agreement,
    AgreementKind,
    AgreementStatus,
    Dispute,
    ProgressReport,
    ReportingPeriod,
    Signature,
    Unit,
)
from wijkwerk.agreements.reminders import overdue_period_ids
from wijkwerk.agreements.services import PartyInput
from wijkwerk.budgets.models import Account, LedgerTransaction
from wijkwerk.budgets.selectors import ledger_verify
from wijkwerk.core.models import AuditEvent

from .factories import draft, in_force

pytestmark = pytest.mark.django_db


def _errors(excinfo) -> dict:
    return excinfo.value.message_dict


# --- drafting: every bad input refused, nothing saved ---------------------------------------


@pytest.mark.parametrize(
    "missing, field, message",
    [
        ("owner_organisation", "owner_organisation", "needs an owner"),
        ("indicator", "indicator", "give an indicator"),
        ("starts_on", "starts_on", "from which the agreement applies"),
        ("ends_on", "ends_on", "until which the agreement applies"),
        ("target", "target", "Give the target"),
        ("title", "title", "what is agreed"),
    ],
)
def test_an_agreement_without_owner_indicator_date_or_target_is_refused(
    wijk, wijkmanager, gemeente_org, corporatie, missing, field, message
):
    values = {missing: None if missing != "indicator" and missing != "title" else ""}
    with pytest.raises(ValidationError) as excinfo:
        draft(area=wijk, actor=wijkmanager, owner=gemeente_org, partners=[corporatie], **values)
    assert message in " ".join(_errors(excinfo)[field])
    assert not Agreement.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="agreements.").exists()


@pytest.mark.parametrize(
    "unit, target, message",
    [
        (Unit.YES_NO, 250, "give yes or no"),
        (Unit.PERCENT, 150, "between 0 and 100"),
        (Unit.NUMBER, "2.5", "whole number"),
        (Unit.HOURS, "drie", "Give a number"),
        (Unit.EURO, "10.005", "two decimals"),
        (Unit.NUMBER, True, "not yes or no"),
        (Unit.NUMBER, -3, "cannot be negative"),
    ],
)
def test_a_target_of_the_wrong_unit_is_refused(
    wijk, wijkmanager, gemeente_org, corporatie, unit, target, message
):
    with pytest.raises(ValidationError) as excinfo:
        draft(
            area=wijk,
            actor=wijkmanager,
            owner=gemeente_org,
            partners=[corporatie],
            unit=unit,
            target=target,
            baseline=None,
        )
    assert message in " ".join(_errors(excinfo)["target"])
    assert not Agreement.objects.exists()


def test_targets_in_their_own_unit_are_kept(wijk, wijkmanager, gemeente_org, corporatie):
    made = draft(
        area=wijk,
        actor=wijkmanager,
        owner=gemeente_org,
        partners=[corporatie],
        unit=Unit.YES_NO,
        target="ja",
        baseline="nee",
    )
    assert (made.target, made.baseline) == (Decimal(1), Decimal(0))


def test_end_before_start_one_party_and_foreign_organisations_are_refused(
    wijk, wijkmanager, gemeente_org
):
    from wijkwerk.organisations.tests.factories import OrganisationFactory

    elsewhere = OrganisationFactory(name="Gemeente Elders")
    with pytest.raises(ValidationError) as excinfo:
        draft(
            area=wijk,
            actor=wijkmanager,
            owner=gemeente_org,
            partners=[],
            starts_on=datetime.date(2026, 6, 1),
            ends_on=datetime.date(2026, 1, 1),
        )
    errors = _errors(excinfo)
    assert "lies before the start date" in errors["ends_on"][0]
    assert "at least two organisations" in errors["parties"][0]
    with pytest.raises(ValidationError) as excinfo:
        draft(area=wijk, actor=wijkmanager, owner=gemeente_org, partners=[elsewhere])
    assert "another municipality" in _errors(excinfo)["parties"][0]
    assert not Agreement.objects.exists()


def test_only_the_wijk_staff_draft_agreements(wijk, corporatie_staff, gemeente_org, corporatie):
    with pytest.raises(PermissionDenied):
        draft(area=wijk, actor=corporatie_staff, owner=gemeente_org, partners=[corporatie])
    assert not Agreement.objects.exists()


def test_the_owner_is_always_a_party(wijk, wijkmanager, gemeente_org, corporatie):
    made = draft(
        area=wijk,
        actor=wijkmanager,
        owner=gemeente_org,
        partners=[corporatie],
        parties=[PartyInput(organisation=corporatie, hours=10)],
    )
    assert {p.organisation for p in made.parties.all()} == {gemeente_org, corporatie}


# --- signing ----------------------------------------------------------------------------------


@pytest.fixture
def three_party(wijk, wijkmanager, gemeente_org, corporatie, welzijn):
    return draft(area=wijk, actor=wijkmanager, owner=gemeente_org, partners=[corporatie, welzijn])


def test_every_party_signs_for_itself_and_then_it_is_in_force(
    three_party, wijkmanager, corporatie_staff, welzijn_staff, corporatie
):
    agreement = three_party
    services.agreement_submit(agreement=agreement, actor=wijkmanager)
    gemeente_party, corporatie_party, welzijn_party = agreement.parties.order_by("id")
    with pytest.raises(PermissionDenied):
        services.agreement_sign(agreement=agreement, party=welzijn_party, actor=corporatie_staff)
    services.agreement_sign(
        agreement=agreement, party=corporatie_party, actor=corporatie_staff, remark="Akkoord."
    )
    with pytest.raises(ValidationError, match="already signed"):
        services.agreement_sign(agreement=agreement, party=corporatie_party, actor=corporatie_staff)
    services.agreement_sign(agreement=agreement, party=gemeente_party, actor=wijkmanager)
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.TO_SIGN
    assert not agreement.periods.exists()
    services.agreement_sign(agreement=agreement, party=welzijn_party, actor=welzijn_staff)
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.IN_FORCE
    assert [str(p.starts_on) for p in agreement.periods.all()] == [
        "2026-01-01",
        "2026-04-01",
        "2026-07-01",
        "2026-10-01",
    ]
    signature = Signature.objects.get(party=corporatie_party)
    assert (signature.signed_by, signature.remark, signature.version) == (
        corporatie_staff,
        "Akkoord.",
        1,
    )
    actions = list(
        AuditEvent.objects.for_target(agreement).order_by("id").values_list("action", flat=True)
    )
    assert actions == [
        "agreements.create",
        "agreements.submit",
        "agreements.sign",
        "agreements.sign",
        "agreements.sign",
        "agreements.in_force",
    ]


def test_a_change_to_a_signed_proposal_voids_the_signatures(
    three_party, wijkmanager, corporatie_staff
):
    agreement = three_party
    services.agreement_submit(agreement=agreement, actor=wijkmanager)
    corporatie_party = agreement.parties.order_by("id")[1]
    services.agreement_sign(agreement=agreement, party=corporatie_party, actor=corporatie_staff)
    services.agreement_update(
        agreement=agreement, actor=wijkmanager, target=60, reason_for_change="Hoger doel"
    )
    agreement.refresh_from_db()
    assert agreement.version == 2
    assert agreement.target == Decimal(60)
    assert not Signature.objects.filter(voided_at__isnull=True).exists()
    change = AuditEvent.objects.get(action="agreements.change")
    assert change.changes["signatures_voided"] == ["Woningstichting"]
    assert change.changes["target"] == ["50.00", "60.00"]
    # the party signs the new version again
    services.agreement_sign(agreement=agreement, party=corporatie_party, actor=corporatie_staff)
    assert Signature.objects.get(voided_at__isnull=True).version == 2


def test_an_agreement_in_force_cannot_be_changed(
    three_party, wijkmanager, corporatie_staff, welzijn_staff
):
    agreement = in_force(
        three_party, manager=wijkmanager, signers=[wijkmanager, corporatie_staff, welzijn_staff]
    )
    with pytest.raises(ValidationError, match="cannot be changed"):
        services.agreement_update(agreement=agreement, actor=wijkmanager, target=70)
    agreement.refresh_from_db()
    assert agreement.target == Decimal(50)


def test_a_draft_cannot_be_signed(three_party, corporatie_staff):
    party = three_party.parties.order_by("id")[1]
    with pytest.raises(ValidationError, match="not out for signing"):
        services.agreement_sign(agreement=three_party, party=party, actor=corporatie_staff)
    assert not Signature.objects.exists()


# --- reporting --------------------------------------------------------------------------------


@pytest.fixture
def running(three_party, wijkmanager, corporatie_staff, welzijn_staff):
    return in_force(
        three_party, manager=wijkmanager, signers=[wijkmanager, corporatie_staff, welzijn_staff]
    )


def test_the_owner_reports_a_period_with_evidence(running, wijkmanager):
    period = running.periods.first()
    pdf = SimpleUploadedFile("verslag.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    report = services.report_submit(
        agreement=running,
        period=period,
        actor=wijkmanager,
        value="31",
        narrative="Drie buurtbarbecues.",
        evidence=pdf,
        money_spent_cents=120_000,
        hours_spent=40,
    )
    assert report.value == Decimal(31)
    assert report.evidence.name.endswith(".pdf")
    with pytest.raises(ValidationError, match="reported already"):
        services.report_submit(
            agreement=running, period=period, actor=wijkmanager, value=32, narrative="x"
        )


def test_a_report_for_a_closed_period_is_refused(running, wijkmanager):
    period = running.periods.first()
    services.period_close(period=period, actor=wijkmanager)
    with pytest.raises(ValidationError) as excinfo:
        services.report_submit(
            agreement=running, period=period, actor=wijkmanager, value=31, narrative="Gedaan."
        )
    assert "This period is closed" in _errors(excinfo)["period"][0]
    assert not ProgressReport.objects.exists()


def test_a_report_for_a_period_of_another_agreement_is_refused(
    running, wijk, wijkmanager, gemeente_org, corporatie, corporatie_staff
):
    other = in_force(
        draft(area=wijk, actor=wijkmanager, owner=gemeente_org, partners=[corporatie]),
        manager=wijkmanager,
        signers=[wijkmanager, corporatie_staff],
    )
    with pytest.raises(ValidationError) as excinfo:
        services.report_submit(
            agreement=running,
            period=other.periods.first(),
            actor=wijkmanager,
            value=31,
            narrative="Gedaan.",
        )
    assert "does not belong to this agreement" in _errors(excinfo)["period"][0]
    assert not ProgressReport.objects.exists()


def test_bad_values_and_evidence_in_a_report_are_refused(running, wijkmanager, corporatie_staff):
    period = running.periods.first()
    with pytest.raises(PermissionDenied):
        services.report_submit(
            agreement=running, period=period, actor=corporatie_staff, value=3, narrative="x"
        )
    with pytest.raises(ValidationError) as excinfo:
        services.report_submit(
            agreement=running,
            period=period,
            actor=wijkmanager,
            value="veel",
            narrative=" ",
            evidence=SimpleUploadedFile("x.exe", b"MZ\x90\x00binary"),
            evidence_link="ftp://example.nl/x",
        )
    errors = _errors(excinfo)
    assert set(errors) == {"value", "narrative", "evidence", "evidence_link"}
    assert not ProgressReport.objects.exists()


# --- disputes ---------------------------------------------------------------------------------


def test_a_partner_disputes_a_report_and_the_owner_responds(
    running, wijkmanager, corporatie_staff, corporatie, gemeente_org
):
    report = services.report_submit(
        agreement=running,
        period=running.periods.first(),
        actor=wijkmanager,
        value=31,
        narrative="Drie buurtbarbecues.",
    )
    with pytest.raises(ValidationError, match="Say why"):
        services.dispute_raise(
            report=report, actor=corporatie_staff, organisation=corporatie, reason=" "
        )
    with pytest.raises(PermissionDenied):
        services.dispute_raise(
            report=report, actor=corporatie_staff, organisation=gemeente_org, reason="Niet waar"
        )
    with pytest.raises(ValidationError, match="cannot dispute its own"):
        services.dispute_raise(
            report=report, actor=wijkmanager, organisation=gemeente_org, reason="Hm"
        )
    dispute = services.dispute_raise(
        report=report,
        actor=corporatie_staff,
        organisation=corporatie,
        reason="Wij telden er twintig.",
    )
    with pytest.raises(ValidationError, match="already disputed"):
        services.dispute_raise(
            report=report, actor=corporatie_staff, organisation=corporatie, reason="Nogmaals"
        )
    with pytest.raises(PermissionDenied):
        services.dispute_respond(dispute=dispute, actor=corporatie_staff, response="Ik zelf")
    services.dispute_respond(
        dispute=dispute, actor=wijkmanager, response="De presentielijsten tellen 31."
    )
    dispute.refresh_from_db()
    assert dispute.response == "De presentielijsten tellen 31."
    assert Dispute.objects.count() == 1


# --- reminders --------------------------------------------------------------------------------


def test_overdue_reports_are_reminded_once(running, wijkmanager, gemeente_org):
    from django.utils import translation
    from django.utils.translation import gettext

    from wijkwerk.agreements.reminders import period_remind

    services.report_submit(
        agreement=running,
        period=running.periods.first(),
        actor=wijkmanager,
        value=25,
        narrative="Q1 gedaan.",
    )
    # On 5 November 2026, Q2 and Q3 are overdue (due a month after they ended); Q1 is
    # reported and Q4 is not due yet.
    overdue = overdue_period_ids(today=datetime.date(2026, 11, 5))
    assert [ReportingPeriod.objects.get(pk=pk).starts_on.month for pk in overdue] == [4, 7]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(
            "wijkwerk.agreements.reminders.overdue_period_ids", lambda today=None: overdue
        )
        sent = [period_remind(period_id=pk) for pk in overdue]
        again = [period_remind(period_id=pk) for pk in overdue]
    assert sent == [True, True] and again == [False, False]
    assert len(mail.outbox) == 2
    assert mail.outbox[0].to == [wijkmanager.email]
    with translation.override("nl"):
        subject = gettext("Report overdue: %(title)s") % {"title": running.title}
    assert mail.outbox[0].subject == subject
    assert ReportingPeriod.objects.filter(reminded_at__isnull=False).count() == 2


def test_the_remind_command_sends_no_double_reminder(running, wijkmanager):
    call_command("agreements_remind")
    first = len(mail.outbox)
    call_command("agreements_remind")
    assert len(mail.outbox) == first
    reminded = ReportingPeriod.objects.filter(reminded_at__isnull=False).count()
    assert first == reminded


# --- management money on the ledger -----------------------------------------------------------


@pytest.fixture
def beheer(wijk, wijkmanager, gemeente_org, beheerbedrijf, wijkbudget):
    return draft(
        area=wijk,
        actor=wijkmanager,
        owner=beheerbedrijf,
        partners=[gemeente_org],
        parties=[PartyInput(organisation=beheerbedrijf, hours=500), PartyInput(gemeente_org)],
        kind=AgreementKind.BUURTBEHEER,
        title="Beheer buurt De Schooten-Noord",
        indicator="Beeldkwaliteit groen op niveau B of beter",
        unit=Unit.PERCENT,
        baseline=60,
        target=90,
        budget=wijkbudget,
        management_cents=300_000,
        geometry={
            "type": "Polygon",
            "coordinates": [[[4.75, 52.93], [4.76, 52.93], [4.76, 52.94], [4.75, 52.93]]],
        },
    )


def test_management_money_is_reserved_paid_and_never_overspent(
    beheer, wijkmanager, beheerbedrijf_staff, wijkbudget
):
    agreement = in_force(beheer, manager=wijkmanager, signers=[beheerbedrijf_staff, wijkmanager])
    wijkbudget.refresh_from_db()
    assert wijkbudget.balance_cents == 200_000
    hold = Account.objects.get(pk=agreement.hold_id)
    assert hold.balance_cents == 300_000
    from wijkwerk.agreements.selectors import investment_overview

    rows = investment_overview(municipality=agreement.municipality, year=2026)
    assert [(r.organisation, r.money_cents) for r in rows if r.source == "management"] == [
        ("Beheergelden", 300_000)
    ]
    services.management_payment(
        agreement=agreement, actor=wijkmanager, amount_cents=100_000, memo="Eerste kwartaal"
    )
    with pytest.raises(ValidationError, match="more than is left"):
        services.management_payment(
            agreement=agreement, actor=wijkmanager, amount_cents=200_001, memo="Te veel"
        )
    with pytest.raises(PermissionDenied):
        services.management_payment(
            agreement=agreement, actor=beheerbedrijf_staff, amount_cents=100, memo="Zelf"
        )
    hold.refresh_from_db()
    assert hold.balance_cents == 200_000
    services.agreement_close(agreement=agreement, actor=wijkmanager, evaluation="Goed beheerd.")
    hold.refresh_from_db()
    wijkbudget.refresh_from_db()
    assert (hold.balance_cents, wijkbudget.balance_cents) == (0, 400_000)
    assert ledger_verify() == []
    assert LedgerTransaction.objects.filter(reference_kind="agreements.agreement").count() == 3


def test_management_money_above_the_budget_is_refused(
    wijk, wijkmanager, gemeente_org, beheerbedrijf, wijkbudget
):
    with pytest.raises(ValidationError) as excinfo:
        draft(
            area=wijk,
            actor=wijkmanager,
            owner=beheerbedrijf,
            partners=[gemeente_org],
            kind=AgreementKind.BUURTBEHEER,
            budget=wijkbudget,
            management_cents=500_001,
        )
    assert "Not enough money" in _errors(excinfo)["management_cents"][0]
    assert not Agreement.objects.exists()


def test_money_spent_elsewhere_meanwhile_stops_the_agreement_coming_into_force(
    beheer, wijkmanager, beheerbedrijf_staff, wijkbudget, treasurer
):
    from wijkwerk.budgets import services as ledger

    services.agreement_submit(agreement=beheer, actor=wijkmanager)
    ledger.budget_return(budget=wijkbudget, actor=treasurer, amount_cents=400_000)
    first, second = beheer.parties.order_by("id")
    services.agreement_sign(agreement=beheer, party=first, actor=beheerbedrijf_staff)
    with pytest.raises(ValidationError, match="Not enough money"):
        services.agreement_sign(agreement=beheer, party=second, actor=wijkmanager)
    beheer.refresh_from_db()
    assert beheer.status == AgreementStatus.TO_SIGN
    assert Signature.objects.filter(voided_at__isnull=True).count() == 1
    assert ledger_verify() == []
