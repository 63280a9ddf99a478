"""Workforce pages: scope, bounded queries on the list pages, the allocation form and drill-downs."""

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from tandem.identity.models import Membership
from tandem.workforce import forms, rules, services
from tandem.workforce.codes import CaseStatus
from tandem.workforce.tests.conftest import profile_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client: Client, manager) -> Client:
    client.force_login(manager)
    return client


def test_the_team_caseload_view_reads_a_fixed_number_of_queries_however_many_practitioners(
    signed_in, team, manager, user_factory, person_factory, django_assert_num_queries
):
    for n in range(30):
        worker = user_factory(username=f"worker{n}", teams=[team])
        profile_for(worker, team, manager, fte=Decimal("0.8"))
        case = services.case_open(person=person_factory(), team=team, summary="Work", actor=manager)
        services.case_allocate(case=case, worker=worker, reason="Room", version=None, actor=manager)
    url = reverse("workforce:team_caseloads", args=[team.uuid])

    # session, user, team, memberships, rules, profiles, caseload sums; then the session's first refresh (3)
    with django_assert_num_queries(10):
        response = signed_in.get(url)

    assert response.status_code == 200
    assert response.content.decode().count('href="/workforce/practitioners/') == 30


def test_the_dashboard_reads_a_fixed_number_of_queries(signed_in, waiting, django_assert_max_num_queries):
    with django_assert_max_num_queries(20):
        response = signed_in.get(reverse("workforce:dashboard"))

    assert response.status_code == 200
    assert "People waiting" in response.content.decode()


def test_a_team_the_worker_is_not_in_is_not_found(client, outsider, team):
    client.force_login(outsider)

    assert client.get(reverse("workforce:team_caseloads", args=[team.uuid])).status_code == 404
    assert client.get(reverse("workforce:waiting_list", args=[team.uuid])).status_code == 404


def test_allocating_without_a_reason_keeps_the_choice_and_allocates_nothing(signed_in, waiting, practitioner):
    url = reverse("workforce:case_allocate", args=[waiting.uuid])

    response = signed_in.post(url, {"worker": str(practitioner.pk), "reason": "", "version": waiting.version})

    page = response.content.decode()
    assert response.status_code == 400
    assert "Say why this practitioner should hold the case" in page
    assert f'value="{practitioner.pk}" checked' in page
    waiting.refresh_from_db()
    assert waiting.status == CaseStatus.WAITING


def test_allocating_from_the_page_puts_the_case_on_the_practitioners_caseload(signed_in, waiting, practitioner):
    url = reverse("workforce:case_allocate", args=[waiting.uuid])
    page = signed_in.get(url).content.decode()
    assert "Room for it" in page

    response = signed_in.post(url, {"worker": str(practitioner.pk), "reason": "Has room", "version": waiting.version})

    assert response.status_code == 302
    caseload = signed_in.get(reverse("workforce:practitioner", args=[practitioner.uuid])).content.decode()
    assert "Mary Smith" in caseload


def test_the_drill_down_of_a_figure_lists_its_cases(signed_in, waiting):
    page = signed_in.get(reverse("workforce:dashboard_figure", args=["waiting"])).content.decode()

    assert "Mary Smith" in page
    assert signed_in.get(reverse("workforce:dashboard_figure", args=["nonsense"])).status_code == 404


def test_the_summary_shows_the_allocated_case_with_who_holds_it(signed_in, waiting, practitioner, manager, person):
    services.case_allocate(case=waiting, worker=practitioner, reason="Room", version=None, actor=manager)

    page = signed_in.get(reverse("people:summary", args=[person.uuid])).content.decode()

    assert f"Allocated to {practitioner.first_name} {practitioner.last_name}" in page


def test_rules_editing_is_refused_to_a_manager_who_is_not_the_principal_social_worker(signed_in):
    assert signed_in.get(reverse("workforce:rules_edit")).status_code == 403
    assert signed_in.get(reverse("workforce:rules")).status_code == 200


def test_a_new_version_of_the_rules_from_the_form(client, manager):
    manager.profession = "principal_social_worker"
    manager.save()
    client.force_login(manager)
    assert client.get(reverse("workforce:rules_edit")).status_code == 200
    data = {key: str(value) for key, value in forms.rules_initial(rules.DEFAULT_RULES).items()}
    data |= {
        "points_assessment": "6",
        "new_label": "Hoarding",
        "new_kind": "complexity",
        "new_points": "3",
        "reason": "Assessments are heavier than we thought",
    }

    response = client.post(reverse("workforce:rules_edit"), data)

    assert response.status_code == 302
    rules_page = client.get(reverse("workforce:rules")).content.decode()
    assert "Version 1" in rules_page
    assert "Hoarding" in rules_page


def test_the_allocation_page_lists_each_practitioner_once_even_in_two_teams(
    signed_in, waiting, team, other_team, manager, user_factory
):
    worker = user_factory(username="twoteams", first_name="Tess", last_name="Twoteams", teams=[team, other_team])
    profile_for(worker, team, manager)

    response = signed_in.get(reverse("workforce:case_allocate", args=[waiting.uuid]))

    page = response.content.decode()
    assert response.status_code == 200
    assert page.count("Tess Twoteams") == 1
    assert page.count("Priya Shah") == 1
    assert "Room for it: 100 of 100 points free after taking it" in page


def test_the_dashboard_names_each_team_as_its_row_heading(team, other_team, manager, signed_in):
    """On a phone the figures by team scroll sideways under their row headings, which stay in view."""
    Membership.objects.create(user=manager, team=other_team)

    html = signed_in.get(reverse("workforce:dashboard")).content.decode()

    assert "tandem-table-scroll--row-headings" in html
    for name in (team.name, other_team.name):
        assert f'<th scope="row" class="govuk-table__header">{name}</th>' in html
