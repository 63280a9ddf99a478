from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from tandem.core.errors import DomainError, NotPermitted
from tandem.safeguarding import selectors, services
from tandem.safeguarding.codes import REQUIREMENTS, DolsPriority, DolsSetting, DolsStatus, Requirement
from tandem.safeguarding.models import DolsApplication

LONDON = ZoneInfo("Europe/London")


@pytest.fixture
def receive(unit, worker):
    def make(person, *, received=date(2026, 11, 2), urgent=False, priority=DolsPriority.MEDIUM, actor=None):
        return services.dols_application_receive(
            person=person,
            team=unit,
            request=services.DolsRequest(
                setting=DolsSetting.CARE_HOME,
                managing_authority="Oak House Care Home",
                received_on=received,
                urgent=urgent,
                priority=priority,
            ),
            actor=actor or worker,
        )

    return make


@pytest.fixture(autouse=True)
def _today(set_clock):
    set_clock(datetime(2026, 11, 23, 10, tzinfo=LONDON))


def test_the_statutory_clocks_of_an_urgent_application(receive, person, worker):
    application = receive(person, urgent=True)

    deadlines = selectors.dols_deadlines(application)
    assert deadlines.urgent_expires_on == date(2026, 11, 9)
    assert deadlines.standard_due_on == date(2026, 11, 23)

    services.dols_urgent_extend(application=application, reason="Assessor delayed by illness", actor=worker)
    application.refresh_from_db()
    assert selectors.dols_deadlines(application).urgent_expires_on == date(2026, 11, 16)
    with pytest.raises(DomainError, match="already been extended once"):
        services.dols_urgent_extend(application=application, reason="Again", actor=worker)


def test_a_standard_application_cannot_be_extended(receive, person, worker):
    with pytest.raises(DomainError, match="Only an urgent authorisation"):
        services.dols_urgent_extend(application=receive(person), reason="x", actor=worker)


def test_the_waiting_list_is_by_risk_then_urgency_then_age(receive, person_factory, worker):
    low_old = receive(person_factory(), received=date(2026, 10, 1), priority=DolsPriority.LOW)
    high_new = receive(person_factory(), received=date(2026, 11, 20), priority=DolsPriority.HIGH)
    high_urgent = receive(person_factory(), received=date(2026, 11, 21), priority=DolsPriority.HIGH, urgent=True)
    medium = receive(person_factory(), received=date(2026, 9, 1))

    assert list(selectors.dols_waiting_list(actor=worker)) == [high_urgent, high_new, medium, low_old]


def test_a_change_of_priority_needs_a_reason_and_is_logged(receive, person, worker):
    application = receive(person)

    services.dols_priority_change(
        application=application,
        priority=DolsPriority.HIGH,
        reason="Restraint now used daily",
        version=None,
        actor=worker,
    )

    application.refresh_from_db()
    assert application.priority == DolsPriority.HIGH
    assert application.priority_reason == "Restraint now used daily"


def test_only_a_manager_allocates_assessors(receive, person, worker, sg_manager):
    application = receive(person)

    with pytest.raises(NotPermitted):
        services.dols_assessors_allocate(
            application=application, best_interests=worker, mental_health=sg_manager, actor=worker
        )
    services.dols_assessors_allocate(
        application=application, best_interests=worker, mental_health=sg_manager, actor=sg_manager
    )
    application.refresh_from_db()
    assert application.status == DolsStatus.ALLOCATED


def satisfied() -> dict[str, str]:
    return dict.fromkeys(REQUIREMENTS, Requirement.SATISFIED)


def test_granted_for_at_most_twelve_months_with_all_six_requirements(receive, person, worker):
    application = receive(person)
    start = date(2026, 11, 20)
    decision = services.DolsDecision(
        status=DolsStatus.GRANTED,
        decided_on=start,
        authorised_from=start,
        authorised_to=start + timedelta(days=365),
        requirements=satisfied(),
    )

    with pytest.raises(DomainError, match="at most 12 months"):
        services.dols_decide(application=application, decision=decision, version=None, actor=worker)
    short = services.DolsDecision(**{**decision.__dict__, "authorised_to": start + timedelta(days=180)})
    unmet = services.DolsDecision(**{**short.__dict__, "requirements": {**satisfied(), "best_interests": "2"}})
    with pytest.raises(DomainError, match="all six requirements"):
        services.dols_decide(application=application, decision=unmet, version=None, actor=worker)

    services.dols_decide(application=application, decision=short, version=None, actor=worker)

    application.refresh_from_db()
    assert application.status == DolsStatus.GRANTED
    assert selectors.dols_deadlines(application).renewal_due_on == start + timedelta(days=180 - 28)


def test_renewals_due_are_listed_until_renewed(receive, person, worker):
    application = receive(person, received=date(2026, 1, 5))
    DolsApplication.objects.filter(pk=application.pk).update(
        status=DolsStatus.GRANTED,
        decided_on=date(2026, 1, 10),
        authorised_from=date(2026, 1, 10),
        authorised_to=date(2026, 12, 10),
    )
    application.refresh_from_db()
    assert list(selectors.dols_renewals_due(actor=worker)) == [application]

    services.dols_application_receive(
        person=person,
        team=application.team,
        request=services.DolsRequest(
            setting=DolsSetting.CARE_HOME,
            managing_authority="Oak House Care Home",
            received_on=date(2026, 11, 23),
            urgent=False,
        ),
        actor=worker,
        renews=application,
    )
    assert list(selectors.dols_renewals_due(actor=worker)) == []


def test_dols_work_is_for_the_team_only(receive, person, practitioner, worker):
    application = receive(person)

    assert list(selectors.dols_visible(practitioner)) == []
    with pytest.raises(NotPermitted):
        services.dols_urgent_extend(application=application, reason="x", actor=practitioner)
