"""Recording a contact: find or create the person, then the contact; the queue; the contact page."""

from collections.abc import Callable
from datetime import timedelta

from django.test import Client
from django.urls import reverse

from tandem.front_door.codes import ContactSource, Urgency
from tandem.front_door.models import Contact
from tandem.identity.models import Team, User
from tandem.people.codes import Ethnicity, Gender
from tandem.people.models import Person

NEW = reverse("front_door:contact_new")
QUEUE = reverse("front_door:queue")


def form(**changes: object) -> dict[str, object]:
    return {
        "source": ContactSource.FAMILY_OR_FRIEND,
        "caller_name": "Ann Smith",
        "caller_relationship": "Daughter",
        "caller_phone": "0151 496 0000",
        "route": "phone",
        "reason": "Mum fell twice this month",
        "urgency": Urgency.SOON,
    } | changes


def test_it_starts_by_finding_the_person(signed_in: Client, person: Person, read):
    response = signed_in.get(NEW, {"q": "Mary Smith"})

    assert response.status_code == 200
    assert read(response).title == "Record a contact – Tandem"
    assert f"?person={person.uuid}" in response.content.decode()
    assert "Record the contact without a person" in read(response).text


def test_then_records_the_contact_about_the_person(signed_in: Client, person: Person, audit):
    response = signed_in.post(f"{NEW}?person={person.uuid}", form())

    contact = Contact.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("front_door:contact", args=[contact.uuid])
    assert contact.person == person
    assert contact.caller_name == "Ann Smith"
    assert audit.actions() == ["front_door.contact.recorded"]


def test_bad_input_keeps_what_was_typed(signed_in: Client, person: Person, read):
    response = signed_in.post(f"{NEW}?person={person.uuid}", form(reason="", caller_name=""))

    page = read(response)
    assert response.status_code == 400
    assert page.error_summary == ["Write the reason for contact, in the caller's own words"]
    assert page.values["caller_relationship"] == "Daughter"
    assert page.values["caller_phone"] == "0151 496 0000"
    assert Contact.objects.count() == 0


def test_a_service_refusal_keeps_what_was_typed_too(signed_in: Client, person: Person, read):
    response = signed_in.post(f"{NEW}?person={person.uuid}", form(caller_name=""))

    page = read(response)
    assert response.status_code == 400
    assert page.error_summary == ["Give the name of the person or organisation who made contact"]
    assert page.values["reason"] == "Mum fell twice this month"


def test_an_anonymous_contact_has_no_person(signed_in: Client):
    response = signed_in.post(f"{NEW}?person=none", form(source=ContactSource.ANONYMOUS, caller_name=""))

    assert response.status_code == 302
    assert Contact.objects.get().person is None


def test_an_unknown_person_is_not_found(signed_in: Client):
    assert signed_in.get(f"{NEW}?person=nonsense").status_code == 404


def test_a_restricted_record_asks_to_break_the_glass(
    client: Client, outsider: User, restricted_person: Person, front_door_team: Team
):
    client.force_login(outsider)

    response = client.get(f"{NEW}?person={restricted_person.uuid}")

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("people:break_glass", args=[restricted_person.uuid]))


def test_a_new_record_comes_back_to_the_contact(signed_in: Client):
    response = signed_in.post(
        f"{reverse('people:create')}?next={NEW}",
        {
            "given_name": "Zebedee",
            "family_name": "Quartermaine",
            "gender": Gender.MALE,
            "ethnicity": Ethnicity.NOT_KNOWN,
        },
    )

    created = Person.objects.get(family_name="Quartermaine")
    assert response.status_code == 302
    assert response["Location"] == f"{NEW}?person={created.uuid}"


def test_a_new_record_does_not_go_off_site(signed_in: Client):
    response = signed_in.post(
        f"{reverse('people:create')}?next=//evil.example/",
        {
            "given_name": "Zebedee",
            "family_name": "Quartermaine",
            "gender": Gender.MALE,
            "ethnicity": Ethnicity.NOT_KNOWN,
        },
    )

    assert response["Location"] == reverse("people:summary", args=[Person.objects.get(family_name="Quartermaine").uuid])


