"""The one scoping rule: which person records a member of staff may open (ADR 0003).

Anyone with permission to view people may open an unrestricted record. A restricted record
opens only for members of the teams named on it, or for someone who has broken the glass on
it with a reason in the last few hours. Everything that reads personal data starts here.
"""

from typing import Any

from django.db.models import Model, Q, QuerySet

from tandem.access.models import BreakGlass, RecordRestriction
from tandem.core import clock, request_memo
from tandem.identity.actors import Actor
from tandem.identity.permissions import Permission


def _team_ids(actor: Actor) -> list[int]:
    # Read once per request (core.request_memo), never carried over to the next request.
    today = clock.today()
    current = Q(ended_on__isnull=True) | Q(ended_on__gt=today)
    return request_memo.remembered(
        ("access.team_ids", actor.pk, today),
        lambda: list(actor.memberships.filter(current).values_list("team_id", flat=True)),
    )


def team_ids(actor: Actor) -> list[int]:
    """The teams the actor is a current member of (read once per request)."""
    return list(_team_ids(actor))


def restriction_allows(actor: Actor, person_field: str = "pk") -> Q:
    """A filter on a queryset whose `person_field` is a person: the records this actor may open.

    Written as "not one of the restricted records closed to this actor" (restricted, held by none
    of their teams, and no live break-glass of theirs): one uncorrelated subquery the database
    runs once, where three correlated EXISTS cost more to compile than the rest of a list's query.
    """
    glass = BreakGlass.objects.filter(user=actor, expires_at__gt=clock.now()).values("person_id")
    closed = (
        RecordRestriction.objects.exclude(teams__in=_team_ids(actor)).exclude(person_id__in=glass).values("person_id")
    )
    return ~Q(**{f"{person_field}__in": closed})


def visible[M: Model](queryset: QuerySet[M], actor: Actor | None, *, person_field: str = "pk") -> QuerySet[M]:
    """Narrow any queryset of person records (or of rows about a person) to what the actor may open."""
    if actor is None or not actor.is_authenticated or not actor.can(Permission.PERSON_VIEW):
        return queryset.none()
    return queryset.filter(restriction_allows(actor, person_field))


def may_open(actor: Actor, person: Any) -> bool:
    """Whether the actor may open this person, loaded with `select_related("restriction")`.

    The same rule as `visible`, for one record already in hand: an unrestricted record (the
    usual case) costs no query, and a page loads its object with plain joins instead of the
    scope's subqueries, which cost more to plan than the rest of the page's reads together.
    """
    if actor is None or not actor.is_authenticated or not actor.can(Permission.PERSON_VIEW):
        return False
    if not hasattr(person, "restriction"):
        return True
    return bool(type(person).objects.filter(pk=person.pk).filter(restriction_allows(actor)).exists())


def is_restricted_for(actor: Actor, person: Any) -> bool:
    """True when the record is restricted and this actor may open it only by breaking the glass."""
    if not RecordRestriction.objects.filter(person=person).exists():
        return False
    model = type(person)
    return not model.objects.filter(pk=person.pk).filter(restriction_allows(actor)).exists()


def held_by_teams_of(actor: Actor, person: Any) -> bool:
    """Whether the actor may open the record by standing (role and team), not by a break-glass
    grant: unrestricted, or restricted to a team they belong to. Privileged actions on a
    restricted record ask this, never `may_open` (ADR 0003)."""
    if actor is None or not actor.is_authenticated or not actor.can(Permission.PERSON_VIEW):
        return False
    if not RecordRestriction.objects.filter(person_id=person.pk).exists():
        return True
    return RecordRestriction.objects.filter(person_id=person.pk, teams__in=_team_ids(actor)).exists()


def unrestricted[M: Model](queryset: QuerySet[M], *, person_field: str = "pk") -> QuerySet[M]:
    """Narrow a queryset of person records (or rows about a person) to those no restriction
    closes: all a partner system may ever see, since no partner is in a team or breaks the glass."""
    restricted = RecordRestriction.objects.values("person_id")
    return queryset.exclude(**{f"{person_field}__in": restricted})
