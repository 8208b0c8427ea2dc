import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from wijkwerk.accounts.roles import Role
from wijkwerk.accounts.tests.factories import RoleAssignmentFactory, UserFactory
from wijkwerk.agenda.models import AgendaSettings
from wijkwerk.budgets.models import Entry, TransactionKind
from wijkwerk.budgets.selectors import ledger_verify
from wijkwerk.core.models import AuditEvent
from wijkwerk.core.workdays import add_working_days
from wijkwerk.initiatives import services
from wijkwerk.initiatives.deadlines import initiative_escalate
from wijkwerk.initiatives.models import (
    TRANSITIONS,
    DecidingBody,
    Expense,
    Initiative,
    LadderStep,
    PledgeKind,
    PledgeStatus,
    Provider,
    Status,
)
from wijkwerk.initiatives.tasks import initiative_deadline_check
from wijkwerk.organisations.tests.factories import OrganisationFactory

from .factories import (
    awarded,
    draft,
    funded_budget,
    pdf_upload,
    png_upload,
    ruleset_for,
    submitted,
    tick_all,
)


def test_the_whole_life_of_an_initiative_moves_money_exactly(
    wijk, resident, regiegroep_member, wijkmanager, budget, rules_v1
):
    initiative = submitted(wijk, resident, requested_cents=40_000)
    assert initiative.status == Status.SUBMITTED
    assert initiative.contact_official == wijkmanager
    assert initiative.ruleset == rules_v1
    assert initiative.is_small
    assert initiative.decision_due == add_working_days(timezone.localdate(), 3)

    tick_all(initiative, regiegroep_member)
    voucher = services.initiative_award(
        initiative=initiative, actor=regiegroep_member, budget=budget, reason="Past bij de wijk"
    )
    budget.refresh_from_db()
    assert budget.balance_cents == 60_000
    assert voucher.hold.balance_cents == 40_000

    services.expense_record(
        initiative=initiative,
        actor=resident,
        description="Springkussen",
        amount_cents=25_000,
        spent_on=timezone.localdate(),
        receipt=png_upload(),
    )
    services.expense_record(
        initiative=initiative,
        actor=resident,
        description="Limonade",
        amount_cents=5_000,
        spent_on=timezone.localdate(),
        receipt=pdf_upload(),
    )
    initiative.refresh_from_db()
    assert initiative.status == Status.IN_EXECUTION

    services.initiative_account(
        initiative=initiative, actor=resident, report="120 buren kwamen.", participants_count=120
    )
    services.initiative_close(initiative=initiative, actor=wijkmanager, approve=True)
    initiative.refresh_from_db()
    budget.refresh_from_db()
    voucher.hold.refresh_from_db()
    assert initiative.status == Status.CLOSED
    assert voucher.hold.balance_cents == 0
    assert budget.balance_cents == 70_000  # 10,000 unspent came back
    assert ledger_verify() == []
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"initiatives.submit", "initiatives.award", "initiatives.close"} <= actions
    award = AuditEvent.objects.get(action="initiatives.award")
    assert award.reason == "Past bij de wijk"
    assert award.changes["ruleset_version"] == 1


def test_machine_checkable_rules_are_answered_on_submission(wijk, resident, rules_v1):
    initiative = draft(wijk=wijk, resident=resident, requested_cents=300_000, co_initiator=False)
    with pytest.raises(ValidationError) as excinfo:
        services.initiative_submit(initiative=initiative, actor=resident)
    errors = excinfo.value.message_dict
    assert "2.500,00" in errors["max_amount"][0]
    assert "min_initiators" in errors
    initiative.refresh_from_db()
    assert initiative.status == Status.DRAFT


def test_two_initiators_at_one_address_count_once(wijk, resident, rules_v1):
    initiative = draft(wijk=wijk, resident=resident, co_initiator=False)
    services.participant_add(
        initiative=initiative,
        actor=resident,
        name="Huisgenoot",
        postcode="1781ab",
        house_number="12",
    )
    with pytest.raises(ValidationError) as excinfo:
        services.initiative_submit(initiative=initiative, actor=resident)
    assert "min_initiators" in excinfo.value.message_dict


