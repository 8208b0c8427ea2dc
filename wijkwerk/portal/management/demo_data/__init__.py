"""The content of the demo: three municipalities as the source documents describe them.

The municipalities and wijken carry their CBS codes and names (CBS wijkindeling 2025). The
buurten are an illustrative split: their codes have the CBS shape (BU + the wijk's six
characters + two) but are not checked against the CBS buurt list. The organisations are
the partners the source documents name (Den Helder's departments VVH, RWO, SB and OWS that
each adopt a wijk, Woningstichting Den Helder, Woonstichting Etten-Leur "WEL", Surplus
Welzijn, Politie Drenthe, De Smederijen) or plainly invented ones. Den Helder's eight CBS
wijken are grouped into the four wijken of its wijkplatforms; where Het Koegras and
Duinzoom belong is this demo's own choice. Every person and agenda item is invented.

The agenda of a wijk is written as a story: who proposed what and when, who answered it
Nu, Ooit or Nooit, who reported progress, when the agenda was vastgesteld. Moments are days
from today (negative: in the past) or calendar dates; the `demo` command plays the story in
date order through the agenda services.

The story's shapes are in `spec`, one module per municipality holds its content.
"""

from .catalogue import (  # noqa: F401
    DEMO_CODES,
    municipalities,
)
from .den_helder import (  # noqa: F401
    DEN_HELDER,
)
from .etten_leur import (  # noqa: F401
    _etten_leur,
)
from .hoogeveen import (  # noqa: F401
    _hoogeveen,
)
from .spec import (  # noqa: F401
    NOOIT,
    NU,
    OOIT,
    PHONE_POLITIE,
    PHYSICAL,
    SOCIAL,
    Action,
    Agreed,
    Answer,
    Gemeente,
    Holds,
    Idea,
    Org,
    Person,
    Plan,
    PlanGoal,
    Progress,
    Review,
    Scheduled,
    ToAgenda,
    When,
    Wijk,
    WijkAgenda,
)

__all__ = [
    "Action",
    "Agreed",
    "Answer",
    "DEMO_CODES",
    "DEN_HELDER",
    "Gemeente",
    "Holds",
    "Idea",
    "NOOIT",
    "NU",
    "OOIT",
    "Org",
    "PHONE_POLITIE",
    "PHYSICAL",
    "Person",
    "Plan",
    "PlanGoal",
    "Progress",
    "Review",
    "SOCIAL",
    "Scheduled",
    "ToAgenda",
    "When",
    "Wijk",
    "WijkAgenda",
    "municipalities",
]
