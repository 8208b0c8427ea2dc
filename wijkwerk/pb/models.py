"""Participatory budgeting rounds: residents propose projects, partners check them, residents
vote, a published rule selects the winners within the round's budget on the ledger.

Ballot secrecy
--------------
Who voted and what was voted are stored apart, and nothing in the database joins them:

- A `Participation` row (round, voter key) records *that* a voter took part. The voter key
  is "user:<id>" for a resident verified by an e-mailed code, or "letter:<id>" for a code
  letter (whose address is known only to the printer, never to the database).
- A `Ballot` row is found by its *ballot token*: HMAC-SHA256 over (round id, voter key) with
  a key derived from `settings.SECRET_KEY`, which is not in the database. With the database
  alone nobody can compute a token from a participation, so nobody can tell who voted what;
  the voter's own request (with the key on the app server) recomputes the token, so a voter
  can change their ballot until the close, and the unique constraints on (round, voter key)
  and (round, token) mean nobody votes twice.
- Ballots and their choices have random UUID keys and **no timestamps** (not even a date):
  a sequential id or a time of casting could be lined up with the participations (or with
  the audit log, or with mail logs) in the order they were written. Casting a ballot is not
  audit-logged; entering a paper ballot is logged against the participation only.
- The tally knows a voter only by the ballot's UUID.
- Rows are stored in the order they were written, and PostgreSQL stamps each row with its
  writing transaction (`xmin`), which a ballot shares with its participation. Before every
  tally `services.ballots_reseal` rewrites all of a round's ballots in a random order in one
  transaction, so a dump taken after the close lines nothing up.

What remains: someone who has both the database and `SECRET_KEY` can recompute tokens; a
copy of the database taken *during* the vote (before the reseal) could line ballots up with
participations by storage order or `xmin`; and whoever controls the running app server sees
ballots as they arrive. Rotating `SECRET_KEY` during a round makes existing ballots
unreachable for change; `SECRET_KEY_FALLBACKS` are tried before a voter is told so.
"""

import uuid
from datetime import date, datetime, time

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkwerk.areas.models import Area, area_key, municipality_key
from wijkwerk.budgets.models import Account
from wijkwerk.core.crypto import keyed_hash, keyed_hashes  # noqa: F401 - pb's names for them

USER = settings.AUTH_USER_MODEL

BALLOT_SALT = "wijkwerk.pb.ballot-token"
LETTER_SALT = "wijkwerk.pb.letter-code"
EMAIL_SALT = "wijkwerk.pb.email-code"


def ballot_token(round_id: int, voter_key: str, *, secret: str | None = None) -> str:
    """The key of a voter's ballot; computable only with SECRET_KEY, which the database
    does not hold."""
    return keyed_hash(BALLOT_SALT, f"{round_id}:{voter_key}", secret=secret)


class Phase(models.TextChoices):
    UPCOMING = "upcoming", _("announced")
    PROPOSALS = "proposals", _("proposals")
    REVIEW = "review", _("feasibility and cost review")
    VOTING = "voting", _("voting")
    RESULTS = "results", _("results")
    EXECUTION = "execution", _("execution")


class BallotKind(models.TextChoices):
    APPROVAL = "approval", _("approval: tick the projects you support")
    CUMULATIVE = "cumulative", _("cumulative: distribute points")


class Verification(models.TextChoices):
    EMAIL = "email", _("a one-time code by e-mail")
    LETTER = "letter", _("a code letter (online or on paper)")


class TallyRule(models.TextChoices):
    GREEDY = "greedy", _("greedy: most votes first, skipping what no longer fits")
    GREEDY_NO_SKIP = "greedy-no-skip", _("greedy, stopping at the first project that does not fit")
    MES = "mes", _("Method of Equal Shares")
    MES_ADD1 = "mes-add1", _("Method of Equal Shares with Add1 completion")
    MES_ADD1_GREEDY = "mes-add1-greedy", _("Method of Equal Shares, Add1, then greedy")


class Utility(models.TextChoices):
    COST = "cost", _("cost")
    CARDINALITY = "cardinality", _("number of projects")


GREEDY_RULES = frozenset({TallyRule.GREEDY, TallyRule.GREEDY_NO_SKIP})


