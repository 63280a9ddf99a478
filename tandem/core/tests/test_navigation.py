"""The service navigation: the links a role may use, the open page marked, names escaped."""

import re

import pytest
from django.test import Client

from tandem.core import navigation


def nav_of(html: str) -> list[tuple[str, bool]]:
    found = re.search(r'<ul class="govuk-service-navigation__list".*?</nav>', html, re.S)
    assert found is not None
    items = re.findall(
        r'<li class="govuk-service-navigation__item( govuk-service-navigation__item--active)?">(.*?)</li>',
        found.group(0),
        re.S,
    )
    return [(re.sub(r"<[^>]+>|\s+", " ", text).strip(), bool(active)) for active, text in items]


@pytest.mark.django_db
def test_a_practitioner_sees_their_work_and_the_open_page_is_marked(client: Client, practitioner):
    client.force_login(practitioner)

    links = nav_of(client.get("/people/").content.decode())

    assert links[:2] == [("My work", False), ("People", True)]
    assert [text for text, _ in links] == ["My work", "People", "Warnings", "Front door", "Priya Shah"]
    more = re.search(r'<ul class="tandem-more__list">(.*?)</ul>', client.get("/people/").content.decode(), re.S)
    assert more is not None
    assert re.findall(r">([^<>]+)</a>", more.group(1)) == [
        "Safeguarding",
        "Reviews",
        "Workforce",
        "Prevention",
        "Directory",
        "Discharge hub",
    ]
    assert [active for _, active in links].count(True) == 1


@pytest.mark.django_db
def test_the_account_link_carries_the_name_escaped_and_is_marked_on_account_pages(client: Client, practitioner):
    practitioner.first_name, practitioner.last_name = "<Sam>", "O'Neill & Co"
    practitioner.save()
    client.force_login(practitioner)

    html = client.get("/account/").content.decode()

    assert nav_of(html)[-1] == ("&lt;Sam&gt; O&#39;Neill &amp; Co", True)
    assert "<Sam>" not in html


@pytest.mark.django_db
def test_a_manager_also_reviews_break_glass_access(client: Client, manager):
    client.force_login(manager)

    html = client.get("/people/").content.decode()

    assert "Break-glass</a>" in html


@pytest.mark.django_db
def test_every_page_signs_out_by_a_post_with_the_requests_token(client: Client, practitioner):
    client.force_login(practitioner)

    html = client.get("/people/").content.decode()

    form = re.search(r'<form method="post" action="/sign-out/">(.*?)</form>', html, re.S)
    assert form is not None
    assert re.search(r'name="csrfmiddlewaretoken" value="[^"]+"', form.group(1))
    assert "Sign out" in form.group(1)


def test_every_link_names_a_permission_and_a_page():
    assert all(link.permission and link.url_name and link.text for link in navigation.links())


def test_the_apps_links_stand_in_the_order_of_their_positions():
    assert [link.url_name for link in navigation.links()] == [
        "people:my_work",
        "people:search",
        "people:warnings_due",
        "front_door:queue",
        "safeguarding:triage_queue",
        "support_plans:reviews_due",
        "workforce:home",
        "prevention:risk_worklist",
        "support_plans:provider_packages",
        "directory:manage",
        "prevention:discharge_board",
        "access:break_glass_list",
        "identity:staff_list",
        "interop:partner_list",
    ]
