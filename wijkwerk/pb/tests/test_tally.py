"""The tally: real elections reproduced, every rule equal to pabutools (the reference
implementation), a small round worked out by hand, and the command line."""

from __future__ import annotations

import json
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import pytest
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wijkwerk.pb.management.commands.bench_pb import pabutools_chosen
from wijkwerk.pb.tally import Election, Project, Voter, tally
from wijkwerk.pb.tally.outcome import COMPLETION, DOES_NOT_FIT, FUNDED, NO_VOTES, RAN_OUT
from wijkwerk.pb.tally.pabulib import dump, load
from wijkwerk.pb.tally.rules import TallyError

from .pabulib_files import DATA_DIR, REAL_FILES, real_path

pabutools = pytest.importorskip("pabutools", reason="pabutools is a test dependency")
from pabutools.election import (  # noqa: E402
    ApprovalBallot,
    ApprovalProfile,
    Instance,
    parse_pabulib,
)
from pabutools.election import Project as PabuProject  # noqa: E402


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


# -- real elections -----------------------------------------------------------------------------

# The rule each round was decided with, in our terms. The greedy-threshold rounds leave out
# projects under META's `min_project_score_threshold`; Kraków's ordinal ballots count as Borda
# points (3, 2, 1), which is what their `score` column holds.
OFFICIAL = {
    "Netherlands_Assen_2024.pb": {"rule": "mes-add1"},
    "Netherlands_Assen_2025.pb": {"rule": "mes-add1"},
    "Poland_Swiecie_2023.pb": {"rule": "mes-add1"},
    "Poland_Wieliczka_2023_Green_Budget.pb": {"rule": "mes-add1", "compare_greedy": True},
    "Poland_Warszawa_2019_Wesola.pb": {"rule": "greedy"},
    "Poland_Warszawa_2020_Praga-Poludnie.pb": {"rule": "greedy"},
    "Poland_Wroclaw_2023.pb": {"rule": "greedy-no-skip"},
    "Poland_Krakow_2020_Debniki.pb": {"rule": "greedy"},
    "Poland_Krakow_2023_Czyzyny.pb": {"rule": "greedy"},
    "Poland_Krakow_2024.pb": {"rule": "greedy"},
    "Poland_Lodz_2022.pb": {"rule": "greedy", "threshold": True},
    "Poland_Lodz_2025_Chojny.pb": {"rule": "greedy", "threshold": True},
    "Poland_Katowice_2024.pb": {"rule": "greedy", "threshold": True},
    "Poland_Czestochowa_2025_Stradom.pb": {"rule": "greedy", "threshold": True},
    "Poland_Warszawa_2026.pb": {"rule": "greedy", "threshold": True},
}

# Files with an official outcome that the ballots in the file cannot reproduce.
NOT_FROM_THE_BALLOTS = {
    "Hungary_Budapest_2024.pb": "rule unknown; about 10% of the votes (paper) are not in the file",
    "Hungary_Budapest_2023_VIII_Jozsefvaros.pb": "rule unknown; per-neighbourhood quotas",
}


@pytest.mark.parametrize("name", sorted(OFFICIAL))
def test_the_official_outcome_is_reproduced(name):
    election = load(real_path(name))
    settings_ = dict(OFFICIAL[name])
    min_score = None
    if settings_.pop("threshold", False):
        min_score = int(election.meta["min_project_score_threshold"])
    outcome = tally(election, min_score=min_score, **settings_)
    assert sorted(outcome.selected) == sorted(election.official_selection())


def test_wieliczka_keeps_mes_because_more_voters_prefer_it():
    outcome = tally(
        load(real_path("Poland_Wieliczka_2023_Green_Budget.pb")),
        rule="mes-add1",
        compare_greedy=True,
    )
    assert outcome.kept == "mes"
    assert outcome.compared["mes"] > outcome.compared["greedy"]


def test_every_file_with_an_official_outcome_is_checked_or_explained():
    real_path(REAL_FILES[0])
    with_outcome = {
        path.name for path in DATA_DIR.glob("*.pb") if load(path).official_selection() is not None
    }
    assert with_outcome == set(OFFICIAL) | set(NOT_FROM_THE_BALLOTS)


# -- equal to pabutools -------------------------------------------------------------------------

