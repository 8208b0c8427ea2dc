"""The "Inrichten" (set-up) links of the werkplek: the pages where a municipality's staff
set up what the daily work runs on.

One line per page: its label, its URL name and the capability it needs. A page of one wijk
(`per_wijk`) is linked once for every wijk where the person has that capability; a page that
needs a role for the whole municipality says `whole`; any other is shown when the person has
the capability in at least one wijk; a page of the whole installation (`installation`, no
municipality in its URL) is shown to the superuser who runs it. Add a page by adding a line;
a page open to two capabilities has a line for each, and is linked once.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from wijkwerk.accounts import roles

from .scope import Scope


@dataclass(frozen=True)
class SetupPage:
    label: str | Promise
    url_name: str
    capability: str
    per_wijk: bool = False
    whole: bool = False
    installation: bool = False


# One page per line (kept so by fmt: off).
# fmt: off
SETUP_PAGES: tuple[SetupPage, ...] = (
    SetupPage(_("WOP (wijkontwikkelplan)"), "agenda:plan", roles.MANAGE_PLAN, per_wijk=True),
    SetupPage(_("Meeting bodies and their year plan"), "meetings:wijk", roles.MANAGE_MEETINGS, per_wijk=True),
    SetupPage(_("Agreements"), "agreements:list", roles.MANAGE_AGREEMENTS),
    SetupPage(_("New agreement"), "agreements:new", roles.MANAGE_AGREEMENTS),
    SetupPage(_("New survey"), "surveys:start", roles.MANAGE_SURVEY),
    SetupPage(_("Agreed levels for the schouw"), "inspections:wijk", roles.MANAGE_INSPECTION, per_wijk=True),
    SetupPage(_("Plan a schouw"), "inspections:plan", roles.MANAGE_INSPECTION),
    SetupPage(_("New self-assessment"), "assessments:start", roles.MANAGE_ASSESSMENT),
    SetupPage(_("Spelregels for initiatives"), "initiatives_municipality:rules", roles.MANAGE_FUNDS, whole=True),
    SetupPage(_("Convenant calls"), "initiatives_municipality:calls", roles.RANK_PROJECTS, whole=True),
    SetupPage(_("Convenant calls"), "initiatives_municipality:calls", roles.MANAGE_FUNDS, whole=True),
    SetupPage(_("Funds"), "budgets:funds", roles.MANAGE_FUNDS, whole=True),
    SetupPage(_("Budget rounds"), "pb:rounds", roles.MANAGE_PB_ROUND),
    SetupPage(_("Set up a new round"), "pb:round_new", roles.MANAGE_PB_ROUND),
    SetupPage(_("Wijkagenda settings"), "agenda_municipality:settings", roles.MANAGE_AGENDA, whole=True),
    SetupPage(_("Report categories"), "reports:categories", roles.MANAGE_ROLES, whole=True),
    SetupPage(_("Organisations and departments"), "organisations:list", roles.MANAGE_ROLES, whole=True),
    SetupPage(_("My reports to handle"), "reports:worklist", roles.HANDLE_REPORTS),
    SetupPage(_("My reports to handle"), "reports:worklist", roles.SUPERVISE_REPORTS),
    SetupPage(_("Recurring reports"), "reports:patterns", roles.MANAGE_AGENDA),
    SetupPage(_("People and roles"), "people:list", roles.VIEW_PERSONAL_DATA, whole=True),
    SetupPage(_("House style of the municipality"), "branding:theme_edit", roles.MANAGE_ROLES, whole=True),
    SetupPage(_("Accessibility and privacy statements"), "branding:statements_edit", roles.MANAGE_ROLES, installation=True),
)
# fmt: on


@dataclass(frozen=True)
class SetupLink:
    label: str
    url: str  # the page, or "" when it is linked per wijk
    wijken: tuple[tuple[str, str], ...] = ()  # (wijk name, url) for a page per wijk


def setup_links(*, scope: Scope) -> list[SetupLink]:
    """The set-up pages this person may open in the municipality."""
    slug = scope.municipality.slug
    links = []
    for page in SETUP_PAGES:
        if page.installation:
            if getattr(scope.user, "is_superuser", False):
                links.append(SetupLink(str(page.label), reverse(page.url_name)))
            continue
        if page.per_wijk:
            ids = scope.wijk_ids(page.capability)
            wijken = tuple(
                (w.name, reverse(page.url_name, args=(slug, w.slug)))
                for w in scope.wijken
                if w.pk in ids
            )
            if wijken:
                links.append(SetupLink(str(page.label), "", wijken))
            continue
        allowed = scope.whole(page.capability) or (
            not page.whole and bool(scope.wijk_ids(page.capability))
        )
        url = reverse(page.url_name, args=(slug,))
        if allowed and all(link.url != url for link in links):  # one page, two capabilities
            links.append(SetupLink(str(page.label), url))
    return links
