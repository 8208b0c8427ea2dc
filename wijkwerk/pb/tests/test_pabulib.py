"""Reading and writing pabulib `.pb` files: every real file, the quirks, and each error."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest
from django.utils import translation

from wijkwerk.pb.tally import tally
from wijkwerk.pb.tally.model import Election, Project, Voter
from wijkwerk.pb.tally.pabulib import PabulibError, dump, load, parse, save

from .pabulib_files import DATA_DIR, REAL_FILES, real_path


@pytest.fixture(autouse=True)
def _english():
    """Messages are checked in their English source text, whatever the Dutch catalogue says."""
    with translation.override("en"):
        yield


@pytest.fixture(params=REAL_FILES)
def real_file(request) -> Path:
    return real_path(request.param)


def pb(*lines: str) -> str:
    return "\n".join(lines) + "\n"


def meta_of(vote_type: str = "approval", *, budget: str = "100") -> tuple[str, ...]:
    """The META section of a small file, with this vote type and budget."""
    return ("META", "key;value", f"budget;{budget}", f"vote_type;{vote_type}")


META = meta_of()
PROJECTS = ("PROJECTS", "project_id;cost;name", "1;40;Bankjes", "2;60;Bomen", "3;50;Speeltuin")
VOTES = ("VOTES", "voter_id;vote", "a;1,2", "b;3")


def small(*, meta=META, projects=PROJECTS, votes=VOTES) -> str:
    return pb(*meta, *projects, *votes)


def parse_error(text: str) -> PabulibError:
    with pytest.raises(PabulibError) as caught:
        parse(text)
    return caught.value


# -- the real files ---------------------------------------------------------------------------


def test_real_file_parses_and_round_trips(real_file):
    """Every file of the snapshot reads, with as many projects and voters as META says; dump
    then parse gives the same election, extra columns included, and dumping again is stable."""
    election = load(real_file)
    assert election.budget > 0
    assert len(election.projects) == int(election.meta["num_projects"])
    assert len(election.voters) == int(election.meta["num_votes"])
    if election.vote_type == "cumulative":
        assert all(len(v.points or ()) == len(v.vote) for v in election.voters)

    text = dump(election)
    again = parse(text)
    assert again == election
    assert list(again.projects) == list(election.projects)
    assert [p.extra for p in again.projects.values()] == [
        p.extra for p in election.projects.values()
    ]
    assert [v.extra for v in again.voters] == [v.extra for v in election.voters]
    assert dump(again) == text


def test_repeated_project_in_approval_vote_counts_once():
    """Amsterdam 604 has one approval ballot naming projects twice; each counts once."""
    path = DATA_DIR / "Netherlands_Amsterdam_604.pb"
    if not path.is_file():
        pytest.skip(f"the pabulib snapshot is not at {DATA_DIR.resolve()}")
    voter = next(v for v in load(path).voters if v.id == "13650977333")
    assert voter.vote == ("42344", "42346", "42350", "42355", "42360")


def test_read_ballots_tally_the_same_as_built_ones_and_changes_are_seen():
    """The reader hands the tally its ballots as project numbers; a tally of the same
    election built by hand (no numbers) selects the same, and a changed voter list is
    tallied as changed, not from the reader's numbers."""
    text = small(
        projects=(*PROJECTS, "10;30;Bloembakken"),
        votes=("VOTES", "voter_id;vote", "a;1,2", "b;3,10", "c;10", "d;", "e;2,1,2"),
    )
    read = parse(text)
    assert read.voters.numbered is not None
    built = Election(budget=read.budget, projects=dict(read.projects), voters=list(read.voters))
    for rule in ("greedy", "mes", "mes-add1"):
        assert tally(read, rule=rule).selected == tally(built, rule=rule).selected
    before = tally(read, rule="greedy").selected
    read.voters[3] = Voter("d", ("3",))
    read.voters.append(Voter("f", ("3",)))
    assert read.voters.numbered is None
    assert tally(read, rule="greedy").selected != before
    assert tally(read, rule="greedy").projects["3"].votes == 3


def test_decimal_budget_and_costs_stay_exact():
    """Toulouse 2022 writes amounts as 400000.0; they are exact and keep their text in META."""
    path = DATA_DIR / "France_Toulouse_2022_1_-_Capitole_Arnaud_Bernard_Carmes.pb"
    if not path.is_file():
        pytest.skip(f"the pabulib snapshot is not at {DATA_DIR.resolve()}")
    election = load(path)
    assert election.budget == Fraction(400000)
    assert election.meta["budget"] == "400000.0"
    assert all(type(p.cost) is Fraction for p in election.projects.values())


