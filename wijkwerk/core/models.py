"""The audit log: every decision and change, with who, when, what and why.

Targets are referenced by kind ("agenda.agendaitem") and id rather than by a foreign key,
so that the lowest layer never needs to know the apps above it.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEventQuerySet(models.QuerySet):
    def for_target(self, target: models.Model) -> "AuditEventQuerySet":
        return self.filter(target_kind=target._meta.label_lower, target_id=str(target.pk))


class AuditEvent(models.Model):
    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=64)
    target_kind = models.CharField(_("kind of object"), max_length=100)
    target_id = models.CharField(_("object id"), max_length=64)
    municipality_code = models.CharField(_("municipality"), max_length=6, blank=True)
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    reason = models.TextField(_("why"), blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["target_kind", "target_id", "created_at"])]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.target_kind}#{self.target_id}"
