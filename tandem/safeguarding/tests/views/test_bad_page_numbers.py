"""An absurd page number on the triage queue is the last page or the first, never a server error."""

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from tandem.identity.models import User
from tandem.people.models import Person
from tandem.safeguarding.models import Concern


@pytest.mark.parametrize("number", ["99999999999999999999", "9" * 400, "abc", "-1", "0", "1e400", "", "٣"])
def test_an_absurd_page_number_shows_a_page_of_the_queue(
    client: Client, worker: User, concern_make: Callable[..., Concern], person: Person, number: str
):
    concern_make(person=person)
    client.force_login(worker)

    response = client.get(reverse("safeguarding:triage_queue"), {"page": number})

    assert response.status_code == 200
    assert "Mary Smith" in response.content.decode()
