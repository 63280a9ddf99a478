"""Reads for managers: break-glass access to restricted records."""

from typing import Any

from django.db.models import QuerySet

from tandem.access.models import BreakGlass
from tandem.identity.permissions import Permission


def break_glass_grants(*, actor: Any, unreviewed_only: bool) -> QuerySet[BreakGlass]:
    if not actor.can(Permission.BREAK_GLASS_REVIEW):
        return BreakGlass.objects.none()
    grants = BreakGlass.objects.select_related("person", "user", "reviewed_by").order_by("-granted_at")
    return grants.filter(reviewed_at__isnull=True) if unreviewed_only else grants


def break_glass_grant(*, actor: Any, grant_id: int) -> BreakGlass | None:
    return break_glass_grants(actor=actor, unreviewed_only=False).filter(pk=grant_id).first()
