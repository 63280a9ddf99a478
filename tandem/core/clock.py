"""The one source of 'now' and 'today', so tests can pin time without patching datetime."""

from datetime import date, datetime

from django.utils import timezone


def now() -> datetime:
    return timezone.now()


def today() -> date:
    return timezone.localdate()
