"""Reads the safeguarding pages need beyond the shared selectors: choices for forms, repeat counts
for a page of the queue, and the records behind a figure of a return, each within the access rule."""

from collections import Counter
from collections.abc import Sequence
from datetime import timedelta
from typing import Any

from django.db.models import Q
from django.http import Http404

from tandem.core import clock
from tandem.identity.actors import Actor
from tandem.identity.models import Team, TeamKind, User
from tandem.identity.permissions import Permission, Role, role_has
from tandem.safeguarding import policies, selectors
from tandem.safeguarding.models import Concern, DolsApplication, Enquiry, EnquiryAction


def my_safeguarding_teams(actor: Actor) -> list[Team]:
    return list(Team.objects.filter(pk__in=policies.safeguarding_team_ids(actor)).order_by("name"))


def safeguarding_teams() -> list[Team]:
    return list(Team.objects.filter(kind=TeamKind.SAFEGUARDING).order_by("name"))


def team_members_with(*, team_id: int | None, permission: Permission) -> list[User]:
    """Active members of the team (or of any safeguarding team, for a concern held by none) who may do the work."""
    today = clock.today()
    users = User.objects.filter(is_active=True).filter(
        Q(memberships__ended_on__isnull=True) | Q(memberships__ended_on__gt=today)
    )
    if team_id is None:
        users = users.filter(memberships__team__kind=TeamKind.SAFEGUARDING)
    else:
        users = users.filter(memberships__team_id=team_id)
    ordered = users.order_by("last_name", "first_name", "username").distinct()
    return [user for user in ordered if user.can(permission)]


def contributing_staff() -> list[tuple[str, str]]:
    """Our staff who work with people's records, to name one who contributed to an enquiry."""
    roles = [role for role in Role.values if role_has(role, Permission.PERSON_VIEW)]
    users = User.objects.filter(is_active=True, role__in=roles).order_by("last_name", "first_name", "username")
    return [(str(user.uuid), user.get_full_name() or user.username) for user in users]


def staff_member(uuid: str) -> User | None:
    return User.objects.filter(uuid=uuid, is_active=True).first() if uuid else None


def user_in(users: Sequence[User], uuid: str) -> User | None:
    return next((user for user in users if str(user.uuid) == uuid), None)


def repeat_counts(concerns: Sequence[Concern], *, actor: Actor, within_days: int = 365) -> dict[int, tuple[int, int]]:
    """For each concern on a page: earlier concerns (last 12 months) about the same adult, and the same provider.

    One query for the whole page, whatever its length.
    """
    if not concerns:
        return {}
    since = clock.now() - timedelta(days=within_days)
    visible = selectors.concerns_visible(actor).filter(raised_at__gte=since)
    people = {c.person_id for c in concerns}
    providers = {c.provider_key for c in concerns if c.provider_key}
    rows = list(
        visible.filter(Q(person_id__in=people) | Q(provider_key__in=providers)).values_list("person_id", "provider_key")
    )
    by_person = Counter(person for person, _ in rows if person in people)
    by_provider = Counter(key for _, key in rows if key in providers)
    return {
        c.pk: (by_person[c.person_id] - 1, (by_provider[c.provider_key] - 1) if c.provider_key else 0) for c in concerns
    }


def action_of(*, enquiry_id: int, action_id: int) -> EnquiryAction:
    action = EnquiryAction.objects.filter(enquiry_id=enquiry_id, pk=action_id).select_related("enquiry").first()
    if action is None:
        raise Http404("No such action")
    return action


def dols_teams(actor: Actor) -> list[Team]:
    return list(Team.objects.filter(pk__in=policies.team_ids(actor)).order_by("name"))


def concerns_behind(*, ids: set[int], actor: Actor) -> tuple[list[Concern], int]:
    """The concerns behind a figure that the actor may open, and how many others are hidden."""
    shown = list(
        selectors.concerns_visible(actor).filter(pk__in=ids).select_related("person", "team").order_by("received_on")
    )
    return shown, len(ids) - len(shown)


def enquiries_behind(*, ids: set[int], actor: Actor) -> tuple[list[Any], int]:
    visible = selectors.concerns_visible(actor).values("pk")
    shown = list(
        Enquiry.objects.filter(pk__in=ids, concern__in=visible)
        .select_related("concern", "concern__person", "concern__team")
        .order_by("started_on", "pk")
    )
    return shown, len(ids) - len(shown)


def dols_behind(*, ids: set[int], actor: Actor) -> tuple[list[DolsApplication], int]:
    shown = list(
        selectors.dols_visible(actor).filter(pk__in=ids).select_related("person", "team").order_by("received_on")
    )
    return shown, len(ids) - len(shown)
