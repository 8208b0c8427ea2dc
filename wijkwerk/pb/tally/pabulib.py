"""Reading and writing participatory budgeting rounds in pabulib's `.pb` format.

Pabulib (http://pabulib.org) is the open library of real participatory budgeting data described
in Faliszewski et al., "Participatory Budgeting: Data, Tools, and Analysis", IJCAI-2023. Its
`.pb` files are what we test our tally against, and what we offer as an export.

The format
----------
A `.pb` file is UTF-8 text in three sections, always in this order: `META`, `PROJECTS` and
`VOTES`. Each section starts with a line holding only its name, then a header row naming the
columns, then one row per entry. Fields are separated by `;` and may be put between double
quotes as in CSV (so a project name can contain a `;`, and `""` inside quotes is one quote).

- `META` has the columns `key;value`: one row per property of the round. `budget` (the amount
  to spend) and `vote_type` are required; `num_projects` and `num_votes` give the number of
  rows in the other two sections. All other keys (description, country, unit, rule, …) are
  kept as text in `Election.meta`.
- `PROJECTS` needs `project_id` and `cost`; `name` goes to `Project.name`, every other column
  (votes, score, selected, category, …) to `Project.extra` as text.
- `VOTES` needs `voter_id` and `vote`: the ids of the projects on the ballot, separated by
  commas, best first for ordinal ballots. Cumulative ballots add `points`, one whole number per
  project in `vote`, in the same order. Every other column (age, sex, voting_method, …) goes
  to `Voter.extra` as text.

`vote_type` is `approval`, `cumulative`, `ordinal` or `choose-1` (our 68 files: 55, 5, 5
and 3). Older pabulib files may say `scoring` for what is now `cumulative`; none of ours does,
but such files are read as cumulative. Amounts are decimal numbers with a
point (`400000.0`) and are read as exact `Fraction`s, never through a float.

Leniency
--------
All 68 files of our pabulib snapshot are read as they are. Where a file departs from the
format and its meaning is still clear, we accept it:

- A byte order mark at the start, CRLF or mixed line endings, and empty lines are ignored;
  section names may be written in any case (`meta`).
- Spaces around ids, amounts and points are ignored (names and extra columns are kept as they
  are).
- An approval ballot that names the same project twice counts it once (the second mention is
  dropped): `Netherlands_Amsterdam_604.pb` has one such ballot, and approving a project twice
  can only mean approving it. On ordinal, cumulative and choose-1 ballots a repeated project
  is an error, since its rank or points would be ambiguous.

No file of the snapshot writes an amount with a decimal comma, thousands separators or a
currency sign, so such amounts are refused rather than guessed (`1,500` could mean either).
Everything else is refused with a `PabulibError` that names the line and says how to fix the
file. `num_projects` and `num_votes` must match the rows: every real file agrees with itself
there, so a mismatch means a damaged file. The number of votes per project (`votes`) is not
checked, because some files count votes that are not in the file (paper ballots).

`dump` writes `budget`, `vote_type`, `num_projects` and `num_votes` from the election itself
(keeping the original text where it means the same, such as `400000.0` or `scoring`) and
adds them to `META` when missing, so what it writes always reads back.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator
from fractions import Fraction
from pathlib import Path

import numpy as np
from django.utils.translation import gettext as _

from .model import Election, Numbered, Project, Voter, Voters, VoteType

__all__ = ["VOTE_TYPE_NAMES", "PabulibError", "dump", "load", "parse", "save"]

SECTIONS = ("META", "PROJECTS", "VOTES")

# The texts `vote_type` may have, and the ballot type each one means.
VOTE_TYPE_NAMES: dict[str, VoteType] = {
    "approval": "approval",
    "cumulative": "cumulative",
    "scoring": "cumulative",
    "ordinal": "ordinal",
    "choose-1": "choose-1",
}

_AMOUNT = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")
_PROJECT_COLUMNS = ("project_id", "cost", "name")
_VOTER_COLUMNS = ("voter_id", "vote", "points")


class PabulibError(ValueError):
    """A `.pb` file that cannot be read: `line` is the 1-based line, `message` the problem."""

    def __init__(self, line: int, message: str, *, source: str = "") -> None:
        self.line = line
        self.message = message
        self.source = source
        super().__init__(_("Line %(line)s: %(problem)s") % {"line": line, "problem": message})


def load(path: str | Path) -> Election:
    """Read the `.pb` file at `path` (UTF-8, with or without a byte order mark)."""
    data = Path(path).read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise PabulibError(
            line,
            _(
                "The file is not valid UTF-8 text. Save it as UTF-8 (in a spreadsheet "
                "program: CSV UTF-8) and read it again."
            ),
            source=str(path),
        ) from None
    return parse(text, source=str(path))


def save(election: Election, path: str | Path) -> None:
    """Write `election` to `path` as a `.pb` file."""
    Path(path).write_text(dump(election), encoding="utf-8", newline="")


def parse(text: str, *, source: str = "") -> Election:
    """Read a `.pb` file's text into an `Election`; raise `PabulibError` when it is not valid."""
    return _Parser(source).run(text)


