"""Writes about the workforce itself: practitioners' profiles and the establishment's posts."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import transaction

from tandem.audit import services as audit
from tandem.core import clock
from tandem.core.errors import DomainError, StaleVersion, require
from tandem.identity.actors import Actor
from tandem.identity.models import Team, User
from tandem.workforce import policies
from tandem.workforce.codes import Warrant
from tandem.workforce.models import Post, PractitionerProfile, ProfileWarrant

NOT_YOUR_TEAM = "You can only do that for a team you belong to"


def _check_profile_version(current: int, version: int | None) -> None:
    # A profile keeps no history of its saves, so the refusal cannot say what changed.
    if version is not None and current != version:
        raise StaleVersion(
            "Someone else changed this profile while you were working. What you typed is kept below: check the"
            " profile as it is now, then save again to apply your changes",
            current=current,
        )


@dataclass(frozen=True)
class ProfileDetails:
    team: Team
    fte: Decimal
    asye: bool
    agency: bool
    qualifications: str
    warrants: dict[str, date | None]
    neighbourhood_ids: Sequence[int]
    gp_practice_ids: Sequence[int]


@transaction.atomic
def profile_save(*, user: User, details: ProfileDetails, version: int | None, actor: Actor) -> PractitionerProfile:
    """Record what a practitioner brings to a caseload; a manager of their team (or of the team
    they move to) keeps it. Contracted hours are a fraction of full time, above 0 and at most 1."""
    require(policies.can_manage_team(actor, details.team.pk), NOT_YOUR_TEAM)
    if not (Decimal("0") < details.fte <= Decimal("1")):
        raise DomainError("Contracted hours must be more than 0 and no more than 1 FTE", field="fte")
    unknown = set(details.warrants) - set(Warrant.values)
    if unknown:
        raise DomainError("Select warrants from the list", field="warrants")
    profile = PractitionerProfile.objects.select_for_update().filter(user=user).first()
    if profile is not None:
        require(policies.can_manage_team(actor, profile.team_id), NOT_YOUR_TEAM)
        _check_profile_version(profile.version, version)
        profile.version += 1
    else:
        profile = PractitionerProfile(user=user)
    before = {"team": profile.team_id if profile.pk else None, "fte": str(profile.fte) if profile.pk else None}
    profile.team = details.team
    profile.fte = details.fte
    profile.asye = details.asye
    profile.agency = details.agency
    profile.qualifications = details.qualifications.strip()
    profile.save()
    profile.neighbourhoods.set(details.neighbourhood_ids)
    profile.gp_practices.set(details.gp_practice_ids)
    profile.warrants.all().delete()
    ProfileWarrant.objects.bulk_create(
        [
            ProfileWarrant(profile=profile, kind=kind, valid_until=until)
            for kind, until in sorted(details.warrants.items())
        ]
    )
    audit.record(
        actor=actor,
        action="workforce.profile.saved",
        target=profile,
        summary=f"Saved the practitioner profile of {user.get_full_name() or user.username}",
        changes={"before": before, "team": details.team.pk, "fte": str(details.fte), "asye": details.asye},
    )
    return profile


@transaction.atomic
def post_add(*, team: Team, title: str, fte: Decimal, holder: User | None, actor: Actor) -> Post:
    """Add a funded post to a team's establishment, filled or vacant."""
    require(policies.can_manage_team(actor, team.pk), NOT_YOUR_TEAM)
    title = title.strip()
    if not title:
        raise DomainError("Enter the post's title", field="title")
    if not (Decimal("0") < fte <= Decimal("1")):
        raise DomainError("A post is more than 0 and no more than 1 FTE", field="fte")
    post = Post.objects.create(team=team, title=title, fte=fte, holder=holder)
    audit.record(
        actor=actor, action="workforce.post.added", target=post, summary=f"Added the post {title} to {team.name}"
    )
    return post


@transaction.atomic
def post_fill(*, post: Post, holder: User | None, actor: Actor) -> Post:
    """Fill a post, or leave it vacant (holder None)."""
    require(policies.can_manage_team(actor, post.team_id), NOT_YOUR_TEAM)
    before = post.holder_id
    post.holder = holder
    post.save(update_fields=["holder", "updated_at"])
    audit.record(
        actor=actor,
        action="workforce.post.filled" if holder else "workforce.post.vacated",
        target=post,
        summary=f"{'Filled' if holder else 'Vacated'} the post {post.title}",
        changes={"holder": [before, holder.pk if holder else None]},
    )
    return post


@transaction.atomic
def post_end(*, post: Post, actor: Actor) -> Post:
    """Take a post out of the establishment (it is no longer funded); its history stays."""
    require(policies.can_manage_team(actor, post.team_id), NOT_YOUR_TEAM)
    post.ended_on = clock.today()
    post.save(update_fields=["ended_on", "updated_at"])
    audit.record(actor=actor, action="workforce.post.ended", target=post, summary=f"Ended the post {post.title}")
    return post
