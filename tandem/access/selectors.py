"""Reads for managers: break-glass access to restricted records, and changes to restrictions."""

from django.db.models import QuerySet

from tandem.access.models import BreakGlass, RestrictionChange
from tandem.identity.actors import Actor
from tandem.identity.permissions import Permission


def break_glass_grants(*, actor: Actor, unreviewed_only: bool) -> QuerySet[BreakGlass]:
    if not actor.can(Permission.BREAK_GLASS_REVIEW):
        return BreakGlass.objects.none()
    grants = BreakGlass.objects.select_related("person", "user", "reviewed_by").order_by("-granted_at")
    return grants.filter(reviewed_at__isnull=True) if unreviewed_only else grants


def break_glass_grant(*, actor: Actor, grant_id: int) -> BreakGlass | None:
    return break_glass_grants(actor=actor, unreviewed_only=False).filter(pk=grant_id).first()


def restriction_changes(*, actor: Actor, unreviewed_only: bool) -> QuerySet[RestrictionChange]:
    if not actor.can(Permission.BREAK_GLASS_REVIEW):
        return RestrictionChange.objects.none()
    changes = RestrictionChange.objects.select_related("person", "changed_by", "reviewed_by").order_by(
        "-changed_at", "-id"
    )
    return changes.filter(reviewed_at__isnull=True) if unreviewed_only else changes


def restriction_change(*, actor: Actor, change_id: int) -> RestrictionChange | None:
    return restriction_changes(actor=actor, unreviewed_only=False).filter(pk=change_id).first()


def restrictions_epoch() -> int:
    """A number that changes whenever any record is restricted, its restriction changed or lifted
    (the latest change's id): what a cache of documents that name restricted records keys on."""
    latest = RestrictionChange.objects.order_by("-pk").values_list("pk", flat=True).first()
    return latest or 0
