from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UpdatesConfig(AppConfig):
    name = "wijkwerk.updates"
    label = "updates"
    verbose_name = _("Updates and subscriptions")

    def ready(self) -> None:
        # Every decision of every app is written to the audit log (core, layer 1); the news
        # stream listens there, so no app below has to know this one exists.
        from django.db.models.signals import post_save

        from wijkwerk.core.models import AuditEvent

        from .services import news_on_audit_event

        post_save.connect(news_on_audit_event, sender=AuditEvent, dispatch_uid="updates-news")