# -- small hand-written files -----------------------------------------------------------------


def test_small_file_parses():
    election = parse(small())
    assert election.budget == 100
    assert election.vote_type == "approval"
    assert election.projects["2"] == Project(id="2", cost=Fraction(60), name="Bomen")
    assert election.voters == [Voter(id="a", vote=("1", "2")), Voter(id="b", vote=("3",))]
    assert election.meta == {"budget": "100", "vote_type": "approval"}


def test_bom_crlf_blank_lines_and_spaces_are_tolerated():
    text = "\ufeff" + small(votes=("VOTES", "voter_id;vote", "a; 1 , 2 ", "", "b;3")).replace(
        "\n", "\r\n"
    )
    election = parse(text)
    assert [v.vote for v in election.voters] == [("1", "2"), ("3",)]


def test_quoted_values_may_hold_semicolons_quotes_and_newlines():
    text = small(
        meta=(*META, 'description;"Buurt; ""Oost"""'),
        projects=(
            "PROJECTS",
            "project_id;cost;name",
            '1;40;"Bankjes; twee stuks"',
            '2;60;"Bomen\nlangs de gracht"',
            "3;50;Speeltuin",
        ),
        votes=("VOTES", "voter_id;vote", '"a";"1,2"', "b;3"),
    )
    election = parse(text)
    assert election.meta["description"] == 'Buurt; "Oost"'
    assert election.projects["1"].name == "Bankjes; twee stuks"
    assert election.projects["2"].name == "Bomen\nlangs de gracht"
    assert election.voters[0].vote == ("1", "2")
    assert parse(dump(election)).projects["2"].name == "Bomen\nlangs de gracht"


def test_decimal_costs_and_budget():
    election = parse(
        small(
            meta=meta_of(budget="99.95"),
            projects=("PROJECTS", "project_id;cost", "1;0.5", "2;10.25", "3;0"),
        )
    )
    assert election.budget == Fraction("99.95")
    assert [p.cost for p in election.projects.values()] == [
        Fraction(1, 2),
        Fraction(41, 4),
        0,
    ]
    assert "10.25" in dump(election)


def test_cumulative_file_keeps_points_in_ballot_order():
    election = parse(
        small(
            meta=meta_of("cumulative"),
            votes=("VOTES", "voter_id;vote;points;age", "a;2,1;3,1;34", "b;3;0;"),
        )
    )
    assert election.vote_type == "cumulative"
    assert election.voters[0] == Voter(id="a", vote=("2", "1"), points=(3, 1))
    assert election.voters[0].extra == {"age": "34"}
    assert election.voters[1].points == (0,)


def test_scoring_is_read_as_cumulative_and_written_back_as_it_was():
    election = parse(
        small(
            meta=meta_of("scoring"),
            votes=("VOTES", "voter_id;vote;points", "a;2,1;3,1"),
        )
    )
    assert election.vote_type == "cumulative"
    assert "vote_type;scoring" in dump(election)


def test_ordinal_file_keeps_the_order():
    election = parse(
        small(
            meta=meta_of("ordinal"),
            votes=("VOTES", "voter_id;vote", "a;3,1,2", "b;2"),
        )
    )
    assert election.vote_type == "ordinal"
    assert election.voters[0].vote == ("3", "1", "2")
    assert election.voters[0].points is None


def test_choose_one_and_empty_ballots():
    election = parse(
        small(
            meta=meta_of("choose-1"),
            votes=("VOTES", "voter_id;vote", "a;2", "b;"),
        )
    )
    assert [v.vote for v in election.voters] == [("2",), ()]


def test_official_selection_from_selected_column():
    election = parse(
        small(
            projects=(
                "PROJECTS",
                "project_id;cost;votes;selected",
                "1;40;2;1",
                "2;60;1;0",
                "3;50;1;2",
            )
        )
    )
    assert election.official_selection() == ["1", "3"]
    assert election.projects["1"].extra == {"votes": "2", "selected": "1"}
    assert parse(small()).official_selection() is None


