"""Factories for staff, organisations, teams and memberships.

`UserFactory(role=Role.TEAM_MANAGER, teams=[team])` makes a user with that role who belongs to
those teams; `membership_add(user, team)` adds a team later. The access scope caches a user's
team ids on the user object, so add memberships before asking what the user may see, or use a
fresh copy of the user (`User.objects.get(pk=user.pk)`).
"""

from collections.abc import Iterable
from typing import Any

import factory

from tandem.identity.models import Membership, Organisation, OrganisationKind, Profession, Team, TeamKind, User
from tandem.identity.permissions import Role

# Every factory-made user signs in with this password (hashed quickly in tests: see conftest.py).
PASSWORD = "correct-horse-battery-staple"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Wirral Council {n}")
    kind = OrganisationKind.COUNCIL
    ods_code = ""


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team

    name = factory.Sequence(lambda n: f"Locality team {n}")
    kind = TeamKind.LOCALITY
    organisation = factory.SubFactory(OrganisationFactory)
    neighbourhood = ""


class UserFactory(factory.django.DjangoModelFactory):
    """A member of staff; pass `role=` for what they may do and `teams=[...]` for whom to."""

    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"staff{n}")
    first_name = factory.Iterator(["Amara", "Ben", "Chloe", "Dafydd", "Esther", "Farid"])
    last_name = factory.Iterator(["Kowalski", "Lloyd", "Mensah", "Nolan", "Osei", "Patel"])
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    organisation = factory.SubFactory(OrganisationFactory)
    role = Role.PRACTITIONER
    profession = Profession.SOCIAL_WORKER
    is_active = True
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def teams(self, create: bool, extracted: Iterable[Team] | None, **kwargs: Any) -> None:
        if create and extracted:
            for team in extracted:
                membership_add(self, team)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    team = factory.SubFactory(TeamFactory)


def membership_add(user: User, team: Team, **fields: Any) -> Membership:
    """Put the user in the team (an open membership unless `ended_on=` is given)."""
    membership = Membership.objects.create(user=user, team=team, **fields)
    # The scope caches team ids on the user object; forget them so the new team counts.
    user.__dict__.pop("_tandem_team_ids", None)
    return membership
