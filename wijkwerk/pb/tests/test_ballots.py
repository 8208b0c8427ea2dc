"""Voting: eligibility, verification by e-mail code or code letter, the ballot's rules,
secrecy (no link between a participation and a ballot), changing a ballot, paper ballots,
and no double votes, also when two casts race on PostgreSQL."""

import datetime
import hashlib
import hmac
import re

import pytest
from django.conf import settings
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.utils import timezone

from wijkwerk.accounts.tests.factories import UserFactory
from wijkwerk.areas.tests.factories import BuurtFactory, WijkFactory
from wijkwerk.core.models import AuditEvent
from wijkwerk.core.tests.concurrency import in_parallel, skip_unless_postgres
from wijkwerk.pb import selectors, services
from wijkwerk.pb.models import (
    Ballot,
    BallotChoice,
    BallotKind,
    Channel,
    EmailCode,
    LetterCode,
    Participation,
    ballot_token,
)
from wijkwerk.pb.tasks import email_code_value, send_vote_code

from .factories import ProposalFactory, make_round, move_to, resident_of

pytestmark = pytest.mark.django_db


def _projects(pb_round) -> dict[str, int]:
    return {p.title: p.pk for p in pb_round.proposals.all()}


def _code_for(pb_round, user) -> str:
    """Ask for a code and read it from the e-mail, as the voter would."""
    mail.outbox.clear()
    code = services.vote_code_request(round=pb_round, actor=user)
    assert send_vote_code.call(code.pk)
    return re.search(r"\b(\d{6})\b", mail.outbox[-1].body).group(1)


def _cast(pb_round, user, titles, **kwargs):
    ids = _projects(pb_round)
    return services.ballot_cast(
        round=pb_round,
        actor=user,
        choices=[ids[t] for t in titles],
        email_code=_code_for(pb_round, user),
        **kwargs,
    )


def _nothing_stored():
    assert Participation.objects.count() == 0
    assert Ballot.objects.count() == 0
    assert BallotChoice.objects.count() == 0


# --- eligibility ------------------------------------------------------------------------


def test_a_resident_of_the_wijk_votes_with_an_emailed_code(voting_round, voter):
    ballot = _cast(voting_round, voter, ["Speeltuin", "Bomen"])
    assert mail.outbox[-1].to == [voter.email]
    assert Participation.objects.get().voter_key == f"user:{voter.pk}"
    assert set(selectors.ballot_choices(ballot=ballot).values()) == {1}
    assert selectors.has_voted(round=voting_round, user=voter)
    # The mail task carries only the code's id; the database holds no code.
    code = EmailCode.objects.get()
    assert code.seed == ""


def test_a_resident_of_a_buurt_in_the_wijk_may_vote(voting_round, wijk):
    _cast(voting_round, resident_of(BuurtFactory(parent=wijk)), ["Bomen"])
    assert Ballot.objects.count() == 1


@pytest.mark.parametrize(
    ("who", "message"),
    [
        ("unknown", "We do not know where you live"),
        ("elsewhere", "You do not live in Stad binnen de Linie-Oost"),
        ("too young", "You must be at least 16 years old"),
    ],
)
def test_people_who_may_not_vote_are_told_why(voting_round, wijk, who, message):
    today = timezone.localdate()
    user = {
        "unknown": lambda: UserFactory(),
        "elsewhere": lambda: resident_of(WijkFactory(municipality=wijk.municipality)),
        "too young": lambda: resident_of(
            wijk, birth_date=today.replace(year=today.year - 16) + datetime.timedelta(days=1)
        ),
    }[who]()
    with pytest.raises(ValidationError) as excinfo:
        services.vote_code_request(round=voting_round, actor=user)
    assert message in excinfo.value.messages[0]
    assert EmailCode.objects.count() == 0
    with pytest.raises(ValidationError) as excinfo:
        services.ballot_cast(
            round=voting_round, actor=user, choices=list(_projects(voting_round).values())[:1]
        )
    assert message in excinfo.value.messages[0]
    _nothing_stored()


