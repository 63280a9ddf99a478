"""Safeguarding fixtures: a worker and a manager of the root fixtures' `safeguarding_unit`, and concerns."""

from collections.abc import Callable
from typing import Any

import pytest

from tandem.identity.models import Role, Team, User
from tandem.people.models import Person
from tandem.safeguarding import services
from tandem.safeguarding.codes import AbuseType, RaisedBy, RiskLocation, RiskSource
from tandem.safeguarding.models import Concern


@pytest.fixture
def worker(user_factory: Any, safeguarding_unit: Team) -> User:
    user: User = user_factory(username="sg.worker", role=Role.PRACTITIONER, teams=[safeguarding_unit])
    return user


@pytest.fixture
def sg_manager(user_factory: Any, safeguarding_unit: Team) -> User:
    user: User = user_factory(username="sg.manager", role=Role.TEAM_MANAGER, teams=[safeguarding_unit])
    return user


def concern_details(**overrides: Any) -> services.ConcernDetails:
    fields: dict[str, Any] = {
        "summary": "Bruising on both arms; says a carer grabbed her when she would not get up",
        "raised_by_kind": RaisedBy.FAMILY_OR_FRIEND,
        "raiser_name": "Ann Okafor",
        "abuse_types": (AbuseType.PHYSICAL,),
        "locations": (RiskLocation.OWN_HOME,),
        "sources_of_risk": (RiskSource.SERVICE_PROVIDER,),
        "provider_name": "Wirral Homecare Ltd",
        "adults_view": "I don't want that carer back.",
    }
    fields.update(overrides)
    return services.ConcernDetails(**fields)


@pytest.fixture
def concern_make(safeguarding_unit: Team, worker: User) -> Callable[..., Concern]:
    def make(*, person: Person, actor: User | None = None, team: Team | None = None, **overrides: Any) -> Concern:
        return services.concern_raise(
            person=person,
            summary="",
            source="safeguarding",
            actor=actor or worker,
            details=concern_details(**overrides),
            team=team or safeguarding_unit,
        )

    return make
