"""Breaking the glass: a restricted record opens outside its teams for a reason managers will see."""

import pytest
from django.urls import reverse

from tandem.access.models import BreakGlass

TOO_SHORT = "Give the reason you need to open this record (at least 10 characters)"


@pytest.fixture
def url(restricted_person):
    summary = reverse("people:summary", args=[restricted_person.uuid])
    return f"{reverse('people:break_glass', args=[restricted_person.uuid])}?next={summary}"


def test_it_refuses_and_asks_why(client, outsider, url, open_page):
    page = open_page(client, outsider, url, "This record is restricted", status=403)
    assert page.values == {"next": url.split("?next=")[1], "reason": ""}
    assert "Trelawney" not in page.text


def test_no_reason_is_a_problem(client, outsider, url, read, audit):
    client.force_login(outsider)

    response = client.post(url, {"reason": ""})

    page = read(response)
    assert response.status_code == 400
    assert page.title == "Error: This record is restricted – Tandem"
    assert "There is a problem" in page.text
    assert page.error_summary == ["Give a reason"]
    assert BreakGlass.objects.count() == 0
    assert audit.actions() == []


def test_a_short_reason_is_a_problem_and_keeps_what_was_typed(client, outsider, url, read, audit):
    client.force_login(outsider)

    response = client.post(url, {"reason": "Visit"})

    page = read(response)
    assert response.status_code == 400
    assert page.error_summary == [TOO_SHORT]
    assert page.field_errors == [TOO_SHORT]
    assert page.values["reason"] == "Visit"
    assert BreakGlass.objects.count() == 0
    assert audit.actions() == []


def test_a_reason_opens_the_record_with_one_audit_event(client, outsider, restricted_person, url, audit):
    client.force_login(outsider)

    response = client.post(url, {"reason": "Hospital discharge planning today"})

    assert response.status_code == 302
    assert response["Location"] == reverse("people:summary", args=[restricted_person.uuid])
    assert BreakGlass.objects.get().user == outsider
    [event] = audit.events()
    assert (event.action, event.reason) == ("access.glass.broken", "Hospital discharge planning today")


def test_a_next_page_on_another_site_is_ignored(client, outsider, restricted_person):
    client.force_login(outsider)

    response = client.post(
        reverse("people:break_glass", args=[restricted_person.uuid]) + "?next=https://evil.example/",
        {"reason": "Hospital discharge planning today"},
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("people:summary", args=[restricted_person.uuid])
