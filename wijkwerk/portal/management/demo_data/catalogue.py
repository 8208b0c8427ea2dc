"""The demo's municipalities, in the order they are built."""

import datetime

from .den_helder import DEN_HELDER
from .etten_leur import _etten_leur
from .hoogeveen import _hoogeveen
from .spec import Gemeente


def municipalities(today: datetime.date) -> tuple[Gemeente, ...]:
    """The demo's municipalities; Etten-Leur's WOP is dated by calendar year."""
    return (DEN_HELDER, _etten_leur(today), _hoogeveen())


DEMO_CODES = ("GM0400", "GM0777", "GM0118")
