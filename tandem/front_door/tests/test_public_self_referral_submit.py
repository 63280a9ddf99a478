"""self_referral_submit: a request for help typed by the public becomes a contact in the front-door queue."""

import re
from datetime import date, timedelta

import pytest

from tandem.audit import services as audit_services
from tandem.audit.models import AuditEvent
from tandem.core import clock
from tandem.core.errors import DomainError
from tandem.front_door import services
from tandem.front_door.codes import ContactRoute, ContactSource, ContactStatus, Urgency
from tandem.front_door.models import Contact
from tandem.front_door.services import (
    SELF_REFERRAL_ANSWER_NAMES,
    SELF_REFERRAL_LIMITS,
    SELF_REFERRAL_TOTAL_LIMIT,
    self_referral_submit,
)
from tandem.front_door.tests.public_answers import referral

REFERENCE = re.compile(rf"^[{services.REFERENCE_ALPHABET}]{{4}}-[{services.REFERENCE_ALPHABET}]{{4}}$")


@pytest.fixture
def front_door_team(team_factory, front_door_team):
    """The root fixtures' front door, with another team beside it."""
    team_factory(name="Hospital discharge team")
    return front_door_team


def test_it_puts_the_request_in_the_front_door_queue_about_no_one_yet(front_door_team):
    contact = self_referral_submit(referral=referral())

    contact.refresh_from_db()
    assert contact.team == front_door_team
    assert contact.route == ContactRoute.ONLINE_FORM
    assert contact.source == ContactSource.SELF
    assert contact.urgency == Urgency.ROUTINE
    assert contact.status == ContactStatus.OPEN
    assert contact.person is None
    assert contact.recorded_by is None
    assert contact.caller_name == "Margaret Okafor"
    assert contact.caller_relationship == ""
    assert contact.caller_phone == "07700 900982"
    assert contact.is_self_assessment is False


def test_the_reference_can_be_read_down_the_phone(front_door_team):
    contact = self_referral_submit(referral=referral())

    assert REFERENCE.match(contact.reference)
    assert not set(contact.reference) & set("01ILO")


def test_someone_asking_for_another_person_is_family_or_friend(front_door_team):
    contact = self_referral_submit(
        referral=referral(for_self=False, helper_name="Grace Okafor", helper_relationship="Daughter")
    )

    assert contact.source == ContactSource.FAMILY_OR_FRIEND
    assert contact.caller_name == "Grace Okafor"
    assert contact.caller_relationship == "Daughter"
    assert contact.reason.startswith("Grace Okafor (Daughter) asked for help online for Margaret Okafor.")


def test_the_answers_are_kept_as_plain_json_tidied(front_door_team):
    contact = self_referral_submit(referral=referral(date_of_birth=date(1948, 3, 12), email=" m@example.org "))

    contact.refresh_from_db()
    assert contact.submission == {
        "form": "ask_for_help",
        "version": 1,
        "answers": {
            "for_self": True,
            "helper_name": "",
            "helper_relationship": "",
            "given_name": "Margaret",
            "family_name": "Okafor",
            "date_of_birth": "1948-03-12",
            "no_fixed_address": False,
            "address_line_1": "12 Acacia Road",
            "address_line_2": "",
            "town": "Birkenhead",
            "postcode": "CH41 1AA",
            "what_matters": "Staying in my own home",
            "hard_outcomes": ["a", "e"],
            "hard_in_own_words": "The stairs",
            "who_helps": "My daughter",
            "unpaid_carer": "yes",
            "self_funder": "no",
            "self_assessment": False,
            "phone": "07700 900982",
            "email": "m@example.org",
            "best_time": "",
        },
    }


def test_the_reason_gives_staff_every_answer_under_its_question(front_door_team):
    contact = self_referral_submit(referral=referral(date_of_birth=date(1948, 3, 12), best_time="Mornings"))

    assert contact.reason == "\n".join(
        [
            "Margaret Okafor asked for help online for themselves.",
            "",
            "What matters to them:",
            "Staying in my own home",
            "",
            "What is hard:",
            "- Getting enough to eat and drink (managing and maintaining nutrition)",
            "- Moving around the home safely (being able to make use of the adult's home safely)",
            "In their own words:",
            "The stairs",
            "",
            "Who helps now:",
            "My daughter",
            "Is someone an unpaid carer: Yes",
            "Pays for their own care, or expects to: No",
            "",
            "About them: Margaret Okafor, born 12 March 1948",
            "Address: 12 Acacia Road, Birkenhead, CH41 1AA",
            "Contact: phone 07700 900982",
            "Best time to contact: Mornings",
        ]
    )


def test_it_is_audited_with_no_one_as_the_actor(front_door_team):
    contact = self_referral_submit(referral=referral())

    event = AuditEvent.objects.get(action="front_door.contact.submitted_online")
    assert event.actor_id is None
    assert event.actor_name == "System"
    assert event.person_uuid is None
    assert event.target_id == str(contact.pk)
    assert event.summary == f"Online request for help {contact.reference} (The person themselves)"


