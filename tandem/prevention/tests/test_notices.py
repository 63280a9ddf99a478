"""Health events tell the allocated worker, show on the timeline, and an emergency admission of
someone with a care package in force tells the team holding it."""

import pytest
from django.urls import reverse

from tandem.audit.models import AuditEvent
from tandem.core import clock, registry
from tandem.prevention.codes import EventKind, NoticeKind
from tandem.prevention.models import EventNotice
from tandem.prevention.selectors import my_work
from tandem.prevention.services import IncomingEvent, PatientFacts, events_receive
from tandem.prevention.tests.page_data import allocate
from tandem.support_plans.tests.plan_data import agreed_plan_make
from tests.conftest import person_make

pytestmark = pytest.mark.django_db

NHS_NUMBER = "9434765919"


def arrive(kind, key="1"):
    incoming = IncomingEvent(
        kind=kind,
        occurred_at=clock.now(),
        source_key=f"urn:test|{key}",
        resource_type="Encounter",
        patient=PatientFacts(nhs_number=NHS_NUMBER),
        source_organisation_name="Arrowe Park Hospital",
        summary="Chest pain",
    )
    return events_receive(batch=[incoming], actor=None)


@pytest.fixture
def held(practitioner, team):
    """Someone on the practitioner's caseload."""
    person = person_make(given_name="Iris", family_name="Pennant", nhs_number=NHS_NUMBER)
    allocate(person, team=team, worker=practitioner)
    return person


def test_the_allocated_worker_is_told_on_my_work(held, practitioner, manager):
    arrive(EventKind.FALL)

    sections = {section.key: section for section in my_work(practitioner)}

    events = sections["prevention.events"]
    assert events.count == 1
    assert events.items[0].title == "Iris Pennant: fall"
    assert events.items[0].url == reverse("people:summary", args=[held.uuid])
    assert "prevention.events" not in {section.key for section in my_work(manager)}


def test_an_event_shows_on_the_persons_timeline(held, practitioner):
    arrive(EventKind.AE_ATTENDANCE)

    entries = registry.timeline_for(held, practitioner, limit=10)

    attendance = next(entry for entry in entries if entry.title == "A&E attendance")
    assert attendance.by == "Arrowe Park Hospital"
    assert attendance.detail == "Chest pain"


def test_an_emergency_admission_with_a_package_in_force_tells_the_team(held, practitioner, team):
    plan = agreed_plan_make(held, practitioner)

    arrive(EventKind.EMERGENCY_ADMISSION)

    pause = EventNotice.objects.get(kind=NoticeKind.PACKAGE_PAUSE)
    assert pause.team == plan.team
    work = registry.open_work_for(held, practitioner)
    assert [item.title for item in work if "pausing" in item.title] == [
        "Emergency admission: the care package may need pausing"
    ]


def test_an_elective_admission_or_no_package_tells_no_team(held, practitioner):
    arrive(EventKind.ELECTIVE_ADMISSION)
    agreed_plan_make(held, practitioner)
    arrive(EventKind.GP_CONTACT, key="2")

    assert not EventNotice.objects.filter(kind=NoticeKind.PACKAGE_PAUSE).exists()


def test_marking_a_notice_seen_takes_it_off_my_work_and_is_audited(client, held, practitioner):
    arrive(EventKind.FALL)
    notice = EventNotice.objects.get()
    client.force_login(practitioner)

    response = client.post(reverse("prevention:notice_seen", args=[notice.pk]))

    assert response.status_code == 302
    assert "prevention.events" not in {section.key for section in my_work(practitioner)}
    assert AuditEvent.objects.filter(action="prevention.notice.seen", person_uuid=str(held.uuid)).count() == 1


def test_someone_elses_notice_is_not_found(client, held, manager):
    arrive(EventKind.FALL)
    notice = EventNotice.objects.get()
    client.force_login(manager)

    response = client.post(reverse("prevention:notice_seen", args=[notice.pk]))

    assert response.status_code == 404
    notice.refresh_from_db()
    assert notice.seen_at is None


def test_the_summary_page_shows_the_event_and_the_package_to_pause(client, held, practitioner):
    agreed_plan_make(held, practitioner)
    arrive(EventKind.EMERGENCY_ADMISSION)
    client.force_login(practitioner)

    page = client.get(reverse("people:summary", args=[held.uuid])).content.decode()

    assert "Emergency admission" in page
    assert "the care package may need pausing" in page


@pytest.mark.parametrize("events", [5, 40])
def test_my_work_answers_in_the_same_queries_however_many_events(held, practitioner, events, django_assert_num_queries):
    for n in range(events):
        arrive(EventKind.FALL, key=f"fall-{n}")
    my_work(practitioner)  # the actor's teams are read once a request, and remembered

    with django_assert_num_queries(5):
        my_work(practitioner)
