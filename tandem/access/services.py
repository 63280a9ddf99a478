"""Restricting records and breaking the glass: both audited, both listed for managers."""

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import transaction

from tandem.access import policies
from tandem.access.models import BreakGlass, RecordRestriction, RestrictionChange, RestrictionChangeKind
from tandem.audit import services as audit
from tandem.core import clock
from tandem.core.errors import DomainError, require
from tandem.identity.actors import Actor
from tandem.identity.models import Team
from tandem.identity.permissions import Permission


@transaction.atomic
def glass_break(*, person: Any, reason: str, actor: Actor) -> BreakGlass:
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


def _mark_reviewed[Reviewed: (BreakGlass, RestrictionChange)](
    entry: Reviewed,
    *,
    author_id: int | None,
    actor: Actor,
    refused: str,
    wrong: tuple[str, str],
    action: str,
    summary: str,
) -> Reviewed:
    """A manager marks an entry reviewed: once, not their own, and audited. `wrong` says why not
    when it has been reviewed already and when it is the manager's own."""
    require(actor.can(Permission.BREAK_GLASS_REVIEW), refused)
    already, own = wrong
    if entry.reviewed_at is not None:
        raise DomainError(already)
    if author_id == actor.pk:
        raise DomainError(own)
    entry.reviewed_by = actor
    entry.reviewed_at = clock.now()
    entry.save(update_fields=["reviewed_by", "reviewed_at"])
    audit.record(actor=actor, action=action, person=entry.person, target=entry, summary=summary)
    return entry


@transaction.atomic
def break_glass_review(*, grant: BreakGlass, actor: Actor) -> BreakGlass:
    """A manager confirms they have looked at why someone broke the glass."""
    return _mark_reviewed(
        grant,
        author_id=grant.user_id,
        actor=actor,
        refused="You do not have permission to review break-glass access",
        wrong=("This access has already been reviewed", "Another manager must review your own break-glass access"),
        action="access.glass.reviewed",
        summary="Reviewed break-glass access",
    )


def _team_names(teams: list[Team]) -> str:
    return ", ".join(sorted(t.name for t in teams))


def _change_log(*, person: Any, kind: str, before: str, after: str, reason: str, actor: Actor) -> RestrictionChange:
    return RestrictionChange.objects.create(
        person=person,
        kind=kind,
        teams_before=before[:500],
        teams_after=after[:500],
        reason=reason,
        changed_by=actor,
        changed_at=clock.now(),
    )


# A reason someone can review later: the same floor as breaking the glass.
REASON_MINIMUM = 10
NOT_A_HOLDER = "Only a manager in one of the teams that hold this restriction can change or lift it"


@transaction.atomic
def record_restrict(*, person: Any, teams: list[Team], reason: str, actor: Actor) -> RecordRestriction:
    """Make a record visible only to the named teams (for example a member of staff who is a client).

    Restricting a record is for managers; changing an existing restriction is for a manager in one
    of the teams that hold it, by their standing membership: someone who broke the glass to read
    the record may not change who else can (ADR 0003). Each change is listed for review.
    """
    require(policies.can_restrict(actor), "You do not have permission to restrict records")
    # Locked, so two managers changing it at once take turns and each change is logged against
    # the teams it really replaced.
    existing = RecordRestriction.objects.select_for_update().filter(person=person).prefetch_related("teams").first()
    held = list(existing.teams.all()) if existing is not None else []
    if existing is not None:
        require(policies.can_change_restriction(actor, [t.pk for t in held]), NOT_A_HOLDER)
    if not teams:
        raise DomainError("Select at least one team that may open the record", field="teams")
    if not reason.strip():
        raise DomainError("Say why the record is restricted", field="reason")
    restriction, _ = RecordRestriction.objects.update_or_create(
        person=person, defaults={"reason": reason.strip(), "restricted_by": actor}
    )
    restriction.teams.set(teams)
    kind = RestrictionChangeKind.CHANGED if existing is not None else RestrictionChangeKind.RESTRICTED
    _change_log(
        person=person,
        kind=kind,
        before=_team_names(held),
        after=_team_names(teams),
        reason=reason.strip(),
        actor=actor,
    )
    names = ", ".join(t.name for t in teams)
    audit.record(
        actor=actor,
        action="access.record.restricted" if existing is None else "access.restriction.changed",
        person=person,
        target=restriction,
        summary=("Restricted the record to " if existing is None else "Changed the restriction to ") + names,
        changes={"teams": [_team_names(held), _team_names(teams)]} if existing is not None else None,
        reason=reason.strip(),
    )
    return restriction