# Small approval rounds on which pabutools runs every rule in seconds; the large ones are in
# `manage.py bench_pb`.
SMALL = [
    "Netherlands_Amsterdam_522.pb",
    "Netherlands_Amsterdam_523.pb",
    "Netherlands_Amsterdam_588.pb",
    "Netherlands_Amsterdam_619.pb",
    "Netherlands_Amsterdam_643.pb",
    "Switzerland_Zurich_SN.pb",
    "France_Toulouse_2022_1_-_Capitole_Arnaud_Bernard_Carmes.pb",
    "Netherlands_Assen_2024.pb",
]


def pabutools_selection(instance, profile, rule: str, utility: str) -> list[str]:
    return sorted(p.name for p in pabutools_chosen(instance, profile, rule, utility))


RULES_PABUTOOLS_HAS = ["greedy", "mes", "mes-add1", "mes-add1-greedy"]


@pytest.mark.parametrize("utility", ["cost", "cardinality"])
@pytest.mark.parametrize("rule", RULES_PABUTOOLS_HAS)
@pytest.mark.parametrize("name", SMALL)
def test_the_selection_equals_pabutools(name, rule, utility):
    path = real_path(name)
    instance, profile = parse_pabulib(str(path))
    ours = tally(load(path), rule=rule, utility=utility)
    assert sorted(ours.selected) == pabutools_selection(instance, profile, rule, utility)


@st.composite
def elections(draw):
    """Small approval rounds, full of ties: few distinct costs and ballots."""
    count = draw(st.integers(1, 6))
    ids = [
        str(i)
        for i in draw(st.lists(st.integers(1, 12), min_size=count, max_size=count, unique=True))
    ]
    costs = {pid: draw(st.sampled_from([0, 1, 2, 3, 5, 6, 10])) for pid in ids}
    ballots = draw(st.lists(st.sets(st.sampled_from(ids)), min_size=1, max_size=7))
    budget = draw(st.integers(1, 20))
    return Election(
        budget=Fraction(budget),
        projects={pid: Project(pid, Fraction(cost)) for pid, cost in costs.items()},
        voters=[Voter(str(n), tuple(sorted(b))) for n, b in enumerate(ballots)],
    )


def as_pabutools(election: Election):
    instance = Instance(budget_limit=int(election.budget))
    projects = {}
    for pid, project in election.projects.items():
        projects[pid] = PabuProject(pid, int(project.cost))
        instance.add(projects[pid])
    profile = ApprovalProfile(
        [ApprovalBallot([projects[pid] for pid in voter.vote]) for voter in election.voters]
    )
    return instance, profile


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    election=elections(),
    rule=st.sampled_from(RULES_PABUTOOLS_HAS),
    utility=st.sampled_from(["cost", "cardinality"]),
)
def test_random_small_rounds_select_what_pabutools_selects(election, rule, utility):
    instance, profile = as_pabutools(election)
    ours = tally(election, rule=rule, utility=utility)
    assert sorted(ours.selected) == pabutools_selection(instance, profile, rule, utility)
    assert ours.spent <= election.budget


# -- a round worked out by hand ------------------------------------------------------------------


def hand_round() -> Election:
    """Budget 300 for three voters (a share of 100 each).

    A (150) has voters 1 and 2, B (120) voters 2 and 3, C (100) voter 1, D (30) nobody.
    Step 1: A and B both cost 0.5 per euro of utility (75 and 60 per supporter); A wins the
    tie by its id. Voters 1 and 2 keep 25. Step 2: voter 2 pays their last 25 for B and
    voter 3 the other 95; C is out: voter 1 has 25 of its 100.
    """
    return Election(
        budget=Fraction(300),
        projects={
            p: Project(p, Fraction(c)) for p, c in [("A", 150), ("B", 120), ("C", 100), ("D", 30)]
        },
        voters=[Voter("1", ("A", "C")), Voter("2", ("A", "B")), Voter("3", ("B",))],
    )


def test_mes_by_hand_explains_each_project_and_each_share():
    outcome = tally(hand_round(), rule="mes")
    assert outcome.selected == ["A", "B"]
    assert [(p.project, p.price) for p in outcome.purchases] == [("A", 75), ("B", 95)]
    c = outcome.projects["C"]
    assert (c.reason, c.step, c.supporters_had, c.missing) == (RAN_OUT, 2, 25, 75)
    assert outcome.projects["D"].reason == NO_VOTES
    assert (outcome.projects["A"].reason, outcome.projects["A"].step) == (FUNDED, 1)
    second = outcome.voter_share(("A", "B"))
    assert (second.share, second.paid, second.left) == (100, {"A": 75, "B": 25}, 0)
    third = outcome.voter_share(("B",))
    assert (third.paid, third.left) == ({"B": 95}, 5)


