"""Reads about staff and teams."""

from typing import Any

from django.db.models import QuerySet

from tandem.core import clock
from tandem.identity.models import Membership, Organisation, OrganisationKind, Team, User


def memberships_of(*, user: Any) -> QuerySet[Membership]:
    return Membership.objects.filter(user=user, ended_on__isnull=True).select_related("team", "team__organisation")


def current_team_ids_of(*, user: Any) -> list[int]:
    """The teams the user belongs to today (a membership ending today has ended)."""
    return list(
        Membership.objects.filter(user=user).exclude(ended_on__lte=clock.today()).values_list("team_id", flat=True)
    )


def teams_all() -> QuerySet[Team]:
    return Team.objects.select_related("organisation").order_by("name")


def partner_organisations() -> QuerySet[Organisation]:
    """Organisations a person may agree to share their record with (everyone but GP practices)."""
    return Organisation.objects.exclude(kind=OrganisationKind.GP_PRACTICE).order_by("name")


def staff_names(ids: Any) -> dict[int, str]:
    """Staff by id, named as pages name them (full name, else username)."""
    users = User.objects.filter(pk__in=set(ids)).only("pk", "first_name", "last_name", "username")
    return {u.pk: u.get_full_name() or u.username for u in users}


def team_names(ids: Any) -> dict[int, str]:
    return dict(Team.objects.filter(pk__in=set(ids)).values_list("pk", "name"))