def test_on_the_sixteenth_birthday_one_may_vote(voting_round, wijk):
    today = timezone.localdate()
    birthday = (
        today.replace(year=today.year - 16)
        if (today.month, today.day) != (2, 29)
        else (datetime.date(today.year - 16, 3, 1))
    )
    _cast(voting_round, resident_of(wijk, birth_date=birthday), ["Bomen"])
    assert Ballot.objects.count() == 1


# --- the e-mail code --------------------------------------------------------------------


def test_a_wrong_code_counts_an_attempt_and_stores_nothing(voting_round, voter):
    _code_for(voting_round, voter)
    ids = list(_projects(voting_round).values())
    with pytest.raises(ValidationError) as excinfo:
        services.ballot_cast(round=voting_round, actor=voter, choices=ids[:1], email_code="000000x")
    assert "This code is not correct: check the e-mail we sent you (4 attempts left)." in (
        excinfo.value.messages
    )
    assert EmailCode.objects.get().attempts == 1
    _nothing_stored()


def test_after_five_wrong_codes_even_the_right_one_is_refused(voting_round, voter):
    right = _code_for(voting_round, voter)
    ids = list(_projects(voting_round).values())
    for _attempt in range(5):
        with pytest.raises(ValidationError):
            services.ballot_cast(round=voting_round, actor=voter, choices=ids[:1], email_code="x")
    with pytest.raises(ValidationError) as excinfo:
        services.ballot_cast(round=voting_round, actor=voter, choices=ids[:1], email_code=right)
    assert excinfo.value.messages == ["Too many wrong codes: request a new one."]
    _nothing_stored()


def test_an_expired_or_used_code_is_refused(voting_round, voter):
    right = _code_for(voting_round, voter)
    EmailCode.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    ids = list(_projects(voting_round).values())
    with pytest.raises(ValidationError) as excinfo:
        services.ballot_cast(round=voting_round, actor=voter, choices=ids[:1], email_code=right)
    assert excinfo.value.messages == ["This code has expired: request a new one."]
    assert not send_vote_code.call(EmailCode.objects.get().pk)  # no mail for an expired code

    right = _code_for(voting_round, voter)
    services.ballot_cast(round=voting_round, actor=voter, choices=ids[:1], email_code=right)
    with pytest.raises(ValidationError) as excinfo:
        services.ballot_cast(round=voting_round, actor=voter, choices=ids[:2], email_code=right)
    assert excinfo.value.messages == [
        "This code has been used. To change your ballot, request a new one."
    ]


def test_the_code_is_derived_with_the_secret_key_not_stored(voting_round, voter, settings):
    code = services.vote_code_request(round=voting_round, actor=voter)
    value = email_code_value(code)
    stored = {str(getattr(code, f.attname)) for f in EmailCode._meta.concrete_fields}
    assert value not in "".join(stored)
    settings.SECRET_KEY = "another-key"
    assert email_code_value(code) != value


# --- the ballot's rules -----------------------------------------------------------------


def test_more_projects_than_allowed_is_refused(voting_round, voter):
    voting_round.max_projects = 2
    voting_round.save()
    with pytest.raises(ValidationError) as excinfo:
        _cast(voting_round, voter, ["Speeltuin", "Bankjes", "Bomen"])
    assert excinfo.value.messages == [
        "You chose 3 projects; you may choose at most 2 projects. Untick some."
    ]
    _nothing_stored()


def test_more_cost_than_allowed_is_refused(voting_round, voter):
    voting_round.max_cost_cents = 500_000
    voting_round.save()
    with pytest.raises(ValidationError) as excinfo:
        _cast(voting_round, voter, ["Speeltuin", "Bankjes"])
    assert excinfo.value.messages == [
        "Your projects cost €\xa07,000.00 together; you may choose up to €\xa05,000.00. "
        "Untick a project."
    ]
    _nothing_stored()
    _cast(voting_round, voter, ["Bankjes", "Bomen"])
    assert Ballot.objects.count() == 1


