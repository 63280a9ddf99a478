"""The append-only audit log (ADR 0002).

Every view and change of a person's record is one AuditEvent. Rows are only ever inserted:
there is no update or delete path in the code and the model refuses both. Shortly after it is
written each row is sealed into a hash chain (its place in the chain, the hash of the row before
it, the id of the key and its own keyed hash over every column), so `tandem audit_verify` finds any
edit made behind our back. On PostgreSQL a trigger also refuses UPDATE (other than filling an
empty seal once), DELETE and TRUNCATE, whoever asks (migration 0004, ADR 0002).
"""

from typing import Any

from django.conf import settings
from django.db import models


class AuditEvent(models.Model):
    id = models.BigAutoField(primary_key=True)
    at = models.DateTimeField(db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # Kept as text too, so the log still reads right if a name changes.
    actor_name = models.CharField(max_length=200)
    action = models.CharField(max_length=100, db_index=True)
    # The person the event is about, by public id: kept as a plain value (not a foreign key)
    # so the log is never changed by a merge or any other write to the person tables.
    person_uuid = models.UUIDField(null=True, blank=True)
    target_type = models.CharField(max_length=100, blank=True)
    target_id = models.CharField(max_length=64, blank=True)
    summary = models.CharField(max_length=300, blank=True)
    changes = models.JSONField(default=dict, blank=True)
    reason = models.TextField(blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=300, blank=True)
    # Empty until sealed (services.chain_seal); then never changed again.
    chain_position = models.BigIntegerField(null=True, blank=True, unique=True)
    previous_hash = models.CharField(max_length=64, blank=True)
    # Which key sealed the event (tandem/audit/keys.py), so keys can be replaced.
    key_id = models.CharField(max_length=32, blank=True, default="")
    hash = models.CharField(max_length=64, null=True, blank=True, unique=True)

    class Meta:
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["person_uuid", "-id"], name="audit_person_recent"),
            models.Index(fields=["actor", "-id"], name="audit_actor_recent"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name} {self.action}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Append-only: a row that exists may never be written again.
        if not self._state.adding:
            raise ValueError("Audit events cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise ValueError("Audit events cannot be deleted.")


class AuditChainHead(models.Model):
    """One row holding the end of the chain; locking it serialises sealing.

    Signed with the audit key, so the end of the chain cannot be moved back to hide events cut off
    the end without the key."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    last_hash = models.CharField(max_length=64)
    last_event_id = models.BigIntegerField(default=0)
    last_position = models.BigIntegerField(default=0)
    key_id = models.CharField(max_length=32, blank=True, default="")
    signature = models.CharField(max_length=64, blank=True, default="")

    def __str__(self) -> str:
        return f"Audit chain head at position {self.last_position} (event {self.last_event_id})"
