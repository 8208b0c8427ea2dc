"""Background work for initiatives, run by `manage.py db_worker` (django-tasks)."""

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from wijkwerk.accounts import roles
from wijkwerk.accounts.models import RoleAssignment

from .deadlines import initiative_escalate
from .models import Initiative


def _link(initiative: Initiative) -> str:
    path = reverse(
        "initiatives:detail",
        kwargs={
            "municipality": initiative.area.municipality.slug,
            "wijk": initiative.area.slug,
            "pk": initiative.pk,
        },
    )
    return f"{settings.WIJKWERK_SITE_URL.rstrip('/')}{path}"


@task()
def notify_contact_official(initiative_id: int) -> bool:
    """Tell the contact official that an initiative was submitted and when it is due."""
    initiative = (
        Initiative.objects.select_related("area__municipality", "contact_official")
        .filter(pk=initiative_id)
        .first()
    )
    if initiative is None or initiative.contact_official is None:
        return False
    with translation.override(settings.LANGUAGE_CODE):
        send_mail(
            _("New initiative in %(wijk)s: %(title)s")
            % {"wijk": initiative.area.name, "title": initiative.title},
            _("A decision is due on %(date)s.\n\n%(link)s")
            % {"date": initiative.decision_due, "link": _link(initiative)},
            None,
            [initiative.contact_official.email],
        )
    return True


@task()
def initiative_deadline_check(initiative_id: int) -> bool:
    """Runs after the deadline: escalate an undecided initiative to the manager of the
    wijkmanagers, and tell its handlers that their term passed."""
    if not initiative_escalate(initiative_id=initiative_id):
        return False
    initiative = Initiative.objects.select_related(
        "area__municipality", "contact_official", "escalated_to"
    ).get(pk=initiative_id)
    recipients = {
        a.user.email
        for a in RoleAssignment.objects.current()
        .filter(municipality_id=initiative.area.municipality_id)
        .select_related("user")
        if roles.HANDLE_INITIATIVE in roles.ROLE_CAPABILITIES.get(a.role, ())
        and a.covers(initiative.area, initiative.area.municipality_id)
    }
    if initiative.contact_official is not None:
        recipients.add(initiative.contact_official.email)
    if initiative.escalated_to is not None:
        recipients.add(initiative.escalated_to.email)
    if recipients:
        with translation.override(settings.LANGUAGE_CODE):
            send_mail(
                _("Decision overdue: %(title)s") % {"title": initiative.title},
                _("The decision on this initiative was due on %(date)s.\n\n%(link)s")
                % {"date": initiative.decision_due, "link": _link(initiative)},
                None,
                sorted(recipients),
            )
    return True
