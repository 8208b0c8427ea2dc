"""What needs a person now, read from every app: one provider function per source app.

A provider takes a `Scope` (one person at the werkplek of one municipality) and returns the
open tasks of its app that this person may do, each with a link to the page where it is
done, the wijk it is in and its term in words. A task shows only in a wijk where one of the
person's roles grants the capability the task needs (`Scope.covers`); escalations show to
those they went to. Each provider reads with a fixed number of queries, whatever the number
of wijken or tasks, so the whole page does too.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, replace

from django.db.models import Exists, Max, Min, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkwerk.accounts import roles
from wijkwerk.accounts.models import RoleAssignment
from wijkwerk.agenda.models import AgendaItem, AgendaNotice, AgendaReview, NoticeKind
from wijkwerk.agenda.models import Status as AgendaStatus
from wijkwerk.agenda.rules import is_item_owner
from wijkwerk.agenda.selectors import answer_deadline, answer_term_of
from wijkwerk.agreements.models import (
    AgreementStatus,
    Party,
    ProgressReport,
    ReportingPeriod,
    Signature,
)
from wijkwerk.agreements.predicates import acting_organisation_ids
from wijkwerk.initiatives.models import ConvenantProject, Initiative, ProjectStatus
from wijkwerk.initiatives.rules import BODY_CAPABILITY
from wijkwerk.inspections.models import Inspection, Participant
from wijkwerk.inspections.models import Status as InspectionStatus
from wijkwerk.meetings.models import (
    ActionPoint,
    InfoMeetingRequest,
    Meeting,
    MeetingStatus,
    Membership,
    RequestStatus,
)
from wijkwerk.pb.models import Phase, Proposal, ProposalStatus, Round
from wijkwerk.reports.models import PatternStatus, RecurringPattern, Report
from wijkwerk.surveys.models import Status as SurveyStatus
from wijkwerk.surveys.models import Survey

from . import wording
from .scope import Scope

# How far ahead a coming term counts as "needs me now".
SOON_DAYS = 7
# A melding is "near its deadline" this long before it.
REPORT_NEAR = datetime.timedelta(days=2)
# The wijkagenda is vastgesteld at least twice a year.
REVIEW_EVERY_MONTHS = 6
# Minutes are asked for meetings held in the last two months; older ones are history.
MINUTES_WITHIN = datetime.timedelta(days=60)
# Agenda items that are finished: their action points and terms no longer wait for anyone.
AGENDA_FINISHED = frozenset({AgendaStatus.DONE, AgendaStatus.DROPPED, AgendaStatus.REJECTED})


@dataclass(frozen=True)
class Task:
    label: str  # what to do, e.g. "Answer the idea"
    subject: str  # what it is about: the item's title
    url: str  # the page where it is done
    where: str  # the wijk (or the municipality)
    due: datetime.date  # its term (for what waits: the day it came in); oldest first
    when: str  # the term in words: "wacht 4 dagen", "termijn verloopt morgen"
    late: bool = False
    escalated: bool = False  # escalated to this person
    escalated_from: str = ""  # whose term it was: the names (or body) it came from


def _late(due: datetime.date, today: datetime.date) -> bool:
    return due < today


def _date(moment: datetime.datetime) -> datetime.date:
    return timezone.localdate(moment)


def add_months(day: datetime.date, months: int) -> datetime.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return datetime.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def _wijk_name(scope: Scope, area_id: int | None, parent_id: int | None = None) -> str:
    wijk = scope.wijk(parent_id or area_id)
    return wijk.name if wijk is not None else scope.municipality.name


def _people_by_wijk(scope: Scope, capability: str) -> dict[int, str]:
    """Per wijk, the names of those whose role for that wijk (not the whole municipality)
    grants `capability`: whose term it was when an escalation came from there. One query."""
    holding = [r for r, caps in roles.ROLE_CAPABILITIES.items() if capability in caps]
    names: dict[int, set[str]] = {}
    assignments = (
        RoleAssignment.objects.current()
        .filter(municipality=scope.municipality, area__isnull=False, role__in=holding)
        .select_related("user", "area")
    )
    for assignment in assignments:
        wijk_id = assignment.area.parent_id or assignment.area_id
        user = assignment.user
        names.setdefault(wijk_id, set()).add(user.full_name or user.email)
    return {wijk_id: ", ".join(sorted(found)) for wijk_id, found in names.items()}


# --- agenda ---------------------------------------------------------------------------------


def agenda_tasks(scope: Scope) -> list[Task]:
    """Ideas waiting for an answer, Ooit items whose promised date has come, items whose
    probleemeigenaar is past the date agreed, and a wijkagenda whose vaststelling is due."""
    today, slug = scope.today, scope.municipality.slug
    tasks: list[Task] = []
    to_answer: dict[int, int] = {}  # idea -> its "Answer the idea" task in `tasks`
    answer = scope.wijk_ids(roles.ANSWER_ITEM)
    owner = scope.wijk_ids(roles.REPORT_PROGRESS)
    waiting_or_late = Q(area_id__in=answer) & (
        Q(status=AgendaStatus.PROPOSED) | Q(status=AgendaStatus.WAITING, answer_by__lte=today)
    )
    # Items whose term comes: for the probleemeigenaar's people and the named contact person.
    overdue = Q(
        status__in=(AgendaStatus.PLANNED, AgendaStatus.IN_PROGRESS),
        due_date__lte=today + datetime.timedelta(days=SOON_DAYS),
    ) & (Q(area_id__in=owner, owner_organisation__isnull=False) | Q(owner_person=scope.user))
    items = AgendaItem.objects.filter(
        waiting_or_late | overdue, area__municipality=scope.municipality
    ).select_related("area")
    for item in items:
        where = item.area.name
        args = (slug, item.area.slug, item.pk)
        if item.status == AgendaStatus.PROPOSED and item.area_id in answer:
            since = _date(item.created_at)
            to_answer[item.pk] = len(tasks)
            tasks.append(
                Task(
                    _("Answer the idea"),
                    item.title,
                    reverse("agenda:item", args=args) + "#give-answer-heading",
                    where,
                    since,
                    wording.waiting(since, today),
                )
            )
        elif item.status == AgendaStatus.WAITING and item.area_id in answer:
            tasks.append(
                Task(
                    _("Give the definite answer (Some day)"),
                    item.title,
                    reverse("agenda:item", args=args) + "#give-answer-heading",
                    where,
                    item.answer_by,
                    wording.deadline(item.answer_by, today),
                    late=_late(item.answer_by, today),
                )
            )
        elif is_item_owner(scope.user, item):
            tasks.append(
                Task(
                    _("Report progress on the wijkagenda"),
                    item.title,
                    reverse("agenda:item", args=args),
                    where,
                    item.due_date,
                    wording.deadline(item.due_date, today),
                    late=_late(item.due_date, today),
                )
            )
    tasks = _mark_escalated_ideas(scope, tasks, to_answer)
    tasks += _review_tasks(scope)
    return tasks


def _mark_escalated_ideas(scope: Scope, tasks: list[Task], to_answer: dict[int, int]) -> list[Task]:
    """Ideas whose answer term passed and that the daily run escalated to this person: the
    idea's own task is marked so, or (for the manager who does not answer there) a task of
    its own to see that it is answered, naming whose term it was."""
    email = (scope.user.email or "").lower()
    notices = (
        AgendaNotice.objects.filter(
            kind=NoticeKind.ANSWER_OVERDUE,
            item__status=AgendaStatus.PROPOSED,
            item__area__municipality=scope.municipality,
        )
        .select_related("item__area")
        .order_by("sent_at", "pk")
    )
    escalated: dict[int, AgendaNotice] = {}
    for notice in notices:
        sent_to = {e.strip().lower() for e in notice.recipients.split(",")}
        if email and email in sent_to:
            escalated.setdefault(notice.item_id, notice)
    if not escalated:
        return tasks
    answerers = _people_by_wijk(scope, roles.ANSWER_ITEM)
    term = answer_term_of(scope.municipality)
    tasks = list(tasks)
    for item_id, notice in escalated.items():
        item = notice.item
        came_from = answerers.get(item.area_id, "")
        # How late the answer is, by its term (the escalation came the day after it).
        deadline = answer_deadline(item, term)
        when = _("answer %(late)s") % {"late": wording.late(deadline, scope.today)}
        if item_id in to_answer:
            at = to_answer[item_id]
            tasks[at] = replace(
                tasks[at], when=when, late=True, escalated=True, escalated_from=came_from
            )
            continue
        tasks.append(
            Task(
                _("See that the idea is answered"),
                item.title,
                reverse("agenda:item", args=(scope.municipality.slug, item.area.slug, item.pk)),
                item.area.name,
                deadline,
                when,
                late=True,
                escalated=True,
                escalated_from=came_from,
            )
        )
    return tasks


def _review_tasks(scope: Scope) -> list[Task]:
    """A wijkagenda not vastgesteld for more than six months (or never, while its items are
    older than that)."""
    review = scope.wijk_ids(roles.REVIEW_AGENDA)
    if not review:
        return []
    today = scope.today
    last = dict(
        AgendaReview.objects.filter(area_id__in=review)
        .values("area_id")
        .annotate(last=Max("held_on"))
        .values_list("area_id", "last")
    )
    first = dict(
        AgendaItem.objects.filter(area_id__in=review - set(last))
        .values("area_id")
        .annotate(first=Min("created_at"))
        .values_list("area_id", "first")
    )
    tasks = []
    for wijk in scope.wijken:
        if wijk.pk not in review:
            continue
        since = last.get(wijk.pk) or (_date(first[wijk.pk]) if wijk.pk in first else None)
        if since is None:
            continue
        due = add_months(since, REVIEW_EVERY_MONTHS)
        if due >= today:
            continue
        tasks.append(
            Task(
                _("Fix the wijkagenda (vaststelling)"),
                _("Wijkagenda of %(wijk)s") % {"wijk": wijk.name},
                reverse("agenda:reviews", args=(scope.municipality.slug, wijk.slug)),
                wijk.name,
                due,
                wording.late(due, today),
                late=True,
            )
        )
    return tasks


# --- initiatives ----------------------------------------------------------------------------


def initiatives_tasks(scope: Scope) -> list[Task]:
    """Initiatives waiting for a decision (the 3-working-day clock of a small request), the
    escalated ones for those they went to, and convenant projects for the stuurgroep."""
    today, slug = scope.today, scope.municipality.slug
    handle = scope.wijk_ids(roles.HANDLE_INITIATIVE)
    decide = set().union(*(scope.wijk_ids(cap) for cap in BODY_CAPABILITY.values()))
    tasks: list[Task] = []
    initiatives = (
        Initiative.objects.awaiting_decision()
        .filter(
            Q(area_id__in=handle | decide)
            | Q(contact_official=scope.user)
            | Q(escalated_to=scope.user, escalated_at__isnull=False)
        )
        .filter(area__municipality=scope.municipality)
        .select_related("area", "ruleset", "contact_official")
    )
    handlers: dict[int, str] | None = None
    for initiative in initiatives:
        body = initiative.ruleset.deciding_body if initiative.ruleset else None
        decides = body is not None and scope.covers(BODY_CAPABILITY[body], initiative.area_id)
        handles = initiative.area_id in handle
        contact = initiative.contact_official_id == scope.user.pk
        went_to_me = initiative.escalated_at is not None and (
            initiative.escalated_to_id == scope.user.pk
            # Nobody above the wijk to escalate to: it stays with the wijk's handlers.
            or (initiative.escalated_to_id is None and (handles or contact))
        )
        if not (decides or handles or contact or went_to_me):
            continue
        due = initiative.decision_due or _date(initiative.submitted_at or initiative.created_at)
        came_from = ""
        if went_to_me:
            if handlers is None:
                handlers = _people_by_wijk(scope, roles.HANDLE_INITIATIVE)
            came_from = _came_from(initiative, handlers)
        tasks.append(
            Task(
                _("Decide on the initiative")
                if decides
                else _("See that the initiative is decided"),
                initiative.title,
                reverse("initiatives:detail", args=(slug, initiative.area.slug, initiative.pk)),
                initiative.area.name,
                due,
                wording.working_deadline(due, today),
                late=_late(due, today),
                escalated=went_to_me,
                escalated_from=came_from,
            )
        )
    if scope.whole(roles.RANK_PROJECTS):
        projects = ConvenantProject.objects.filter(
            status=ProjectStatus.SUBMITTED, call__fund__municipality=scope.municipality
        ).select_related("call")
        for project in projects:
            scored = None not in (
                project.score_participation,
                project.score_impact,
                project.score_reach,
            )
            since = _date(project.submitted_at)
            tasks.append(
                Task(
                    _("Decide on the convenant project")
                    if scored
                    else _("Score the convenant project"),
                    project.title,
                    reverse(
                        "initiatives_municipality:project",
                        args=(slug, project.call_id, project.pk),
                    ),
                    _wijk_name(scope, project.area_id),
                    since,
                    wording.waiting(since, today),
                )
            )
    return tasks


def _came_from(initiative: Initiative, handlers: dict[int, str]) -> str:
    """Whose decision term it was: the deciding body, and the contact official (or else
    the wijk's handlers) who was to see that it was decided."""
    person = (
        initiative.contact_official.full_name or initiative.contact_official.email
        if initiative.contact_official is not None
        else handlers.get(initiative.area_id, "")
    )
    body = initiative.ruleset.get_deciding_body_display() if initiative.ruleset else ""
    return " · ".join(part for part in (str(body), person) if part)


# --- reports (meldingen) --------------------------------------------------------------------


def reports_tasks(scope: Scope) -> list[Task]:
    """Meldingen past or near their deadline for their handlers; past it (escalated) for
    those who supervise the wijk; recurring patterns for those who keep its agenda."""
    now, today, slug = scope.now, scope.today, scope.municipality.slug
    supervise = scope.wijk_ids(roles.SUPERVISE_REPORTS)
    handle = scope.wijk_ids(roles.HANDLE_REPORTS)
    where = Q(wijk_id__in=supervise | handle)
    if scope.whole(roles.SUPERVISE_REPORTS) or scope.whole(roles.HANDLE_REPORTS):
        where |= Q(wijk__isnull=True)
    tasks: list[Task] = []
    reports = (
        Report.objects.open()
        .filter(where, municipality=scope.municipality, deadline__lte=now + REPORT_NEAR)
        .select_related("category", "organisation", "wijk", "buurt")
    )
    for report in reports:
        supervises = scope.covers(roles.SUPERVISE_REPORTS, report.wijk_id)
        org = report.organisation
        handles = org is not None and any(
            scope.covers(roles.HANDLE_REPORTS, report.wijk_id, organisation_id=org_id)
            for org_id in {org.pk, org.parent_id} - {None}
        )
        past = report.deadline <= now
        if not (handles or (supervises and past)):
            continue
        due = _date(report.deadline)
        tasks.append(
            Task(
                _("Handle the melding"),
                f"#{report.pk} {report.category}",
                reverse("reports:detail", args=(slug, report.pk)),
                report.wijk.name if report.wijk else scope.municipality.name,
                due,
                wording.deadline_at(report.deadline, now),
                late=past,
                escalated=report.escalated_at is not None and supervises,
            )
        )
    manage = scope.wijk_ids(roles.MANAGE_AGENDA)
    if manage:
        patterns = RecurringPattern.objects.filter(
            wijk_id__in=manage, status=PatternStatus.PROPOSED
        ).select_related("wijk", "buurt", "category")
        for pattern in patterns:
            since = _date(pattern.created_at)
            tasks.append(
                Task(
                    _("Recurring meldingen: put them on the wijkagenda or dismiss them"),
                    f"{pattern.category} – {(pattern.buurt or pattern.wijk).name}",
                    reverse("reports:patterns", args=(slug,)),
                    pattern.wijk.name,
                    since,
                    wording.waiting(since, today),
                )
            )
    return tasks


# --- agreements -----------------------------------------------------------------------------


def agreements_tasks(scope: Scope) -> list[Task]:
    """Reports due from the owner of an agreement; late reports and periods to close for the
    staff who watch it; agreements waiting for this person's organisation to sign."""
    today, slug, user = scope.today, scope.municipality.slug, scope.user
    acting = acting_organisation_ids(user, scope.municipality.pk)
    manage = scope.wijk_ids(roles.MANAGE_AGREEMENTS)
    tasks: list[Task] = []

    def manages(agreement) -> bool:
        area = agreement.area
        return scope.covers(
            roles.MANAGE_AGREEMENTS, (area.parent_id or area.pk) if area is not None else None
        )

    visible = Q()
    if not scope.whole(roles.MANAGE_AGREEMENTS):
        visible = (
            Q(agreement__owner_organisation_id__in=acting)
            | Q(agreement__area_id__in=manage)
            | Q(agreement__area__parent_id__in=manage)
        )
    periods = (
        ReportingPeriod.objects.filter(
            visible,
            agreement__municipality=scope.municipality,
            agreement__status=AgreementStatus.IN_FORCE,
            closed_at__isnull=True,
            due_on__lte=today + datetime.timedelta(days=SOON_DAYS * 2),
        )
        .annotate(
            reported_at=Subquery(
                ProgressReport.objects.filter(period=OuterRef("pk")).values("reported_at")[:1]
            )
        )
        .select_related("agreement", "agreement__area")
    )
    for period in periods:
        agreement = period.agreement
        owner = user.is_superuser or agreement.owner_organisation_id in acting
        url = reverse("agreements:detail", args=(slug, agreement.pk))
        where = _wijk_name(
            scope, agreement.area_id, agreement.area.parent_id if agreement.area else None
        )
        if period.reported_at is None and owner:
            label, due = _("Report on the agreement"), period.due_on
            when = wording.deadline(due, today)
        elif period.reported_at is None and period.due_on < today and manages(agreement):
            label, due = _("The report on the agreement is late"), period.due_on
            when = wording.late(due, today)
        elif period.reported_at is not None and manages(agreement):
            label, due = _("Close the reporting period"), _date(period.reported_at)
            when = wording.waiting(due, today)
        else:
            continue
        tasks.append(
            Task(
                label,
                agreement.title,
                url,
                where,
                due,
                when,
                late=due < today and not period.reported_at,
            )
        )
    if acting or user.is_superuser:
        signed = Signature.objects.filter(party=OuterRef("pk"), voided_at__isnull=True)
        parties = (
            Party.objects.filter(
                agreement__municipality=scope.municipality,
                agreement__status=AgreementStatus.TO_SIGN,
            )
            .filter(Q() if user.is_superuser else Q(organisation_id__in=acting))
            .exclude(Exists(signed))
            .select_related("agreement", "agreement__area", "organisation")
        )
        for party in parties:
            agreement = party.agreement
            since = agreement.updated_at.date()
            tasks.append(
                Task(
                    _("Sign the agreement for %(organisation)s")
                    % {"organisation": party.organisation.name},
                    agreement.title,
                    reverse("agreements:detail", args=(slug, agreement.pk)),
                    _wijk_name(
                        scope,
                        agreement.area_id,
                        agreement.area.parent_id if agreement.area else None,
                    ),
                    since,
                    wording.waiting(since, today),
                )
            )
    return tasks


# --- meetings -------------------------------------------------------------------------------


def meetings_tasks(scope: Scope) -> list[Task]:
    """Meetings held in the last two months without minutes (for the staff and the body's chair), action points past
    their date (for the staff and the probleemeigenaar) and requests for an information
    meeting waiting for an answer."""
    now, today, slug, user = scope.now, scope.today, scope.municipality.slug, scope.user
    manage = scope.wijk_ids(roles.MANAGE_MEETINGS)
    owner = scope.wijk_ids(roles.REPORT_PROGRESS)
    tasks: list[Task] = []
    chairs = Membership.objects.filter(user=user, is_chair=True).values("body_id")
    meetings = (
        Meeting.objects.filter(
            body__area__municipality=scope.municipality,
            ends_at__lt=now,
            ends_at__gte=now - MINUTES_WITHIN,
            minutes="",
        )
        .exclude(status=MeetingStatus.CANCELLED)
        .filter(Q(body__area_id__in=manage) | Q(body_id__in=chairs))
        .select_related("body", "body__area")
    )
    for meeting in meetings:
        held = _date(meeting.ends_at)
        area = meeting.body.area
        tasks.append(
            Task(
                _("Write the minutes"),
                f"{meeting.body.name}, {held:%d-%m-%Y}",
                reverse("meetings:meeting", args=(slug, area.slug, meeting.pk)),
                area.name,
                held,
                _("held %(when)s") % {"when": wording.event(held, today)},
                late=held < today,
            )
        )
    if manage or owner:
        actions = (
            ActionPoint.objects.filter(
                meeting__body__area_id__in=manage | owner,
                due_date__lte=today + datetime.timedelta(days=SOON_DAYS),
            )
            .exclude(agenda_item__status__in=AGENDA_FINISHED)
            .select_related("meeting__body__area", "agenda_item", "agenda_item__area")
        )
        for action in actions:
            area = action.meeting.body.area
            manages = area.pk in manage
            owns = scope.covers(
                roles.REPORT_PROGRESS, area.pk, organisation_id=action.owner_organisation_id
            )
            if not (manages or owns):
                continue
            if action.agenda_item is not None:
                # The agenda item is where its progress is reported: one task, not two.
                item = action.agenda_item
                url = reverse("agenda:item", args=(slug, item.area.slug, item.pk))
                label, subject = _("Report progress on the wijkagenda"), item.title
            else:
                url = reverse("meetings:meeting", args=(slug, area.slug, action.meeting_id))
                label, subject = _("Action point from a meeting"), action.title
            tasks.append(
                Task(
                    label,
                    subject,
                    url,
                    area.name,
                    action.due_date,
                    wording.deadline(action.due_date, today),
                    late=_late(action.due_date, today),
                )
            )
    if manage:
        requests = InfoMeetingRequest.objects.filter(
            area_id__in=manage, status=RequestStatus.PENDING
        ).select_related("area")
        for request in requests:
            since = _date(request.created_at)
            tasks.append(
                Task(
                    _("Answer the request for an information meeting"),
                    request.topic,
                    reverse("meetings_requests:detail", args=(slug, request.pk)),
                    request.area.name,
                    since,
                    wording.waiting(since, today),
                )
            )
    return tasks


# --- pb (budget rounds) ---------------------------------------------------------------------


def pb_tasks(scope: Scope) -> list[Task]:
    """Phases of a budget round to open or close (this week), results to tally and publish,
    and proposals to check for feasibility and cost."""
    today, slug = scope.today, scope.municipality.slug
    soon = today + datetime.timedelta(days=SOON_DAYS)
    tasks: list[Task] = []
    rounds = Round.objects.filter(
        municipality=scope.municipality, results_published_at__isnull=True
    ).select_related("area")
    for pb_round in rounds:
        if not scope.covers(roles.MANAGE_PB_ROUND, pb_round.area_id):
            continue
        phase = pb_round.phase(today)
        step = {
            Phase.UPCOMING: (_("Proposals open"), pb_round.proposals_from),
            Phase.PROPOSALS: (_("Proposals close"), pb_round.proposals_until),
            Phase.REVIEW: (_("Voting opens"), pb_round.voting_from),
            Phase.VOTING: (_("Voting closes"), pb_round.voting_until),
        }.get(phase)
        if step is not None and step[1] > soon:
            continue
        if step is None:
            label, day = _("Tally the votes and publish the results"), pb_round.voting_until
            when = wording.waiting(day + datetime.timedelta(days=1), today)
        else:
            label, day = step
            when = wording.event(day, today)
        tasks.append(
            Task(
                label,
                pb_round.title,
                reverse("pb:staff", args=(slug, pb_round.pk)),
                _wijk_name(scope, pb_round.area_id),
                day,
                when,
                late=step is None,
            )
        )
    proposals = Proposal.objects.filter(
        round__municipality=scope.municipality,
        status=ProposalStatus.SUBMITTED,
        round__voting_from__gt=today,
    ).select_related("round")
    for proposal in proposals:
        pb_round = proposal.round
        if not scope.covers(roles.REVIEW_PB_PROPOSAL, pb_round.area_id):
            continue
        tasks.append(
            Task(
                _("Check the proposal for feasibility and cost"),
                proposal.title,
                reverse("pb:staff", args=(slug, pb_round.pk)) + f"#proposal-{proposal.pk}-heading",
                _wijk_name(scope, pb_round.area_id),
                pb_round.review_until,
                wording.deadline(pb_round.review_until, today),
                late=_late(pb_round.review_until, today),
            )
        )
    return tasks


# --- surveys --------------------------------------------------------------------------------


def surveys_tasks(scope: Scope) -> list[Task]:
    """Surveys that close (or should open) this week, and open ones past their close."""
    today, slug = scope.today, scope.municipality.slug
    soon = today + datetime.timedelta(days=SOON_DAYS)
    tasks: list[Task] = []
    surveys = Survey.objects.filter(municipality=scope.municipality).filter(
        Q(status=SurveyStatus.OPEN, closes_on__lte=soon)
        | Q(status=SurveyStatus.DRAFT, opens_on__lte=soon)
    )
    for survey in surveys:
        if not scope.covers(roles.MANAGE_SURVEY, survey.area_id):
            continue
        if survey.status == SurveyStatus.DRAFT:
            label, day = _("Open the survey"), survey.opens_on
        elif survey.closes_on < today:
            label, day = _("Close the survey and publish its results"), survey.closes_on
        else:
            label, day = _("The survey closes"), survey.closes_on
        tasks.append(
            Task(
                label,
                survey.title,
                reverse("surveys:staff", args=(slug, survey.pk)),
                _wijk_name(scope, survey.area_id),
                day,
                wording.event(day, today),
                late=_late(day, today),
            )
        )
    return tasks


# --- inspections (wijkschouw) ---------------------------------------------------------------


def inspections_tasks(scope: Scope) -> list[Task]:
    """Schouwen to walk this week (or planned and not yet walked), for their staff and for
    those who walk along with an account."""
    today, slug = scope.today, scope.municipality.slug
    manage = scope.wijk_ids(roles.MANAGE_INSPECTION)
    walking = Participant.objects.filter(user=scope.user).values("inspection_id")
    soon = timezone.make_aware(
        datetime.datetime.combine(today + datetime.timedelta(days=SOON_DAYS + 1), datetime.time())
    )
    inspections = (
        Inspection.objects.filter(
            municipality=scope.municipality,
            status__in=(InspectionStatus.PLANNED, InspectionStatus.IN_PROGRESS),
            starts_at__lt=soon,
        )
        .filter(Q(area_id__in=manage) | Q(pk__in=walking))
        .select_related("area")
    )
    tasks = []
    for inspection in inspections:
        day = _date(inspection.starts_at)
        tasks.append(
            Task(
                _("Walk the schouw"),
                inspection.title,
                reverse("inspections:detail", args=(slug, inspection.pk)),
                inspection.area.name,
                day,
                wording.event(day, today),
                late=day < today,
            )
        )
    return tasks


PROVIDERS: tuple[Callable[[Scope], list[Task]], ...] = (
    agenda_tasks,
    initiatives_tasks,
    reports_tasks,
    agreements_tasks,
    meetings_tasks,
    pb_tasks,
    surveys_tasks,
    inspections_tasks,
)


def werkplek_tasks(*, scope: Scope) -> list[Task]:
    """Every open task of the person in the municipality, oldest term first. A task reached
    by two ways (an action point that is also a wijkagenda item) shows once, escalated if
    either says so."""
    found: dict[tuple[str, str], Task] = {}
    for provider in PROVIDERS:
        for task in provider(scope):
            key = (task.url, task.label, task.subject)
            seen = found.get(key)
            if seen is None or (task.escalated and not seen.escalated):
                found[key] = (
                    task
                    if seen is None
                    else replace(seen, escalated=True, escalated_from=task.escalated_from)
                )
    return sorted(found.values(), key=lambda t: (t.due, t.where, t.subject, t.label))
