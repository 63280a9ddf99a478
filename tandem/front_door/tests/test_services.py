"""Front-door services: what they write, what they refuse, and that each is audited."""

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.core import mail

from tandem.audit.models import AuditEvent
from tandem.core import clock
from tandem.core.errors import DomainError, NotPermitted, StaleVersion
from tandem.directory.models import Service, ServiceStatus
from tandem.front_door import services
from tandem.front_door.codes import ContactSource, ContactStatus, ConversationType, OutcomeKind, RequestStatus
from tandem.front_door.models import Contact, ContactOutcome, FollowUp, Signposting, SupportRequest
from tandem.front_door.services import REFERENCE_ALPHABET
from tandem.front_door.tests.conftest import details
from tandem.identity.models import Team, User
from tandem.people.models import Person
from tandem.safeguarding.models import Concern

pytestmark = pytest.mark.django_db


def advised_and_closed(contact: Contact, actor: User) -> None:
    """The contact closed with advice given."""
    services.outcomes_record(
        contact=contact,
        choice=services.OutcomeChoice(kinds=(OutcomeKind.ADVICE,), close=True),
        version=None,
        actor=actor,
    )


def events(action: str) -> int:
    return AuditEvent.objects.filter(action=action).count()


@pytest.fixture
def lunch_club(db: None) -> Service:
    return Service.objects.create(name="Hoylake lunch club", status=ServiceStatus.ACTIVE)


@pytest.fixture
def befriending(db: None) -> Service:
    return Service.objects.create(name="Wirral befriending", status=ServiceStatus.ACTIVE)


class TestContactRecord:
    def test_records_a_contact_in_the_recorders_front_door_team(
        self, front_door_team: Team, practitioner: User, person: Person
    ):
        contact = services.contact_record(details=details(), person=person, actor=practitioner)

        assert contact.team == front_door_team
        assert contact.person == person
        assert contact.status == ContactStatus.OPEN
        assert contact.recorded_by == practitioner
        assert contact.reason == "Mum has had two falls this month and is frightened to go out"
        assert events("front_door.contact.recorded") == 1
        assert AuditEvent.objects.get(action="front_door.contact.recorded").person_uuid == person.uuid

    def test_the_reference_is_easy_to_read_out(self, contact: Contact):
        raw = contact.reference.replace("-", "")
        assert len(contact.reference) == 9
        assert contact.reference[4] == "-"
        assert set(raw) <= set(REFERENCE_ALPHABET)
        assert not set(raw) & set("01IOL")

    def test_an_anonymous_contact_needs_no_person_or_caller(self, front_door_team: Team, practitioner: User):
        contact = services.contact_record(
            details=details(source=ContactSource.ANONYMOUS, caller_name=""), person=None, actor=practitioner
        )

        assert contact.person is None

    @pytest.mark.parametrize(
        ("overrides", "field", "message"),
        [
            ({"reason": "  "}, "reason", "Write the reason for contact, in the caller's own words"),
            ({"source": "aliens"}, "source", "Select who made contact"),
            ({"route": "pigeon"}, "route", "Select how they made contact"),
            ({"urgency": "whenever"}, "urgency", "Select how urgent this is"),
            ({"caller_name": ""}, "caller_name", "Give the name of the person or organisation who made contact"),
            ({"reason": "x" * 5001}, "reason", "This must be 5,000 characters or fewer"),
        ],
    )
    def test_refuses_what_is_missing_or_wrong(
        self, front_door_team: Team, practitioner: User, overrides: dict[str, str], field: str, message: str
    ):
        with pytest.raises(DomainError) as refused:
            services.contact_record(details=details(**overrides), person=None, actor=practitioner)

        assert (refused.value.field, refused.value.message) == (field, message)
        assert Contact.objects.count() == 0

    def test_refuses_someone_whose_role_does_not_record_contacts(self, front_door_team: Team, admin_user: User):
        with pytest.raises(NotPermitted):
            services.contact_record(details=details(), person=None, actor=admin_user)
        assert Contact.objects.count() == 0

    def test_needs_a_front_door_team(self, practitioner: User):
        with pytest.raises(DomainError, match="There is no front-door team"):
            services.contact_record(details=details(), person=None, actor=practitioner)

    def test_links_a_person_later(self, contact_make: Callable[..., Contact], person: Person, practitioner: User):
        contact = contact_make()

        services.contact_link_person(contact=contact, person=person, actor=practitioner)

        contact.refresh_from_db()
        assert contact.person == person
        assert events("front_door.contact.linked") == 1
        with pytest.raises(DomainError, match="already linked"):
            services.contact_link_person(contact=contact, person=person, actor=practitioner)


