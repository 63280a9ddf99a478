"""Reads for partner systems (the FHIR API): the service's organisations, teams and staff, as a
health partner's directory needs them. Nothing here is about a person who uses services."""

from django.db.models import Exists, OuterRef, QuerySet

from tandem.identity.models import Membership, Organisation, Team, User


def organisations_listed() -> QuerySet[Organisation]:
    return Organisation.objects.all()


def teams_listed() -> QuerySet[Team]:
    return Team.objects.select_related("organisation")


def staff_listed() -> QuerySet[User]:
    """Everyone who is or was in one of the service's teams (the authors and workers a partner's
    records point at); accounts never in a team (administration only) are not listed."""
    in_a_team = Membership.objects.filter(user=OuterRef("pk"))
    return User.objects.filter(Exists(in_a_team)).select_related("organisation")


def memberships_listed() -> QuerySet[Membership]:
    return Membership.objects.select_related("user", "team__organisation")
