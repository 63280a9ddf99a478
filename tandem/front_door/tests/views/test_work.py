"""Conversation, outcome, signposting, follow-ups, allocation and closing, through the pages."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from tandem.core import clock
from tandem.directory.models import Service, ServiceStatus
from tandem.directory.search_index import service_terms_refresh
from tandem.front_door import services
from tandem.front_door.codes import ContactStatus, OutcomeKind
from tandem.front_door.models import Contact, FollowUp, Signposting, SupportRequest
from tandem.identity.models import Team, User
from tandem.people.models import Person


@pytest.fixture
def lunch_club(db: None) -> Service:
    club = Service.objects.create(
        name="Hoylake lunch club", description="A hot lunch and company every Tuesday", status=ServiceStatus.ACTIVE
    )
    service_terms_refresh([club.id])
    return club


def url(name: str, contact: Contact, *more: object) -> str:
    return reverse(f"front_door:{name}", args=[contact.uuid, *more])


def test_a_conversation_starts_from_what_the_record_says_matters(signed_in: Client, contact: Contact, read):
    Person.objects.filter(pk=contact.person_id).update(what_matters_to_me="My garden")

    page = read(signed_in.get(url("conversation_add", contact)))

    assert page.values["what_matters"] == "My garden"


def test_record_a_conversation(signed_in: Client, contact: Contact):
    response = signed_in.post(
        url("conversation_add", contact), {"conversation_type": "1", "what_matters": "Getting to church"}
    )

    assert response.status_code == 302
    assert contact.conversations.get().what_matters == "Getting to church"


def test_an_empty_conversation_is_a_problem(signed_in: Client, contact: Contact, read):
    response = signed_in.post(url("conversation_add", contact), {"conversation_type": "1", "who_is_around": ""})

    assert response.status_code == 400
    assert read(response).error_summary == ["Write down at least what matters to the person"]


def test_connect_to_a_team_from_the_outcome_page(signed_in: Client, contact: Contact, other_team: Team):
    response = signed_in.post(
        url("outcome_add", contact),
        {
            "kinds": ["connected_to_team", "carers_assessment"],
            "team": str(other_team.pk),
            "version": contact.version,
            "close": "on",
        },
    )

    contact.refresh_from_db()
    assert response.status_code == 302
    assert SupportRequest.objects.get().team == other_team
    assert sorted(contact.outcomes.values_list("kind", flat=True)) == ["carers_assessment", "connected_to_team"]
    assert contact.status == ContactStatus.CLOSED


def test_an_outcome_refusal_keeps_the_choices(signed_in: Client, contact: Contact, read):
    response = signed_in.post(
        url("outcome_add", contact),
        {"kinds": ["connected_to_team"], "note": "Needs a social worker", "version": contact.version},
    )

    page = read(response)
    assert response.status_code == 400
    assert page.error_summary == ["Select the team to connect the person to"]
    assert page.values["kinds"] == ["connected_to_team"]
    assert page.values["note"] == "Needs a social worker"


def test_a_stale_outcome_form_is_refused(signed_in: Client, contact: Contact, read):
    response = signed_in.post(url("outcome_add", contact), {"kinds": ["advice"], "version": contact.version + 5})

    assert response.status_code == 400
    assert "Someone else changed this contact" in read(response).error_summary[0]


def test_search_the_directory_in_place_and_attach(signed_in: Client, contact: Contact, lunch_club: Service, audit):
    page = signed_in.get(url("signpost", contact), {"keywords": "lunch clubs", "category": "", "postcode": ""})

    assert "Hoylake lunch club" in page.content.decode()
    response = signed_in.post(url("signpost", contact) + "?keywords=lunch", {"services": [str(lunch_club.id)]})

    assert response.status_code == 302
    assert Signposting.objects.get().service == lunch_club
    assert "front_door.signposted" in audit.actions()


def test_attaching_nothing_is_a_problem(signed_in: Client, contact: Contact, read):
    response = signed_in.post(url("signpost", contact), {})

    assert response.status_code == 400
    assert read(response).error_summary == ["Select at least one service"]


def test_attaching_a_service_that_is_gone_is_a_problem(signed_in: Client, contact: Contact, lunch_club: Service, read):
    Service.objects.filter(pk=lunch_club.pk).update(status=ServiceStatus.DEFUNCT)

    response = signed_in.post(url("signpost", contact), {"services": [str(lunch_club.id)]})

    assert response.status_code == 400
    assert Signposting.objects.count() == 0


def test_an_unknown_postcode_is_a_problem_on_the_search(signed_in: Client, contact: Contact, read):
    response = signed_in.get(url("signpost", contact), {"keywords": "lunch", "postcode": "ZZ99 9ZZ"})

    assert response.status_code == 400
    assert read(response).error_summary


def test_the_list_prints_and_emails(signed_in: Client, contact: Contact, lunch_club: Service, practitioner: User):
    services.signposting_add(contact=contact, services=[lunch_club], actor=practitioner)

    page = signed_in.get(url("services_list", contact)).content.decode()
    response = signed_in.post(url("services_list", contact), {"email": "ann@example.com"})

    assert "Hoylake lunch club" in page
    assert contact.reference in page
    assert response.status_code == 302
    assert "Hoylake lunch club" in mail.outbox[0].body
    assert contact.reference in mail.outbox[0].body


def test_a_bad_email_address_is_a_problem(
    signed_in: Client, contact: Contact, lunch_club: Service, practitioner: User, read
):
    services.signposting_add(contact=contact, services=[lunch_club], actor=practitioner)

    response = signed_in.post(url("services_list", contact), {"email": "ann at example"})

    assert response.status_code == 400
    assert read(response).values["email"] == "ann at example"
    assert mail.outbox == []


def test_remove_a_service_from_the_list(signed_in: Client, contact: Contact, lunch_club: Service, practitioner: User):
    [given] = services.signposting_add(contact=contact, services=[lunch_club], actor=practitioner)

    response = signed_in.post(url("signposting_remove", contact, given.uuid))

    assert response.status_code == 302
    assert Signposting.objects.count() == 0


def test_plan_and_record_a_keeping_in_touch_call(signed_in: Client, contact: Contact):
    due = clock.today() + timedelta(days=7)
    signed_in.post(
        url("follow_up_add", contact),
        {"due_on-day": due.day, "due_on-month": due.month, "due_on-year": due.year, "note": "Alarm fitted?"},
    )
    follow_up = FollowUp.objects.get()

    response = signed_in.post(url("follow_up_done", contact, follow_up.uuid), {"what_happened": "All well"})

    follow_up.refresh_from_db()
    assert response.status_code == 302
    assert follow_up.done_at is not None


def test_a_call_in_the_past_is_a_problem(signed_in: Client, contact: Contact, read):
    past = clock.today() - timedelta(days=3)
    response = signed_in.post(
        url("follow_up_add", contact),
        {"due_on-day": past.day, "due_on-month": past.month, "due_on-year": past.year, "note": "Kept"},
    )

    assert response.status_code == 400
    assert read(response).error_summary == ["The follow-up must be due today or later"]
    assert read(response).values["note"] == "Kept"


def test_due_calls_show_in_the_queue(signed_in: Client, contact: Contact, practitioner: User):
    services.follow_up_add(
        contact=contact, due_on=clock.today(), note="Check the alarm", assigned_to=None, actor=practitioner
    )

    assert "Check the alarm" in signed_in.get(reverse("front_door:queue")).content.decode()


def test_a_manager_allocates(client: Client, manager: User, practitioner: User, contact: Contact):
    client.force_login(manager)

    response = client.post(url("allocate", contact), {"worker": str(practitioner.uuid)})

    contact.refresh_from_db()
    assert response.status_code == 302
    assert contact.allocated_to == practitioner


def test_a_practitioner_is_offered_only_themselves(
    signed_in: Client, contact: Contact, practitioner: User, manager: User
):
    html = signed_in.get(url("allocate", contact)).content.decode()

    assert str(practitioner.uuid) in html
    assert str(manager.uuid) not in html


def test_close_after_the_outcome(signed_in: Client, contact: Contact, practitioner: User):
    services.outcomes_record(
        contact=contact, choice=services.OutcomeChoice(kinds=(OutcomeKind.ADVICE,)), version=None, actor=practitioner
    )
    contact.refresh_from_db()

    response = signed_in.post(url("close", contact), {"version": contact.version})

    contact.refresh_from_db()
    assert response.status_code == 302
    assert contact.status == ContactStatus.CLOSED


def test_everything_is_on_the_persons_timeline(
    signed_in: Client, contact: Contact, lunch_club: Service, practitioner: User, other_team: Team
):
    services.conversation_record(
        contact=contact,
        notes=services.ConversationNotes(conversation_type=1, what_matters="My garden"),
        actor=practitioner,
    )
    services.signposting_add(contact=contact, services=[lunch_club], actor=practitioner)
    services.outcomes_record(
        contact=contact,
        choice=services.OutcomeChoice(
            kinds=(OutcomeKind.SIGNPOSTED, OutcomeKind.CONNECTED_TO_TEAM), team_id=other_team.pk
        ),
        version=None,
        actor=practitioner,
    )

    html = signed_in.get(reverse("people:summary", args=[contact.person.uuid])).content.decode()

    for text in (
        "Contact from family member or friend by phone",
        "Conversation 1: listen and connect",
        "Signposted to Hoylake lunch club",
        f"Connected to {other_team.name}",
        "Signposted to community services",
        f"Front-door contact {contact.reference}",
        "Request for support",
    ):
        assert text in html, text


def test_the_outcome_page_does_not_offer_to_close_by_default(signed_in: Client, contact: Contact, read):
    page = read(signed_in.get(url("outcome_add", contact)))

    assert not page.values.get("close")


def test_connecting_to_a_team_leaves_the_contact_open_unless_asked(
    signed_in: Client, contact: Contact, other_team: Team
):
    response = signed_in.post(
        url("outcome_add", contact),
        {"kinds": ["connected_to_team"], "team": str(other_team.pk), "version": contact.version},
    )

    contact.refresh_from_db()
    assert response.status_code == 302
    assert SupportRequest.objects.get().team == other_team
    assert contact.status == ContactStatus.OPEN


def test_connecting_a_child_to_an_adult_team_is_refused_with_a_plain_message(
    signed_in: Client, contact: Contact, other_team: Team, read
):
    """Adults only (Care Act 2014 Part 1): the adult team's list refuses a child, the outcome page
    says why beside the transition question, and nothing is recorded."""
    today = clock.today()
    Person.objects.filter(pk=contact.person_id).update(date_of_birth=date(today.year - 15, 1, 1))

    response = signed_in.post(
        url("outcome_add", contact),
        {"kinds": ["connected_to_team"], "team": str(other_team.pk), "version": contact.version},
    )

    assert response.status_code == 400
    assert read(response).field_errors == [
        "This person is under 18: adult waiting lists are for adults. Refer them to children's services,"
        " or start a transition assessment if they are likely to need care and support at 18"
    ]
    assert not SupportRequest.objects.exists()
    assert not contact.outcomes.exists()


def test_a_transition_assessment_connects_a_young_person_to_a_team(
    signed_in: Client, contact: Contact, other_team: Team
):
    today = clock.today()
    Person.objects.filter(pk=contact.person_id).update(date_of_birth=date(today.year - 17, 1, 1))

    response = signed_in.post(
        url("outcome_add", contact),
        {"kinds": ["connected_to_team"], "team": str(other_team.pk), "transition": "on", "version": contact.version},
    )

    assert response.status_code == 302
    assert SupportRequest.objects.get().transition is True
