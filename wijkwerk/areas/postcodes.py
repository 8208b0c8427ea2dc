"""Find a resident's wijk from a postcode: "1787", "1787 AB" or "1787AB 12".

`parse_postcode` reads what a resident typed (or refuses it with a message that says how a
Dutch postcode looks); `find_wijken` answers with the wijken it lies in. With a full
postcode the address register (BAG) is asked through PDOK's Locatieserver when
`WIJKWERK_LOCATIESERVER_URL` is set; otherwise, and whenever the Locatieserver cannot be
reached or does not know the address, the postcode table (`PostcodeArea`, imported with
`manage.py import_postcodes`) answers by the 4 digits.
"""

import json
import logging
import re
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .models import Area, PostcodeArea

log = logging.getLogger(__name__)

MAX_INPUT = 40
# 4 digits (never starting with 0), optionally 2 letters, optionally a house number with a
# letter or addition; "NL" or "NL-" before it is allowed. Spaces anywhere between the parts.
POSTCODE_RE = re.compile(
    r"^(?:NL[\s-]?)?([1-9]\d{3})\s*(?:([A-Z]{2})(?:[\s,]*(\d{1,5})(?:\s*[-/]?\s*([A-Z0-9]{1,4}))?)?)?$"
)
# Letter pairs that PostNL never gives out.
UNUSED_LETTERS = {"SA", "SD", "SS"}


@dataclass(frozen=True)
class Postcode:
    digits: str
    letters: str = ""
    number: int | None = None
    addition: str = ""

    def __str__(self) -> str:
        text = f"{self.digits} {self.letters}".strip()
        if self.number is not None:
            text += f" {self.number}{self.addition}"
        return text


def parse_postcode(text: str) -> Postcode:
    """The postcode (and house number) in what was typed; ValidationError otherwise."""
    value = " ".join((text or "").upper().split())
    if not value:
        raise ValidationError(
            _("Fill in your postcode, for example 1787 or 1787 AB."), code="required"
        )
    if len(value) > MAX_INPUT:
        raise ValidationError(
            _("That is too long for a postcode: fill in only your postcode and house number."),
            code="too_long",
        )
    match = POSTCODE_RE.match(value)
    if match is None or (match.group(2) or "") in UNUSED_LETTERS:
        raise ValidationError(
            _(
                "This is not a Dutch postcode. A postcode has 4 digits and 2 letters, for "
                "example 1787 AB (the 4 digits alone also work). Wijkwerk only knows "
                "postcodes in the Netherlands."
            ),
            code="invalid",
        )
    digits, letters, number, addition = match.groups()
    return Postcode(digits, letters or "", int(number) if number else None, addition or "")


@dataclass
class Found:
    """The wijken a postcode lies in (with Wijkwerk), and where else the register put it."""

    wijken: list[Area] = field(default_factory=list)
    elsewhere: str = ""  # a municipality not (yet) on Wijkwerk, by name


class LocatieserverUnavailable(Exception):
    pass


def find_wijken(postcode: Postcode) -> Found:
    url = settings.WIJKWERK_LOCATIESERVER_URL
    if url and postcode.letters:
        try:
            found = _ask_locatieserver(url, postcode)
        except LocatieserverUnavailable as error:
            log.warning("Locatieserver unavailable, using the postcode table: %s", error)
        else:
            if found.wijken or found.elsewhere:
                return found
    return Found(wijken=_from_table(postcode.digits))


def _from_table(digits: str) -> list[Area]:
    ids = PostcodeArea.objects.filter(postcode=digits).values("wijk_id")
    return list(
        Area.objects.wijken()
        .filter(pk__in=ids)
        .select_related("municipality")
        .order_by("municipality__name", "name")
    )


def _ask_locatieserver(url: str, postcode: Postcode) -> Found:
    query = f"postcode:{postcode.digits}{postcode.letters}"
    if postcode.number is not None:
        query += f" AND huisnummer:{postcode.number}"
    params = urllib.parse.urlencode(
        {
            "q": query,
            "fq": "type:adres",
            "fl": "wijkcode,gemeentecode,gemeentenaam",
            "rows": "100",
        }
    )
    request = urllib.request.Request(  # noqa: S310 - an http(s) URL from the settings
        f"{url}?{params}", headers={"Accept": "application/json"}
    )
    try:
        with urllib.request.urlopen(  # noqa: S310
            request, timeout=settings.WIJKWERK_LOCATIESERVER_TIMEOUT
        ) as response:
            data = json.loads(response.read(2_000_000).decode("utf-8"))
        docs = data["response"]["docs"]
        if not isinstance(docs, list):
            raise TypeError("docs is not a list")
    except (OSError, ValueError, KeyError, TypeError) as error:
        # OSError covers URLError, HTTPError and timeouts; ValueError bad JSON.
        raise LocatieserverUnavailable(str(error)) from error
    codes: list[str] = []
    elsewhere = ""
    for doc in docs:
        if not isinstance(doc, dict):
            continue
        code = str(doc.get("wijkcode") or "")
        if code and code not in codes:
            codes.append(code)
        elsewhere = elsewhere or str(doc.get("gemeentenaam") or "")
    by_code = {
        area.code: area
        for area in Area.objects.wijken().filter(code__in=codes).select_related("municipality")
    }
    wijken = [by_code[code] for code in codes if code in by_code]
    return Found(wijken=wijken, elsewhere="" if wijken else elsewhere)
