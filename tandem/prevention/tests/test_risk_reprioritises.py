"""A change of risk re-prioritises someone waiting: the workforce's screening takes the score's band
as an input (through core.registry, the workforce never importing prevention)."""

import pytest

from tandem.audit.models import AuditEvent
from tandem.core import clock
from tandem.prevention.codes import EventKind
from tandem.prevention.risk import services
from tandem.prevention.services import IncomingEvent, PatientFacts, events_receive
from tandem.prevention.tests.risk_data import adult_make, days_ago, event_make
from tandem.prevention.tests.risk_records import screened_case
from tandem.workforce.codes import CaseEventKind, CaseStatus, Priority
from tandem.workforce.models import CaseEvent

pytestmark = pytest.mark.django_db

NHS_NUMBER = "9434765919"


def waiting(person, team, *, screened=True, priority=Priority.LOW, risks=()):
    case = screened_case(person, team=team, risks=list(risks), status=CaseStatus.WAITING, priority=priority)
    if not screened:
        case.screened_at = None
        case.save()
    return case


def arrive(kind, key, days=1):
    return events_receive(
        batch=[
            IncomingEvent(
                kind=kind,
                occurred_at=days_ago(days),
                source_key=f"urn:reprioritise|{key}",
                resource_type="Encounter",
                patient=PatientFacts(nhs_number=NHS_NUMBER, birth_date=clock.today().replace(year=1940)),
            )
        ],
        actor=None,
    )


def test_events_arriving_raise_the_priority_of_someone_screened_and_waiting(team):
    person = adult_make(nhs_number=NHS_NUMBER, date_of_birth=clock.today().replace(year=1940))
    case = waiting(person, team, risks=["lives_alone"])  # 2 points: low priority
    services.scores_refresh(person_ids=[person.pk])

    for n in range(3):
        arrive(EventKind.FALL, n)  # 3 falls in 30 days: 12 points, severe

    case.refresh_from_db()
    assert "health_risk_severe" in case.risks
    assert case.risk_score == 2 + 4
    assert case.priority == Priority.MEDIUM
    raised = CaseEvent.objects.get(case=case, kind=CaseEventKind.REPRIORITISED)
    assert raised.detail.startswith("Low to Medium. Health risk now moderate (10 points: 2 falls in 30 days;")
    assert raised.by is None
    latest = CaseEvent.objects.filter(case=case).order_by("-id").first()
    assert latest.kind == CaseEventKind.SCREENED
    assert latest.detail.startswith("Health risk now severe (14 points: 3 falls in 30 days;")
    assert AuditEvent.objects.filter(action="workforce.case.risk_changed", person_uuid=person.uuid).exists()


def test_a_band_falling_back_takes_the_health_risk_off_again(team):
    person = adult_make()
    case = waiting(person, team)
    for _ in range(3):
        event_make(person, EventKind.EMERGENCY_ADMISSION, 10)
    services.scores_refresh(person_ids=[person.pk])
    case.refresh_from_db()
    assert case.risks == ["health_risk_severe"]

    from tandem.prevention.models import HealthEvent

    HealthEvent.objects.filter(person=person).delete()
    services.scores_refresh(person_ids=[person.pk])

    case.refresh_from_db()
    assert case.risks == []
    assert case.priority == Priority.LOW


def test_a_case_not_yet_screened_is_only_ever_raised(team):
    person = adult_make()
    high = waiting(person, team, screened=False, priority=Priority.HIGH)
    for _ in range(2):
        event_make(person, EventKind.FALL, 5)  # moderate: 2 points

    services.scores_refresh(person_ids=[person.pk])

    high.refresh_from_db()
    assert high.priority == Priority.HIGH
    assert high.risks == ["health_risk_moderate"]


def test_closed_and_allocated_cases_are_left_alone(team, practitioner):
    person = adult_make()
    closed = screened_case(person, team=team, risks=[], status=CaseStatus.CLOSED)
    for _ in range(3):
        event_make(person, EventKind.FALL, 5)

    services.scores_refresh(person_ids=[person.pk])

    closed.refresh_from_db()
    assert closed.risks == []


def test_a_change_within_a_band_tells_nobody(team):
    person = adult_make()
    case = waiting(person, team)
    event_make(person, EventKind.FALL, 5)
    services.scores_refresh(person_ids=[person.pk])  # 4 points: mild
    event_make(person, EventKind.AE_ATTENDANCE, 200)  # nothing in 90 days: still 4

    run = services.scores_refresh(person_ids=[person.pk])

    case.refresh_from_db()
    assert run.changed == 0
    assert case.risks == []
