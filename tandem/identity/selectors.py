"""Reads about staff and teams."""

from typing import Any

from axes.models import AccessAttempt
from django.db.models import Count, Q, QuerySet, Sum
from django.shortcuts import get_object_or_404

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


def staff_search(*, query: str = "", include_inactive: bool = True) -> QuerySet[User]:
    """Staff accounts for the administrator's list: by name, username or email."""
    staff = User.objects.select_related("organisation").order_by("last_name", "first_name", "username")
    if not include_inactive:
        staff = staff.filter(is_active=True)
    for word in query.split()[:5]:
        staff = staff.filter(
            Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
            | Q(username__icontains=word)
            | Q(email__icontains=word)
        )
    return staff


def staff_memberships(*, user: User) -> QuerySet[Membership]:
    """Every team the account is or was in, current first."""
    return Membership.objects.filter(user=user).select_related("team").order_by("ended_on", "team__name")


def organisations_all() -> QuerySet[Organisation]:
    return Organisation.objects.annotate(staff_count=Count("staff", distinct=True)).order_by("name")


def failed_sign_ins(*, user: User) -> int:
    """Failed sign-ins django-axes still holds against the username (a lock-out, at its limit)."""
    return int(AccessAttempt.objects.filter(username=user.username).aggregate(n=Sum("failures_since_start"))["n"] or 0)


def staff_one(*, uuid: Any) -> User:
    return get_object_or_404(User.objects.select_related("organisation"), uuid=uuid)


def membership_one(*, membership_id: int) -> Membership:
    return get_object_or_404(Membership.objects.select_related("user", "team"), pk=membership_id)


def organisation_one(*, uuid: Any) -> Organisation | None:
    """The organisation with that id (404 if none); None when no id is given (a new one)."""
    return get_object_or_404(Organisation, uuid=uuid) if uuid else None


def team_one(*, uuid: Any) -> Team | None:
    return get_object_or_404(Team.objects.select_related("organisation"), uuid=uuid) if uuid else None
