"""Safeguarding fixtures: a worker and a manager of the root fixtures' `safeguarding_unit`, and concerns."""

from collections.abc import Callable
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from tandem.identity.models import Role, Team, User
from tandem.people.models import Person
from tandem.safeguarding import services
from tandem.safeguarding.codes import (
    AbuseType,
    DolsPriority,
    DolsSetting,
    RaisedBy,
    RiskLocation,
    RiskSource,
    TriageDecision,
)
from tandem.safeguarding.models import Concern, DolsApplication


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


@pytest.fixture
def receive(safeguarding_unit: Team, worker: User) -> Callable[..., DolsApplication]:
    """`receive(person, received=..., urgent=..., given=...)`: a DoLS application from Oak House Care
    Home, received by the unit's worker (an urgent one authorised at 9:00 that day unless `given`)."""

    def make(
        person: Person,
        *,
        received: date = date(2026, 11, 2),
        urgent: bool = False,
        priority: str = DolsPriority.MEDIUM,
        actor: User | None = None,
        given: datetime | None = None,
        renews: DolsApplication | None = None,
    ) -> DolsApplication:
        if urgent and given is None:
            given = datetime(received.year, received.month, received.day, 9, tzinfo=ZoneInfo("Europe/London"))
        return services.dols_application_receive(
            person=person,
            team=safeguarding_unit,
            request=services.DolsRequest(
                setting=DolsSetting.CARE_HOME,
                managing_authority="Oak House Care Home",
                received_on=received,
                urgent=urgent,
                priority=priority,
                urgent_given_at=given,
            ),
            actor=actor or worker,
            renews=renews,
        )

    return make


# Answers to the section 42 test: only the first part met (the duty does not apply), and all three.
NEEDS_ONLY = services.Section42Test(True, False, False)
MET = services.Section42Test(care_needs=True, abuse_or_risk=True, unable_to_protect=True)


def triage(
    concern: Concern,
    actor: User,
    decision: str = TriageDecision.NO_FURTHER_ACTION,
    *,
    test: services.Section42Test = NEEDS_ONLY,
    reason: str = "x",
    version: int | None = None,
    **more: Any,
) -> Concern:
    """Triage the concern as `actor`: by default no further action, for a reason, with only care needs met;
    `more` goes to the service (the enquiry's `lead`)."""
    return services.concern_triage(
        concern=concern, decision=decision, reason=reason, test=test, version=version, actor=actor, **more
    )