@transaction.atomic
def restriction_merge_log(*, keep: Any, duplicate: Any, reason: str, actor: Actor) -> RestrictionChange | None:
    """A merge that changes who may open what was the duplicate's record is listed for review, as any
    other change of a restriction is (ADR 0003): the kept record takes the duplicate's restriction
    when it has none of its own, and keeps its own (the duplicate's giving way) when both have one.

    Called before the merge moves anything; the merge itself checked the actor's standing access.
    """
    moved = RecordRestriction.objects.filter(person=duplicate).prefetch_related("teams").first()
    if moved is None:
        return None  # the duplicate was open to everyone: nothing of it becomes harder to see
    kept = RecordRestriction.objects.filter(person=keep).prefetch_related("teams").first()
    moved_teams = _team_names(list(moved.teams.all()))
    why = reason.strip()
    if kept is None:
        return _change_log(
            person=keep,
            kind=RestrictionChangeKind.RESTRICTED,
            before="",
            after=moved_teams,
            reason=f"Merged with record {duplicate.local_id}, whose restriction it takes: {why}",
            actor=actor,
        )
    kept_teams = _team_names(list(kept.teams.all()))
    if kept_teams == moved_teams:
        return None
    return _change_log(
        person=keep,
        kind=RestrictionChangeKind.CHANGED,
        before=moved_teams,
        after=kept_teams,
        reason=f"Merged with record {duplicate.local_id}, whose restriction gives way to this record's: {why}",
        actor=actor,
    )


@transaction.atomic
def record_unrestrict(*, person: Any, reason: str, actor: Actor) -> None:
    """Lift a restriction, so everyone allowed to see people may open the record again.

    Only a manager in one of the teams holding it (by standing membership, never by a break-glass
    grant) may lift it, with a stated reason; the lifting is listed for review.
    """
    require(policies.can_restrict(actor), "You do not have permission to restrict records")
    restriction = RecordRestriction.objects.select_for_update().filter(person=person).prefetch_related("teams").first()
    if restriction is None:
        raise DomainError("This record is not restricted")
    held = list(restriction.teams.all())
    require(policies.can_change_restriction(actor, [t.pk for t in held]), NOT_A_HOLDER)
    reason = reason.strip()
    if len(reason) < REASON_MINIMUM:
        raise DomainError(
            f"Say why the restriction is being lifted (at least {REASON_MINIMUM} characters)", field="reason"
        )
    restriction.delete()
    change = _change_log(
        person=person, kind=RestrictionChangeKind.LIFTED, before=_team_names(held), after="", reason=reason, actor=actor
    )
    audit.record(
        actor=actor,
        action="access.record.unrestricted",
        person=person,
        target=change,
        summary="Lifted the restriction",
        reason=reason,
    )


@transaction.atomic
def restriction_change_review(*, change: RestrictionChange, actor: Actor) -> RestrictionChange:
    """A manager confirms they have looked at a record being restricted, its restriction changed or lifted."""
    return _mark_reviewed(
        change,
        author_id=change.changed_by_id,
        actor=actor,
        refused="You do not have permission to review changes to restrictions",
        wrong=(
            "This change has already been reviewed",
            "Another manager must review your own change to a restriction",
        ),
        action="access.restriction_change.reviewed",
        summary="Reviewed a change to the restriction",
    )