class Round(models.Model):
    municipality = municipality_key("pb_rounds")
    area = area_key(
        _("wijk or village"),
        "pb_rounds",
        optional=True,
        help_text=_("Leave empty for a round in the whole municipality."),
    )
    budget = models.ForeignKey(
        Account, verbose_name=_("budget"), on_delete=models.PROTECT, related_name="pb_rounds"
    )
    title = models.CharField(_("title"), max_length=160)
    description = models.TextField(_("description"), blank=True)
    amount_cents = models.BigIntegerField(
        _("amount to divide (cents)"),
        null=True,
        blank=True,
        help_text=_("Leave empty to divide the whole balance of the budget at the tally."),
    )
    proposals_from = models.DateField(_("proposals from"))
    proposals_until = models.DateField(_("proposals until"))
    review_until = models.DateField(_("review until"))
    voting_from = models.DateField(_("voting from"))
    voting_until = models.DateField(_("voting until"))
    execution_from = models.DateField(_("execution from"), null=True, blank=True)

    ballot_kind = models.CharField(
        _("kind of ballot"), max_length=12, choices=BallotKind.choices, default=BallotKind.APPROVAL
    )
    max_projects = models.PositiveSmallIntegerField(
        _("at most this many projects"), null=True, blank=True
    )
    max_cost_cents = models.BigIntegerField(
        _("at most this total cost (cents)"), null=True, blank=True
    )
    points_total = models.PositiveSmallIntegerField(
        _("points to distribute"), null=True, blank=True
    )
    max_points_per_project = models.PositiveSmallIntegerField(
        _("at most this many points per project"), null=True, blank=True
    )
    min_age = models.PositiveSmallIntegerField(_("minimum age"), default=16)
    verification = models.CharField(
        _("voters prove who they are with"),
        max_length=10,
        choices=Verification.choices,
        default=Verification.EMAIL,
    )

    rule = models.CharField(
        _("selection rule"), max_length=20, choices=TallyRule.choices, default=TallyRule.GREEDY
    )
    utility = models.CharField(
        _("utility"), max_length=12, choices=Utility.choices, default=Utility.COST
    )
    compare_greedy = models.BooleanField(
        _("compare with the greedy outcome"),
        default=False,
        help_text=_("Replace the MES outcome by greedy by votes if more voters prefer it."),
    )
    threshold_percent = models.PositiveSmallIntegerField(
        _("minimum share of voters (%)"), null=True, blank=True
    )

    results_published_at = models.DateTimeField(_("results published at"), null=True, blank=True)
    results_published_by = models.ForeignKey(
        USER,
        verbose_name=_("results published by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_by = models.ForeignKey(
        USER, verbose_name=_("created by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("budget round")
        verbose_name_plural = _("budget rounds")
        ordering = ["-voting_from", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(proposals_until__gte=F("proposals_from"))
                & Q(review_until__gt=F("proposals_until"))
                & Q(voting_from__gt=F("review_until"))
                & Q(voting_until__gte=F("voting_from")),
                name="pb_round_phases_in_order",
            ),
            models.CheckConstraint(
                condition=Q(execution_from__isnull=True) | Q(execution_from__gt=F("voting_until")),
                name="pb_round_execution_after_voting",
            ),
            models.CheckConstraint(
                condition=Q(amount_cents__isnull=True) | Q(amount_cents__gt=0),
                name="pb_round_amount_positive",
            ),
            models.CheckConstraint(
                condition=Q(threshold_percent__isnull=True)
                | Q(threshold_percent__gte=1, threshold_percent__lte=100),
                name="pb_round_threshold_percent",
            ),
            models.CheckConstraint(
                condition=~Q(ballot_kind="cumulative") | Q(points_total__gte=1),
                name="pb_round_cumulative_has_points",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def phase(self, today: date | None = None) -> str:
        """The phase follows from the dates; only the switch to execution waits for the
        results to be published."""
        today = today or timezone.localdate()
        if today < self.proposals_from:
            return Phase.UPCOMING
        if today <= self.proposals_until:
            return Phase.PROPOSALS
        if today < self.voting_from:
            return Phase.REVIEW
        if today <= self.voting_until:
            return Phase.VOTING
        if self.results_published_at is not None and (
            self.execution_from is None or today >= self.execution_from
        ):
            return Phase.EXECUTION
        return Phase.RESULTS

    @property
    def opens_at(self) -> datetime:
        return timezone.make_aware(datetime.combine(self.voting_from, time.min))

    @property
    def closes_at(self) -> datetime:
        """Voting closes at the end of the last voting day (local time)."""
        return timezone.make_aware(datetime.combine(self.voting_until, time.max))

    def is_voting_open(self, now: datetime | None = None) -> bool:
        now = now or timezone.now()
        return self.opens_at <= now <= self.closes_at

    def is_closed(self, now: datetime | None = None) -> bool:
        return (now or timezone.now()) > self.closes_at

    @property
    def results_published(self) -> bool:
        return self.results_published_at is not None


class ProposalStatus(models.TextChoices):
    SUBMITTED = "submitted", _("submitted, awaiting review")
    FEASIBLE = "feasible", _("feasible")
    NOT_FEASIBLE = "not_feasible", _("not feasible")
    WITHDRAWN = "withdrawn", _("withdrawn")


class ProposalQuerySet(models.QuerySet):
    def on_ballot(self) -> "ProposalQuerySet":
        """Only feasible proposals with a cost go on the ballot."""
        return self.filter(status=ProposalStatus.FEASIBLE, estimated_cost_cents__gt=0)


class Proposal(models.Model):
    """A project on a round. Who proposed it is personal data (`pb.view_personal_data`)."""

    round = models.ForeignKey(
        Round, verbose_name=_("round"), on_delete=models.PROTECT, related_name="proposals"
    )
    title = models.CharField(_("title"), max_length=160)
    summary = models.TextField(_("what is the project?"))
    location = models.CharField(_("where"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=15, choices=ProposalStatus.choices, default=ProposalStatus.SUBMITTED
    )
    estimated_cost_cents = models.BigIntegerField(
        _("estimated cost (cents)"), null=True, blank=True
    )
    review_reason = models.TextField(
        _("reason (public)"),
        blank=True,
        help_text=_("Required when the proposal is not feasible; shown to everyone."),
    )
    reviewed_by = models.ForeignKey(
        USER,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        USER,
        verbose_name=_("proposed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="pb_proposals",
    )
    # Where a proposal came from when staff put an initiative or wijkagenda item on the
    # round ("initiatives.initiative", "agenda.agendaitem"); a generic reference, so this
    # app does not import the apps it points to.
    origin_kind = models.CharField(_("origin kind"), max_length=60, blank=True)
    origin_id = models.CharField(_("origin id"), max_length=40, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = ProposalQuerySet.as_manager()

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        ordering = ["round", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="not_feasible") | ~Q(review_reason=""),
                name="pb_not_feasible_has_reason",
            ),
            models.CheckConstraint(
                condition=~Q(status="feasible") | Q(estimated_cost_cents__gt=0),
                name="pb_feasible_has_cost",
            ),
            models.UniqueConstraint(
                fields=["round", "origin_kind", "origin_id"],
                condition=~Q(origin_kind=""),
                name="pb_one_proposal_per_origin",
            ),
        ]
        indexes = [models.Index(fields=["round", "status"])]

    def __str__(self) -> str:
        return self.title


class Residence(models.Model):
    """Where a person lives and when they were born, as the municipality recorded it (from
    the BRP). The accounts app does not know either yet; this minimal register lets a round
    check eligibility for voters who verify by e-mail. It is personal data."""

    user = models.OneToOneField(
        USER, verbose_name=_("person"), on_delete=models.CASCADE, related_name="pb_residence"
    )
    area = models.ForeignKey(
        Area, verbose_name=_("lives in"), on_delete=models.PROTECT, related_name="+"
    )
    birth_date = models.DateField(_("date of birth"))
    recorded_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now=True)

    class Meta:
        verbose_name = _("residence")
        verbose_name_plural = _("residences")

    def __str__(self) -> str:
        return f"{self.user}: {self.area}"


class EmailCode(models.Model):
    """A one-time code e-mailed to a voter. The code itself is never stored: it is derived
    from `seed` with a key from SECRET_KEY (so the mail task, too, carries only this row's
    id), and the seed is erased once the code is used."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    seed = models.CharField(max_length=64, blank=True)
    expires_at = models.DateTimeField()
    attempts = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("e-mail code")
        verbose_name_plural = _("e-mail codes")
        constraints = [
            models.UniqueConstraint(fields=["round", "user"], name="pb_one_email_code_per_voter")
        ]

    def __str__(self) -> str:
        return f"{self.round_id}/{self.user_id}"


class Channel(models.TextChoices):
    ONLINE = "online", _("online")
    PAPER = "paper", _("on paper")


class LetterCode(models.Model):
    """A single-use code printed on a letter; only its keyed hash is stored. Used online it
    may be used online again (to change the ballot); on paper it is used once."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="letter_codes")
    code_hash = models.CharField(max_length=64, unique=True)
    batch = models.PositiveIntegerField(_("batch"))
    used_channel = models.CharField(
        _("used"), max_length=10, choices=Channel.choices, blank=True, default=""
    )

    class Meta:
        verbose_name = _("letter code")
        verbose_name_plural = _("letter codes")

    def __str__(self) -> str:
        return f"{self.round_id}/{self.pk}"


class Participation(models.Model):
    """That a voter took part; nothing here leads to their ballot (see the module docstring)."""

    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="participations")
    voter_key = models.CharField(max_length=40)
    channel = models.CharField(max_length=10, choices=Channel.choices)

    class Meta:
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        constraints = [
            models.UniqueConstraint(fields=["round", "voter_key"], name="pb_one_vote_per_voter")
        ]

    def __str__(self) -> str:
        return f"{self.round_id}/{self.voter_key}"


class Ballot(models.Model):
    """A secret ballot: found only by its token, with no timestamp and a random key."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="ballots")
    token = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")
        constraints = [
            models.UniqueConstraint(fields=["round", "token"], name="pb_one_ballot_per_token")
        ]

    def __str__(self) -> str:
        return str(self.pk)


class BallotChoice(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="choices")
    proposal = models.ForeignKey(Proposal, on_delete=models.PROTECT, related_name="+")
    points = models.PositiveSmallIntegerField(default=1)

    class Meta:
        verbose_name = _("ballot choice")
        verbose_name_plural = _("ballot choices")
        constraints = [
            models.UniqueConstraint(
                fields=["ballot", "proposal"], name="pb_one_choice_per_project"
            ),
            models.CheckConstraint(condition=Q(points__gte=1), name="pb_choice_points_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.proposal_id}: {self.points}"


class TallyResult(models.Model):
    """The stored outcome of a round's tally; replaced by a new tally until published."""

    round = models.OneToOneField(Round, on_delete=models.CASCADE, related_name="tally_result")
    rule = models.CharField(_("selection rule"), max_length=20, choices=TallyRule.choices)
    utility = models.CharField(_("utility"), max_length=12, choices=Utility.choices)
    compare_greedy = models.BooleanField(_("compared with greedy"), default=False)
    threshold_percent = models.PositiveSmallIntegerField(null=True, blank=True)
    budget_cents = models.BigIntegerField(_("budget (cents)"))
    ballots_count = models.PositiveIntegerField(_("ballots"))
    spent_cents = models.BigIntegerField(_("selected (cents)"))
    # MES: the per-voter share (raised by Add1) that was kept, in euros as an exact
    # fraction "p/q"; the prices in `purchases` and the amounts of the lines likewise.
    voter_budget = models.CharField(max_length=80, blank=True)
    # With the comparison step: which outcome won, and how many voters preferred each.
    compared = models.JSONField(null=True, blank=True)
    # Which outcome was kept after the comparison ("mes" or "greedy"), if compared.
    kept = models.CharField(max_length=10, blank=True)
    # MES rules: the purchases in order, [[proposal id, price per supporter "p/q"], …], from
    # which a voter's own ballot explains how their share was spent (shown only to them).
    purchases = models.JSONField(default=list, blank=True)
    tallied_by = models.ForeignKey(
        USER, verbose_name=_("tallied by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    tallied_at = models.DateTimeField(_("tallied at"))
    reason = models.TextField(_("why"), blank=True)

    class Meta:
        verbose_name = _("tally result")
        verbose_name_plural = _("tally results")

    def __str__(self) -> str:
        return f"{self.round}: {self.rule}"


class TallyLine(models.Model):
    """One proposal in a tally: selected or not, and why."""

    result = models.ForeignKey(TallyResult, on_delete=models.CASCADE, related_name="lines")
    proposal = models.ForeignKey(Proposal, on_delete=models.PROTECT, related_name="tally_lines")
    selected = models.BooleanField(_("selected"))
    position = models.PositiveIntegerField(_("selected as number"), null=True, blank=True)
    cost_cents = models.BigIntegerField(_("cost (cents)"))
    votes = models.PositiveIntegerField(_("votes or points"))
    reason = models.CharField(_("why"), max_length=40)
    step = models.PositiveIntegerField(null=True, blank=True)
    supporters_had = models.CharField(max_length=80, blank=True)
    missing = models.CharField(max_length=80, blank=True)
    hold = models.OneToOneField(
        Account,
        verbose_name=_("reservation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # A winner's award after a correction of the decision (0: withdrawn); empty: its cost.
    awarded_cents = models.BigIntegerField(_("awarded amount (cents)"), null=True, blank=True)
    corrected_at = models.DateTimeField(_("award corrected at"), null=True, blank=True)
    correction_reason = models.TextField(_("why the award was corrected"), blank=True)

    class Meta:
        verbose_name = _("tally line")
        verbose_name_plural = _("tally lines")
        ordering = ["result", "position", "-votes", "proposal_id"]
        constraints = [
            models.UniqueConstraint(fields=["result", "proposal"], name="pb_one_line_per_proposal")
        ]

    def __str__(self) -> str:
        return f"{self.proposal}: {self.reason}"

    @property
    def award_cents(self) -> int:
        """What the published decision gives this project now (its reservation's due)."""
        if not self.selected or self.hold_id is None:
            return 0
        return self.cost_cents if self.awarded_cents is None else self.awarded_cents
