"""Base models every app shares."""

import uuid

from django.db import models


class TimestampedModel(models.Model):
    """Created and updated times; every table of record carries them."""

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class PublicIdModel(TimestampedModel):
    """A table whose rows appear in URLs: a random UUID there, a compact integer key inside."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    class Meta:
        abstract = True


class DocumentEvent(models.Model):
    """One save or transition of a versioned document (an assessment, a plan, a review, a case, a
    safeguarding document): who, when, the version it made, and what changed.

    A concrete event model adds the foreign key to its document (with `related_name="events"`) and
    its own `kind` choices; `core.versioned` writes the rows and reads them back for a conflict.
    """

    kind = models.CharField(max_length=20)
    version = models.PositiveIntegerField()
    at = models.DateTimeField()
    by = models.ForeignKey("identity.User", on_delete=models.PROTECT, related_name="+")
    # {"field label": [before, after]} for a save; empty for a transition.
    changes = models.JSONField(default=dict, blank=True)

    class Meta:
        abstract = True
        ordering = ["version", "id"]