class TestConversation:
    def test_records_the_conversation(self, contact: Contact, practitioner: User):
        notes = services.ConversationNotes(
            conversation_type=ConversationType.LISTEN_AND_CONNECT,
            what_matters="Getting to church on Sundays",
            who_is_around="Daughter visits twice a week",
        )

        conversation = services.conversation_record(contact=contact, notes=notes, actor=practitioner)

        assert conversation.what_matters == "Getting to church on Sundays"
        assert conversation.held_by == practitioner
        assert events("front_door.conversation.recorded") == 1

    def test_needs_something_written(self, contact: Contact, practitioner: User):
        with pytest.raises(DomainError) as refused:
            services.conversation_record(
                contact=contact, notes=services.ConversationNotes(conversation_type=1), actor=practitioner
            )
        assert refused.value.field == "what_matters"

    def test_refuses_an_unknown_type(self, contact: Contact, practitioner: User):
        with pytest.raises(DomainError, match="Select the kind of conversation"):
            services.conversation_record(
                contact=contact,
                notes=services.ConversationNotes(conversation_type=4, what_matters="x"),
                actor=practitioner,
            )


class TestOutcomes:
    def test_advice_resolves_the_contact_at_the_front_door(self, contact: Contact, practitioner: User):
        choice = services.OutcomeChoice(kinds=(OutcomeKind.ADVICE,), note="Talked through falls alarms", close=True)

        made = services.outcomes_record(contact=contact, choice=choice, version=contact.version, actor=practitioner)

        contact.refresh_from_db()
        assert [o.kind for o in made] == [OutcomeKind.ADVICE]
        assert contact.status == ContactStatus.CLOSED
        assert contact.closed_by == practitioner
        assert events("front_door.outcomes.recorded") == 1
        assert events("front_door.contact.closed") == 1

    def test_connecting_to_a_team_puts_a_request_in_its_queue(
        self, contact: Contact, practitioner: User, other_team: Team
    ):
        choice = services.OutcomeChoice(
            kinds=(OutcomeKind.CONNECTED_TO_TEAM,), team_id=other_team.pk, request_reason="Assess for care at home"
        )

        made = services.outcomes_record(contact=contact, choice=choice, version=contact.version, actor=practitioner)

        request = SupportRequest.objects.get()
        assert made[0].support_request == request
        assert (request.team, request.person, request.reason) == (other_team, contact.person, "Assess for care at home")
        assert request.urgency == contact.urgency
        assert request.status == RequestStatus.WAITING
        assert events("front_door.request.created") == 1

    def test_a_request_without_its_own_reason_carries_the_callers(
        self, contact: Contact, practitioner: User, other_team: Team
    ):
        choice = services.OutcomeChoice(kinds=(OutcomeKind.CONNECTED_TO_TEAM,), team_id=other_team.pk)

        services.outcomes_record(contact=contact, choice=choice, version=None, actor=practitioner)

        assert SupportRequest.objects.get().reason == contact.reason

    def test_a_team_must_be_chosen_and_cannot_be_the_front_door(
        self, contact: Contact, practitioner: User, front_door_team: Team
    ):
        for team_id in (None, front_door_team.pk):
            choice = services.OutcomeChoice(kinds=(OutcomeKind.CONNECTED_TO_TEAM,), team_id=team_id)
            with pytest.raises(DomainError) as refused:
                services.outcomes_record(contact=contact, choice=choice, version=None, actor=practitioner)
            assert refused.value.field == "team"
        assert SupportRequest.objects.count() == 0
        assert ContactOutcome.objects.count() == 0

    def test_a_safeguarding_outcome_hands_a_concern_over(self, contact: Contact, practitioner: User):
        choice = services.OutcomeChoice(
            kinds=(OutcomeKind.SAFEGUARDING,), concern_summary="Bruises on both arms; says a carer grabbed her"
        )

        made = services.outcomes_record(contact=contact, choice=choice, version=None, actor=practitioner)

        concern = Concern.objects.get()
        assert made[0].concern_reference == concern.uuid
        assert concern.person == contact.person
        assert concern.source_reference == contact.reference
        assert events("safeguarding.concern.raised") == 1

    def test_a_safeguarding_outcome_needs_the_concern_described(self, contact: Contact, practitioner: User):
        choice = services.OutcomeChoice(kinds=(OutcomeKind.SAFEGUARDING,))
        with pytest.raises(DomainError) as refused:
            services.outcomes_record(contact=contact, choice=choice, version=None, actor=practitioner)
        assert refused.value.field == "concern_summary"
        assert Concern.objects.count() == 0
        assert ContactOutcome.objects.count() == 0

    def test_handing_on_needs_a_person(
        self, contact_make: Callable[..., Contact], practitioner: User, other_team: Team
    ):
        contact = contact_make()
        choice = services.OutcomeChoice(kinds=(OutcomeKind.CONNECTED_TO_TEAM,), team_id=other_team.pk)
        with pytest.raises(DomainError, match="Link the contact to a person"):
            services.outcomes_record(contact=contact, choice=choice, version=None, actor=practitioner)

    def test_signposted_needs_services_on_the_list(self, contact: Contact, practitioner: User):
        choice = services.OutcomeChoice(kinds=(OutcomeKind.SIGNPOSTED,))
        with pytest.raises(DomainError, match="Pick the community services first"):
            services.outcomes_record(contact=contact, choice=choice, version=None, actor=practitioner)

    def test_no_further_action_stands_alone(self, contact: Contact, practitioner: User):
        choice = services.OutcomeChoice(kinds=(OutcomeKind.NO_FURTHER_ACTION, OutcomeKind.ADVICE))
        with pytest.raises(DomainError, match="No further action cannot be chosen with other outcomes"):
            services.outcomes_record(contact=contact, choice=choice, version=None, actor=practitioner)

    def test_the_same_outcome_is_not_recorded_twice(self, contact: Contact, practitioner: User):
        choice = services.OutcomeChoice(kinds=(OutcomeKind.ADVICE,))
        services.outcomes_record(contact=contact, choice=choice, version=None, actor=practitioner)
        with pytest.raises(DomainError, match="Already recorded for this contact: Information and advice given"):
            services.outcomes_record(contact=contact, choice=choice, version=None, actor=practitioner)

    def test_a_stale_form_is_refused(self, contact: Contact, practitioner: User):
        old = contact.version
        services.conversation_record(
            contact=contact, notes=services.ConversationNotes(conversation_type=1, what_matters="x"), actor=practitioner
        )
        choice = services.OutcomeChoice(kinds=(OutcomeKind.ADVICE,))

        with pytest.raises(StaleVersion):
            services.outcomes_record(contact=contact, choice=choice, version=old, actor=practitioner)
        assert ContactOutcome.objects.count() == 0

    def test_a_closed_contact_takes_no_more_outcomes(self, contact: Contact, practitioner: User):
        advised_and_closed(contact, practitioner)
        with pytest.raises(DomainError, match="This contact is closed"):
            services.outcomes_record(
                contact=contact,
                choice=services.OutcomeChoice(kinds=(OutcomeKind.EQUIPMENT,)),
                version=None,
                actor=practitioner,
            )

    def test_closing_needs_an_outcome(self, contact: Contact, practitioner: User):
        with pytest.raises(DomainError, match="Record the outcome of the contact before closing it"):
            services.contact_close(contact=contact, version=None, actor=practitioner)


