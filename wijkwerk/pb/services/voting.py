"""Voting: proving who you are (an e-mail code or a code letter) and casting a secret
ballot, online or on paper, that can be changed until the close."""

import secrets
from collections.abc import Iterable, Mapping
from datetime import timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from wijkwerk.budgets.money import format_euros
from wijkwerk.core import ratelimit
from wijkwerk.core.crypto import code_format, code_normalise, codes_new
from wijkwerk.core.tasks import enqueue_on_commit

from ..models import (
    BALLOT_SALT,
    LETTER_SALT,
    Ballot,
    BallotChoice,
    BallotKind,
    Channel,
    EmailCode,
    LetterCode,
    Participation,
    Proposal,
    ProposalStatus,
    Round,
    Verification,
    ballot_token,
    keyed_hash,
    keyed_hashes,
)
from ..tasks import email_code_value, send_vote_code
from ._common import _day, _lock_round, _log, check_perm
from .rounds import voter_eligibility_check

EMAIL_CODE_MINUTES = 15
EMAIL_CODE_ATTEMPTS = 5
EMAIL_CODES_PER_HOUR = 5
MAX_LETTERS_PER_BATCH = 100_000


@transaction.atomic
def vote_code_request(*, round: Round, actor: Any) -> EmailCode:  # noqa: A002
    """Send an eligible resident a one-time code by e-mail (a new one replaces the old)."""
    pb_round = Round.objects.select_related("area", "municipality").get(pk=round.pk)
    if pb_round.verification != Verification.EMAIL:
        raise ValidationError(_("In this round you vote with the code from your letter."))
    _check_voting_open(pb_round)
    voter_eligibility_check(round=pb_round, user=actor)
    if not ratelimit.allow(
        f"pb-vote-code:{pb_round.pk}:{actor.pk}", limit=EMAIL_CODES_PER_HOUR, window_seconds=3600
    ):
        raise ValidationError(
            _("You asked for %(count)d codes within the hour; wait an hour and try again.")
            % {"count": EMAIL_CODES_PER_HOUR}
        )
    code, _created = EmailCode.objects.select_for_update().update_or_create(
        round=pb_round,
        user=actor,
        defaults={
            "seed": secrets.token_hex(32),
            "expires_at": timezone.now() + timedelta(minutes=EMAIL_CODE_MINUTES),
            "attempts": 0,
        },
    )
    enqueue_on_commit(send_vote_code, code.pk)
    return code


def _email_code_problem(code: EmailCode | None, entered: str) -> ValidationError | None:
    """What is wrong with an entered e-mail code, counting a wrong attempt; None if right."""
    if code is None:
        return ValidationError(
            {"code": [_("Request a code first; we send it to your e-mail address.")]}
        )
    if not code.seed:
        return ValidationError(
            {"code": [_("This code has been used. To change your ballot, request a new one.")]}
        )
    if code.expires_at <= timezone.now():
        return ValidationError({"code": [_("This code has expired: request a new one.")]})
    if code.attempts >= EMAIL_CODE_ATTEMPTS:
        return ValidationError({"code": [_("Too many wrong codes: request a new one.")]})
    if secrets.compare_digest(email_code_value(code), "".join(entered.split())):
        return None
    code.attempts += 1
    code.save(update_fields=["attempts"])
    left = EMAIL_CODE_ATTEMPTS - code.attempts
    if left <= 0:
        return ValidationError({"code": [_("This code is not correct. Request a new one.")]})
    return ValidationError(
        {
            "code": [
                ngettext(
                    "This code is not correct: check the e-mail we sent you (%(left)d attempt "
                    "left).",
                    "This code is not correct: check the e-mail we sent you (%(left)d attempts "
                    "left).",
                    left,
                )
                % {"left": left}
            ]
        }
    )


def _letter_hash(round_id: int, code: str, *, secret: str | None = None) -> str:
    return keyed_hash(LETTER_SALT, f"{round_id}:{code_normalise(code)}", secret=secret)