def test_add1_raises_shares_until_c_would_overspend():
    # C is bought once voter 1 keeps 100 after paying 75 for A: at a share of 175, which
    # spends 370. The last share within the budget is 174.
    outcome = tally(hand_round(), rule="mes-add1")
    assert outcome.selected == ["A", "B"]
    assert outcome.voter_budget == 174


def test_the_greedy_completion_adds_what_still_fits():
    outcome = tally(hand_round(), rule="mes-add1-greedy")
    assert outcome.selected == ["A", "B", "D"]
    assert outcome.projects["D"].reason == COMPLETION
    assert outcome.projects["C"].reason == RAN_OUT


def test_greedy_by_votes_and_by_votes_per_euro():
    by_votes = tally(hand_round(), rule="greedy")
    assert by_votes.selected == ["A", "B", "D"]
    assert by_votes.projects["C"].reason == DOES_NOT_FIT
    assert by_votes.projects["C"].missing == 70  # 30 of the 300 left when its turn came
    assert tally(hand_round(), rule="greedy", utility="cardinality").selected == ["B", "A", "D"]
    no_skip = tally(hand_round(), rule="greedy-no-skip")
    assert no_skip.selected == ["A", "B"]
    assert tally(hand_round(), rule="greedy", min_score=1).selected == ["A", "B"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"rule": "borda"}, "Unknown rule borda"),
        ({"rule": "mes", "utility": "joy"}, "Unknown utility joy"),
        ({"rule": "mes", "min_score": 2}, "only applies to greedy rules"),
        ({"rule": "greedy", "compare_greedy": True}, "only applies to MES rules"),
    ],
)
def test_bad_settings_are_refused(change, message):
    with pytest.raises(TallyError, match=message):
        tally(hand_round(), **change)


def test_mes_needs_approval_ballots():
    election = hand_round()
    election.vote_type = "cumulative"
    election.voters = [Voter("1", ("A",), (3,))]
    with pytest.raises(TallyError, match="needs approval ballots"):
        tally(election, rule="mes")
    assert tally(election, rule="greedy").projects["A"].votes == 3


# -- the command line ---------------------------------------------------------------------------


def wijkwerk(*args: str) -> subprocess.CompletedProcess:
    script = Path(sys.executable).with_name("wijkwerk")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "wijkwerk.cli"]
    return subprocess.run(
        [*command, *args], capture_output=True, text=True, timeout=120, check=False
    )


def test_the_command_line_prints_the_selection_as_json_on_its_last_line(tmp_path):
    path = tmp_path / "hand.pb"
    path.write_text(dump(hand_round()), encoding="utf-8")
    done = wijkwerk("pb", "tally", str(path), "--rule", "mes-add1-greedy")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.strip().splitlines()[-1]) == ["A", "B", "D"]


def test_the_command_line_reproduces_assen_2025():
    path = real_path("Netherlands_Assen_2025.pb")
    done = wijkwerk("pb", "tally", str(path), "--rule", "mes-add1", "--utility", "cost")
    assert done.returncode == 0, done.stderr
    assert sorted(json.loads(done.stdout.splitlines()[-1])) == sorted(
        load(path).official_selection()
    )


def test_the_command_line_names_the_line_of_a_broken_file(tmp_path):
    path = tmp_path / "broken.pb"
    path.write_text(
        "META\nkey;value\nbudget;100\nvote_type;approval\nPROJECTS\nproject_id;cost\n1;abc\n"
        "VOTES\nvoter_id;vote\na;1\n",
        encoding="utf-8",
    )
    done = wijkwerk("--lang", "en", "pb", "tally", str(path), "--rule", "mes")
    assert done.returncode == 2
    assert "Line 7" in done.stderr
    assert done.stdout == ""
    in_dutch = wijkwerk("pb", "tally", str(path), "--rule", "mes")
    assert (in_dutch.returncode, in_dutch.stdout) == (2, "")
    assert "Regel 7: De kosten abc van project 1 zijn geen getal." in in_dutch.stderr