def test_dump_of_a_built_election_fills_in_meta():
    """An election made in code (no META) is written with budget, vote_type and the counts."""
    election = Election(
        budget=Fraction(1001, 2),
        projects={"p": Project(id="p", cost=Fraction(250)), "q": Project(id="q", cost=Fraction(3))},
        voters=[Voter(id="1", vote=("q", "p"), points=(2, 1), extra={"sex": "f"})],
        vote_type="cumulative",
    )
    again = parse(dump(election))
    assert again.budget == Fraction(1001, 2)
    assert again.meta == {
        "budget": "500.5",
        "vote_type": "cumulative",
        "num_projects": "2",
        "num_votes": "1",
    }
    assert again.projects == election.projects
    assert again.voters == election.voters
    assert again.voters[0].extra == {"sex": "f"}


def test_dump_refuses_an_amount_without_decimal_notation():
    election = Election(
        budget=Fraction(1, 3), projects={"p": Project(id="p", cost=Fraction(1))}, voters=[]
    )
    with pytest.raises(ValueError, match="decimal"):
        dump(election)


def test_save_and_load(tmp_path):
    election = parse(small())
    path = tmp_path / "ronde.pb"
    save(election, path)
    assert load(path) == parse(dump(election))
    assert load(path).voters == election.voters


def test_load_refuses_text_that_is_not_utf8(tmp_path):
    path = tmp_path / "latin1.pb"
    path.write_bytes(small(meta=(*META, "description;Caf\xe9")).encode("latin-1"))
    with pytest.raises(PabulibError) as caught:
        load(path)
    assert caught.value.line == 5
    assert caught.value.source == str(path)
    assert "UTF-8" in caught.value.message


# -- errors -----------------------------------------------------------------------------------


def test_error_says_line_and_problem():
    error = parse_error(small(projects=("PROJECTS", "project_id;cost", "1;40", "1;60")))
    assert isinstance(error, ValueError)
    assert error.line == 8
    assert str(error) == f"Line 8: {error.message}"