def _letter_lock(pb_round: Round, code: str) -> LetterCode:
    hashes = keyed_hashes(LETTER_SALT, f"{pb_round.pk}:{code_normalise(code)}")
    letter = (
        LetterCode.objects.select_for_update().filter(round=pb_round, code_hash__in=hashes).first()
        if code_normalise(code)
        else None
    )
    if letter is None:
        raise ValidationError(
            {"code": [_("This code is not valid for this round. Check the code on the letter.")]}
        )
    return letter


@transaction.atomic
def letter_codes_generate(*, round: Round, actor: Any, count: int) -> list[str]:  # noqa: A002
    """Make `count` single-use codes for code letters. Only their keyed hashes are stored:
    the list returned here is the one and only export, for printing."""
    check_perm(actor, "pb.manage_round", round)
    pb_round = _lock_round(round)
    if pb_round.verification != Verification.LETTER:
        raise ValidationError(
            _("This round verifies voters by e-mail; choose code letters for the round first.")
        )
    if pb_round.is_closed():
        raise ValidationError(_("Voting has closed; no more code letters can be made."))
    if not isinstance(count, int) or not 1 <= count <= MAX_LETTERS_PER_BATCH:
        raise ValidationError(
            {
                "count": [
                    _("Make between 1 and %(max)d codes at a time.")
                    % {"max": MAX_LETTERS_PER_BATCH}
                ]
            }
        )
    batch = (
        LetterCode.objects.filter(round=pb_round)
        .order_by("-batch")
        .values_list("batch", flat=True)
        .first()
        or 0
    ) + 1
    codes = codes_new(count)
    LetterCode.objects.bulk_create(
        [
            LetterCode(round=pb_round, code_hash=_letter_hash(pb_round.pk, code), batch=batch)
            for code in codes
        ],
        batch_size=2000,
    )
    _log(pb_round, actor, "pb.letter_codes_generate", pb_round, {"batch": batch, "count": count})
    return sorted(code_format(code) for code in codes)


def _check_voting_open(pb_round: Round) -> None:
    now = timezone.now()
    if now < pb_round.opens_at:
        raise ValidationError(_("Voting opens on %(date)s.") % {"date": _day(pb_round.voting_from)})
    if now > pb_round.closes_at:
        raise ValidationError(
            _("Voting closed on %(date)s; ballots can no longer be cast or changed.")
            % {"date": _day(pb_round.voting_until)}
        )


def _normalise_choices(choices: Mapping[Any, int] | Iterable[Any]) -> dict[int, int]:
    """{proposal id: points}; a list of projects (approval) gives each 1 point."""

    def pk(value: Any) -> int:
        return int(value.pk if isinstance(value, Proposal) else value)

    try:
        if isinstance(choices, Mapping):
            return {pk(k): int(v) for k, v in choices.items()}
        ids = [pk(c) for c in choices]
    except (TypeError, ValueError):
        raise ValidationError(
            {"choices": [_("A ballot lists projects of the round by their number.")]}
        ) from None
    if len(set(ids)) != len(ids):
        raise ValidationError({"choices": [_("A project appears twice on the ballot.")]})
    return dict.fromkeys(ids, 1)


