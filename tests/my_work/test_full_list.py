"""One "my work" section's full list (people:my_work_section): every item a page at a time, for
sections that have no list of their own elsewhere, so nothing on "my work" is out of reach."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tandem.assessments import services as assessments
from tandem.core import clock

MY_WORK = reverse("people:my_work")
DRAFTS = reverse("people:my_work_section", args=["assessments.drafts"])


@pytest.fixture
def drafts(person, practitioner):
    """27 needs assessments in draft for one practitioner: more than a page of the full list (25)."""
    asked = clock.today() - timedelta(days=3)
    return [
        assessments.assessment_start(person=person, started_from="review", requested_on=asked, actor=practitioner)
        for _ in range(27)
    ]


def test_a_section_longer_than_my_work_shows_links_to_its_full_list(client, practitioner, drafts, read):
    client.force_login(practitioner)

    response = client.get(MY_WORK)

    assert "Assessments in draft 27 items" in read(response).text
    assert "Showing the first 10 of 27." in read(response).text
    assert f'href="{DRAFTS}"' in response.content.decode()


def test_the_full_list_shows_every_item_a_page_at_a_time(client, practitioner, drafts, read):
    client.force_login(practitioner)
    links = {reverse("assessments:assessment", args=[draft.uuid]) for draft in drafts}

    first, second = client.get(DRAFTS), client.get(DRAFTS + "?page=2")

    shown = set()
    for response, count in ((first, 25), (second, 2)):
        html = response.content.decode()
        assert response.status_code == 200
        on_page = {link for link in links if f'href="{link}"' in html}
        assert len(on_page) == count
        shown |= on_page
    assert shown == links  # each draft once, none left out
    assert "27 items, page 1 of 2" in read(first).text
    assert read(first).title.startswith("Assessments in draft")


@pytest.mark.parametrize(
    ("asked", "shown"),
    [
        ("abc", "page 1 of 2"),
        ("0", "page 1 of 2"),
        ("-3", "page 1 of 2"),
        ("99", "page 2 of 2"),
        ("9" * 40, "page 2 of 2"),
    ],
)
def test_a_page_number_that_is_not_one_shows_the_nearest(client, practitioner, drafts, read, asked, shown):
    client.force_login(practitioner)

    response = client.get(f"{DRAFTS}?page={asked}")

    assert response.status_code == 200
    assert shown in read(response).text


def test_an_empty_section_says_so(client, practitioner, read):
    client.force_login(practitioner)

    response = client.get(DRAFTS)

    assert response.status_code == 200
    assert "You have no assessments in draft." in read(response).text


def test_work_the_member_of_staff_does_not_have_is_not_found(client, practitioner):
    client.force_login(practitioner)
    assert client.get(reverse("people:my_work_section", args=["no.such.section"])).status_code == 404
    # The managers' section is not a practitioner's work.
    assert client.get(reverse("people:my_work_section", args=["assessments.to_authorise"])).status_code == 404


def test_the_full_list_reads_only_its_own_section(client, practitioner, drafts):
    client.force_login(practitioner)
    client.get(MY_WORK)  # the session and the caches warm

    with CaptureQueriesContext(connection) as whole:
        client.get(MY_WORK)
    with CaptureQueriesContext(connection) as one:
        client.get(DRAFTS)

    drafts_read = [q for q in one.captured_queries if "assessments_needsassessment" in q["sql"]]
    assert len(drafts_read) == 2  # the count and the page
    assert len(one.captured_queries) < len(whole.captured_queries)