def test_error_message_is_translated():
    """The line prefix and the problem go through gettext together (Dutch: "Regel 8: …")."""
    with translation.override("nl"):
        error = parse_error(small(projects=("PROJECTS", "project_id;cost", "1;40", "1;60")))
    assert str(error).endswith(error.message)


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        pytest.param("", 1, "empty", id="empty file"),
        pytest.param(
            pb(*PROJECTS, *META, *VOTES),
            1,
            "Section PROJECTS appears where section META",
            id="no META",
        ),
        pytest.param(
            pb("key;value", *META, *PROJECTS, *VOTES),
            1,
            "must start with a line META",
            id="text before META",
        ),
        pytest.param(pb(*META, *VOTES, *PROJECTS), 5, "Section VOTES appears", id="wrong order"),
        pytest.param(pb(*META, *PROJECTS), 10, "without the section VOTES", id="no VOTES"),
        pytest.param(pb(*META, *PROJECTS, *VOTES, "META"), 14, "Section META", id="META twice"),
        pytest.param(pb(*META, *PROJECTS, "VOTES"), 11, "no header row", id="no header"),
        pytest.param(
            pb(*META[:1], "key;value;x", *META[2:], *PROJECTS, *VOTES), 2, "two", id="META header"
        ),
        pytest.param(
            small(meta=(*META, "currency;EUR;extra")), 5, "3 fields", id="META row too long"
        ),
        pytest.param(
            small(projects=("PROJECTS", "project_id;cost;name", "1;40")),
            7,
            "2 fields, but the header of section PROJECTS (line 6) has 3",
            id="project row too short",
        ),
        pytest.param(
            small(votes=("VOTES", "voter_id;vote", "a;1;2")), 12, "3 fields", id="vote row long"
        ),
        pytest.param(
            small(projects=("PROJECTS", "project_id;name", "1;Bankjes")),
            6,
            "no column cost",
            id="no cost column",
        ),
        pytest.param(
            small(projects=("PROJECTS", "cost;name", "40;Bankjes")),
            6,
            "no column project_id",
            id="no project_id column",
        ),
        pytest.param(
            small(votes=("VOTES", "vote", "1")), 11, "no column voter_id", id="no voter_id column"
        ),
        pytest.param(
            small(votes=("VOTES", "voter_id;age", "a;3")), 11, "no column vote", id="no vote column"
        ),
        pytest.param(
            small(projects=("PROJECTS", "project_id;cost;cost", "1;4;4")),
            6,
            "Column cost appears twice",
            id="duplicate column",
        ),
        pytest.param(
            small(meta=("META", "key;value", "vote_type;approval")), 4, "no budget", id="no budget"
        ),
        pytest.param(
            small(meta=("META", "key;value", "budget;100")), 4, "no vote_type", id="no vote_type"
        ),
        pytest.param(
            small(meta=meta_of(budget="100.000,00")),
            3,
            "budget 100.000,00 is not a number",
            id="budget with comma",
        ),
        pytest.param(
            small(meta=meta_of(budget="€ 100")),
            3,
            "not a number",
            id="budget with currency",
        ),
        pytest.param(
            small(meta=meta_of(budget="0")),
            3,
            "more than zero",
            id="budget zero",
        ),
        pytest.param(
            small(meta=meta_of(budget="-5")),
            3,
            "more than zero",
            id="budget negative",
        ),
        pytest.param(
            small(meta=meta_of("borda")),
            4,
            "Unknown vote type borda",
            id="unknown vote type",
        ),
        pytest.param(
            small(meta=(*META, "budget;200")), 5, "budget appears twice", id="META key twice"
        ),
        pytest.param(
            small(meta=(*META, "num_projects;4")), 5, "num_projects as 4", id="num_projects"
        ),
        pytest.param(small(meta=(*META, "num_votes;3")), 5, "num_votes as 3", id="num_votes"),
        pytest.param(
            small(projects=("PROJECTS", "project_id;cost", "1;veertig")),
            7,
            "cost veertig of project 1 is not a number",
            id="cost not a number",
        ),
        pytest.param(
            small(projects=("PROJECTS", "project_id;cost", "1;")),
            7,
            'cost "" of project 1',
            id="cost empty",
        ),
        pytest.param(
            small(projects=("PROJECTS", "project_id;cost", "1;-1")),
            7,
            "negative cost",
            id="cost negative",
        ),
        pytest.param(
            small(projects=("PROJECTS", "project_id;cost", ";1")),
            7,
            "no project_id",
            id="empty project id",
        ),
        pytest.param(
            small(projects=("PROJECTS", "project_id;cost", '"1,2";1')),
            7,
            "contains a comma",
            id="comma in project id",
        ),
        pytest.param(
            small(projects=(*PROJECTS, "2;70;Nog eens bomen")),
            10,
            "Project 2 is already listed on line 8",
            id="duplicate project",
        ),
        pytest.param(
            small(votes=(*VOTES, "a;3")),
            14,
            "Voter a already voted on line 12",
            id="duplicate voter",
        ),
        pytest.param(
            small(votes=("VOTES", "voter_id;vote", ";1")), 12, "no voter_id", id="empty voter id"
        ),
        pytest.param(
            small(votes=(*VOTES, "c;1,7")),
            14,
            "names project 7, which is not in section PROJECTS",
            id="unknown project",
        ),
        pytest.param(
            small(votes=("VOTES", "voter_id;vote", "a;1,,2")),
            12,
            'names project "", which is not',
            id="empty project in vote",
        ),
        pytest.param(
            small(
                meta=meta_of("ordinal"),
                votes=("VOTES", "voter_id;vote", "a;1,2,1"),
            ),
            12,
            "names project 1 more than once",
            id="ordinal repeat",
        ),
        pytest.param(
            small(
                meta=meta_of("cumulative"),
                votes=("VOTES", "voter_id;vote;points", "a;1,1;2,3"),
            ),
            12,
            "names project 1 more than once",
            id="cumulative repeat",
        ),
        pytest.param(
            small(
                meta=meta_of("cumulative"),
                votes=("VOTES", "voter_id;vote;points", "a;1,2;2"),
            ),
            12,
            "names 2 projects but gives 1 numbers of points",
            id="points count",
        ),
        pytest.param(
            small(
                meta=meta_of("cumulative"),
                votes=("VOTES", "voter_id;vote;points", "a;1,2;2,1.5"),
            ),
            12,
            "1.5 points, which is not a whole number",
            id="points not whole",
        ),
        pytest.param(
            small(
                meta=meta_of("cumulative"),
                votes=("VOTES", "voter_id;vote;points", "a;1;1", "b;1,2;3,-1"),
            ),
            13,
            "negative points (-1)",
            id="points negative",
        ),
        pytest.param(
            small(meta=meta_of("cumulative")),
            11,
            "no column points",
            id="cumulative without points",
        ),
        pytest.param(
            small(meta=meta_of("choose-1")),
            12,
            "chose 2 projects",
            id="choose-1 with two",
        ),
        pytest.param(
            small(projects=("PROJECTS", "project_id;cost;name", '1;40;"Bankjes', "2;60;Bomen")),
            7,
            "not closed properly",
            id="unclosed quote",
        ),
    ],
)
def test_invalid_file_is_refused_with_line(text, line, fragment):
    error = parse_error(text)
    assert error.line == line, error.message
    assert fragment in error.message
