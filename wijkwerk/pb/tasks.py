"""Background work for budget rounds, run by `manage.py db_worker` (django-tasks)."""

from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from .models import EMAIL_SALT, EmailCode, keyed_hash


def email_code_value(code: EmailCode) -> str:
    """The six digits of a one-time code, derived from its seed with a key from SECRET_KEY:
    the code itself is stored nowhere, not even in the task queue."""
    digest = keyed_hash(EMAIL_SALT, f"{code.round_id}:{code.user_id}:{code.seed}")
    return f"{int(digest, 16) % 1_000_000:06d}"


@task()
def send_vote_code(code_id: int) -> bool:
    """E-mail a voter their one-time code (if it is still unused and valid)."""
    code = EmailCode.objects.select_related("round", "user").filter(pk=code_id).first()
    if code is None or not code.seed or code.expires_at <= timezone.now():
        return False
    with translation.override(settings.LANGUAGE_CODE):
        send_mail(
            _("Your code to vote in %(round)s") % {"round": code.round.title},
            _(
                "Your code is %(code)s. It is valid until %(time)s and can be used once.\n\n"
                "Did you not ask for it? Then you can ignore this e-mail."
            )
            % {
                "code": email_code_value(code),
                "time": timezone.localtime(code.expires_at).strftime("%H:%M"),
            },
            None,
            [code.user.email],
        )
    return True
