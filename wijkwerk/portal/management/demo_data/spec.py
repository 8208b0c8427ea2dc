"""The shapes of the demo's story: organisations, wijken, people and their roles, and the
wijkagenda as a sequence of moments (proposals, answers, progress, vaststellingen)."""

import datetime
from dataclasses import dataclass

from wijkwerk.agenda.models import Source, ThemeKind, Verdict
from wijkwerk.areas.models import AreaKind

# A moment in the story: days from today (negative: in the past), or a calendar date.
When = int | datetime.date


@dataclass(frozen=True)
class Org:
    key: str
    name: str
    kind: str
    short_name: str = ""
    parent: str = ""
    website: str = ""


@dataclass(frozen=True)
class Wijk:
    code: str
    name: str
    kind: str = AreaKind.WIJK
    description: str = ""
    buurten: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Holds:
    """A role, in some wijken (none: the whole municipality), on behalf of an organisation."""

    role: str
    areas: tuple[str, ...] = ()
    org: str = ""
    contact: bool = True
    phone: str = ""


@dataclass(frozen=True)
class Person:
    key: str  # the local part of the login, e.g. "wijkmanager.denhelder"
    name: str
    holds: tuple[Holds, ...]


@dataclass(frozen=True)
class Progress:
    when: When
    by: str
    text: str
    status: str = ""


@dataclass(frozen=True)
class Answer:
    when: When
    by: str
    verdict: str
    motivation: str = ""
    conditions: str = ""
    answer_by: int | None = None  # days from today: a definite answer lies in the future
    owner: str = ""
    due: When | None = None


@dataclass(frozen=True)
class Idea:
    """A resident's idea; it waits for an answer unless `answer` is given."""

    title: str
    why: str
    theme: str
    by: str
    when: When
    answer: Answer | None = None
    progress: tuple[Progress, ...] = ()


@dataclass(frozen=True)
class Agreed:
    """An item the agenda's keeper puts on directly, with its probleemeigenaar."""

    title: str
    why: str
    theme: str
    by: str
    when: When
    owner: str
    due: When
    source: str = Source.PARTNER
    how: str = ""
    progress: tuple[Progress, ...] = ()


@dataclass(frozen=True)
class Review:
    when: When
    by: str
    title: str  # "{year}" is filled in
    notes: str = ""
    year: int = 0  # relative to this year


@dataclass(frozen=True)
class Action:
    year: int  # 0 for the plan's first year, up to 3
    title: str
    owner: str


@dataclass(frozen=True)
class PlanGoal:
    theme: str
    title: str
    indicator: str
    actions: tuple[Action, ...]


@dataclass(frozen=True)
class Scheduled:
    """A WOP action once it is on the agenda: its agreed date and what happened since."""

    title: str
    due: When
    progress: tuple[Progress, ...] = ()


@dataclass(frozen=True)
class ToAgenda:
    """The actions of one plan year are put on the wijkagenda."""

    when: When
    by: str
    year: int  # relative to this year
    scheduled: tuple[Scheduled, ...]


@dataclass(frozen=True)
class Plan:
    title: str
    summary: str
    first_year: int  # relative to this year
    adopted: When
    revised: When | None
    goals: tuple[PlanGoal, ...]
    to_agenda: tuple[ToAgenda, ...]


@dataclass(frozen=True)
class WijkAgenda:
    wijk: str
    items: tuple[Idea | Agreed, ...]
    reviews: tuple[Review, ...]
    plan: Plan | None = None


@dataclass(frozen=True)
class Gemeente:
    code: str
    name: str
    centre: tuple[float, float]  # rough latitude, longitude of the town centre (for maps)
    answered_by: str
    phone: str
    website: str
    themes: tuple[tuple[str, str], ...]
    orgs: tuple[Org, ...]
    wijken: tuple[Wijk, ...]
    people: tuple[Person, ...]
    agendas: tuple[WijkAgenda, ...]


SOCIAL, PHYSICAL = ThemeKind.SOCIAL, ThemeKind.PHYSICAL
NU, OOIT, NOOIT = Verdict.NU, Verdict.OOIT, Verdict.NOOIT
PHONE_POLITIE = "0900 8844"
