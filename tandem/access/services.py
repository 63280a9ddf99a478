"""Restricting records and breaking the glass: both audited, both listed for managers."""

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import transaction

from tandem.access.models import BreakGlass, RecordRestriction
from tandem.audit import services as audit
from tandem.core import clock
from tandem.core.errors import DomainError, require
from tandem.identity.models import Team
from tandem.identity.permissions import Permission


@transaction.atomic
def glass_break(*, person: Any, reason: str, actor: Any) -> BreakGlass:
    """Open a restricted record outside its teams, for a stated reason that managers will see."""
    require(actor.can(Permission.PERSON_VIEW), "You do not have permission to view person records")
    if not RecordRestriction.objects.filter(person=person).exists():
        raise DomainError("This record is not restricted, so there is no need to break the glass")
    reason = reason.strip()
    if len(reason) < 10:
        raise DomainError("Give the reason you need to open this record (at least 10 characters)", field="reason")
    now = clock.now()
    grant = BreakGlass.objects.create(
        person=person,
        user=actor,
        reason=reason,
        granted_at=now,
        expires_at=now + timedelta(hours=settings.TANDEM_BREAK_GLASS_HOURS),
    )
    audit.record(
        actor=actor,
        action="access.glass.broken",
        person=person,
        target=grant,
        summary="Opened a restricted record by breaking the glass",
        reason=reason,
    )
    return grant


@transaction.atomic
def break_glass_review(*, grant: BreakGlass, actor: Any) -> BreakGlass:
    """A manager confirms they have looked at why someone broke the glass."""
    require(actor.can(Permission.BREAK_GLASS_REVIEW), "You do not have permission to review break-glass access")
    if grant.reviewed_at is not None:
        raise DomainError("This access has already been reviewed")
    if grant.user_id == actor.pk:
        raise DomainError("Another manager must review your own break-glass access")
    grant.reviewed_by = actor
    grant.reviewed_at = clock.now()
    grant.save(update_fields=["reviewed_by", "reviewed_at"])
    audit.record(
        actor=actor,
        action="access.glass.reviewed",
        person=grant.person,
        target=grant,
        summary="Reviewed break-glass access",
    )
    return grant


@transaction.atomic
def record_restrict(*, person: Any, teams: list[Team], reason: str, actor: Any) -> RecordRestriction:
    """Make a record visible only to the named teams (for example a member of staff who is a client)."""
    require(actor.can(Permission.PERSON_RESTRICT), "You do not have permission to restrict records")
    if not teams:
        raise DomainError("Select at least one team that may open the record", field="teams")
    if not reason.strip():
        raise DomainError("Say why the record is restricted", field="reason")
    restriction, _ = RecordRestriction.objects.update_or_create(
        person=person, defaults={"reason": reason.strip(), "restricted_by": actor}
    )
    restriction.teams.set(teams)
    audit.record(
        actor=actor,
        action="access.record.restricted",
        person=person,
        target=restriction,
        summary="Restricted the record to " + ", ".join(t.name for t in teams),
        reason=reason.strip(),
    )
    return restriction


@transaction.atomic
def record_unrestrict(*, person: Any, reason: str, actor: Any) -> None:
    """Lift a restriction, so everyone allowed to see people may open the record again."""
    require(actor.can(Permission.PERSON_RESTRICT), "You do not have permission to restrict records")
    deleted, _ = RecordRestriction.objects.filter(person=person).delete()
    if not deleted:
        raise DomainError("This record is not restricted")
    audit.record(
        actor=actor,
        action="access.record.unrestricted",
        person=person,
        summary="Lifted the restriction",
        reason=reason.strip(),
    )