def test_own_contribution_and_yearly_maximum_are_checked(
    wijk, resident, municipality, treasurer, regiegroep_member, budget
):
    ruleset_for(
        municipality,
        treasurer,
        own_contribution_percent=10,
        max_per_year_cents=500_000,
        max_amount_cents=250_000,
    )
    low = draft(wijk=wijk, resident=resident, requested_cents=50_000, own_contribution_cents=1_000)
    with pytest.raises(ValidationError) as excinfo:
        services.initiative_submit(initiative=low, actor=resident)
    assert "own_contribution" in excinfo.value.message_dict
    services.initiative_update(initiative=low, actor=resident, own_contribution_cents=5_000)
    services.initiative_submit(initiative=low, actor=resident)


def test_a_duplicate_submission_is_refused(wijk, resident, rules_v1):
    submitted(wijk, resident)
    second = draft(wijk=wijk, resident=resident)
    with pytest.raises(ValidationError) as excinfo:
        services.initiative_submit(initiative=second, actor=resident)
    assert "title" in excinfo.value.message_dict


def test_rulesets_are_versioned_and_an_initiative_keeps_its_version(
    wijk, resident, municipality, treasurer, rules_v1
):
    initiative = submitted(wijk, resident)
    v2 = ruleset_for(municipality, treasurer, max_amount_cents=100_000, note="lager maximum")
    assert v2.version == 2
    initiative.refresh_from_db()
    assert initiative.ruleset == rules_v1


def test_only_the_deciding_body_of_the_spelregels_decides(
    wijk, resident, regiegroep_member, wijkmanager, budget, municipality, treasurer
):
    ruleset_for(municipality, treasurer, deciding_body=DecidingBody.REGIEGROEP)
    initiative = submitted(wijk, resident)
    for outsider in (wijkmanager, resident, UserFactory()):
        with pytest.raises(PermissionDenied):
            services.initiative_award(
                initiative=initiative, actor=outsider, budget=budget, reason="x"
            )
    platform = RoleAssignmentFactory(area=wijk, role=Role.PLATFORM_MEMBER).user
    with pytest.raises(PermissionDenied):
        services.initiative_reject(initiative=initiative, actor=platform, reason="nee")
    initiative.refresh_from_db()
    assert initiative.status == Status.SUBMITTED
    assert not Entry.objects.filter(transaction__kind=TransactionKind.AWARD).exists()


def test_an_award_needs_every_checklist_point_met(
    wijk, resident, regiegroep_member, budget, rules_v1
):
    initiative = submitted(wijk, resident)
    with pytest.raises(ValidationError) as excinfo:
        services.initiative_award(
            initiative=initiative, actor=regiegroep_member, budget=budget, reason="ok"
        )
    assert "checklist" in excinfo.value.message_dict
    tick_all(initiative, regiegroep_member)
    services.checklist_answer(
        initiative=initiative,
        actor=regiegroep_member,
        point="Veilig uit te voeren",
        met=False,
        note="Geen vergunning",
    )
    with pytest.raises(ValidationError) as excinfo:
        services.initiative_award(
            initiative=initiative, actor=regiegroep_member, budget=budget, reason="ok"
        )
    assert "Veilig" in excinfo.value.message_dict["checklist"][0]


def test_an_award_that_would_overspend_the_budget_changes_nothing(
    wijk, resident, regiegroep_member, treasurer, gemeente_org, rules_v1
):
    small_budget = funded_budget(
        wijk=wijk, treasurer=treasurer, organisation=gemeente_org, cents=30_000
    )
    initiative = submitted(wijk, resident, requested_cents=40_000)
    tick_all(initiative, regiegroep_member)
    with pytest.raises(ValidationError) as excinfo:
        services.initiative_award(
            initiative=initiative, actor=regiegroep_member, budget=small_budget, reason="ok"
        )
    assert "300,00" in str(excinfo.value)
    initiative.refresh_from_db()
    small_budget.refresh_from_db()
    assert initiative.status == Status.SUBMITTED
    assert small_budget.balance_cents == 30_000
    assert not hasattr(initiative, "voucher") or initiative.voucher is None


def test_a_rejection_needs_a_reason(wijk, resident, regiegroep_member, rules_v1):
    initiative = submitted(wijk, resident)
    with pytest.raises(ValidationError):
        services.initiative_reject(initiative=initiative, actor=regiegroep_member, reason=" ")
    services.initiative_reject(
        initiative=initiative, actor=regiegroep_member, reason="Valt buiten de spelregels"
    )
    initiative.refresh_from_db()
    assert initiative.status == Status.REJECTED


