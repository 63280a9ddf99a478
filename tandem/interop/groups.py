"""A team's caseload as a FHIR Group: what a group-level bulk export (`Group/{id}/$export`) covers.

Tandem's groups are its teams' caseloads: the people a team holds on an allocated case today, so a
partner can ask for the records of everyone a community team works with (of those shared with the
partner) without naming them one by one. A Group has the id of its team (the team's Organization
has the same id). The Group resource names the team but not its members: who is on a caseload is
about people, so members are only ever sent as the Patients of an export, each read audited and
each subject to consent and restriction like any read.
"""

from typing import Any

from tandem.identity import partner_selectors as staff
from tandem.interop import search
from tandem.interop.models import Partner
from tandem.interop.resources import instant
from tandem.interop.search import Builder, Criteria
from tandem.interop.selectors import Found, by_id, page, shared_ids
from tandem.workforce import selectors as workforce_selectors

Resource = dict[str, Any]

PARAMETERS: dict[str, tuple[set[str], Builder]] = dict(search.COMMON_PARAMETERS)

GROUP_SEARCH = [
    ("_id", "token", "the Group's id (the same as its team's Organization)"),
    ("_lastUpdated", "date", "when the team last changed; prefixes eq ne lt gt le ge sa eb"),
]


def groups_search(*, partner: Partner, criteria: Criteria) -> Found:
    return page(staff.teams_listed().order_by("name", "pk"), criteria)


def group_get(*, partner: Partner, resource_id: str) -> Any | None:
    return by_id(staff.teams_listed(), resource_id)


def member_ids(*, partner: Partner, team: Any) -> frozenset[int]:
    """The people on the team's caseload today whom the partner may see (consent, no restriction)."""
    on_caseload = workforce_selectors.person_ids_on_caseload(team_id=team.pk)
    return frozenset(shared_ids(partner).filter(pk__in=on_caseload).values_list("pk", flat=True))


def group(team: Any) -> Resource:
    """A team's caseload as a FHIR R4 Group of people (`actual`: real people, not a definition)."""
    return {
        "resourceType": "Group",
        "id": str(team.uuid),
        "meta": {"lastUpdated": instant(team.updated_at)},
        "active": True,
        "type": "person",
        "actual": True,
        "code": {"text": "Caseload of a team: the people it holds on an allocated case"},
        "name": f"Caseload of {team.name}",
        "managingEntity": {"reference": f"Organization/{team.uuid}", "display": team.name},
    }