def test_a_project_not_feasible_or_of_another_round_is_refused(
    voting_round, voter, wijk, wijkmanager, budget
):
    other = ProposalFactory(
        round=make_round(wijk=wijk, actor=wijkmanager, budget=budget, phase="voting")
    )
    ids = _projects(voting_round)
    code = _code_for(voting_round, voter)
    with pytest.raises(ValidationError) as excinfo:
        services.ballot_cast(
            round=voting_round, actor=voter, choices=[ids["Bomen"], other.pk], email_code=code
        )
    assert excinfo.value.messages == [f"Project {other.pk} is not on the ballot of this round."]
    with pytest.raises(ValidationError) as excinfo:
        services.ballot_cast(
            round=voting_round, actor=voter, choices=[ids["Zwembad"]], email_code=code
        )
    assert excinfo.value.messages == [
        "Zwembad is not on the ballot: only feasible projects can be chosen."
    ]
    with pytest.raises(ValidationError) as excinfo:
        services.ballot_cast(round=voting_round, actor=voter, choices=[], email_code=code)
    assert excinfo.value.messages == ["Choose at least one project."]
    with pytest.raises(ValidationError) as excinfo:
        services.ballot_cast(
            round=voting_round, actor=voter, choices={ids["Bomen"]: 3}, email_code=code
        )
    assert excinfo.value.messages == ["On this ballot you tick projects; you cannot give points."]
    _nothing_stored()
    # The code was not used up by refused ballots.
    services.ballot_cast(round=voting_round, actor=voter, choices=[ids["Bomen"]], email_code=code)


@pytest.mark.parametrize(
    ("phase", "message"), [("review", "Voting opens on"), ("closed", "Voting closed on")]
)
def test_before_the_opening_and_after_the_close_ballots_are_refused(
    voting_round, voter, phase, message
):
    code = _code_for(voting_round, voter)
    move_to(voting_round, phase)
    with pytest.raises(ValidationError) as excinfo:
        services.ballot_cast(
            round=voting_round,
            actor=voter,
            choices=list(_projects(voting_round).values())[:1],
            email_code=code,
        )
    assert message in excinfo.value.messages[0]
    _nothing_stored()


def test_cumulative_ballots_distribute_points_within_the_limits(voting_round, voter):
    voting_round.ballot_kind = BallotKind.CUMULATIVE
    voting_round.points_total = 10
    voting_round.max_points_per_project = 6
    voting_round.save()
    ids = _projects(voting_round)
    code = _code_for(voting_round, voter)
    for choices, message in (
        ({ids["Bomen"]: 7}, "You may give a project at most 6 points: Bomen has more."),
        (
            {ids["Bomen"]: 6, ids["Bankjes"]: 5},
            "You gave 11 points; you have 10 to distribute.",
        ),
        ({ids["Bomen"]: 0}, "Give each project you choose at least 1 point."),
    ):
        with pytest.raises(ValidationError) as excinfo:
            services.ballot_cast(round=voting_round, actor=voter, choices=choices, email_code=code)
        assert excinfo.value.messages == [message]
    _nothing_stored()
    ballot = services.ballot_cast(
        round=voting_round,
        actor=voter,
        choices={ids["Bomen"]: 6, ids["Bankjes"]: 4},
        email_code=code,
    )
    assert selectors.ballot_choices(ballot=ballot) == {ids["Bomen"]: 6, ids["Bankjes"]: 4}


# --- secrecy ----------------------------------------------------------------------------


def test_nothing_in_the_schema_links_a_participation_to_a_ballot():
    def relations(model):
        return {f.name: f.related_model for f in model._meta.get_fields() if f.is_relation}

    participation = relations(Participation)
    assert Ballot not in participation.values() and BallotChoice not in participation.values()
    assert set(participation) == {"round"}
    ballot = relations(Ballot)
    assert Participation not in ballot.values()
    assert set(ballot) == {"round", "choices"}
    assert set(relations(BallotChoice)) == {"ballot", "proposal"}
    # No time of casting and no sequence that could be lined up with the participations.
    for model in (Ballot, BallotChoice):
        fields = model._meta.concrete_fields
        assert not any(isinstance(f, models.DateField | models.DateTimeField) for f in fields)
        assert isinstance(model._meta.pk, models.UUIDField)
    assert {f.name for f in Ballot._meta.concrete_fields} == {"id", "round", "token"}


