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