class _Parser:
    """Reads the rows in one pass, checking each as it comes (the projects precede the votes)."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.meta: dict[str, str] = {}
        self.meta_lines: dict[str, int] = {}
        self.budget: Fraction | None = None
        self.vote_type: VoteType | None = None
        self.projects: dict[str, Project] = {}
        self.project_lines: dict[str, int] = {}
        self.voters = Voters()
        self.voter_lines: dict[str, int] = {}
        # The ballots as project numbers, made while each is checked (see `Voters`).
        self.numbers: dict[str, int] = {}
        self.flat: list[int] = []
        self.lengths: list[int] = []

    def error(self, line: int, message: str) -> PabulibError:
        return PabulibError(line, message, source=self.source)

    # -- reading rows ---------------------------------------------------------------------

    def rows(self, text: str) -> Iterator[tuple[int, list[str]]]:
        """The non-empty rows with the line each starts on (a quoted value may span lines)."""
        if text.startswith("\ufeff"):
            text = text[1:]
        reader = csv.reader(io.StringIO(text, newline=None), delimiter=";", strict=True)
        start = 1
        try:
            for row in reader:
                if row and (len(row) > 1 or row[0].strip()):
                    yield start, row
                start = reader.line_num + 1
        except csv.Error:
            raise self.error(
                start,
                _(
                    "A value between double quotes is not closed properly. End every quoted "
                    "value with a double quote directly before the next ; or the end of the "
                    'line, and write a double quote inside a value as two ("").'
                ),
            ) from None

    def run(self, text: str) -> Election:
        expected = iter(SECTIONS)
        section: str | None = None
        columns: dict[str, int] | None = None
        header_line = 0
        last_line = 0
        for line, row in self.rows(text):
            last_line = line
            if len(row) == 1 and row[0].strip().upper() in SECTIONS:
                found = row[0].strip().upper()
                wanted = next(expected, None)
                if found != wanted:
                    raise self.error(
                        line,
                        _(
                            "Section %(found)s appears where section %(expected)s was "
                            "expected. A pabulib file has the sections META, PROJECTS and "
                            "VOTES, each once and in that order."
                        )
                        % {"found": found, "expected": wanted or _("(none)")},
                    )
                if section is not None:
                    self.end_section(section, columns, line)
                section, columns = found, None
                continue
            if section is None:
                raise self.error(
                    line,
                    _(
                        "The file must start with a line META, but this line is %(found)s. "
                        "A pabulib file has the sections META, PROJECTS and VOTES, in that "
                        "order, each starting with a line holding only its name."
                    )
                    % {"found": _shorten(";".join(row))},
                )
            if columns is None:
                columns = self.header(section, row, line)
                header_line = line
                if section == "VOTES":
                    self.prepare_votes(columns, line)
                continue
            if len(row) != len(columns):
                raise self.error(
                    line,
                    _(
                        "This row has %(found)s fields, but the header of section %(section)s "
                        "(line %(header)s) has %(expected)s. Give every row one value per "
                        "column, and put a value that contains a ; between double quotes."
                    )
                    % {
                        "found": len(row),
                        "section": section,
                        "header": header_line,
                        "expected": len(columns),
                    },
                )
            if section == "META":
                self.meta_row(row, line)
            elif section == "PROJECTS":
                self.project_row(columns, row, line)
            else:
                self.vote_row(row, line)
        end = last_line + 1
        missing = next(expected, None)
        if missing is not None:
            if section is None:
                raise self.error(
                    1,
                    _(
                        "The file is empty. A pabulib file has the sections META, PROJECTS "
                        "and VOTES, in that order."
                    ),
                )
            raise self.error(
                end,
                _(
                    "The file ends without the section %(expected)s. Add it after section "
                    "%(section)s: a pabulib file has the sections META, PROJECTS and VOTES, "
                    "in that order."
                )
                % {"expected": missing, "section": section},
            )
        self.end_section("VOTES", columns, end)
        assert self.budget is not None and self.vote_type is not None
        self.voters.numbered = Numbered(
            ids=tuple(sorted(self.projects)),
            flat=np.array(self.flat, dtype=np.int64),
            lengths=np.array(self.lengths, dtype=np.int64),
        )
        return Election(
            budget=self.budget,
            projects=self.projects,
            voters=self.voters,
            vote_type=self.vote_type,
            meta=self.meta,
        )

    def header(self, section: str, row: list[str], line: int) -> dict[str, int]:
        columns: dict[str, int] = {}
        for index, name in enumerate(row):
            name = name.strip()
            if name in columns:
                raise self.error(
                    line,
                    _(
                        "Column %(column)s appears twice in the header of section "
                        "%(section)s. Give each column its own name."
                    )
                    % {"column": name, "section": section},
                )
            columns[name] = index
        if section == "META" and len(columns) != 2:
            raise self.error(
                line,
                _(
                    "The header of section META has %(found)s columns, but it must have two: "
                    "key;value."
                )
                % {"found": len(columns)},
            )
        required = {"PROJECTS": ("project_id", "cost"), "VOTES": ("voter_id", "vote")}
        for name in required.get(section, ()):
            if name not in columns:
                raise self.error(
                    line,
                    _(
                        "The header of section %(section)s has no column %(column)s. Add it: "
                        "section %(section)s needs at least the columns %(required)s."
                    )
                    % {
                        "section": section,
                        "column": name,
                        "required": ";".join(required[section]),
                    },
                )
        return columns

    def end_section(self, section: str, columns: dict[str, int] | None, line: int) -> None:
        """Checks once a section is complete; `line` is the line just after it."""
        if columns is None:
            raise self.error(
                line,
                _(
                    "Section %(section)s has no header row. Put a row with the column names "
                    "directly below the line %(section)s."
                )
                % {"section": section},
            )
        if section == "META":
            for key in ("budget", "vote_type"):
                if key not in self.meta:
                    raise self.error(
                        line,
                        _(
                            "Section META has no %(key)s. Add a row %(key)s;… to META, "
                            "before this line."
                        )
                        % {"key": key},
                    )
        elif section == "PROJECTS":
            self.check_count("num_projects", len(self.projects), "PROJECTS")
        else:
            self.check_count("num_votes", len(self.voters), "VOTES")

    def check_count(self, key: str, found: int, section: str) -> None:
        if key not in self.meta:
            return
        declared = self.meta[key].strip()
        if declared != str(found):
            raise self.error(
                self.meta_lines[key],
                _(
                    "META gives %(key)s as %(declared)s, but section %(section)s has "
                    "%(found)s rows. Set %(key)s to %(found)s, or add the missing rows."
                )
                % {"key": key, "declared": declared, "section": section, "found": found},
            )

    # -- META -----------------------------------------------------------------------------

    def meta_row(self, row: list[str], line: int) -> None:
        key, value = row[0].strip(), row[1]
        if key in self.meta:
            raise self.error(
                line,
                _("The META key %(key)s appears twice (first on line %(first)s). Keep one row.")
                % {"key": key, "first": self.meta_lines[key]},
            )
        self.meta[key] = value
        self.meta_lines[key] = line
        if key == "budget":
            budget = self.amount(
                value,
                line,
                _(
                    "The budget %(value)s is not a number. Write it in digits with an optional "
                    "decimal point, such as 250000 or 250000.50, without thousands separators "
                    "or a currency sign."
                ),
            )
            if budget <= 0:
                raise self.error(
                    line,
                    _(
                        "The budget is %(value)s, but it must be more than zero. Enter the "
                        "amount available for the projects."
                    )
                    % {"value": value.strip()},
                )
            self.budget = budget
        elif key == "vote_type":
            vote_type = VOTE_TYPE_NAMES.get(value.strip().lower())
            if vote_type is None:
                raise self.error(
                    line,
                    _("Unknown vote type %(value)s. Use approval, cumulative, ordinal or choose-1.")
                    % {"value": _shorten(value)},
                )
            self.vote_type = vote_type

    def amount(self, text: str, line: int, problem: str, **values: str) -> Fraction:
        """The number in `text`, or the error `problem` (with %(value)s) when it is none."""
        text = text.strip()
        if not _AMOUNT.fullmatch(text):
            raise self.error(line, problem % {"value": _shorten(text) or '""', **values})
        return Fraction(text)

    # -- PROJECTS -------------------------------------------------------------------------

    def project_row(self, columns: dict[str, int], row: list[str], line: int) -> None:
        project_id = row[columns["project_id"]].strip()
        if not project_id:
            raise self.error(line, _("This project has no project_id. Give each project an id."))
        if "," in project_id:
            raise self.error(
                line,
                _(
                    "The project id %(id)s contains a comma, but a vote separates project ids "
                    "with commas. Choose an id without a comma."
                )
                % {"id": _shorten(project_id)},
            )
        if project_id in self.projects:
            raise self.error(
                line,
                _(
                    "Project %(id)s is already listed on line %(first)s. Give each project its "
                    "own id, or remove one of the two rows."
                )
                % {"id": project_id, "first": self.project_lines[project_id]},
            )
        cost_text = row[columns["cost"]]
        cost = self.amount(
            cost_text,
            line,
            _(
                "The cost %(value)s of project %(id)s is not a number. Write it in digits with "
                "an optional decimal point, such as 25000 or 24999.95, without thousands "
                "separators or a currency sign."
            ),
            id=project_id,
        )
        if cost < 0:
            raise self.error(
                line,
                _("Project %(id)s has a negative cost (%(value)s). Enter a cost of zero or more.")
                % {"id": project_id, "value": cost_text.strip()},
            )
        name_index = columns.get("name")
        self.projects[project_id] = Project(
            id=project_id,
            cost=cost,
            name=row[name_index] if name_index is not None else "",
            extra={
                name: row[index] for name, index in columns.items() if name not in _PROJECT_COLUMNS
            },
        )
        self.project_lines[project_id] = line

    # -- VOTES ----------------------------------------------------------------------------

    def prepare_votes(self, columns: dict[str, int], line: int) -> None:
        assert self.vote_type is not None
        if self.vote_type == "cumulative" and "points" not in columns:
            raise self.error(
                line,
                _(
                    "The vote type is cumulative, but the header of section VOTES has no "
                    "column points. Add a points column, or set vote_type in META to the "
                    "type of ballot used."
                ),
            )
        self.numbers = {pid: i for i, pid in enumerate(sorted(self.projects))}
        self.voter_index = columns["voter_id"]
        self.vote_index = columns["vote"]
        self.points_index = columns.get("points")
        self.extra_columns = [
            (name, index) for name, index in columns.items() if name not in _VOTER_COLUMNS
        ]

    def vote_row(self, row: list[str], line: int) -> None:
        voter_id = row[self.voter_index].strip()
        if not voter_id:
            raise self.error(line, _("This vote has no voter_id. Give each voter an id."))
        first = self.voter_lines.get(voter_id)
        if first is not None:
            raise self.error(
                line,
                _(
                    "Voter %(id)s already voted on line %(first)s. Give each voter their own "
                    "id, or remove one of the two votes."
                )
                % {"id": voter_id, "first": first},
            )
        self.voter_lines[voter_id] = line
        text = row[self.vote_index].strip()
        vote = tuple(map(str.strip, text.split(","))) if text else ()
        distinct = set(vote)
        if not distinct <= self.projects.keys():
            project_id = next(p for p in vote if p not in self.projects)
            raise self.error(
                line,
                _(
                    "The vote of voter %(voter)s names project %(project)s, which is not in "
                    "section PROJECTS. Correct the project id, or add the project."
                )
                % {"voter": voter_id, "project": _shorten(project_id) or '""'},
            )
        points = None if self.points_index is None else self.points(row, line, voter_id, vote)
        if len(distinct) != len(vote):
            if self.vote_type == "approval" and points is None:
                vote = tuple(dict.fromkeys(vote))
            else:
                repeated = next(p for p in vote if vote.count(p) > 1)
                raise self.error(
                    line,
                    _(
                        "The vote of voter %(voter)s names project %(project)s more than once. "
                        "Name each project at most once in a vote."
                    )
                    % {"voter": voter_id, "project": repeated},
                )
        if self.vote_type == "choose-1" and len(vote) > 1:
            raise self.error(
                line,
                _(
                    "Voter %(voter)s chose %(count)s projects, but with vote type choose-1 a "
                    "vote names at most one project. Keep one project in this vote, or correct "
                    "vote_type in META."
                )
                % {"voter": voter_id, "count": len(vote)},
            )
        self.flat.extend(map(self.numbers.__getitem__, vote))
        self.lengths.append(len(vote))
        self.voters.append(
            Voter(
                id=voter_id,
                vote=vote,
                points=points,
                extra={name: row[index] for name, index in self.extra_columns},
            )
        )

    def points(
        self, row: list[str], line: int, voter_id: str, vote: tuple[str, ...]
    ) -> tuple[int, ...]:
        assert self.points_index is not None
        text = row[self.points_index].strip()
        items = [item.strip() for item in text.split(",")] if text else []
        if len(items) != len(vote):
            raise self.error(
                line,
                _(
                    "Voter %(voter)s names %(votes)s projects but gives %(points)s numbers of "
                    "points. Give exactly one number of points per project, in the order of "
                    "the vote."
                )
                % {"voter": voter_id, "votes": len(vote), "points": len(items)},
            )
        for item in items:
            if not (item.isascii() and item.isdigit()):
                if item.startswith("-") and item[1:].isascii() and item[1:].isdigit():
                    problem = _(
                        "Voter %(voter)s gives negative points (%(value)s). Points must be "
                        "zero or more; leave a project out of the vote rather than giving it "
                        "negative points."
                    )
                else:
                    problem = _(
                        "Voter %(voter)s gives %(value)s points, which is not a whole number. "
                        "Points must be whole numbers of zero or more, such as 0, 1 or 5."
                    )
                raise self.error(
                    line, problem % {"voter": voter_id, "value": _shorten(item) or '""'}
                )
        return tuple(int(item) for item in items)


def _shorten(text: str, limit: int = 40) -> str:
    """A value to quote in a message, cut short when long."""
    text = text.strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


# -- writing ----------------------------------------------------------------------------------


def dump(election: Election) -> str:
    """The `.pb` text of `election`; `parse` reads it back to an equal election.

    META is written in its own order, with budget, vote_type, num_projects and num_votes taken
    from the election and added where missing; so the election read back equals this one once
    its META holds those four keys, as it does for every pabulib file.
    """
    projects = list(election.projects.values())
    voters = election.voters
    for project in projects:
        if not project.id.strip() or "," in project.id or project.id != project.id.strip():
            raise ValueError(
                _(
                    "Project id %(id)s cannot be written to a .pb file: give it an id that is "
                    "not empty, has no comma and no spaces around it."
                )
                % {"id": repr(project.id)}
            )

    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\n")

    writer.writerow(["META"])
    writer.writerow(["key", "value"])
    meta = dict(election.meta)
    budget_text = meta.get("budget", "")
    if not (_AMOUNT.fullmatch(budget_text.strip()) and Fraction(budget_text) == election.budget):
        meta["budget"] = _format_amount(election.budget)
    if VOTE_TYPE_NAMES.get(meta.get("vote_type", "").strip().lower()) != election.vote_type:
        meta["vote_type"] = election.vote_type
    meta["num_projects"] = str(len(projects))
    meta["num_votes"] = str(len(voters))
    writer.writerows(meta.items())

    writer.writerow(["PROJECTS"])
    has_names = any(project.name for project in projects)
    extra = _extra_columns((project.extra for project in projects), _PROJECT_COLUMNS)
    writer.writerow(["project_id", "cost", *(["name"] if has_names else []), *extra])
    for project in projects:
        writer.writerow(
            [
                project.id,
                _format_amount(project.cost),
                *([project.name] if has_names else []),
                *(project.extra.get(name, "") for name in extra),
            ]
        )

    writer.writerow(["VOTES"])
    has_points = any(voter.points is not None for voter in voters)
    extra = _extra_columns((voter.extra for voter in voters), _VOTER_COLUMNS)
    writer.writerow(["voter_id", "vote", *(["points"] if has_points else []), *extra])
    for voter in voters:
        points = [",".join(map(str, voter.points or ()))] if has_points else []
        writer.writerow(
            [
                voter.id,
                ",".join(voter.vote),
                *points,
                *(voter.extra.get(name, "") for name in extra),
            ]
        )
    return out.getvalue()


def _extra_columns(extras: Iterable[dict[str, str]], reserved: tuple[str, ...]) -> list[str]:
    """The extra column names in the order first seen, leaving out the ones written anyway."""
    names: dict[str, None] = {}
    for extra in extras:
        if extra.keys() - names.keys():
            names.update(dict.fromkeys(extra))
    return [name for name in names if name not in reserved]


def _format_amount(value: Fraction) -> str:
    """`value` as an exact decimal number: 250000, 24999.95."""
    if value.denominator == 1:
        return str(value.numerator)
    rest, places = value.denominator, 0
    for factor in (2, 5):
        count = 0
        while rest % factor == 0:
            rest //= factor
            count += 1
        places = max(places, count)
    if rest != 1:
        raise ValueError(
            _(
                "The amount %(value)s has no exact decimal notation, so a .pb file cannot hold "
                "it. Round it to cents first."
            )
            % {"value": value}
        )
    whole, fraction = divmod(abs(value.numerator) * 10**places // value.denominator, 10**places)
    sign = "-" if value < 0 else ""
    return f"{sign}{whole}.{fraction:0{places}d}"