class TestSignposting:
    def test_attaches_services_once(
        self, contact: Contact, practitioner: User, lunch_club: Service, befriending: Service
    ):
        services.signposting_add(contact=contact, services=[lunch_club], actor=practitioner)
        made = services.signposting_add(contact=contact, services=[lunch_club, befriending], actor=practitioner)

        assert [s.service_name for s in made] == ["Wirral befriending"]
        assert Signposting.objects.count() == 2
        assert events("front_door.signposted") == 2
        with pytest.raises(DomainError, match="already on the list"):
            services.signposting_add(contact=contact, services=[lunch_club], actor=practitioner)

    def test_then_the_outcome_can_say_signposted(self, contact: Contact, practitioner: User, lunch_club: Service):
        services.signposting_add(contact=contact, services=[lunch_club], actor=practitioner)

        services.outcomes_record(
            contact=contact,
            choice=services.OutcomeChoice(kinds=(OutcomeKind.SIGNPOSTED,)),
            version=None,
            actor=practitioner,
        )

        assert contact.outcomes.get().kind == OutcomeKind.SIGNPOSTED

    def test_a_list_already_given_keeps_its_services(self, contact: Contact, practitioner: User, lunch_club: Service):
        [given] = services.signposting_add(contact=contact, services=[lunch_club], actor=practitioner)
        services.outcomes_record(
            contact=contact,
            choice=services.OutcomeChoice(kinds=(OutcomeKind.SIGNPOSTED,)),
            version=None,
            actor=practitioner,
        )
        with pytest.raises(DomainError, match="stays on the record"):
            services.signposting_remove(signposting=given, actor=practitioner)

    def test_removes_before_it_is_given(self, contact: Contact, practitioner: User, lunch_club: Service):
        [given] = services.signposting_add(contact=contact, services=[lunch_club], actor=practitioner)
        services.signposting_remove(signposting=given, actor=practitioner)
        assert Signposting.objects.count() == 0

    def test_emails_the_list(self, contact: Contact, practitioner: User, lunch_club: Service):
        services.signposting_add(contact=contact, services=[lunch_club], actor=practitioner)

        services.signposting_email(contact=contact, to="ann@example.com", body="The list", actor=practitioner)

        assert len(mail.outbox) == 1
        assert mail.outbox[0].to == ["ann@example.com"]
        assert contact.reference in mail.outbox[0].subject
        assert events("front_door.signposting.emailed") == 1

    def test_an_empty_list_is_not_emailed(self, contact: Contact, practitioner: User):
        with pytest.raises(DomainError, match="no services on the list"):
            services.signposting_email(contact=contact, to="ann@example.com", body="", actor=practitioner)
        assert mail.outbox == []