def test_spending_above_the_voucher_and_bad_receipts_are_refused(
    wijk, resident, regiegroep_member, budget, rules_v1, settings
):
    initiative = awarded(wijk, resident, regiegroep_member, budget, requested_cents=10_000)
    today = timezone.localdate()

    def spend(amount, receipt):
        services.expense_record(
            initiative=initiative,
            actor=resident,
            description="Verf",
            amount_cents=amount,
            spent_on=today,
            receipt=receipt,
        )

    with pytest.raises(ValidationError) as excinfo:
        spend(10_001, png_upload())
    assert "100,00" in excinfo.value.message_dict["amount"][0]
    with pytest.raises(ValidationError) as excinfo:
        spend(500, SimpleUploadedFile("bon.exe", b"MZ\x90\x00", "application/octet-stream"))
    assert "receipt" in excinfo.value.message_dict
    with pytest.raises(ValidationError):
        spend(500, SimpleUploadedFile("bon.png", b"not an image at all", "image/png"))
    with pytest.raises(ValidationError):
        spend(500, pdf_upload("bon.png"))
    settings.WIJKWERK_MAX_UPLOAD_BYTES = 10
    with pytest.raises(ValidationError) as excinfo:
        spend(500, png_upload())
    assert "maximum" in excinfo.value.message_dict["receipt"][0] or excinfo.value
    assert not Expense.objects.exists()
    assert initiative.voucher.hold.balance_cents == 10_000


def test_a_stranger_cannot_spend_from_a_voucher(
    wijk, resident, regiegroep_member, budget, rules_v1
):
    initiative = awarded(wijk, resident, regiegroep_member, budget)
    with pytest.raises(PermissionDenied):
        services.expense_record(
            initiative=initiative,
            actor=UserFactory(),
            description="x",
            amount_cents=100,
            spent_on=timezone.localdate(),
            receipt=png_upload(),
        )


def test_a_registered_provider_redeems_a_voucher_by_its_code(
    wijk, resident, regiegroep_member, budget, rules_v1, municipality
):
    initiative = awarded(wijk, resident, regiegroep_member, budget, requested_cents=10_000)
    shop = OrganisationFactory(municipality=municipality, name="Bouwmarkt", kind="winkeliers")
    provider = Provider.objects.create(municipality=municipality, organisation=shop)
    cashier = RoleAssignmentFactory(area=wijk, role=Role.PARTNER, organisation=shop).user
    code = initiative.voucher.code
    expense = services.voucher_redeem(
        code=code.lower(), provider=provider, actor=cashier, description="Verf", amount_cents=4_000
    )
    assert expense.provider == provider
    with pytest.raises(ValidationError):
        services.voucher_redeem(
            code="WRONGCODE1", provider=provider, actor=cashier, description="x", amount_cents=1
        )
    with pytest.raises(PermissionDenied):
        services.voucher_redeem(
            code=code, provider=provider, actor=resident, description="x", amount_cents=1
        )
    initiative.voucher.hold.refresh_from_db()
    assert initiative.voucher.hold.balance_cents == 6_000


def test_cancelling_an_expense_gives_the_money_back_to_the_voucher(
    wijk, resident, regiegroep_member, wijkmanager, budget, rules_v1
):
    initiative = awarded(wijk, resident, regiegroep_member, budget, requested_cents=10_000)
    expense = services.expense_record(
        initiative=initiative,
        actor=resident,
        description="Verf",
        amount_cents=4_000,
        spent_on=timezone.localdate(),
        receipt=png_upload(),
    )
    services.expense_cancel(expense=expense, actor=wijkmanager, reason="Teruggebracht")
    initiative.voucher.hold.refresh_from_db()
    assert initiative.voucher.hold.balance_cents == 10_000
    with pytest.raises(ValidationError):
        services.expense_cancel(expense=expense, actor=wijkmanager, reason="again")


def test_an_overdue_decision_is_escalated_once_by_the_background_task(
    wijk, resident, wijkmanager, rules_v1
):
    initiative = submitted(wijk, resident)
    assert not initiative_escalate(initiative_id=initiative.pk)  # not due yet
    Initiative.objects.filter(pk=initiative.pk).update(
        decision_due=timezone.localdate() - datetime.timedelta(days=1)
    )
    mail.outbox.clear()
    assert initiative_deadline_check.call(initiative.pk)
    assert not initiative_deadline_check.call(initiative.pk)
    initiative.refresh_from_db()
    assert initiative.escalated_at is not None
    assert len(mail.outbox) == 1
    assert wijkmanager.email in mail.outbox[0].to
    assert resident.email not in mail.outbox[0].to
    assert AuditEvent.objects.filter(action="initiatives.escalate").count() == 1


