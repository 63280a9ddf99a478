"""A contact about someone carries their banner and hazard warnings (issue 15): warnings follow the person."""

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from tandem.front_door.models import Contact
from tandem.people.models import HazardWarning, Person

WARNING = "1 active hazard warning Animals: Two large dogs: ask for them to be shut away before visiting"


@pytest.mark.parametrize(
    "name", ["contact", "conversation_add", "outcome_add", "signpost", "services_list", "follow_up_add", "close"]
)
def test_a_page_of_a_contact_about_someone_with_a_warning_shows_it(
    signed_in: Client, contact: Contact, warning: HazardWarning, read, name: str
):
    response = signed_in.get(reverse(f"front_door:{name}", args=[contact.uuid]))

    page = read(response)
    assert response.status_code == 200
    assert WARNING in page.text
    assert "Mary Smith" in page.text


def test_the_contact_page_shows_the_banner_of_the_person(signed_in: Client, contact: Contact, person: Person, read):
    response = signed_in.get(reverse("front_door:contact", args=[contact.uuid]))

    assert 'class="tandem-person-banner"' in response.content.decode()
    assert person.local_id in read(response).text
    assert "active hazard warning" not in read(response).text


def test_a_contact_about_no_one_yet_has_no_banner(signed_in: Client, contact_make: Callable[..., Contact], read):
    contact = contact_make()

    response = signed_in.get(reverse("front_door:contact", args=[contact.uuid]))

    assert "tandem-person-banner" not in response.content.decode()
    assert "Not yet linked to a person" in read(response).text


def test_an_ended_warning_is_not_shown(signed_in: Client, contact: Contact, warning: HazardWarning, read):
    warning.ends_on = warning.starts_on
    warning.save()

    page = read(signed_in.get(reverse("front_door:contact", args=[contact.uuid])))

    assert "active hazard warning" not in page.text