class TestFollowUps:
    def test_plans_and_records_a_call(self, contact: Contact, practitioner: User):
        due = clock.today() + timedelta(days=14)
        follow_up = services.follow_up_add(
            contact=contact, due_on=due, note="Has the alarm arrived?", assigned_to=practitioner, actor=practitioner
        )
        services.follow_up_done(follow_up=follow_up, what_happened="Alarm fitted; feels safer", actor=practitioner)

        follow_up.refresh_from_db()
        assert follow_up.done_by == practitioner
        assert events("front_door.follow_up.planned") == events("front_door.follow_up.done") == 1
        with pytest.raises(DomainError, match="already done"):
            services.follow_up_done(follow_up=follow_up, what_happened="again", actor=practitioner)

    @pytest.mark.parametrize(("days", "message"), [(-1, "due today or later"), (367, "due within a year")])
    def test_the_date_must_be_sensible(self, contact: Contact, practitioner: User, days: int, message: str):
        with pytest.raises(DomainError, match=message):
            services.follow_up_add(
                contact=contact,
                due_on=clock.today() + timedelta(days=days),
                note="",
                assigned_to=None,
                actor=practitioner,
            )
        assert FollowUp.objects.count() == 0


class TestAllocation:
    def test_a_manager_allocates_to_someone_in_the_team(self, contact: Contact, manager: User, practitioner: User):
        services.contact_allocate(contact=contact, worker=practitioner, actor=manager)

        contact.refresh_from_db()
        assert contact.allocated_to == practitioner
        assert events("front_door.contact.allocated") == 1

    def test_the_allocation_is_recorded_by_name_not_by_id(self, contact: Contact, manager: User, practitioner: User):
        services.contact_allocate(contact=contact, worker=practitioner, actor=manager)

        event = AuditEvent.objects.get(action="front_door.contact.allocated")
        assert event.changes == {"allocated_to": ["", "Priya Shah"]}

    def test_a_practitioner_may_only_take_it_themselves(
        self, contact: Contact, practitioner: User, business_support: User
    ):
        with pytest.raises(NotPermitted):
            services.contact_allocate(contact=contact, worker=business_support, actor=practitioner)
        services.contact_allocate(contact=contact, worker=practitioner, actor=practitioner)
        contact.refresh_from_db()
        assert contact.allocated_to == practitioner

    def test_a_contact_closed_since_the_page_was_read_is_not_allocated(
        self, contact: Contact, manager: User, practitioner: User
    ):
        as_read = Contact.objects.get(pk=contact.pk)
        advised_and_closed(contact, practitioner)

        with pytest.raises(DomainError, match="This contact is closed"):
            services.contact_allocate(contact=as_read, worker=practitioner, actor=manager)
        contact.refresh_from_db()
        assert contact.allocated_to is None

    def test_not_to_someone_outside_the_team(self, contact: Contact, manager: User, outsider: User):
        with pytest.raises(DomainError, match="is not in Wirral front door"):
            services.contact_allocate(contact=contact, worker=outsider, actor=manager)
