"""Background work for people, run by `manage.py db_worker` (django-tasks): the invitation
mail, sent once the invitation is committed."""

from allauth.account.forms import default_token_generator
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from .models import RoleAssignment


def invitation_link(user) -> str:
    """Where the invited person starts: setting a password for a new account (a one-time
    link, as allauth's password reset makes it), or logging in for an existing one."""
    if user.has_usable_password():
        path = reverse("account_login")
    else:
        path = reverse(
            "account_reset_password_from_key",
            kwargs={
                "uidb36": user_pk_to_url_str(user),
                "key": default_token_generator.make_token(user),
            },
        )
    return f"{settings.WIJKWERK_SITE_URL.rstrip('/')}{path}"


@task()
def send_invitation(assignment_id: int) -> bool:
    assignment = (
        RoleAssignment.objects.select_related("user", "municipality", "area")
        .filter(pk=assignment_id)
        .first()
    )
    if assignment is None:
        return False
    user = assignment.user
    with translation.override(settings.LANGUAGE_CODE):
        where = assignment.area.name if assignment.area else assignment.municipality.name
        send_mail(
            _("Invitation to Wijkwerk %(municipality)s")
            % {"municipality": assignment.municipality.name},
            _(
                "You have been given the role %(role)s in %(where)s in Wijkwerk, the "
                "platform for wijkgericht werken of %(municipality)s.\n\n"
                "Start here:\n%(link)s\n\n"
                "Your werkplek shows what needs you and where you set things up."
            )
            % {
                "role": assignment.get_role_display(),
                "where": where,
                "municipality": assignment.municipality.name,
                "link": invitation_link(user),
            },
            None,
            [user.email],
        )
    return True
