"""The network page: everyone in the person's network now, and who has left it."""

from django.urls import reverse

from tandem.people.services import network_member_add, network_member_end


def _add(person, actor, name, *, carer=False):
    return network_member_add(
        person=person,
        name=name,
        relationship="friend",
        what_they_do="Shops on Fridays",
        contact="",
        is_unpaid_carer=carer,
        linked_person=None,
        actor=actor,
    )


def test_it_lists_carers_first_and_then_by_name(client, practitioner, person):
    _add(person, practitioner, "Zara Hughes")
    _add(person, practitioner, "Amir Khan")
    _add(person, practitioner, "Megan Lloyd", carer=True)
    client.force_login(practitioner)

    response = client.get(reverse("people:network", args=[person.uuid]))

    page = response.content.decode()
    assert response.status_code == 200
    assert page.index("Megan Lloyd") < page.index("Amir Khan") < page.index("Zara Hughes")


def test_it_shows_who_has_left_the_network_separately(client, practitioner, person):
    _add(person, practitioner, "Amir Khan")
    gone = _add(person, practitioner, "Zara Hughes")
    network_member_end(member=gone, actor=practitioner)
    client.force_login(practitioner)

    response = client.get(reverse("people:network", args=[person.uuid]))

    page = response.content.decode()
    assert page.index("Amir Khan") < page.index("No longer in the network") < page.index("Zara Hughes")


def test_an_empty_network_says_so(client, practitioner, person):
    client.force_login(practitioner)

    response = client.get(reverse("people:network", args=[person.uuid]))

    assert "No one is recorded in the network now." in response.content.decode()


def test_the_summary_links_to_the_network_only_when_it_shows_part_of_it(client, practitioner, person):
    for n in range(10):
        _add(person, practitioner, f"Neighbour {n}")
    client.force_login(practitioner)
    link = "See everyone in"

    assert link not in client.get(reverse("people:summary", args=[person.uuid])).content.decode()
    _add(person, practitioner, "Neighbour 10")
    assert link in client.get(reverse("people:summary", args=[person.uuid])).content.decode()


def _link_restricted(person, restricted_person, practitioner):
    """The restricted person is Mary's carer; a member of the holding team linked the records."""
    return network_member_add(
        person=person,
        name="Rowan Trelawney",
        relationship="sibling",
        what_they_do="Visits every evening",
        contact="07700 900123",
        is_unpaid_carer=True,
        linked_person=restricted_person,
        actor=practitioner,
    )


def test_a_link_to_a_restricted_record_shows_only_that_it_is_restricted(
    client, practitioner, outsider, person, restricted_person
):
    member = _link_restricted(person, restricted_person, practitioner)
    client.force_login(outsider)

    pages = [
        client.get(reverse("people:summary", args=[person.uuid])).content.decode(),
        client.get(reverse("people:network", args=[person.uuid])).content.decode(),
        client.get(reverse("people:network_end", args=[person.uuid, member.uuid])).content.decode(),
    ]

    for page in pages:
        assert "A restricted record" in page
        for detail in ("Rowan", "Trelawney", "Sibling", "sibling", "Visits every evening", "07700 900123"):
            assert detail not in page


def test_a_member_of_the_holding_team_sees_the_link_in_full(client, practitioner, person, restricted_person):
    _link_restricted(person, restricted_person, practitioner)
    client.force_login(practitioner)

    summary = client.get(reverse("people:summary", args=[person.uuid])).content.decode()
    network = client.get(reverse("people:network", args=[person.uuid])).content.decode()

    for page in (summary, network):
        assert "Rowan Trelawney" in page
        assert "Visits every evening" in page
        assert "A restricted record" not in page


def test_someone_who_broke_the_glass_sees_the_link_in_full_while_it_lasts(
    client, practitioner, outsider, person, restricted_person
):
    _link_restricted(person, restricted_person, practitioner)
    client.force_login(outsider)
    client.post(reverse("people:break_glass", args=[restricted_person.uuid]), {"reason": "Hospital discharge today"})

    page = client.get(reverse("people:network", args=[person.uuid])).content.decode()

    assert "Rowan Trelawney" in page
