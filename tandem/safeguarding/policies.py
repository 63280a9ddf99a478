"""Who may do what with safeguarding records. Safeguarding work is for the concern's own team:
the permission says what kind of work someone does, membership of the team says whose."""

from tandem.access import scope
from tandem.identity.actors import Actor
from tandem.identity.permissions import Permission


def team_ids(actor: Actor) -> set[int]:
    return set(scope.team_ids(actor))


def can_raise(actor: Actor) -> bool:
    return bool(actor.can(Permission.CONCERN_RAISE))


def safeguarding_team_ids(actor: Actor) -> set[int]:
    """The safeguarding teams the actor is in (read once per request)."""
    from tandem.core import request_memo
    from tandem.identity.models import Team, TeamKind

    mine = team_ids(actor)
    # Keyed on the teams read this request, so it follows any change to them.
    return request_memo.remembered(
        ("safeguarding.team_ids", *sorted(mine)),
        lambda: set(Team.objects.filter(pk__in=mine, kind=TeamKind.SAFEGUARDING).values_list("pk", flat=True)),
    )


def can_work_on(actor: Actor, team_id: int | None) -> bool:
    """Triage and enquiry work on a concern held by this team; one held by no team, any safeguarding team's."""
    if not actor.can(Permission.SAFEGUARDING_WORK):
        return False
    if team_id is None:
        return bool(safeguarding_team_ids(actor))
    return team_id in team_ids(actor)


def can_sign_off(actor: Actor, team_id: int | None, concluded_by_id: int | None) -> bool:
    """Closing a concluded enquiry is a manager's sign-off: a team manager (the only role with
    `ENQUIRY_SIGN_OFF`) of the safeguarding team holding it, who did not conclude it themselves.
    """
    if not actor.can(Permission.ENQUIRY_SIGN_OFF) or not can_work_on(actor, team_id):
        return False
    return concluded_by_id is None or actor.pk != concluded_by_id


def can_see_returns(actor: Actor) -> bool:
    """The returns (the SAC and the DoLS collection) are run by managers, and by the Safeguarding
    Adults Unit's staff, whose work they count; the cases behind a figure are only those the person
    running them may open (`page_selectors.concerns_behind`)."""
    if actor.can(Permission.SAFEGUARDING_RETURNS):
        return True
    return bool(actor.can(Permission.SAFEGUARDING_WORK)) and bool(safeguarding_team_ids(actor))


def can_work_on_dols(actor: Actor, team_id: int) -> bool:
    return bool(actor.can(Permission.DOLS_WORK)) and team_id in team_ids(actor)


def can_allocate_dols(actor: Actor) -> bool:
    """Allocating assessors is a manager's call."""
    return bool(actor.can(Permission.DOLS_ALLOCATE))
