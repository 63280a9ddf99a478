"""An online "ask for help" request, as staff read it and turn it into a person's record."""

import re
from datetime import date
from html import unescape as html_unescape
from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client
from django.urls import reverse

from tandem.core.care_act import ADULT_BY_CODE
from tandem.front_door import services
from tandem.front_door.models import Contact
from tandem.front_door.tests.public_answers import referral
from tandem.people.codes import Ethnicity, Gender
from tandem.people.models import Person
from tests.conftest import person_make

NEW_RECORD = {
    "given_name": "Margaret",
    "family_name": "Okafor",
    "gender": Gender.FEMALE,
    "ethnicity": Ethnicity.NOT_KNOWN,
    "date_of_birth-day": "12",
    "date_of_birth-month": "3",
    "date_of_birth-year": "1948",
}


@pytest.fixture
def online(front_door_team) -> Contact:
    return services.self_referral_submit(referral=referral(date_of_birth=date(1948, 3, 12)))


def _page(client: Client, contact: Contact) -> str:
    return client.get(reverse("front_door:contact", args=[contact.uuid])).content.decode()


def test_the_answers_read_as_questions_and_answers_in_plain_words(signed_in: Client, online: Contact):
    html = _page(signed_in, online)

    assert "ask_for_help" not in html
    assert "Hard outcomes" not in html
    assert "Version" not in html
    assert "[&#39;a&#39;" not in html
    assert "What is hard" in html
    assert "Do they pay for their own care, or expect to?" in html
    assert "12 March 1948" in html


def test_what_is_hard_is_named_not_coded(signed_in: Client, online: Contact):
    html = _page(signed_in, online)

    assert ADULT_BY_CODE["a"].plain.replace("'", "&#39;") in html
    assert ADULT_BY_CODE["e"].plain.replace("'", "&#39;") in html


def test_find_their_record_searches_by_the_name_and_date_of_birth_given(signed_in: Client, online: Contact):
    person_make(given_name="Margaret", family_name="Okafor", date_of_birth=date(1948, 3, 12))
    html = _page(signed_in, online)
    link = reverse("front_door:contact_link_person", args=[online.uuid])

    assert f'{link}?q=Margaret+Okafor+12%2F03%2F1948"' in html
    found = signed_in.get(link, {"q": "Margaret Okafor 12/03/1948"}).content.decode()
    assert "Margaret Okafor" in found
    assert ">Link<" in found


def test_a_new_record_is_prefilled_from_the_answers_and_comes_back_to_link(signed_in: Client, online: Contact, read):
    link = reverse("front_door:contact_link_person", args=[online.uuid])
    found = signed_in.get(link, {"q": "Margaret Okafor"}).content.decode()
    match = re.search(r'href="(/people/new/[^"]*)"', found)
    assert match is not None
    create_url = html_unescape(match[1])
    query = parse_qs(urlsplit(create_url).query)

    assert query["next"] == [link]
    form = read(signed_in.get(create_url))
    assert form.values["given_name"] == "Margaret"
    assert form.values["family_name"] == "Okafor"
    assert form.values["postcode"] == "CH41 1AA"
    assert form.values["date_of_birth-year"] == "1948"

    made = signed_in.post(
        create_url,
        NEW_RECORD,
    )
    person = Person.objects.get(family_name="Okafor")
    assert made.status_code == 302
    assert made["Location"] == f"{link}?person={person.uuid}"
    back = signed_in.get(made["Location"]).content.decode()
    assert f'value="{person.uuid}"' in back


def test_a_new_record_still_checks_for_duplicates(signed_in: Client, online: Contact):
    person_make(given_name="Margaret", family_name="Okafor", date_of_birth=date(1948, 3, 12))
    link = reverse("front_door:contact_link_person", args=[online.uuid])
    response = signed_in.post(
        f"{reverse('people:create')}?next={link}",
        NEW_RECORD,
    )

    assert response.status_code == 200
    assert Person.objects.filter(family_name="Okafor").count() == 1