def _validate_ballot(pb_round: Round, choices: Mapping[Any, int] | Iterable[Any]) -> dict[int, int]:
    """Check a ballot against the round's rules; return {proposal id: points}."""
    points = _normalise_choices(choices)
    if not points:
        raise ValidationError({"choices": [_("Choose at least one project.")]})
    proposals = {
        p.pk: p
        for p in Proposal.objects.filter(pk__in=list(points)).only(
            "pk", "round_id", "status", "title", "estimated_cost_cents"
        )
    }
    foreign = sorted(
        pk for pk in points if pk not in proposals or proposals[pk].round_id != pb_round.pk
    )
    if foreign:
        raise ValidationError(
            {
                "choices": [
                    _("Project %(ids)s is not on the ballot of this round.")
                    % {"ids": ", ".join(str(pk) for pk in foreign)}
                ]
            }
        )
    not_feasible = [p.title for p in proposals.values() if p.status != ProposalStatus.FEASIBLE]
    if not_feasible:
        raise ValidationError(
            {
                "choices": [
                    _("%(titles)s is not on the ballot: only feasible projects can be chosen.")
                    % {"titles": ", ".join(sorted(not_feasible))}
                ]
            }
        )
    if pb_round.ballot_kind == BallotKind.APPROVAL:
        if any(value != 1 for value in points.values()):
            raise ValidationError(
                {"choices": [_("On this ballot you tick projects; you cannot give points.")]}
            )
        if pb_round.max_projects is not None and len(points) > pb_round.max_projects:
            raise ValidationError(
                {
                    "choices": [
                        ngettext(
                            "You chose %(count)d projects; you may choose at most %(max)d "
                            "project. Untick some.",
                            "You chose %(count)d projects; you may choose at most %(max)d "
                            "projects. Untick some.",
                            pb_round.max_projects,
                        )
                        % {"count": len(points), "max": pb_round.max_projects}
                    ]
                }
            )
        total = sum(proposals[pk].estimated_cost_cents or 0 for pk in points)
        if pb_round.max_cost_cents is not None and total > pb_round.max_cost_cents:
            raise ValidationError(
                {
                    "choices": [
                        _(
                            "Your projects cost %(total)s together; you may choose up to "
                            "%(max)s. Untick a project."
                        )
                        % {
                            "total": format_euros(total),
                            "max": format_euros(pb_round.max_cost_cents),
                        }
                    ]
                }
            )
    else:
        if any(value < 1 for value in points.values()):
            raise ValidationError(
                {"choices": [_("Give each project you choose at least 1 point.")]}
            )
        per_project = pb_round.max_points_per_project
        over = [proposals[pk].title for pk, v in points.items() if per_project and v > per_project]
        if over:
            raise ValidationError(
                {
                    "choices": [
                        _("You may give a project at most %(max)d points: %(titles)s has more.")
                        % {"max": per_project, "titles": ", ".join(sorted(over))}
                    ]
                }
            )
        total_points = sum(points.values())
        if total_points > (pb_round.points_total or 0):
            raise ValidationError(
                {
                    "choices": [
                        _("You gave %(count)d points; you have %(max)d to distribute.")
                        % {"count": total_points, "max": pb_round.points_total}
                    ]
                }
            )
    return points


def _participate(pb_round: Round, voter_key: str, channel: str) -> tuple[Participation, bool]:
    """The voter's participation, created now or locked if it exists. A second cast that
    races the first waits here (on the unique constraint) until the first commits."""
    try:
        with transaction.atomic():
            return (
                Participation.objects.create(round=pb_round, voter_key=voter_key, channel=channel),
                True,
            )
    except IntegrityError:
        return (
            Participation.objects.select_for_update().get(round=pb_round, voter_key=voter_key),
            False,
        )


def _store_ballot(
    pb_round: Round, voter_key: str, channel: str, points: dict[int, int]
) -> tuple[Ballot, Participation]:
    """Record the participation and store (or replace) the ballot under its token."""
    participation, first_time = _participate(pb_round, voter_key, channel)
    token = ballot_token(pb_round.pk, voter_key)
    ballot = None
    if not first_time:
        ballot = Ballot.objects.select_for_update().filter(round=pb_round, token=token).first()
        if ballot is None:
            # Stored under a key that was rotated away (SECRET_KEY_FALLBACKS): re-key it.
            earlier = keyed_hashes(BALLOT_SALT, f"{pb_round.pk}:{voter_key}")[1:]
            ballot = (
                Ballot.objects.select_for_update().filter(round=pb_round, token__in=earlier).first()
            )
            if ballot is None:
                raise ValidationError(
                    _(
                        "You have voted, but your ballot can no longer be found to change it "
                        "(the server's key has changed). Your earlier ballot still counts."
                    )
                )
            ballot.token = token
            ballot.save(update_fields=["token"])
        ballot.choices.all().delete()
    else:
        ballot = Ballot.objects.create(round=pb_round, token=token)
    BallotChoice.objects.bulk_create(
        [BallotChoice(ballot=ballot, proposal_id=pk, points=v) for pk, v in sorted(points.items())]
    )
    return ballot, participation


