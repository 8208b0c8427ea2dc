"""Fill the database with a Dutch demo: Den Helder, Etten-Leur and Hoogeveen.

    python manage.py demo            # build the demo (once) and print the demo logins
    python manage.py demo --reset    # delete the three demo municipalities and build anew

The base story lives in `wijkwerk.portal.management.demo_data`. This command creates the
areas, organisations, people and roles through the services of their apps, then plays each
wijk's story in date order through the agenda services, as the person who would take each
step: permissions are checked and the audit log tells the story. Afterwards each step's
timestamps are set to the day it happened, so a review (vaststelling) freezes exactly what
stood on the agenda that day and the item pages show a believable history.

Logins use the reserved domain `wijkwerk.example`, so demo mail never reaches a real
mailbox, and share one published password. Nothing is read from outside the project, so
the quick start works anywhere. Running the command again prints the logins and changes
nothing.
"""

import datetime
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import import_module

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone

from wijkwerk.accounts.models import RoleAssignment, User
from wijkwerk.accounts.roles import Role
from wijkwerk.accounts.services import role_assign
from wijkwerk.agenda import services as agenda
from wijkwerk.agenda.models import (
    AgendaItem,
    AgendaItemUpdate,
    AgendaReview,
    DevelopmentPlan,
    Goal,
    PlannedAction,
    Status,
    Theme,
)
from wijkwerk.agreements.maintenance import agreements_purge
from wijkwerk.areas.models import Area, AreaKind, Municipality
from wijkwerk.areas.services import area_create, demo_geodata_load, municipality_create
from wijkwerk.assessments.maintenance import assessments_purge
from wijkwerk.budgets.maintenance import funds_purge
from wijkwerk.core.demo import DemoContext
from wijkwerk.core.models import AuditEvent
from wijkwerk.initiatives.maintenance import initiatives_purge
from wijkwerk.inspections.maintenance import inspections_purge
from wijkwerk.meetings.maintenance import meetings_purge
from wijkwerk.organisations.models import Organisation
from wijkwerk.pb.maintenance import rounds_purge
from wijkwerk.portal.management.demo_data import (
    DEMO_CODES,
    Agreed,
    Answer,
    Gemeente,
    Idea,
    Plan,
    Progress,
    Review,
    ToAgenda,
    When,
    WijkAgenda,
    municipalities,
)
from wijkwerk.reports.models import Category, Report
from wijkwerk.surveys.maintenance import surveys_purge
from wijkwerk.updates.services import news_rebuild

DEMO_PASSWORD = "wijkwerk-demo-2026"  # noqa: S105 - the published password of the demo logins
DOMAIN = "wijkwerk.example"  # reserved for examples (RFC 2606)
# Logins of the first version of the demo, removed by --reset as well.
OLD_DOMAINS = ("demo.wijkwerk.nl",)
ADMIN_LOCAL = "beheerder"

# The apps whose demo.py adds to the story, in the order of the layers (initiatives first:
# it sets up the funds the others draw on). A new app with a demo adds itself here.
DEMO_APPS = (
    "accounts",
    "branding",
    "agenda",
    "initiatives",
    "reports",
    "pb",
    "inspections",
    "assessments",
    "meetings",
    "agreements",
    "surveys",
    # Last: reads every app's part, and gives each staff login an open task if none has one.
    "werkplek",
)

# The order of the roles in the printed table.
ROLE_ORDER = [
    Role.WIJKMANAGER,
    Role.ACCOUNTMANAGER,
    Role.GEBIEDSREGISSEUR,
    Role.WIJKWETHOUDER,
    Role.WIJKAGENT,
    Role.WIJKCONCIERGE,
    Role.OPBOUWWERKER,
    Role.INITIATIEVENMAKELAAR,
    Role.PLATFORM_CHAIR,
    Role.REGIEGROEP_MEMBER,
    Role.STUURGROEP_MEMBER,
    Role.PARTNER,
    Role.RESIDENT,
]


@dataclass
class Step:
    day: datetime.date
    seq: int
    run: Callable[[datetime.datetime], None]


