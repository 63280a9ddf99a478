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