def ballot_cast(
    *,
    round: Round,  # noqa: A002
    actor: Any,
    choices: Mapping[Any, int] | Iterable[Any],
    email_code: str = "",
    letter_code: str = "",
) -> Ballot:
    """Cast (or change, until the close) a secret ballot online.

    In an e-mail round the logged-in, eligible resident enters the code we e-mailed; in a
    letter round anyone holding an unused letter code may vote with it (the letter went to
    an eligible resident). A wrong e-mail code counts as an attempt even though the ballot
    is refused; nothing of the ballot is stored unless all of it is valid.
    """
    pb_round = Round.objects.select_related("area", "municipality").get(pk=round.pk)
    _check_voting_open(pb_round)
    points = _validate_ballot(pb_round, choices)
    if pb_round.verification == Verification.EMAIL:
        if letter_code:
            raise ValidationError(
                {"code": [_("In this round you vote with a code we send you by e-mail.")]}
            )
        voter_eligibility_check(round=pb_round, user=actor)
        problem: ValidationError | None = None
        with transaction.atomic():
            code = EmailCode.objects.select_for_update().filter(round=pb_round, user=actor).first()
            problem = _email_code_problem(code, email_code)
            if problem is None:
                assert code is not None
                _check_voting_open(pb_round)  # again, now that the code is locked
                code.seed = ""  # used: the code can no longer be derived
                code.save(update_fields=["seed"])
                ballot, _participation = _store_ballot(
                    pb_round, f"user:{actor.pk}", Channel.ONLINE, points
                )
        if problem is not None:
            raise problem
        return ballot
    if not letter_code:
        raise ValidationError({"code": [_("Enter the code from your letter to vote.")]})
    with transaction.atomic():
        letter = _letter_lock(pb_round, letter_code)
        _check_voting_open(pb_round)  # again, now that the code is locked
        if letter.used_channel == Channel.PAPER:
            raise ValidationError(
                {"code": [_("This code has already been used on a paper ballot.")]}
            )
        if letter.used_channel != Channel.ONLINE:
            letter.used_channel = Channel.ONLINE
            letter.save(update_fields=["used_channel"])
        ballot, _participation = _store_ballot(
            pb_round, f"letter:{letter.pk}", Channel.ONLINE, points
        )
    return ballot


@transaction.atomic
def paper_ballot_enter(
    *,
    round: Round,  # noqa: A002
    actor: Any,
    letter_code: str,
    choices: Mapping[Any, int] | Iterable[Any],
) -> Participation:
    """Staff enter a paper ballot, with the letter code printed on it. A paper ballot counts
    once and is never changed; a code already used online is refused, and vice versa.

    Paper ballots arrive by post, so they are entered from the opening of the vote until the
    results are published (a tally run before the last one is entered can be run again)."""
    check_perm(actor, "pb.enter_paper_ballot", round)
    pb_round = _lock_round(round)
    if pb_round.verification != Verification.LETTER:
        raise ValidationError(_("Paper ballots carry a letter code; this round uses e-mail codes."))
    if timezone.now() < pb_round.opens_at:
        raise ValidationError(_("Voting opens on %(date)s.") % {"date": _day(pb_round.voting_from)})
    if pb_round.results_published:
        raise ValidationError(
            _("The results have been published; no more paper ballots can be counted.")
        )
    points = _validate_ballot(pb_round, choices)
    letter = _letter_lock(pb_round, letter_code)
    if letter.used_channel == Channel.ONLINE:
        raise ValidationError(
            {
                "code": [
                    _(
                        "This code has already been used to vote online; the paper ballot "
                        "cannot be counted as well."
                    )
                ]
            }
        )
    if letter.used_channel == Channel.PAPER:
        raise ValidationError({"code": [_("A paper ballot with this code was already entered.")]})
    letter.used_channel = Channel.PAPER
    letter.save(update_fields=["used_channel"])
    _ballot, participation = _store_ballot(pb_round, f"letter:{letter.pk}", Channel.PAPER, points)
    # Logged against the participation only: who entered a paper ballot, never what it says.
    _log(pb_round, actor, "pb.paper_ballot_enter", participation, {})
    return participation
