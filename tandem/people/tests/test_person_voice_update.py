"""What matters to the person and their strengths, in their own words: compare-and-swap and audited."""

from tandem.audit.models import AuditEvent
from tandem.audit.tests.refusals import refused_unchanged
from tandem.core.errors import NotPermitted, StaleVersion
from tandem.people.models import Person
from tandem.people.services import person_voice_update


def test_it_records_the_persons_own_words(practitioner, person):
    person_voice_update(
        person=person,
        what_matters_to_me=" Seeing my grandchildren on Sundays ",
        strengths="Cooks for her neighbour",
        version=1,
        actor=practitioner,
    )

    saved = Person.objects.get(pk=person.pk)
    assert saved.what_matters_to_me == "Seeing my grandchildren on Sundays"
    assert saved.strengths == "Cooks for her neighbour"
    assert saved.version == 2


def test_it_writes_one_audit_event_with_what_changed(practitioner, person):
    Person.objects.filter(pk=person.pk).update(strengths="Cooks for her neighbour")
    person.refresh_from_db()

    person_voice_update(
        person=person,
        what_matters_to_me="Seeing my grandchildren",
        strengths="Cooks for her neighbour",
        version=1,
        actor=practitioner,
    )

    event = AuditEvent.objects.get()
    assert event.action == "people.voice.updated"
    assert event.person_uuid == person.uuid
    assert event.summary == "Changed what matters to the person and their strengths"
    assert event.changes == {"what_matters_to_me": ["", "Seeing my grandchildren"]}


def gardening(person, actor, *, version):
    """Record that gardening matters to the person, at `version`, as `actor`."""
    return lambda: person_voice_update(
        person=person, what_matters_to_me="Gardening", strengths="", version=version, actor=actor
    )


def test_it_refuses_when_someone_else_saved_first(practitioner, person):
    Person.objects.filter(pk=person.pk).update(version=3)

    refusal = refused_unchanged(gardening(person, practitioner, version=2), person, raises=StaleVersion, audited=0)

    assert refusal.message == (
        "Someone else changed this record while you were editing it. Check their changes and try again."
    )


def test_a_system_administrator_may_not_record_it(admin_user, person):
    refusal = refused_unchanged(gardening(person, admin_user, version=1), person, raises=NotPermitted, audited=0)

    assert refusal.message == "You do not have permission to change this record"
