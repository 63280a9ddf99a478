from decimal import Decimal
from typing import Any

import pytest

from tandem.identity.models import Team, User
from tandem.workforce import services


def profile_for(user: User, team: Team, actor: User, **overrides: Any) -> Any:
    details = {
        "team": team,
        "fte": Decimal("1"),
        "asye": False,
        "agency": False,
        "qualifications": "",
        "warrants": {},
        "neighbourhood_ids": [],
        "gp_practice_ids": [],
    } | overrides
    return services.profile_save(user=user, details=services.ProfileDetails(**details), version=None, actor=actor)


@pytest.fixture
def profiles(practitioner: User, manager: User, team: Team) -> None:
    """The practitioner and the manager carry caseloads in `team`."""
    profile_for(practitioner, team, manager)
    profile_for(manager, team, manager)


@pytest.fixture
def waiting(person: Any, team: Team, practitioner: User, profiles: None) -> Any:
    return services.case_open(person=person, team=team, summary="Needs a Care Act assessment", actor=practitioner)
