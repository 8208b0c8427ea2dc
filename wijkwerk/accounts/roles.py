"""Who may do what: the one place where role × area × organisation becomes a permission.

A person holds roles per area (a wijk, or the whole municipality when no area is set), on
behalf of an organisation. A capability is granted when one of the person's current roles
lists it and that role's area covers the area in question. The app `rules.py` files build
their permissions on `has_capability`, so views, API, templates and tests all use this table.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    WIJKMANAGER = "wijkmanager", _("wijkmanager")
    ACCOUNTMANAGER = "accountmanager", _("accountmanager")
    GEBIEDSREGISSEUR = "gebiedsregisseur", _("gebiedsregisseur")
    WIJKWETHOUDER = "wijkwethouder", _("wijkwethouder")
    WIJKCONCIERGE = "wijkconcierge", _("wijkconciërge")
    WIJKAGENT = "wijkagent", _("wijkagent")
    OPBOUWWERKER = "opbouwwerker", _("opbouwwerker")
    # The professional who makes room for residents' initiatives (VNG checklist, point 17).
    INITIATIEVENMAKELAAR = "initiatievenmakelaar", _("initiatievenmakelaar")
    PLATFORM_CHAIR = "platform_chair", _("wijkplatform chair")
    PLATFORM_MEMBER = "platform_member", _("wijkplatform member")
    REGIEGROEP_MEMBER = "regiegroep_member", _("regiegroep member")
    STUURGROEP_MEMBER = "stuurgroep_member", _("stuurgroep member")
    PARTNER = "partner", _("partner professional")
    RESIDENT = "resident", _("resident")
    BEHEERDER = "beheerder", _("functioneel beheerder")


# Capabilities. "answer_item_platform" is only granted when the municipality lets the
# wijkplatform answer ideas (Municipality.agenda_answered_by).
VIEW_PERSONAL_DATA = "view_personal_data"
MANAGE_AGENDA = "manage_agenda"
ANSWER_ITEM = "answer_item"
ANSWER_ITEM_PLATFORM = "answer_item_platform"
# Keeping a wijk's agenda (add, edit, answer, set the probleemeigenaar) as its wijkplatform:
# counts only in wijken where the municipality grants it (agenda.WijkAgendaSettings).
KEEP_AGENDA_PLATFORM = "keep_agenda_platform"
REPORT_PROGRESS = "report_progress"
REVIEW_AGENDA = "review_agenda"
MANAGE_PLAN = "manage_plan"
MANAGE_ROLES = "manage_roles"
# Money and initiatives. Which body decides on initiatives is set per municipality in its
# spelregels; each body has its own capability so the rule set can point at one of them.
MANAGE_FUNDS = "manage_funds"
HANDLE_INITIATIVE = "handle_initiative"
DECIDE_INITIATIVE_REGIEGROEP = "decide_initiative_regiegroep"
DECIDE_INITIATIVE_PLATFORM = "decide_initiative_platform"
DECIDE_INITIATIVE_MANAGER = "decide_initiative_manager"
RANK_PROJECTS = "rank_projects"
PLEDGE = "pledge"
REDEEM_VOUCHER = "redeem_voucher"
# Meldingen: handlers see and handle the reports routed to their own organisation; those who
# supervise a wijk see all of its reports; intake staff enter reports for callers (KCC).
HANDLE_REPORTS = "handle_reports"
SUPERVISE_REPORTS = "supervise_reports"
ENTER_REPORTS = "enter_reports"
# Participatory budgeting rounds (pb): staff run rounds, enter paper ballots and tally;
# partners check proposals for feasibility and cost.
MANAGE_PB_ROUND = "manage_pb_round"
REVIEW_PB_PROPOSAL = "review_pb_proposal"
ENTER_PAPER_BALLOT = "enter_paper_ballot"
TALLY_PB_ROUND = "tally_pb_round"
# Instruments: surveys (burgerpeiling), the wijkschouw and self-assessments are run by the
# wijk's staff; the wijkconciërge, who walks the wijk, plans and walks schouwen too.
MANAGE_SURVEY = "manage_survey"
MANAGE_INSPECTION = "manage_inspection"
MANAGE_ASSESSMENT = "manage_assessment"
# Overleggen: the wijk's staff keep its bodies, plan their year and run open sessions; a
# body's chair runs its own meetings (a predicate of the meetings app, not a capability).
MANAGE_MEETINGS = "manage_meetings"
# Prestatieafspraken and beheerovereenkomsten are drawn up by the wijk's staff; each party
# signs and reports for itself (predicates of the agreements app).
MANAGE_AGREEMENTS = "manage_agreements"

_MANAGERS = {
    VIEW_PERSONAL_DATA,
    MANAGE_AGENDA,
    ANSWER_ITEM,
    REPORT_PROGRESS,
    REVIEW_AGENDA,
    MANAGE_PLAN,
    HANDLE_INITIATIVE,
    DECIDE_INITIATIVE_MANAGER,
    PLEDGE,
    SUPERVISE_REPORTS,
    ENTER_REPORTS,
    MANAGE_PB_ROUND,
    REVIEW_PB_PROPOSAL,
    ENTER_PAPER_BALLOT,
    TALLY_PB_ROUND,
    MANAGE_SURVEY,
    MANAGE_INSPECTION,
    MANAGE_ASSESSMENT,
    MANAGE_MEETINGS,
    MANAGE_AGREEMENTS,
}

ROLE_CAPABILITIES: dict[str, frozenset[str]] = {
    # The wijkmanager also keeps the funds (the convenant's accountmanager in Den Helder); a
    # fund is municipality-wide, so only a role for the whole municipality covers it.
    Role.WIJKMANAGER: frozenset({*_MANAGERS, MANAGE_FUNDS}),
    Role.ACCOUNTMANAGER: frozenset(_MANAGERS),
    Role.GEBIEDSREGISSEUR: frozenset(_MANAGERS),
    Role.WIJKWETHOUDER: frozenset({REVIEW_AGENDA, RANK_PROJECTS}),
    Role.WIJKCONCIERGE: frozenset(
        {REPORT_PROGRESS, HANDLE_REPORTS, ENTER_REPORTS, MANAGE_INSPECTION}
    ),
    Role.WIJKAGENT: frozenset({REPORT_PROGRESS}),
    Role.OPBOUWWERKER: frozenset({REPORT_PROGRESS}),
    # Helps residents with their initiatives and sees that each one is decided in time.
    Role.INITIATIEVENMAKELAAR: frozenset({REPORT_PROGRESS, HANDLE_INITIATIVE, PLEDGE}),
    Role.PARTNER: frozenset(
        {REPORT_PROGRESS, PLEDGE, REDEEM_VOUCHER, HANDLE_REPORTS, REVIEW_PB_PROPOSAL}
    ),
    Role.PLATFORM_CHAIR: frozenset(
        {
            ANSWER_ITEM_PLATFORM,
            KEEP_AGENDA_PLATFORM,
            REVIEW_AGENDA,
            VIEW_PERSONAL_DATA,
            DECIDE_INITIATIVE_PLATFORM,
        }
    ),
    Role.PLATFORM_MEMBER: frozenset(
        {ANSWER_ITEM_PLATFORM, KEEP_AGENDA_PLATFORM, DECIDE_INITIATIVE_PLATFORM}
    ),
    Role.REGIEGROEP_MEMBER: frozenset({DECIDE_INITIATIVE_REGIEGROEP}),
    Role.STUURGROEP_MEMBER: frozenset({RANK_PROJECTS}),
    Role.RESIDENT: frozenset(),
    Role.BEHEERDER: frozenset({*_MANAGERS, MANAGE_ROLES, MANAGE_FUNDS}),
}

# Roles that act for an organisation and so must use two-factor authentication.
STAFF_ROLES = frozenset(ROLE_CAPABILITIES) - {
    Role.RESIDENT,
    Role.PLATFORM_MEMBER,
    Role.REGIEGROEP_MEMBER,
}

# Roles listed as contacts on the public wijk page, in this order.
CONTACT_ROLES = [
    Role.WIJKMANAGER,
    Role.ACCOUNTMANAGER,
    Role.GEBIEDSREGISSEUR,
    Role.WIJKWETHOUDER,
    Role.WIJKAGENT,
    Role.WIJKCONCIERGE,
    Role.OPBOUWWERKER,
    Role.INITIATIEVENMAKELAAR,
    Role.PLATFORM_CHAIR,
]