def test_an_overdue_decision_goes_to_the_manager_of_the_wijkmanagers(
    wijk, resident, wijkmanager, rules_v1
):
    boss = RoleAssignmentFactory(
        area=None, municipality=wijk.municipality, role=Role.GEBIEDSREGISSEUR
    ).user
    AgendaSettings.objects.create(municipality=wijk.municipality, escalate_to=boss)
    initiative = submitted(wijk, resident)
    Initiative.objects.filter(pk=initiative.pk).update(
        decision_due=timezone.localdate() - datetime.timedelta(days=1)
    )
    mail.outbox.clear()
    assert initiative_deadline_check.call(initiative.pk)
    initiative.refresh_from_db()
    assert initiative.escalated_to == boss
    assert boss.email in mail.outbox[0].to and wijkmanager.email in mail.outbox[0].to
    event = AuditEvent.objects.get(action="initiatives.escalate")
    assert event.changes["to"] == boss.email


def test_submission_schedules_the_deadline_check_after_commit(
    wijk, resident, wijkmanager, rules_v1, django_capture_on_commit_callbacks
):
    from django_tasks_db.models import DBTaskResult

    with django_capture_on_commit_callbacks(execute=True):
        initiative = submitted(wijk, resident)
    scheduled = DBTaskResult.objects.filter(task_path__endswith="initiative_deadline_check")
    assert scheduled.count() == 1
    run_after = timezone.localtime(scheduled.get().run_after)
    assert run_after.date() == initiative.decision_due + datetime.timedelta(days=1)


@pytest.mark.parametrize(
    ("source", "target"),
    [(s, t) for s in Status.values for t in Status.values if s != t],
)
def test_status_transitions_follow_the_map(source, target):
    initiative = Initiative(status=source)
    if target in TRANSITIONS[source]:
        services._move(initiative, target)
        assert initiative.status == target
    else:
        with pytest.raises(ValidationError):
            services._move(initiative, target)


def test_money_pledges_move_through_the_ledger_after_the_initiators_confirm(
    wijk, resident, regiegroep_member, budget, rules_v1, municipality
):
    initiative = awarded(wijk, resident, regiegroep_member, budget, requested_cents=10_000)
    corporatie = OrganisationFactory(municipality=municipality, kind="corporatie")
    partner = RoleAssignmentFactory(area=wijk, role=Role.PARTNER, organisation=corporatie).user
    pledge = services.pledge_offer(
        initiative=initiative,
        actor=partner,
        organisation=corporatie,
        kind=PledgeKind.MONEY,
        description="Bijdrage",
        amount_cents=2_500,
    )
    hours = services.pledge_offer(
        initiative=initiative,
        actor=partner,
        organisation=corporatie,
        kind=PledgeKind.HOURS,
        description="Huismeester helpt",
        hours=6,
    )
    with pytest.raises(PermissionDenied):
        services.pledge_confirm(pledge=pledge, actor=partner)
    services.pledge_confirm(pledge=pledge, actor=resident)
    services.pledge_confirm(pledge=hours, actor=resident)
    pledge.refresh_from_db()
    assert pledge.status == PledgeStatus.RECEIVED
    initiative.voucher.hold.refresh_from_db()
    assert initiative.voucher.hold.balance_cents == 12_500
    with pytest.raises(PermissionDenied):
        services.pledge_offer(
            initiative=initiative,
            actor=partner,
            organisation=OrganisationFactory(municipality=municipality),
            kind=PledgeKind.PLACE,
            description="Zaal",
        )
    assert ledger_verify() == []


def test_participants_climb_the_participatieladder(wijk, resident, rules_v1):
    initiative = draft(wijk=wijk, resident=resident)
    lead = initiative.participants.get(user=resident)
    services.participant_set_step(
        participant=lead, actor=resident, step=LadderStep.MEDE_OPDRACHTGEVER
    )
    lead.refresh_from_db()
    assert lead.step == LadderStep.MEDE_OPDRACHTGEVER
    with pytest.raises(ValidationError):
        services.participant_set_step(participant=lead, actor=resident, step="baas")


def test_bad_postcodes_are_refused_with_an_example(wijk, resident, rules_v1):
    with pytest.raises(ValidationError) as excinfo:
        draft(wijk=wijk, resident=resident, postcode="12345")
    assert "1781 AB" in excinfo.value.message_dict["postcode"][0]
    assert not Initiative.objects.exists()