def test_a_self_funder_can_make_it_a_self_assessment(front_door_team):
    contact = self_referral_submit(referral=referral(self_funder="yes", self_assessment=True))

    assert contact.is_self_assessment is True
    assert "asked for this to count as a self-assessment" in contact.reason
    assert AuditEvent.objects.get(action="front_door.contact.submitted_online").summary.startswith(
        "Online self-assessment "
    )


def test_someone_with_no_settled_address_need_not_give_a_postcode(front_door_team):
    contact = self_referral_submit(
        referral=referral(no_fixed_address=True, address_line_1="", town="", postcode="", email="m@example.org")
    )

    assert "Address: no settled address" in contact.reason


def test_no_settled_address_with_a_street_address_is_refused(front_door_team):
    _refused(
        {"no_fixed_address": True, "address_line_1": "12 Acacia Road"},
        "no_fixed_address",
        "No settled address cannot come with a street address: give only the town and postcode where they are staying",
    )


def _refused(change: dict, field: str | None, message: str) -> None:
    with pytest.raises(DomainError) as refused:
        self_referral_submit(referral=referral(**change))

    assert (refused.value.field, refused.value.message) == (field, message)
    assert Contact.objects.count() == 0
    assert AuditEvent.objects.count() == 0


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"given_name": "  "}, "given_name", "Enter the first name of the person who needs help"),
        ({"family_name": ""}, "family_name", "Enter the last name of the person who needs help"),
        ({"what_matters": ""}, "what_matters", "Say what matters to the person who needs help"),
        ({"for_self": False}, "helper_name", "Enter your name"),
        (
            {"for_self": False, "helper_name": "Grace"},
            "helper_relationship",
            "Enter your relationship to the person who needs help",
        ),
        ({"address_line_1": ""}, "address_line_1", "Enter the first line of the address"),
        ({"postcode": ""}, "postcode", "Enter a postcode"),
        ({"postcode": "CH41"}, "postcode", "Enter a full UK postcode, like CH41 5LH"),
        ({"hard_outcomes": ("k",)}, "hard_outcomes", "Select what is hard from the list"),
        (
            {"hard_outcomes": (), "hard_in_own_words": ""},
            "hard_outcomes",
            "Select what is hard, or describe it in your own words",
        ),
        ({"unpaid_carer": "maybe"}, "unpaid_carer", "Select whether someone is an unpaid carer"),
        ({"self_funder": ""}, "self_funder", "Select whether they pay for their own care, or expect to"),
        (
            {"self_assessment": True},
            None,
            "Only someone who pays for their own care can ask for a self-assessment here",
        ),
        ({"phone": "", "email": ""}, "phone", "Enter a phone number or an email address, or both"),
        ({"phone": "call me"}, "phone", "Enter a telephone number, like 01632 960 001 or 07700 900 982"),
        ({"phone": "12345"}, "phone", "Enter a telephone number, like 01632 960 001 or 07700 900 982"),
        (
            {"email": "grace.example.org"},
            "email",
            "Enter an email address in the correct format, like name@example.com",
        ),
        ({"date_of_birth": date(1870, 1, 1)}, "date_of_birth", "Date of birth must be after 1880"),
    ],
)
def test_it_checks_every_answer_again_and_creates_nothing_when_one_is_wrong(front_door_team, change, field, message):
    _refused(change, field, message)


def test_a_date_of_birth_in_the_future_is_refused(front_door_team):
    _refused({"date_of_birth": clock.today() + timedelta(days=1)}, "date_of_birth", "Date of birth must be in the past")


@pytest.mark.parametrize("name", sorted(SELF_REFERRAL_LIMITS))
def test_every_answer_has_a_size_limit(front_door_team, name):
    limit = SELF_REFERRAL_LIMITS[name]

    _refused(
        {name: "x" * (limit + 1)}, name, f"{SELF_REFERRAL_ANSWER_NAMES[name]} must be {limit:,} characters or fewer"
    )


def test_a_null_character_is_refused_before_the_database_sees_it(front_door_team):
    _refused({"what_matters": "My garden\x00"}, "what_matters", "What matters must not contain null characters")


def test_the_answers_together_have_a_size_limit(front_door_team):
    # Each answer within its own limit, but together over the total.
    long: dict[str, object] = dict.fromkeys(("what_matters", "hard_in_own_words", "who_helps"), "x" * 1500)
    long |= {"address_line_1": "x" * 200, "address_line_2": "x" * 200, "best_time": "x" * 200}
    long |= {"for_self": False, "helper_name": "x" * 200, "helper_relationship": "x" * 100, "town": "x" * 100}
    long |= {"given_name": "x" * 100, "family_name": "x" * 100}
    assert sum(len(value) for value in long.values() if isinstance(value, str)) > SELF_REFERRAL_TOTAL_LIMIT

    _refused(long, "answers", "Your answers are too long altogether: shorten them to 5,000 characters or fewer")


def test_nothing_is_kept_if_the_audit_cannot_be_written(front_door_team, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("audit log unavailable")

    monkeypatch.setattr(audit_services, "record", broken)

    with pytest.raises(RuntimeError):
        self_referral_submit(referral=referral())

    assert Contact.objects.count() == 0


def test_without_a_front_door_team_nothing_is_created(db):
    _refused({}, None, "There is no front-door team: ask a system administrator to set one up")