def test_a_ballot_cannot_be_found_from_the_database_without_the_key(voting_round, voter, settings):
    ballot = _cast(voting_round, voter, ["Bomen"])
    participation = Participation.objects.get()
    stored = Ballot.objects.get()
    assert participation.voter_key not in stored.token
    # Everything the database knows about the voter, hashed without the key, does not find it.
    for guess in (
        f"{voting_round.pk}:{participation.voter_key}",
        participation.voter_key,
        voter.email,
    ):
        assert hashlib.sha256(guess.encode()).hexdigest() != stored.token
        assert hmac.new(b"", guess.encode(), "sha256").hexdigest() != stored.token
    assert ballot_token(voting_round.pk, participation.voter_key, secret="wrong") != stored.token
    # With the key (on the app server) the voter's own request finds it.
    assert ballot_token(voting_round.pk, participation.voter_key) == stored.token
    assert selectors.ballot_own(round=voting_round, user=voter) == ballot
    assert settings.SECRET_KEY  # the key is configuration, not data
    assert not AuditEvent.objects.filter(target_kind="pb.ballot").exists()


def test_changing_a_ballot_replaces_it_and_nobody_votes_twice(voting_round, voter):
    first = _cast(voting_round, voter, ["Speeltuin", "Bankjes"])
    second = _cast(voting_round, voter, ["Bomen"])
    assert Participation.objects.count() == 1
    assert Ballot.objects.count() == 1
    assert first.pk == second.pk
    assert selectors.ballot_choices(ballot=second) == {_projects(voting_round)["Bomen"]: 1}
    assert BallotChoice.objects.count() == 1


def test_a_ballot_stored_under_a_rotated_key_is_still_replaced(voting_round, voter, settings):
    _cast(voting_round, voter, ["Speeltuin"])
    old_key = settings.SECRET_KEY
    settings.SECRET_KEY = "a-new-secret-key-after-rotation"
    settings.SECRET_KEY_FALLBACKS = [old_key]
    _cast(voting_round, voter, ["Bomen"])
    assert Ballot.objects.count() == 1
    assert Ballot.objects.get().token == ballot_token(voting_round.pk, f"user:{voter.pk}")
    settings.SECRET_KEY = "yet-another-key"
    settings.SECRET_KEY_FALLBACKS = []
    with pytest.raises(ValidationError) as excinfo:
        _cast(voting_round, voter, ["Bankjes"])
    assert "Your earlier ballot still counts." in excinfo.value.messages[0]
    assert Ballot.objects.count() == 1


# --- code letters and paper ballots -----------------------------------------------------


def test_letter_codes_are_exported_once_and_only_their_hashes_stored(letter_round, wijkmanager):
    codes = services.letter_codes_generate(round=letter_round, actor=wijkmanager, count=25)
    assert len(set(codes)) == 25
    assert all(re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}", c) for c in codes)
    hashes = set(LetterCode.objects.values_list("code_hash", flat=True))
    assert len(hashes) == 25
    assert not any(code.replace("-", "") in h.upper() for code in codes for h in hashes)
    more = services.letter_codes_generate(round=letter_round, actor=wijkmanager, count=5)
    assert not set(more) & set(codes)
    assert set(LetterCode.objects.values_list("batch", flat=True)) == {1, 2}
    assert AuditEvent.objects.filter(action="pb.letter_codes_generate").count() == 2


def test_letter_codes_are_refused_in_an_email_round_and_in_silly_numbers(
    voting_round, letter_round, wijkmanager, resident
):
    with pytest.raises(ValidationError) as excinfo:
        services.letter_codes_generate(round=voting_round, actor=wijkmanager, count=5)
    assert "verifies voters by e-mail" in excinfo.value.messages[0]
    with pytest.raises(ValidationError) as excinfo:
        services.letter_codes_generate(round=letter_round, actor=wijkmanager, count=0)
    assert "Make between 1 and 100000 codes at a time." in excinfo.value.messages
    with pytest.raises(PermissionDenied):
        services.letter_codes_generate(round=letter_round, actor=resident, count=5)