def test_the_queue_puts_the_most_urgent_first_then_the_longest_waiting(
    signed_in: Client, contact_make: Callable[..., Contact], set_clock, read
):
    from tandem.core import clock

    start = clock.now()
    set_clock(start - timedelta(days=2))
    old_routine = contact_make(urgency=Urgency.ROUTINE, reason="old routine")
    set_clock(start - timedelta(days=1))
    older_urgent = contact_make(urgency=Urgency.URGENT, reason="older urgent")
    set_clock(start)
    newer_urgent = contact_make(urgency=Urgency.URGENT, reason="newer urgent")

    html = signed_in.get(QUEUE).content.decode()

    positions = [html.index(c.reference) for c in (older_urgent, newer_urgent, old_routine)]
    assert positions == sorted(positions)
    assert "3 open contacts" in read(signed_in.get(QUEUE)).text


def test_the_queue_filters_to_my_contacts(
    signed_in: Client, contact_make: Callable[..., Contact], practitioner: User, manager: User
):
    from tandem.front_door import services

    mine = contact_make()
    theirs = contact_make()
    services.contact_allocate(contact=mine, worker=practitioner, actor=manager)

    html = signed_in.get(QUEUE, {"allocated": "me"}).content.decode()

    assert mine.reference in html
    assert theirs.reference not in html


def test_the_queue_has_an_empty_state(signed_in: Client, read):
    assert "No open contacts match" in read(signed_in.get(QUEUE)).text


def test_a_contact_about_a_restricted_record_is_hidden_from_other_teams(
    client: Client, outsider: User, restricted_person: Person, contact_make: Callable[..., Contact], manager: User
):
    contact = contact_make(person=restricted_person, actor=manager)
    client.force_login(outsider)

    assert client.get(reverse("front_door:contact", args=[contact.uuid])).status_code == 404
    assert contact.reference not in client.get(QUEUE).content.decode()


def test_the_contact_page_costs_a_fixed_number_of_queries(
    signed_in: Client, contact: Contact, django_assert_max_num_queries
):
    with django_assert_max_num_queries(16):
        response = signed_in.get(reverse("front_door:contact", args=[contact.uuid]))
    assert response.status_code == 200


def test_link_a_contact_to_a_person(signed_in: Client, contact_make: Callable[..., Contact], person: Person, audit):
    contact = contact_make()
    url = reverse("front_door:contact_link_person", args=[contact.uuid])

    assert f'value="{person.uuid}"' in signed_in.get(url, {"q": "Mary Smith"}).content.decode()
    response = signed_in.post(url, {"person": str(person.uuid)})

    contact.refresh_from_db()
    assert response.status_code == 302
    assert contact.person == person
    assert audit.actions()[-1] == "front_door.contact.linked"


def test_the_contact_page_shows_the_reason_as_markup_not_as_text(signed_in: Client, contact: Contact):
    html = signed_in.get(reverse("front_door:contact", args=[contact.uuid])).content.decode()

    assert '<span class="tandem-own-words">' in html
    assert "&lt;span" not in html


def test_the_new_contact_page_names_the_person_in_bold_not_in_tags(signed_in: Client, person: Person):
    html = signed_in.get(f"{NEW}?person={person.uuid}").content.decode()

    assert "About <strong>Mary Smith</strong>, born 12 March 1948, CH41 2AB" in html
    assert "&lt;strong" not in html


def test_what_the_caller_typed_is_still_escaped(signed_in: Client, contact_make: Callable[..., Contact]):
    contact = contact_make(reason="<b>help</b>")
    html = signed_in.get(reverse("front_door:contact", args=[contact.uuid])).content.decode()

    assert '<span class="tandem-own-words">&lt;b&gt;help&lt;/b&gt;</span>' in html
