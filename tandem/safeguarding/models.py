"""Safeguarding concerns. The front door hands a concern over here; triage and enquiries follow.

The hand-over point is `services.concern_raise`: the front door (or any app) calls it and keeps
only the concern's reference, never its own copy.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from tandem.core.models import PublicIdModel
from tandem.safeguarding.codes import ConcernStatus


class Concern(PublicIdModel):
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="safeguarding_concerns")
    summary = models.TextField()
    raised_at = models.DateTimeField()
    raised_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # Where the concern came from, by that app's own reference (a front-door contact, say).
    source = models.CharField(max_length=40)
    source_reference = models.CharField(max_length=40, blank=True)
    status = models.CharField(max_length=20, choices=ConcernStatus.choices, default=ConcernStatus.AWAITING_TRIAGE)

    class Meta:
        ordering = ["-raised_at"]
        indexes = [models.Index(fields=["person", "-raised_at"], name="concern_person_recent")]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=ConcernStatus.values), name="concern_status_valid"),
        ]

    def __str__(self) -> str:
        return f"Safeguarding concern {self.uuid}"