def test_a_letter_code_votes_online_and_may_change_the_ballot(letter_round, wijkmanager):
    code = services.letter_codes_generate(round=letter_round, actor=wijkmanager, count=1)[0]
    ids = _projects(letter_round)
    services.ballot_cast(
        round=letter_round, actor=None, choices=[ids["Speeltuin"]], letter_code=code
    )
    ballot = services.ballot_cast(
        round=letter_round, actor=None, choices=[ids["Bomen"]], letter_code=code.lower()
    )
    assert Ballot.objects.count() == Participation.objects.count() == 1
    assert selectors.ballot_choices(ballot=ballot) == {ids["Bomen"]: 1}
    assert selectors.ballot_own(round=letter_round, letter_code=code) == ballot
    with pytest.raises(ValidationError) as excinfo:
        services.ballot_cast(
            round=letter_round, actor=None, choices=[ids["Bomen"]], letter_code="AAAA-BBBB-CCCC"
        )
    assert excinfo.value.messages == [
        "This code is not valid for this round. Check the code on the letter."
    ]


def test_a_paper_ballot_uses_its_code_once_and_never_next_to_an_online_one(
    letter_round, wijkmanager
):
    online, paper = services.letter_codes_generate(round=letter_round, actor=wijkmanager, count=2)
    ids = _projects(letter_round)
    services.ballot_cast(round=letter_round, actor=None, choices=[ids["Bomen"]], letter_code=online)
    with pytest.raises(ValidationError) as excinfo:
        services.paper_ballot_enter(
            round=letter_round, actor=wijkmanager, letter_code=online, choices=[ids["Bankjes"]]
        )
    assert "already been used to vote online" in excinfo.value.messages[0]

    participation = services.paper_ballot_enter(
        round=letter_round, actor=wijkmanager, letter_code=paper, choices=[ids["Bankjes"]]
    )
    assert participation.channel == Channel.PAPER
    with pytest.raises(ValidationError) as excinfo:
        services.paper_ballot_enter(
            round=letter_round, actor=wijkmanager, letter_code=paper, choices=[ids["Bomen"]]
        )
    assert excinfo.value.messages == ["A paper ballot with this code was already entered."]
    with pytest.raises(ValidationError) as excinfo:
        services.ballot_cast(
            round=letter_round, actor=None, choices=[ids["Bomen"]], letter_code=paper
        )
    assert excinfo.value.messages == ["This code has already been used on a paper ballot."]
    assert Ballot.objects.count() == Participation.objects.count() == 2
    event = AuditEvent.objects.get(action="pb.paper_ballot_enter")
    assert (event.target_kind, event.actor) == ("pb.participation", wijkmanager)
    assert event.changes == {}


def test_a_refused_paper_ballot_does_not_use_up_its_code(letter_round, wijkmanager):
    letter_round.max_projects = 1
    letter_round.save()
    code = services.letter_codes_generate(round=letter_round, actor=wijkmanager, count=1)[0]
    ids = list(_projects(letter_round).values())
    with pytest.raises(ValidationError):
        services.paper_ballot_enter(
            round=letter_round, actor=wijkmanager, letter_code=code, choices=ids[:2]
        )
    assert LetterCode.objects.get().used_channel == ""
    _nothing_stored()
    services.paper_ballot_enter(
        round=letter_round, actor=wijkmanager, letter_code=code, choices=ids[:1]
    )


def test_paper_ballots_are_entered_by_permitted_staff_until_publication(
    letter_round, wijkmanager, resident, reviewer
):
    code = services.letter_codes_generate(round=letter_round, actor=wijkmanager, count=1)[0]
    ids = list(_projects(letter_round).values())
    for actor in (resident, reviewer):
        with pytest.raises(PermissionDenied):
            services.paper_ballot_enter(
                round=letter_round, actor=actor, letter_code=code, choices=ids[:1]
            )
    move_to(letter_round, "closed")  # ballots that arrived by post are entered after the close
    services.paper_ballot_enter(
        round=letter_round, actor=wijkmanager, letter_code=code, choices=ids[:1]
    )
    assert Ballot.objects.count() == 1


def test_an_email_round_takes_no_letter_codes_and_vice_versa(voting_round, letter_round, voter):
    ids = list(_projects(voting_round).values())
    with pytest.raises(ValidationError) as excinfo:
        services.ballot_cast(round=voting_round, actor=voter, choices=ids[:1], letter_code="X")
    assert "a code we send you by e-mail" in excinfo.value.messages[0]
    with pytest.raises(ValidationError) as excinfo:
        services.ballot_cast(
            round=letter_round, actor=voter, choices=list(_projects(letter_round).values())[:1]
        )
    assert excinfo.value.messages == ["Enter the code from your letter to vote."]
    with pytest.raises(ValidationError) as excinfo:
        services.vote_code_request(round=letter_round, actor=voter)
    assert "code from your letter" in excinfo.value.messages[0]


