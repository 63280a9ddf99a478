"""Restricted records and break-glass access (ADR 0003)."""

from django.conf import settings
from django.db import models

from tandem.core.models import TimestampedModel


class RecordRestriction(TimestampedModel):
    """A person's record that only the named teams may open (for example a member of staff)."""

    person = models.OneToOneField("people.Person", on_delete=models.CASCADE, related_name="restriction")
    teams = models.ManyToManyField("identity.Team", related_name="restricted_records")
    reason = models.TextField()
    restricted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    def __str__(self) -> str:
        return f"Restriction on {self.person_id}"


class BreakGlass(models.Model):
    """Someone outside the named teams opened a restricted record, giving a reason."""

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="break_glass_grants")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="break_glass_grants")
    reason = models.TextField()
    granted_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-granted_at"]
        indexes = [models.Index(fields=["user", "person", "expires_at"], name="break_glass_live")]

    def __str__(self) -> str:
        return f"{self.user_id} broke the glass on {self.person_id}"


class RestrictionChangeKind(models.TextChoices):
    RESTRICTED = "restricted", "Restricted"
    CHANGED = "changed", "Changed"
    LIFTED = "lifted", "Lifted"


class RestrictionChange(models.Model):
    """A record was restricted, its restriction changed or lifted: listed for managers to review,
    as break-glass access is, because each one decides who may open someone's record."""

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="restriction_changes")
    kind = models.CharField(max_length=10, choices=RestrictionChangeKind.choices)
    # The teams as names, before and after: a lifted restriction no longer exists to point at.
    teams_before = models.CharField(max_length=500, blank=True)
    teams_after = models.CharField(max_length=500, blank=True)
    reason = models.TextField()
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    changed_at = models.DateTimeField()
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-changed_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=RestrictionChangeKind.values), name="restriction_change_kind_valid"
            )
        ]

    def __str__(self) -> str:
        return f"{self.changed_by_id} {self.kind} the restriction on {self.person_id}"
