"""The standard sets of bodies a wijk starts from, after the seeds.

"etten-leur" is the overview "Wie, wanneer" of Etten-Leur's Wijkgericht werken: in every wijk
the raad once per three years ('Vertel het de raad'), the college once per three years, the
wijkwethouder twice a year and the wijkpartners four times a year (the wijkcontactmoment).
"den-helder" is Den Helder's programme Wijkgericht werken 2012–2015: the wijkplatform about
five times a year (chaired by residents), the wijkcoördinatieteam about ten times a year
(professionals with a mandate, chaired by the accountmanager), a monthly spreekuur of the
wijkwethouder, the college's wijkbezoek every three months and the raad's once a year.
"""

from dataclasses import dataclass
from datetime import time

from django.utils.translation import gettext_lazy as _

from .models import BodyKind


@dataclass(frozen=True)
class StandardBody:
    kind: str
    name: str
    is_public: bool
    start_time: time
    duration_minutes: int
    per_year: int = 1
    every_years: int = 1


TEMPLATES: dict[str, tuple[str, tuple[StandardBody, ...]]] = {
    "den-helder": (
        _("Den Helder: wijkplatform, wijkcoördinatieteam, spreekuur and wijkbezoeken"),
        (
            StandardBody(BodyKind.WIJKPLATFORM, "Wijkplatform", True, time(19, 30), 120, 5),
            StandardBody(
                BodyKind.COORDINATION_TEAM, "Wijkcoördinatieteam", False, time(9, 30), 90, 10
            ),
            StandardBody(
                BodyKind.SPREEKUUR, "Spreekuur van de wijkwethouder", True, time(16, 0), 60, 12
            ),
            StandardBody(
                BodyKind.COLLEGE_VISIT, "Wijkbezoek van het college", True, time(14, 0), 120, 4
            ),  # fmt: skip
            StandardBody(BodyKind.RAAD_VISIT, "Wijkbezoek van de raad", True, time(19, 0), 120),
        ),
    ),
    "etten-leur": (
        _("Etten-Leur: raad, college, wijkwethouder and wijkpartners"),
        (
            StandardBody(
                BodyKind.TELL_THE_RAAD,
                "Vertel het de raad",
                True,
                time(19, 30),
                120,
                every_years=3,
            ),  # fmt: skip
            StandardBody(
                BodyKind.COLLEGE_VISIT,
                "Wijkbezoek van het college",
                True,
                time(19, 30),
                120,
                every_years=3,
            ),  # fmt: skip
            StandardBody(
                BodyKind.WETHOUDER_MEETING,
                "Wijkoverleg met de wijkwethouder",
                True,
                time(19, 30),
                120,
                2,
            ),  # fmt: skip
            StandardBody(BodyKind.PARTNERS, "Wijkpartners", True, time(15, 0), 90, 4),
        ),
    ),
}
