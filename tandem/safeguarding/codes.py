"""Safeguarding coded values."""

from django.db import models


class ConcernStatus(models.TextChoices):
    AWAITING_TRIAGE = "awaiting_triage", "Awaiting triage"
    TRIAGED = "triaged", "Triaged"
    CLOSED = "closed", "Closed"
