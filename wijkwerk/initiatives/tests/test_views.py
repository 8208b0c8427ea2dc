"""The wijk's initiative pages: every step of an initiative through its forms, who may take
it, and bad input that is explained (400) and changes nothing. Assertions are on data and
status codes, never on interface words (translations change)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext

from wijkwerk.accounts.roles import Role
from wijkwerk.accounts.tests.factories import RoleAssignmentFactory, UserFactory
from wijkwerk.agenda.models import AgendaSettings
from wijkwerk.budgets.models import Entry
from wijkwerk.budgets.selectors import ledger_verify
from wijkwerk.initiatives import services
from wijkwerk.initiatives.deadlines import initiative_escalate
from wijkwerk.initiatives.models import (
    ChecklistAnswer,
    Consultation,
    Expense,
    Initiative,
    Opinion,
    Pledge,
    PledgeStatus,
    ReviewVote,
    Status,
)
from wijkwerk.organisations.tests.factories import OrganisationFactory

from .factories import draft, funded_budget, pdf_upload, png_upload


def _url(name, wijk, *args):
    return reverse(f"initiatives:{name}", args=[wijk.municipality.slug, wijk.slug, *args])


def _act(client, initiative, action, data=None):
    return client.post(_url("action", initiative.area, initiative.pk, action), data or {})


def _submitted(wijk, resident):
    return services.initiative_submit(
        initiative=draft(wijk=wijk, resident=resident), actor=resident
    )


def _tick_all(client, initiative):
    points = services.checklist_points(initiative.ruleset)
    data = {f"met_{i}": "yes" for i in range(len(points))}
    return _act(client, initiative, "checklist", data)


def _awarded(client, wijk, resident, member, budget):
    initiative = _submitted(wijk, resident)
    client.force_login(member)
    _tick_all(client, initiative)
    response = _act(
        client, initiative, "award", {"budget": budget.pk, "reason": "Goed voor de buurt"}
    )
    assert response.status_code == 302
    initiative.refresh_from_db()
    return initiative


def test_a_resident_starts_an_initiative_with_the_form(client, wijk, resident, rules_v1):
    client.force_login(resident)
    assert client.get(_url("new", wijk)).status_code == 200
    response = client.post(
        _url("new", wijk),
        {
            "title": "Bankjes bij de vijver",
            "summary": "Twee bankjes zodat ouderen kunnen rusten.",
            "purpose": "Ouderen wandelen meer als ze onderweg kunnen zitten.",
            "requested": "1.250,50",
            "postcode": "1781ab",
            "house_number": "4",
        },
    )
    initiative = Initiative.objects.get()
    assert response.status_code == 302
    assert response["Location"] == _url("detail", wijk, initiative.pk)
    assert initiative.status == Status.DRAFT and initiative.requested_cents == 125_050
    assert initiative.participants.get().postcode == "1781AB"


@pytest.mark.parametrize(
    "field, value",
    [("requested", "twaalf euro"), ("requested", "10,555"), ("title", ""), ("postcode", "12")],
)
def test_bad_input_on_the_start_form_is_explained_and_saves_nothing(
    client, wijk, resident, rules_v1, field, value
):
    client.force_login(resident)
    data = {
        "title": "Bankjes",
        "summary": "Twee bankjes.",
        "purpose": "Rust.",
        "requested": "250",
        "postcode": "1781 AB",
        "house_number": "4",
    }
    data[field] = value
    response = client.post(_url("new", wijk), data)
    assert response.status_code == 400
    assert response.context["form"].errors[field]
    assert not Initiative.objects.exists()


def test_starting_an_initiative_needs_a_login(client, wijk, rules_v1):
    response = client.get(_url("new", wijk))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_draft_is_seen_only_by_its_initiators_and_handlers(
    client, wijk, resident, wijkmanager, rules_v1
):
    initiative = draft(wijk=wijk, resident=resident)
    assert client.get(_url("detail", wijk, initiative.pk)).status_code == 404
    client.force_login(UserFactory())
    assert client.get(_url("detail", wijk, initiative.pk)).status_code == 404
    assert initiative not in [i for i, _ in client.get(_url("list", wijk)).context["initiatives"]]
    client.force_login(wijkmanager)
    assert client.get(_url("detail", wijk, initiative.pk)).status_code == 200
    client.force_login(resident)
    response = client.get(_url("detail", wijk, initiative.pk))
    assert response.status_code == 200
    # The rule check is previewed for the initiators before submission.
    assert {c.rule for c in response.context["checks"]} >= {"max_amount", "min_initiators"}
    assert "submit" in response.context["forms"]


def test_submission_that_breaks_the_rules_is_explained_and_nothing_changes(
    client, wijk, resident, rules_v1
):
    initiative = draft(wijk=wijk, resident=resident, co_initiator=False)
    client.force_login(resident)
    response = _act(client, initiative, "submit")
    assert response.status_code == 400
    assert response.context["forms"]["submit"].errors  # at least two initiators are needed
    initiative.refresh_from_db()
    assert initiative.status == Status.DRAFT and initiative.submitted_at is None

    response = _act(
        client,
        initiative,
        "participant",
        {
            "name": "Buurman Kees",
            "postcode": "1781 AC",
            "house_number": "9",
            "step": "participant",
            "is_initiator": "on",
        },
    )
    assert response.status_code == 302
    assert _act(client, initiative, "submit").status_code == 302
    initiative.refresh_from_db()
    assert initiative.status == Status.SUBMITTED and initiative.ruleset == rules_v1
    # The plan is fixed now: the edit page sends the initiator back.
    assert client.get(_url("edit", wijk, initiative.pk)).status_code == 302


def test_the_lead_edits_a_draft(client, wijk, resident, rules_v1):
    initiative = draft(wijk=wijk, resident=resident)
    client.force_login(resident)
    form = client.get(_url("edit", wijk, initiative.pk)).context["form"]
    assert form["requested"].value() == "400,00"
    data = {
        "title": "Buurtfeest op het plein",
        "summary": initiative.summary,
        "purpose": initiative.purpose,
        "requested": "600",
    }
    assert client.post(_url("edit", wijk, initiative.pk), data).status_code == 302
    initiative.refresh_from_db()
    assert initiative.title == "Buurtfeest op het plein" and initiative.requested_cents == 60_000
    client.force_login(UserFactory())
    assert client.post(_url("edit", wijk, initiative.pk), data).status_code == 404


def test_each_step_on_the_page_shows_only_its_own_explanation(
    client, wijk, resident, regiegroep_member, budget, rules_v1
):
    """The reject panel came after the award panel and showed its text ("the amount is
    reserved on the wijkbudget"), the opposite of rejecting."""
    initiative = _submitted(wijk, resident)
    client.force_login(regiegroep_member)
    html = client.get(_url("detail", wijk, initiative.pk)).content.decode()
    reserved = gettext("The amount is reserved on the wijkbudget for this initiative.")
    award = html[html.index('id="award-heading"') :]
    reject = html[html.index('id="reject-heading"') :]
    assert reserved in award.split("</section>")[0]
    assert reserved not in reject.split("</section>")[0]
    assert html.count(reserved) == 1


def test_the_regiegroep_ticks_votes_and_awards_through_the_page(
    client, wijk, resident, regiegroep_member, budget, rules_v1
):
    initiative = _submitted(wijk, resident)
    client.force_login(regiegroep_member)
    page = client.get(_url("detail", wijk, initiative.pk))
    assert {"checklist", "vote", "award", "reject"} <= set(page.context["forms"])

    # An award before the checklist is complete is refused and books nothing.
    response = _act(client, initiative, "award", {"budget": budget.pk, "reason": "Mooi"})
    assert response.status_code == 400 and response.context["forms"]["award"].errors
    assert not Entry.objects.filter(transaction__kind="award").exists()

    assert _tick_all(client, initiative).status_code == 302
    assert ChecklistAnswer.objects.filter(initiative=initiative, met=True).count() == len(
        services.checklist_points(rules_v1)
    )
    assert (
        _act(client, initiative, "vote", {"vote": "award", "note": "Sympathiek"}).status_code == 302
    )
    assert ReviewVote.objects.get(initiative=initiative).vote == "award"

    response = _act(
        client, initiative, "award", {"budget": budget.pk, "amount": "300", "reason": "Mooi plan"}
    )
    assert response.status_code == 302
    initiative.refresh_from_db()
    budget.refresh_from_db()
    assert initiative.status == Status.AWARDED and initiative.voucher.amount_cents == 30_000
    assert budget.balance_cents == 70_000
    assert ledger_verify() == []
    # The decision and its reason are public; the voucher code is not.
    client.logout()
    page = client.get(_url("detail", wijk, initiative.pk))
    assert page.status_code == 200 and not page.context["personal"]
    assert initiative.voucher.code not in page.content.decode()
    assert "Mooi plan" in page.content.decode()


def test_an_award_above_the_budget_is_explained_and_books_nothing(
    client, wijk, resident, regiegroep_member, treasurer, gemeente_org, rules_v1
):
    small = funded_budget(wijk=wijk, treasurer=treasurer, organisation=gemeente_org, cents=10_000)
    initiative = _submitted(wijk, resident)  # asks € 400
    client.force_login(regiegroep_member)
    _tick_all(client, initiative)
    response = _act(client, initiative, "award", {"budget": small.pk, "reason": "Goed"})
    assert response.status_code == 400
    assert response.context["forms"]["award"].errors
    small.refresh_from_db()
    initiative.refresh_from_db()
    assert small.balance_cents == 10_000 and initiative.status == Status.SUBMITTED


def test_a_rejection_needs_a_reason_and_then_is_public(
    client, wijk, resident, regiegroep_member, rules_v1
):
    initiative = _submitted(wijk, resident)
    client.force_login(regiegroep_member)
    response = _act(client, initiative, "reject", {"reason": ""})
    assert response.status_code == 400
    assert (
        _act(client, initiative, "reject", {"reason": "Past niet in de regels"}).status_code == 302
    )
    initiative.refresh_from_db()
    assert initiative.status == Status.REJECTED
    assert initiative.decision_reason == "Past niet in de regels"


@pytest.mark.parametrize("who", ["resident", "stranger", "wijkmanager"])
def test_only_the_deciding_body_may_award(
    client, wijk, resident, regiegroep_member, wijkmanager, budget, rules_v1, who
):
    initiative = _submitted(wijk, resident)
    user = {"resident": resident, "stranger": UserFactory(), "wijkmanager": wijkmanager}[who]
    client.force_login(user)
    response = _act(client, initiative, "award", {"budget": budget.pk, "reason": "Zelf beslist"})
    assert response.status_code == 403
    initiative.refresh_from_db()
    assert initiative.status == Status.SUBMITTED
    assert "award" not in client.get(_url("detail", wijk, initiative.pk)).context["forms"]


def test_spending_with_a_receipt_and_who_may_download_it(
    client, wijk, resident, regiegroep_member, wijkmanager, budget, rules_v1
):
    initiative = _awarded(client, wijk, resident, regiegroep_member, budget)
    client.force_login(resident)
    today = timezone.localdate().isoformat()
    response = client.post(
        _url("action", wijk, initiative.pk, "expense"),
        {"description": "Tentverhuur", "amount": "150", "spent_on": today, "receipt": pdf_upload()},
    )
    assert response.status_code == 302
    expense = Expense.objects.get()
    assert expense.amount_cents == 15_000
    receipt_url = _url("receipt", wijk, initiative.pk, expense.pk)
    assert client.get(receipt_url).status_code == 200
    client.force_login(wijkmanager)
    assert client.get(receipt_url).status_code == 200
    client.force_login(UserFactory())
    assert client.get(receipt_url).status_code == 404
    client.logout()
    assert client.get(receipt_url).status_code == 302  # to the login page


@pytest.mark.parametrize(
    "overrides",
    [
        {"amount": "500"},  # more than the € 400 voucher
        {"receipt": "text"},  # not a PDF or an image
        {"receipt": None},  # no receipt
        {"spent_on": "2999-01-01"},  # in the future
    ],
)
def test_bad_spending_is_explained_and_books_nothing(
    client, wijk, resident, regiegroep_member, budget, rules_v1, overrides
):
    initiative = _awarded(client, wijk, resident, regiegroep_member, budget)
    client.force_login(resident)
    data = {
        "description": "Tentverhuur",
        "amount": "150",
        "spent_on": timezone.localdate().isoformat(),
        "receipt": png_upload(),
    }
    data.update(overrides)
    if data["receipt"] is None:
        del data["receipt"]
    elif data["receipt"] == "text":
        from django.core.files.uploadedfile import SimpleUploadedFile

        data["receipt"] = SimpleUploadedFile("bon.pdf", b"just text", "application/pdf")
    hold_before = initiative.voucher.hold.balance_cents
    response = client.post(_url("action", wijk, initiative.pk, "expense"), data)
    assert response.status_code == 400
    assert response.context["forms"]["expense"].errors
    initiative.voucher.hold.refresh_from_db()
    assert initiative.voucher.hold.balance_cents == hold_before
    assert not Expense.objects.exists()


def test_accounting_and_closing_return_what_is_left(
    client, wijk, resident, regiegroep_member, wijkmanager, budget, rules_v1
):
    initiative = _awarded(client, wijk, resident, regiegroep_member, budget)
    client.force_login(resident)
    client.post(
        _url("action", wijk, initiative.pk, "expense"),
        {
            "description": "Tentverhuur",
            "amount": "150",
            "spent_on": timezone.localdate().isoformat(),
            "receipt": pdf_upload(),
        },
    )
    response = _act(
        client, initiative, "account", {"report": "Zestig buren kwamen.", "participants_count": 60}
    )
    assert response.status_code == 302
    client.force_login(wijkmanager)
    assert _act(client, initiative, "close", {"approve": "no", "note": ""}).status_code == 400
    assert _act(client, initiative, "close", {"approve": "yes"}).status_code == 302
    initiative.refresh_from_db()
    budget.refresh_from_db()
    assert initiative.status == Status.CLOSED
    assert budget.balance_cents == 100_000 - 15_000
    assert ledger_verify() == []


def test_a_handler_cancels_an_expense_and_the_money_comes_back(
    client, wijk, resident, regiegroep_member, wijkmanager, budget, rules_v1
):
    initiative = _awarded(client, wijk, resident, regiegroep_member, budget)
    expense = services.expense_record(
        initiative=initiative,
        actor=resident,
        description="Verkeerde tent",
        amount_cents=5_000,
        spent_on=timezone.localdate(),
        receipt=pdf_upload(),
    )
    client.force_login(resident)
    assert (
        _act(
            client, initiative, "cancel_expense", {"target": expense.pk, "reason": "x"}
        ).status_code
        == 403
    )
    client.force_login(wijkmanager)
    assert (
        _act(client, initiative, "cancel_expense", {"target": expense.pk, "reason": ""}).status_code
        == 400
    )
    response = _act(
        client, initiative, "cancel_expense", {"target": expense.pk, "reason": "Retour"}
    )
    assert response.status_code == 302
    initiative.voucher.hold.refresh_from_db()
    assert initiative.voucher.hold.balance_cents == 40_000


def test_a_partner_pledges_and_the_initiators_confirm(
    client, wijk, resident, regiegroep_member, budget, rules_v1, municipality
):
    initiative = _awarded(client, wijk, resident, regiegroep_member, budget)
    corporatie = OrganisationFactory(municipality=municipality, name="Woonstichting")
    partner = RoleAssignmentFactory(area=wijk, role=Role.PARTNER, organisation=corporatie).user
    client.force_login(partner)
    response = _act(
        client,
        initiative,
        "pledge",
        {
            "organisation": corporatie.pk,
            "kind": "money",
            "description": "Bijdrage",
            "amount": "100",
        },
    )
    assert response.status_code == 302
    pledge = Pledge.objects.get()
    # Money offers have an amount; other offers may not.
    bad = {"organisation": corporatie.pk, "kind": "hours", "description": "Klussen", "amount": "5"}
    assert _act(client, initiative, "pledge", bad).status_code == 400
    assert Pledge.objects.count() == 1
    client.force_login(UserFactory())
    assert _act(client, initiative, "pledge_confirm", {"target": pledge.pk}).status_code == 403
    client.force_login(resident)
    assert _act(client, initiative, "pledge_confirm", {"target": pledge.pk}).status_code == 302
    pledge.refresh_from_db()
    initiative.voucher.hold.refresh_from_db()
    assert pledge.status == PledgeStatus.RECEIVED
    assert initiative.voucher.hold.balance_cents == 50_000


def test_the_list_shows_money_and_remaining_budget_but_no_personal_data(
    client, wijk, resident, regiegroep_member, budget, rules_v1
):
    initiative = _awarded(client, wijk, resident, regiegroep_member, budget)
    client.logout()
    response = client.get(_url("list", wijk))
    assert response.status_code == 200
    assert response.context["summary"].awarded_cents == 40_000
    assert [(b.pk, text) for b, text in response.context["budgets"]] == [(budget.pk, "€\xa0600,00")]
    assert response.context["waiting"] is None
    content = response.content.decode()
    assert initiative.title in content and "1781" not in content
    assert client.get(_url("list", wijk), {"status": "bogus"}).status_code == 200


def test_a_wijkraadpleging_collects_opinions(client, wijk, resident, regiegroep_member, rules_v1):
    initiative = _submitted(wijk, resident)
    client.force_login(resident)
    assert client.get(_url("consultation_new", wijk)).status_code == 403
    client.force_login(regiegroep_member)
    today = timezone.localdate()
    bad = {
        "title": "Voorjaar",
        "opens_on": today,
        "closes_on": today - datetime.timedelta(days=1),
        "initiatives": [initiative.pk],
    }
    assert client.post(_url("consultation_new", wijk), bad).status_code == 400
    assert not Consultation.objects.exists()
    good = dict(bad, closes_on=today + datetime.timedelta(days=14))
    response = client.post(_url("consultation_new", wijk), good)
    consultation = Consultation.objects.get()
    assert response.status_code == 302

    neighbour = UserFactory()
    client.force_login(neighbour)
    url = _url("consultation", wijk, consultation.pk)
    assert (
        client.post(
            url, {"initiative": initiative.pk, f"i{initiative.pk}-support": "maybe"}
        ).status_code
        == 400
    )
    response = client.post(url, {"initiative": initiative.pk, f"i{initiative.pk}-support": "for"})
    assert response.status_code == 302
    client.post(url, {"initiative": initiative.pk, f"i{initiative.pk}-support": "against"})
    assert list(Opinion.objects.values_list("support", flat=True)) == ["against"]  # changed
    # While open, residents do not see the counts; the deciding body does.
    assert not client.get(url).context["show_results"]
    client.force_login(regiegroep_member)
    page = client.get(_url("detail", wijk, initiative.pk))
    assert page.context["consultations"][0][1]["against"] == 1


def test_a_late_decision_shows_besluit_te_laat_since_when_and_to_whom_it_went(
    client, wijk, resident, rules_v1
):
    boss = RoleAssignmentFactory(
        area=None,
        municipality=wijk.municipality,
        role=Role.GEBIEDSREGISSEUR,
        user__full_name="Marieke de Vries",
    ).user
    AgendaSettings.objects.create(municipality=wijk.municipality, escalate_to=boss)
    initiative = _submitted(wijk, resident)
    due = timezone.localdate() - datetime.timedelta(days=4)
    Initiative.objects.filter(pk=initiative.pk).update(decision_due=due)
    url = _url("detail", wijk, initiative.pk)

    page = client.get(url).content.decode()
    since = date_format(due + datetime.timedelta(days=1), "j F Y")
    assert "besluit te laat" in page and f"sinds {since}" in page
    assert "Marieke de Vries" not in page  # the background task has not escalated it yet

    initiative_escalate(initiative_id=initiative.pk)
    page = client.get(url).content.decode()
    today = date_format(timezone.localdate(), "j F Y")
    assert f"Sinds {today} ligt het bij Marieke de Vries" in page
    assert boss.email not in page