# --- concurrency (PostgreSQL) -----------------------------------------------------------

THREADS = 12


@pytest.fixture
def _postgres():
    skip_unless_postgres()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_simultaneous_casts_with_one_letter_code_give_one_ballot(
    _postgres, letter_round, wijkmanager
):
    code = services.letter_codes_generate(round=letter_round, actor=wijkmanager, count=1)[0]
    ids = list(_projects(letter_round).values())

    def cast(i: int):
        return services.ballot_cast(
            round=letter_round, actor=None, choices=[ids[i % len(ids)]], letter_code=code
        )

    outcomes = in_parallel(cast, THREADS)
    assert all(isinstance(o, Ballot) for o in outcomes), outcomes
    assert Participation.objects.count() == 1
    assert Ballot.objects.count() == 1
    assert BallotChoice.objects.count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_simultaneous_casts_of_one_voter_give_one_participation_and_one_ballot(
    _postgres, voting_round
):
    """Below the code check: the unique constraints alone keep a racing voter to one vote."""
    ids = list(_projects(voting_round).values())[:3]
    pb_round = voting_round

    def store(i: int):
        from django.db import transaction

        with transaction.atomic():
            return services._store_ballot(pb_round, "user:42", Channel.ONLINE, {ids[i % 3]: 1})

    outcomes = in_parallel(store, THREADS)
    assert all(isinstance(o, tuple) for o in outcomes), outcomes
    assert Participation.objects.count() == 1
    assert Ballot.objects.count() == 1
    assert BallotChoice.objects.count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_simultaneous_email_casts_with_one_code_count_once(_postgres, voting_round, voter):
    code = _code_for(voting_round, voter)
    ids = list(_projects(voting_round).values())[:3]

    def cast(i: int):
        return services.ballot_cast(
            round=voting_round, actor=voter, choices=[ids[i % 3]], email_code=code
        )

    outcomes = in_parallel(cast, THREADS)
    cast_ok = [o for o in outcomes if isinstance(o, Ballot)]
    refused = [o for o in outcomes if isinstance(o, ValidationError)]
    assert len(cast_ok) == 1
    assert len(refused) == THREADS - 1, outcomes
    assert Participation.objects.count() == Ballot.objects.count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_paper_and_an_online_ballot_racing_on_one_code_count_once(
    _postgres, letter_round, wijkmanager
):
    code = services.letter_codes_generate(round=letter_round, actor=wijkmanager, count=1)[0]
    ids = list(_projects(letter_round).values())

    def cast(i: int):
        if i % 2:
            return services.paper_ballot_enter(
                round=letter_round, actor=wijkmanager, letter_code=code, choices=ids[:1]
            )
        return services.ballot_cast(
            round=letter_round, actor=None, choices=ids[1:2], letter_code=code
        )

    outcomes = in_parallel(cast, 8)
    assert Participation.objects.count() == Ballot.objects.count() == 1
    assert LetterCode.objects.get().used_channel in (Channel.ONLINE, Channel.PAPER)
    assert any(isinstance(o, ValidationError) for o in outcomes), outcomes
    assert settings.DATABASES["default"]["ENGINE"].endswith("postgresql")


def test_codes_are_sent_at_most_five_times_an_hour(voting_round, voter):
    for _request in range(5):
        services.vote_code_request(round=voting_round, actor=voter)
    with pytest.raises(ValidationError) as excinfo:
        services.vote_code_request(round=voting_round, actor=voter)
    assert excinfo.value.messages == [
        "You asked for 5 codes within the hour; wait an hour and try again."
    ]


def test_without_asking_for_a_code_one_cannot_vote(voting_round, voter):
    with pytest.raises(ValidationError) as excinfo:
        services.ballot_cast(
            round=voting_round,
            actor=voter,
            choices=list(_projects(voting_round).values())[:1],
            email_code="123456",
        )
    assert excinfo.value.messages == ["Request a code first; we send it to your e-mail address."]
    _nothing_stored()