class Command(BaseCommand):
    help = (
        "Load the Dutch demo (Den Helder, Etten-Leur, Hoogeveen) once and print the demo "
        "logins. --reset deletes the municipalities GM0400, GM0777 and GM0118 with everything "
        "in them, and the demo logins, and builds the demo anew."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset", action="store_true", help="delete the demo municipalities and rebuild"
        )

    def handle(self, *args, reset: bool = False, **options):
        with transaction.atomic():
            if reset:
                self._remove()
            if self._present():
                self.stdout.write(
                    "The demo is already loaded; nothing changed (--reset rebuilds it)."
                )
            else:
                self._build()
                self.stdout.write(self.style.SUCCESS("Demo loaded."))
        self._print_logins()

    # --- presence and removal -------------------------------------------------------------

    def _present(self) -> bool:
        return (
            User.objects.filter(email=f"{ADMIN_LOCAL}@{DOMAIN}").exists()
            or Organisation.objects.filter(municipality__code__in=DEMO_CODES).exists()
        )

    def _remove(self) -> None:
        demo_users = Q(email__endswith="@" + DOMAIN)
        for old in OLD_DOMAINS:
            demo_users |= Q(email__endswith="@" + old)
        # Items and roles point to organisations with PROTECT: remove them first.
        AgendaItem.objects.filter(area__municipality__code__in=DEMO_CODES).delete()
        rounds_purge(municipality_codes=DEMO_CODES)
        surveys_purge(municipality_codes=DEMO_CODES)
        inspections_purge(municipality_codes=DEMO_CODES)
        meetings_purge(municipality_codes=DEMO_CODES)
        agreements_purge(municipality_codes=DEMO_CODES)
        assessments_purge(municipality_codes=DEMO_CODES)
        initiatives_purge(municipality_codes=DEMO_CODES)
        Report.objects.filter(municipality__code__in=DEMO_CODES).delete()
        Category.objects.filter(municipality__code__in=DEMO_CODES).delete()
        funds_purge(municipality_codes=DEMO_CODES)
        RoleAssignment.objects.filter(municipality__code__in=DEMO_CODES).delete()
        User.objects.filter(demo_users).delete()
        Municipality.objects.filter(code__in=DEMO_CODES).delete()

    # --- building -------------------------------------------------------------------------

    def _build(self) -> None:
        self.today = timezone.localdate()
        # One hash for every login keeps the build fast; the password is public anyway.
        self.password = make_password(DEMO_PASSWORD)
        self.seq = 0
        self.people: dict[str, User] = {}
        self.items: dict[tuple[str, str], AgendaItem] = {}
        self.areas: dict[str, Area] = {}
        self.themes: dict[str, dict[str, Theme]] = {}
        self.orgs: dict[str, dict[str, Organisation]] = {}
        specs = municipalities(self.today)
        # The partnership was set up before the story starts: at the start of last year.
        with self._at(datetime.date(self.today.year - 1, 1, 2)):
            self.admin = self._user(ADMIN_LOCAL, "Functioneel beheerder", superuser=True)
            for spec in specs:
                self._setup(spec)
        steps: list[Step] = []
        for spec in specs:
            for wijk_agenda in spec.agendas:
                steps += self._steps(spec, wijk_agenda)
        nth_of_day: dict[datetime.date, int] = {}
        for step in sorted(steps, key=lambda s: (s.day, s.seq)):
            # The steps of one day keep their order a minute apart, from nine o'clock on.
            nth = nth_of_day[step.day] = nth_of_day.get(step.day, -1) + 1
            moment = timezone.make_aware(
                datetime.datetime.combine(step.day, datetime.time(9))
            ) + datetime.timedelta(minutes=nth)
            with self._at(moment):
                step.run(moment)
        # Money, initiatives and the rest happen today, after the agenda's story: each app
        # builds its own part (its demo.py), in the order of DEMO_APPS.
        ctx = DemoContext(
            admin=self.admin, people=self.people, areas=self.areas, orgs=self.orgs, today=self.today
        )
        for app in DEMO_APPS:
            import_module(f"wijkwerk.{app}.demo").build(ctx)
        # The news stream was written as the story played; the story's events were dated
        # afterwards, so the stream is read again from the audit log with those dates.
        news_rebuild()
        for note in ctx.notes:
            self.stdout.write(note)

    def _setup(self, spec: Gemeente) -> None:
        municipality = Municipality.objects.filter(code=spec.code).first()
        if municipality is None:
            municipality = municipality_create(code=spec.code, name=spec.name, actor=self.admin)
        municipality.agenda_answered_by = spec.answered_by
        municipality.contact_phone = spec.phone
        municipality.map_lat, municipality.map_lon = spec.centre
        municipality.contact_email = f"wijken.{municipality.slug}@{DOMAIN}"
        municipality.full_clean()
        municipality.save()
        for wijk in spec.wijken:
            area = self._area(municipality, wijk.kind, wijk.code, wijk.name, wijk.description)
            self.areas[wijk.code] = area
            for code, name in wijk.buurten:
                self._area(municipality, AreaKind.BUURT, code, name, parent=area)
        # The real CBS boundaries and postcodes, shipped in wijkwerk/areas/data/.
        demo_geodata_load(municipality=municipality, actor=self.admin)
        self.themes[spec.code] = {
            name: Theme.objects.get_or_create(
                municipality=municipality, name=name, defaults={"kind": kind}
            )[0]
            for name, kind in spec.themes
        }
        orgs: dict[str, Organisation] = {}
        for org in spec.orgs:
            organisation = Organisation(
                municipality=municipality,
                parent=orgs[org.parent] if org.parent else None,
                kind=org.kind,
                name=org.name,
                short_name=org.short_name,
                website=org.website,
            )
            organisation.full_clean()
            organisation.save()
            orgs[org.key] = organisation
        self.orgs[spec.code] = orgs
        for person in spec.people:
            user = self._user(person.key, person.name)
            self.people[person.key] = user
            for holds in person.holds:
                for area_code in holds.areas or (None,):
                    role_assign(
                        user=user,
                        role=holds.role,
                        municipality=municipality,
                        area=self.areas[area_code] if area_code else None,
                        organisation=orgs[holds.org] if holds.org else None,
                        actor=self.admin,
                        is_public_contact=holds.contact,
                        public_email=user.email if holds.contact else "",
                        public_phone=holds.phone if holds.contact else "",
                    )

    def _area(
        self,
        municipality: Municipality,
        kind: str,
        code: str,
        name: str,
        description: str = "",
        parent: Area | None = None,
    ) -> Area:
        area = Area.objects.filter(code=code).first()
        if area is None:
            area = area_create(
                municipality=municipality,
                kind=kind,
                code=code,
                name=name,
                parent=parent,
                actor=self.admin,
            )
        else:
            # Imported before (e.g. with its CBS boundary): keep it, with the demo's name.
            area.kind, area.name = kind, name
        area.description = description
        area.full_clean()
        area.save()
        return area

    def _user(self, local: str, name: str, superuser: bool = False) -> User:
        email = f"{local}@{DOMAIN}"
        user = User.objects.create(
            email=email,
            full_name=name,
            password=self.password,
            is_staff=superuser,
            is_superuser=superuser,
        )
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        return user

    @contextmanager
    def _at(self, when: datetime.date | datetime.datetime) -> Iterator[None]:
        """Date everything written inside the block (audit log, items, updates) at `when`."""
        if not isinstance(when, datetime.datetime):
            when = timezone.make_aware(datetime.datetime.combine(when, datetime.time(9)))
        models = (AuditEvent, AgendaItem, AgendaItemUpdate, AgendaReview, User)
        marks = {m: m.objects.aggregate(last=Max("pk"))["last"] or 0 for m in models}
        yield
        AuditEvent.objects.filter(pk__gt=marks[AuditEvent]).update(created_at=when)
        AgendaItemUpdate.objects.filter(pk__gt=marks[AgendaItemUpdate]).update(created_at=when)
        AgendaReview.objects.filter(pk__gt=marks[AgendaReview]).update(created_at=when)
        User.objects.filter(pk__gt=marks[User]).update(date_joined=when)
        new_items = AgendaItem.objects.filter(pk__gt=marks[AgendaItem])
        new_items.update(created_at=when)
        new_items.filter(answered_at__isnull=False).update(answered_at=when)

    # --- the story ----------------------------------------------------------------------

    def _day(self, when: When) -> datetime.date:
        if isinstance(when, datetime.date):
            return when
        return self.today + datetime.timedelta(days=when)

    def _step(self, when: When, run: Callable[[datetime.datetime], None]) -> Step:
        self.seq += 1
        return Step(self._day(when), self.seq, run)

    def _steps(self, spec: Gemeente, wijk_agenda: WijkAgenda) -> list[Step]:
        wijk = self.areas[wijk_agenda.wijk]
        themes, orgs = self.themes[spec.code], self.orgs[spec.code]
        steps: list[Step] = []
        for item in wijk_agenda.items:
            if isinstance(item, Idea):
                steps.append(self._step(item.when, self._propose(wijk, item, themes)))
                if item.answer:
                    steps.append(
                        self._step(item.answer.when, self._answer(wijk, item, item.answer, orgs))
                    )
            else:
                steps.append(self._step(item.when, self._create(wijk, item, themes, orgs)))
            steps += self._progress_steps(wijk, item.title, item.progress)
        if wijk_agenda.plan:
            plan = self._plan(wijk, wijk_agenda.plan, themes, orgs)
            for to_agenda in wijk_agenda.plan.to_agenda:
                steps.append(self._step(to_agenda.when, self._to_agenda(wijk, plan, to_agenda)))
                for scheduled in to_agenda.scheduled:
                    steps += self._progress_steps(wijk, scheduled.title, scheduled.progress)
        for review in wijk_agenda.reviews:
            steps.append(self._step(review.when, self._review(wijk, review)))
        return steps

    def _progress_steps(self, wijk: Area, title: str, progress: tuple[Progress, ...]) -> list[Step]:
        return [self._step(p.when, self._report(wijk, title, p)) for p in progress]

    def _propose(self, wijk: Area, idea: Idea, themes: dict[str, Theme]):
        def run(moment: datetime.datetime) -> None:
            self.items[wijk.code, idea.title] = agenda.agenda_item_propose(
                area=wijk,
                actor=self.people[idea.by],
                title=idea.title,
                reason=idea.why,
                theme=themes[idea.theme],
            )

        return run

    def _answer(self, wijk: Area, idea: Idea, answer: Answer, orgs: dict[str, Organisation]):
        def run(moment: datetime.datetime) -> None:
            item = agenda.agenda_item_answer(
                item=self.items[wijk.code, idea.title],
                actor=self.people[answer.by],
                verdict=answer.verdict,
                motivation=answer.motivation,
                conditions=answer.conditions,
                answer_by=(self._day(answer.answer_by) if answer.answer_by is not None else None),
                owner_organisation=orgs[answer.owner] if answer.owner else None,
                due_date=self._day(answer.due) if answer.due is not None else None,
            )
            AgendaItem.objects.filter(pk=item.pk).update(answered_at=moment)

        return run

    def _create(
        self,
        wijk: Area,
        agreed: Agreed,
        themes: dict[str, Theme],
        orgs: dict[str, Organisation],
    ):
        def run(moment: datetime.datetime) -> None:
            self.items[wijk.code, agreed.title] = agenda.agenda_item_create(
                area=wijk,
                actor=self.people[agreed.by],
                title=agreed.title,
                reason=agreed.why,
                approach=agreed.how,
                year=self.today.year,
                source=agreed.source,
                due_date=self._day(agreed.due),
                owner_organisation=orgs[agreed.owner],
                theme=themes[agreed.theme],
            )

        return run

    def _report(self, wijk: Area, title: str, progress: Progress):
        def run(moment: datetime.datetime) -> None:
            item = self.items[wijk.code, title]
            agenda.agenda_item_report_progress(
                item=item,
                actor=self.people[progress.by],
                text=progress.text,
                new_status=progress.status,
            )
            if progress.status == Status.DONE:
                AgendaItem.objects.filter(pk=item.pk).update(completed_at=moment)

        return run

    def _review(self, wijk: Area, review: Review):
        def run(moment: datetime.datetime) -> None:
            year = self.today.year + review.year
            agenda.agenda_review_create(
                area=wijk,
                year=year,
                actor=self.people[review.by],
                held_on=moment.date(),
                title=review.title.format(year=year),
                notes=review.notes,
            )

        return run

    def _plan(
        self, wijk: Area, spec: Plan, themes: dict[str, Theme], orgs: dict[str, Organisation]
    ) -> DevelopmentPlan:
        first_year = self.today.year + spec.first_year
        plan = DevelopmentPlan(
            area=wijk,
            first_year=first_year,
            title=f"{spec.title} {first_year}–{first_year + 3}",
            summary=spec.summary,
            adopted_on=self._day(spec.adopted),
            last_revised_on=self._day(spec.revised) if spec.revised is not None else None,
        )
        plan.full_clean()
        plan.save()
        for goal_spec in spec.goals:
            goal = Goal(
                plan=plan,
                theme=themes[goal_spec.theme],
                title=goal_spec.title,
                indicator=goal_spec.indicator,
            )
            goal.full_clean()
            goal.save()
            for action in goal_spec.actions:
                planned = PlannedAction(
                    goal=goal,
                    year=first_year + action.year,
                    title=action.title,
                    owner_organisation=orgs[action.owner],
                )
                planned.full_clean()
                planned.save()
        return plan

    def _to_agenda(self, wijk: Area, plan: DevelopmentPlan, spec: ToAgenda):
        def run(moment: datetime.datetime) -> None:
            actor = self.people[spec.by]
            created = agenda.plan_actions_to_agenda(
                plan=plan, year=self.today.year + spec.year, actor=actor
            )
            by_title = {item.title: item for item in created}
            for scheduled in spec.scheduled:
                item = by_title[scheduled.title]
                self.items[wijk.code, item.title] = agenda.agenda_item_edit(
                    item=item,
                    actor=actor,
                    reason="Datum afgesproken met de probleemeigenaar.",
                    due_date=self._day(scheduled.due),
                )

        return run

    # --- output -----------------------------------------------------------------------------

    def _print_logins(self) -> None:
        users = list(User.objects.filter(email__endswith="@" + DOMAIN).order_by("email"))
        if not users:
            self.stdout.write(
                "No demo logins found: this demo was made by an older version. "
                "Run `manage.py demo --reset` to rebuild it."
            )
            return
        # One row per person, role and organisation, with the wijken of that role.
        grouped: dict[tuple[str, str, str, str], list[str]] = {}
        assignments = (
            RoleAssignment.objects.filter(user__in=users)
            .select_related("user", "area", "organisation", "organisation__parent")
            .order_by("area__code")
        )
        for a in assignments:
            org = a.organisation.display_name if a.organisation else ""
            key = (a.municipality_id, a.role, a.user.email, org)
            grouped.setdefault(key, []).append(a.area.name if a.area else "hele gemeente")
        role_rank = {role: i for i, role in enumerate(ROLE_ORDER)}
        sections: list[tuple[str, list[tuple[str, ...]]]] = [
            (
                "",
                [
                    (u.email, "functioneel beheerder (/beheer/)", "alle gemeenten", "")
                    for u in users
                    if u.is_superuser
                ],
            )
        ]
        for municipality in Municipality.objects.filter(pk__in={k[0] for k in grouped}):
            keys = sorted(
                (k for k in grouped if k[0] == municipality.pk),
                key=lambda k: (role_rank.get(k[1], len(role_rank)), k[2]),
            )
            rows = [(k[2], str(Role(k[1]).label), ", ".join(grouped[k]), k[3]) for k in keys]
            sections.append((municipality.name, rows))
        header = ("e-mail", "rol", "wijk", "namens")
        every_row = [header, *(row for _name, rows in sections for row in rows)]
        widths = [max(len(row[i]) for row in every_row) for i in range(3)]

        def line(row: tuple[str, ...]) -> str:
            cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
            return "  ".join([*cells, row[3]]).rstrip()

        self.stdout.write("")
        self.stdout.write(f"Demo logins, one password for all: {DEMO_PASSWORD}")
        self.stdout.write("Log in at /accounts/login/; the functioneel beheerder also at /beheer/.")
        self.stdout.write("")
        self.stdout.write(line(header))
        for name, rows in sections:
            if name:
                self.stdout.write(f"-- {name}")
            for row in rows:
                self.stdout.write(line(row))
