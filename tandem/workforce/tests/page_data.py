"""A workforce for page tests: every member of staff given a locality team with caseload profiles,
a post, a waiting case and an allocated case (shared by the permission matrix and the accessibility check)."""

from decimal import Decimal
from typing import Any

from tandem.identity.models import Membership, Team, TeamKind
from tandem.workforce import services
from tandem.workforce.models import Post


def workforce_world(person: Any, staff: dict[Any, Any]) -> dict[str, Any]:
    """Everyone in `staff` joins "Wallasey Workforce Team"; the practitioner and the manager carry
    caseloads there. `case` waits for allocation, `allocated` is the practitioner's."""
    practitioner = next(user for role, user in staff.items() if user is not None and role == "practitioner")
    manager = next(user for role, user in staff.items() if user is not None and role == "team_manager")
    team = Team.objects.create(
        name="Wallasey Workforce Team", kind=TeamKind.LOCALITY, organisation=practitioner.organisation
    )
    for user in staff.values():
        if user is not None:
            Membership.objects.get_or_create(user=user, team=team)
    for user in (practitioner, manager):
        services.profile_save(
            user=user,
            details=services.ProfileDetails(
                team=team,
                fte=Decimal("1"),
                asye=False,
                agency=False,
                qualifications="",
                warrants={},
                neighbourhood_ids=[],
                gp_practice_ids=[],
            ),
            version=None,
            actor=manager,
        )
    post = Post.objects.create(team=team, title="Social Worker", fte=Decimal("1"), holder=practitioner)
    case = services.case_open(person=person, team=team, summary="Needs a Care Act assessment", actor=practitioner)
    allocated = services.case_open(person=person, team=team, summary="Review of the plan", actor=practitioner)
    allocated = services.case_weigh(
        case=allocated, case_type="review", complexity=[], skills_needed=[], version=None, actor=manager
    )
    allocated = services.case_allocate(
        case=allocated, worker=practitioner, reason="Knows the family", version=None, actor=manager
    )
    return {
        "workforce_team_uuid": team.uuid,
        "workforce_case_uuid": case.uuid,
        "workforce_allocated_uuid": allocated.uuid,
        "workforce_post_uuid": post.uuid,
        "workforce_practitioner_uuid": practitioner.uuid,
        "workforce_person_uuid": person.uuid,
    }
