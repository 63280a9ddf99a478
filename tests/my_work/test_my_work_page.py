"""The "my work" page (people:my_work) with the sections every app registers: what each app says the
signed-in member of staff has to do, with counts, links and empty states, read in a number of
queries that does not grow with the work."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from tandem.assessments import services as assessments
from tandem.core import clock
from tandem.identity.models import Membership, Team, TeamKind
from tandem.safeguarding import services as safeguarding
from tandem.safeguarding.tests.conftest import concern_details
from tandem.workforce import services as workforce
from tandem.workforce.tests.conftest import profile_for

MY_WORK = reverse("people:my_work")
BORN = date(1950, 5, 1)


def _case_for(person, team, practitioner, manager):
    case = workforce.case_open(person=person, team=team, summary="Needs a Care Act assessment", actor=practitioner)
    return workforce.case_allocate(case=case, worker=practitioner, reason="Knows her", version=None, actor=manager)


@pytest.fixture
def profiles(practitioner, manager, team):
    profile_for(practitioner, team, manager)
    profile_for(manager, team, manager)


def test_a_practitioner_sees_their_cases_with_the_next_step_and_their_drafts(
    client, practitioner, manager, person, team, profiles, read
):
    case = _case_for(person, team, practitioner, manager)
    draft = assessments.assessment_start(
        person=person, started_from="review", requested_on=clock.today() - timedelta(days=40), actor=practitioner
    )
    client.force_login(practitioner)

    response = client.get(MY_WORK)

    page = read(response)
    html = response.content.decode()
    assert response.status_code == 200
    assert page.title.startswith("My work")
    assert "My cases 1 item" in page.text
    assert f'href="{reverse("workforce:case", args=[case.uuid])}">Mary Smith</a>' in html
    assert "Next step: Complete the needs assessment." in page.text
    assert "Assessments in draft 1 item" in page.text
    assert f'href="{reverse("assessments:assessment", args=[draft.uuid])}"' in html
    assert "Overdue" in page.text  # 40 days since it was asked for, past the 28-day local target
    assert "You have no plans in draft." in page.text
    assert "You have no reviews due in the next eight weeks." in page.text
    assert "My teams" not in page.text


def test_with_nothing_to_do_each_section_says_so(client, practitioner, read):
    client.force_login(practitioner)

    page = read(client.get(MY_WORK))

    assert "No cases are allocated to you." in page.text
    assert "You have no assessments in draft." in page.text
    assert "You have no follow-up calls due today or overdue." in page.text
    assert "No actions are outstanding on enquiries you lead." in page.text


def test_a_manager_sees_what_waits_for_their_authorisation_and_sign_off(
    client, practitioner, manager, person, team, profiles, read
):
    from tandem.support_plans.tests.plan_data import eligible_assessment_make

    completed = eligible_assessment_make(person, practitioner)
    client.force_login(manager)

    response = client.get(MY_WORK)

    page = read(response)
    assert "My teams" in page.text
    assert "Assessments waiting for authorisation 1 item" in page.text
    assert f'href="{reverse("assessments:assessment", args=[completed.uuid])}"' in response.content.decode()
    assert "No plans in your teams are waiting for sign-off." in page.text
    assert "No concluded enquiries in your teams are waiting for your sign-off." in page.text
    assert "Cases waiting for allocation 0 items" in page.text


def test_the_safeguarding_unit_sees_open_enquiries_with_their_stage_and_age(
    client, practitioner, user_factory, organisation, person, read
):
    unit = Team.objects.create(name="Safeguarding Adults Unit", kind=TeamKind.SAFEGUARDING, organisation=organisation)
    sgmanager = user_factory(username="sgmanager", role="team_manager", teams=[unit])
    Membership.objects.create(user=practitioner, team=unit)
    concern = safeguarding.concern_raise(
        person=person, summary="", source="safeguarding", actor=practitioner, details=concern_details(), team=unit
    )
    safeguarding.concern_triage(
        test=safeguarding.Section42Test(True, True, True),
        concern=concern,
        decision="section_42",
        reason="Duty met",
        version=None,
        lead=practitioner,
        actor=practitioner,
    )
    concern.refresh_from_db()
    enquiry = concern.enquiry
    type(enquiry).objects.filter(pk=enquiry.pk).update(started_on=clock.today() - timedelta(days=12))
    client.force_login(sgmanager)

    response = client.get(MY_WORK)

    page = read(response)
    assert "Safeguarding Adults Unit" in page.text
    assert "Open section 42 enquiries 1 item" in page.text
    assert "The adult's outcomes to be asked (lead: Priya Shah)" in page.text
    assert "Open 12 days" in page.text
    assert f'href="{reverse("safeguarding:enquiry", args=[enquiry.uuid])}"' in response.content.decode()


def test_a_system_administrator_is_told_their_role_has_no_casework(client, administrator, read):
    client.force_login(administrator)

    page = read(client.get(MY_WORK))

    assert "Your role has no casework here." in page.text


def test_it_lists_only_the_first_ten_and_counts_the_rest(
    client, practitioner, manager, team, profiles, person_make, read
):
    for number in range(12):
        _case_for(
            person_make(given_name=f"Person{number}", family_name="Jones", date_of_birth=BORN),
            team,
            practitioner,
            manager,
        )
    client.force_login(practitioner)

    page = read(client.get(MY_WORK))

    assert "My cases 12 items" in page.text
    assert "Showing the first 10 of 12." in page.text


def test_its_queries_do_not_grow_with_the_work(
    client, practitioner, manager, team, profiles, person_make, django_assert_max_num_queries
):
    _case_for(person_make(given_name="First", family_name="Jones", date_of_birth=BORN), team, practitioner, manager)
    client.force_login(practitioner)
    client.get(MY_WORK)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        client.get(MY_WORK)
    for number in range(15):
        _case_for(
            person_make(given_name=f"More{number}", family_name="Jones", date_of_birth=BORN),
            team,
            practitioner,
            manager,
        )

    with django_assert_max_num_queries(len(one.captured_queries) + 1):  # the count of the cases, now more than 10
        client.get(MY_WORK)


def test_reviews_due_and_plans_waiting_for_sign_off_each_reach_the_right_person(
    client, practitioner, manager, person, read
):
    from tandem.support_plans import services as plans
    from tandem.support_plans.models import PlanReview
    from tandem.support_plans.tests.plan_data import agree, eligible_assessment_make, plan_ready_make

    kept = plan_ready_make(
        plans.plan_start(assessment=eligible_assessment_make(person, practitioner), actor=practitioner), practitioner
    )
    agree(kept, practitioner)
    PlanReview.objects.filter(plan=kept).update(due_on=clock.today() - timedelta(days=2))
    costly = plan_ready_make(
        plans.plan_start(assessment=eligible_assessment_make(person, practitioner), actor=practitioner),
        practitioner,
        hours="60",
        pence=9000,
    )
    costly = agree(costly, practitioner)
    assert costly.awaiting_sign_off

    client.force_login(practitioner)
    mine = read(client.get(MY_WORK))
    client.force_login(manager)
    response = client.get(MY_WORK)
    theirs = read(response)

    assert "Reviews due 1 item" in mine.text
    assert "Mary Smith: planned review" in mine.text
    assert "Overdue" in mine.text
    assert "Care and support plans waiting for sign-off 1 item" in theirs.text
    assert f'href="{reverse("support_plans:plan", args=[costly.uuid])}"' in response.content.decode()


def test_a_front_door_worker_sees_their_contacts_and_follow_ups_due(
    client, practitioner, manager, person, organisation, read
):
    from tandem.front_door import services as front_door
    from tandem.front_door.models import FollowUp
    from tandem.front_door.tests.conftest import details

    Membership.objects.create(
        user=practitioner,
        team=Team.objects.create(name="Wirral front door", kind=TeamKind.FRONT_DOOR, organisation=organisation),
    )
    contact = front_door.contact_record(details=details(), person=person, actor=practitioner)
    front_door.contact_allocate(contact=contact, worker=practitioner, actor=practitioner)
    follow_up = front_door.follow_up_add(
        contact=contact,
        due_on=clock.today(),
        note="Ring Ann about the falls",
        assigned_to=practitioner,
        actor=practitioner,
    )
    FollowUp.objects.filter(pk=follow_up.pk).update(due_on=clock.today() - timedelta(days=1))
    client.force_login(practitioner)

    response = client.get(MY_WORK)

    page = read(response)
    assert "Front-door contacts allocated to me 1 item" in page.text
    assert "Follow-ups due 1 item" in page.text
    assert "Ring Ann about the falls" in page.text
    assert f'href="{reverse("front_door:contact", args=[contact.uuid])}"' in response.content.decode()
