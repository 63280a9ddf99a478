"""Starting a carer's assessment from the record of the person cared for, alone or jointly."""

# pytest hands a test its fixtures as positional arguments, however many it needs.

from datetime import timedelta

import pytest
from django.urls import reverse

from tandem.assessments.models import NeedsAssessment
from tandem.assessments.tests.records import unpaid_carer_make
from tandem.core import clock
from tandem.people.models import NetworkMember

from .conftest import url


def start_url(person):
    return reverse("assessments:carer_assessment_start", args=[person.uuid])


@pytest.fixture
def carer(person, practitioner):
    return unpaid_carer_make(person=person, practitioner=practitioner)


def when(days: int = 2) -> dict[str, int]:
    asked = clock.today() - timedelta(days=days)
    return {"requested_on-day": asked.day, "requested_on-month": asked.month, "requested_on-year": asked.year}


def test_the_summary_links_to_it(signed_in, person, read):
    page = read(signed_in.get(reverse("people:summary", args=[person.uuid])))

    assert "Start a carer's assessment for someone who cares for Mary" in page.text


def test_the_page_offers_the_carers_in_the_network_and_the_drafts_to_join(signed_in, person, carer, draft, read):
    page = read(signed_in.get(start_url(person)))

    assert page.title == "Start a carer's assessment – Tandem"
    assert "John Smith, spouse or partner" in page.text
    asked = clock.today() - timedelta(days=3)
    assert (
        f"Yes, with the needs assessment Priya Shah started on {clock.today():%-d %B %Y} "
        f"(asked for on {asked:%-d %B %Y})" in page.text
    )
    assert "No, the carer's assessment is done on its own" in page.text


def test_with_no_linked_carer_the_page_says_what_to_do(signed_in, person, network_member, read):
    page = read(signed_in.get(start_url(person)))

    assert "No one in Mary's network is recorded as their unpaid carer with a record of their own" in page.text
    assert "carer" not in page.values


def test_start_a_joint_carer_s_assessment(signed_in, person, carer, draft):
    response = signed_in.post(start_url(person), {"carer": str(carer.uuid), "joint_with": str(draft.uuid), **when()})

    started = NeedsAssessment.objects.get(kind="carer")
    assert response.status_code == 302
    assert response["Location"] == url("assessment", started)
    assert (started.person, started.cared_for, started.joint_with) == (carer, person, draft)


def test_start_one_on_its_own(signed_in, person, carer):
    signed_in.post(start_url(person), {"carer": str(carer.uuid), "joint_with": "no", **when()})

    assert NeedsAssessment.objects.get(kind="carer").joint_with is None


def test_nothing_chosen_is_a_problem_and_what_was_typed_stays(signed_in, person, carer, read):
    response = signed_in.post(start_url(person), {"joint_with": "no", **when()})

    page = read(response)
    assert response.status_code == 400
    assert page.error_summary == ["Select the carer"]
    assert page.values["joint_with"] == "no"
    assert page.values["requested_on-year"] == str((clock.today() - timedelta(days=2)).year)
    assert NeedsAssessment.objects.count() == 0


def test_a_missing_date_is_a_problem(signed_in, person, carer, read):
    response = signed_in.post(start_url(person), {"carer": str(carer.uuid), "joint_with": "no"})

    assert response.status_code == 400
    assert read(response).error_summary == ["Enter the date the carer asked for an assessment, or was offered one"]


def test_business_support_cannot_start_one(client, business_support, person, carer):
    client.force_login(business_support)

    response = client.post(start_url(person), {"carer": str(carer.uuid), "joint_with": "no", **when()})

    assert response.status_code == 403
    assert NeedsAssessment.objects.count() == 0


def test_an_outsider_is_sent_to_break_the_glass_on_a_restricted_record(client, outsider, restricted_person):
    client.force_login(outsider)

    response = client.get(start_url(restricted_person))

    assert response["Location"].startswith(reverse("people:break_glass", args=[restricted_person.uuid]))


def test_a_carer_whose_record_is_closed_to_the_viewer_is_offered_only_as_a_restricted_record(
    client, person, carer, outsider, other_team, manager, draft
):
    from tandem.access.services import record_restrict

    record_restrict(person=carer, teams=[other_team], reason="Works in the Wallasey team", actor=manager)
    NetworkMember.objects.filter(linked_person=carer).update(what_they_do="Drives her to the allotment")
    client.force_login(manager)

    start = client.get(start_url(person)).content.decode()
    assessment = client.get(url("assessment", draft)).content.decode()

    assert "A restricted record" in start
    assert "A restricted record" in assessment
    for page in (start, assessment):
        assert "John Smith" not in page
        assert "Drives her to the allotment" not in page
