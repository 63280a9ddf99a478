"""The Safeguarding Adults Unit's full list of open section 42 enquiries (safeguarding:open_enquiries):
every enquiry not yet signed off, with its stage and age, sorted by age or stage, a page at a time,
for the unit's safeguarding staff only; the "my work" section links to it."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tandem.core import clock
from tandem.safeguarding import services, worklists
from tandem.safeguarding.models import Enquiry, EnquiryAction, PlanningMeeting
from tandem.safeguarding.tests.conftest import concern_details
from tandem.safeguarding.views.enquiries import OPEN_PER_PAGE
from tests.conftest import page_read as read
from tests.personas import person_make

BORN = date(1944, 3, 9)
OPEN = reverse("safeguarding:open_enquiries")
MY_WORK = reverse("people:my_work")


@pytest.fixture
def enquiry_make(worker, safeguarding_unit, person):
    """`enquiry_make(days_open, person=...)`: a section 42 enquiry led by the unit's worker, open that many days."""

    def make(days_open: int, *, who=None) -> Enquiry:
        concern = services.concern_raise(
            person=who or person,
            summary="",
            source="safeguarding",
            actor=worker,
            details=concern_details(),
            team=safeguarding_unit,
        )
        services.concern_triage(
            test=services.Section42Test(True, True, True),
            concern=concern,
            decision="section_42",
            reason="Duty met",
            version=None,
            lead=worker,
            actor=worker,
        )
        enquiry = Enquiry.objects.get(concern=concern)
        Enquiry.objects.filter(pk=enquiry.pk).update(started_on=clock.today() - timedelta(days=days_open))
        enquiry.refresh_from_db()
        return enquiry

    return make


def _rows(response) -> list[list[str]]:
    """The table's rows, each as its cells' text."""
    from html.parser import HTMLParser

    class Cells(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.rows: list[list[str]] = []
            self.cell: list[str] | None = None
            self.body = False

        def handle_starttag(self, tag, attrs):
            if tag == "tbody":
                self.body = True
            elif tag == "tr" and self.body:
                self.rows.append([])
            elif tag in {"td", "th"} and self.body:
                self.cell = []

        def handle_endtag(self, tag):
            if tag in {"td", "th"} and self.cell is not None:
                self.rows[-1].append(" ".join("".join(self.cell).split()))
                self.cell = None
            elif tag == "tbody":
                self.body = False

        def handle_data(self, data):
            if self.cell is not None:
                self.cell.append(data)

    reader = Cells()
    reader.feed(response.content.decode())
    return reader.rows


def test_the_unit_sees_every_open_enquiry_with_its_stage_and_age(client, worker, enquiry_make):
    older = enquiry_make(40, who=person_make(given_name="Ada", family_name="Price", date_of_birth=BORN))
    newer = enquiry_make(3, who=person_make(given_name="Ben", family_name="Cole", date_of_birth=BORN))
    client.force_login(worker)

    response = client.get(OPEN)

    assert response.status_code == 200
    page = read(response)
    assert page.title == "Open section 42 enquiries – Tandem"
    assert "2 enquiries, the longest open first." in page.text
    assert _rows(response) == [
        ["Ada Price", "The adult's outcomes to be asked", worker.get_full_name(), _long(older.started_on), "40 days"],
        ["Ben Cole", "The adult's outcomes to be asked", worker.get_full_name(), _long(newer.started_on), "3 days"],
    ]
    html = response.content.decode()
    assert f'href="{reverse("safeguarding:enquiry", args=[older.uuid])}"' in html


def _long(day) -> str:
    from tandem.core.presenters import format_date

    return format_date(day)


def test_a_signed_off_enquiry_leaves_the_list_and_one_waiting_for_sign_off_stays(
    client, worker, sg_manager, enquiry_make
):
    waiting = enquiry_make(20)
    closed = enquiry_make(30)
    Enquiry.objects.filter(pk=waiting.pk).update(
        concluded_on=clock.today(), outcomes_asked="asked_expressed", risk_assessment="identified", action_taken=True
    )
    Enquiry.objects.filter(pk=closed.pk).update(
        concluded_on=clock.today(),
        outcomes_asked="asked_expressed",
        risk_assessment="identified",
        action_taken=True,
        signed_off_at=timezone.now(),
        signed_off_by=sg_manager,
    )
    client.force_login(worker)

    rows = _rows(client.get(OPEN))

    assert [row[1] for row in rows] == ["Concluded: waiting for a manager's sign-off"]


def test_each_stage_is_named_in_the_order_the_work_is_done(client, worker, enquiry_make):
    """The database's stage (which the list sorts on) names the first step not yet done."""
    made = [enquiry_make(days) for days in range(70, 0, -10)]  # seven, the oldest first
    no_lead, _outcomes_to_ask, meeting, plan, actions, ready, concluded = made
    Enquiry.objects.filter(pk=no_lead.pk).update(lead=None)
    later = [meeting, plan, actions, ready, concluded]
    Enquiry.objects.filter(pk__in=[e.pk for e in later]).update(outcomes_asked="asked_expressed")
    for enquiry in [plan, actions, ready]:
        PlanningMeeting.objects.create(
            enquiry=enquiry, held_on=clock.today(), attendees="The adult", notes="", recorded_by=worker
        )
    Enquiry.objects.filter(pk__in=[actions.pk, ready.pk]).update(plan="Daily visits")
    EnquiryAction.objects.create(enquiry=actions, description="Visit the home", owner="Police", due_on=clock.today())
    EnquiryAction.objects.create(
        enquiry=ready, description="Call the GP", owner="GP", due_on=clock.today(), done_on=clock.today()
    )
    Enquiry.objects.filter(pk=concluded.pk).update(
        concluded_on=clock.today(), risk_assessment="identified", action_taken=True
    )
    client.force_login(worker)

    by_stage = _rows(client.get(OPEN, {"sort": "stage"}))

    assert [row[1] for row in by_stage] == list(worklists.STAGES)
    assert [row[1] for row in _rows(client.get(OPEN))] == list(worklists.STAGES)  # made oldest first too


def test_it_sorts_by_stage_then_age_and_says_so(client, worker, enquiry_make):
    enquiry_make(50, who=person_make(given_name="Ada", family_name="Price", date_of_birth=BORN))
    late = enquiry_make(10, who=person_make(given_name="Ben", family_name="Cole", date_of_birth=BORN))
    enquiry_make(30, who=person_make(given_name="Cy", family_name="Dunn", date_of_birth=BORN))
    Enquiry.objects.filter(pk=late.pk).update(lead=None)
    client.force_login(worker)

    response = client.get(OPEN, {"sort": "stage"})

    assert [row[0] for row in _rows(response)] == ["Ben Cole", "Ada Price", "Cy Dunn"]
    assert "3 enquiries, the earliest stage first, then the longest open." in read(response).text
    html = response.content.decode()
    assert 'aria-sort="ascending"' in html
    assert 'href="?sort=age"' in html


def test_an_unknown_sort_is_by_age(client, worker, enquiry_make):
    enquiry_make(5)
    client.force_login(worker)

    response = client.get(OPEN, {"sort": "'; drop table"})

    assert response.status_code == 200
    assert "1 enquiry, the longest open first." in read(response).text


def test_it_shows_a_page_at_a_time_keeping_the_order(client, worker, enquiry_make):
    for days in range(OPEN_PER_PAGE + 1):
        enquiry_make(days + 1)
    client.force_login(worker)

    first = client.get(OPEN, {"sort": "stage"})
    second = client.get(OPEN, {"sort": "stage", "page": 2})
    past_the_end = client.get(OPEN, {"page": 99})

    assert len(_rows(first)) == OPEN_PER_PAGE
    assert _rows(second) == [_rows(second)[0]]
    assert _rows(second)[0][4] == "1 day"
    assert "sort=stage&amp;page=2" in first.content.decode()
    assert _rows(past_the_end) == _rows(second)


def test_with_no_open_enquiries_it_says_so(client, worker):
    client.force_login(worker)

    page = read(client.get(OPEN))

    assert "The unit has no open section 42 enquiries." in page.text
    assert "enquiries, the longest open first" not in page.text


def test_another_teams_enquiries_are_not_listed(client, worker, enquiry_make, user_factory, organisation):
    from tandem.identity.models import Team, TeamKind

    enquiry_make(5)
    elsewhere = Team.objects.create(name="North Safeguarding", kind=TeamKind.SAFEGUARDING, organisation=organisation)
    stranger = user_factory(username="north.worker", role="practitioner", teams=[elsewhere])
    client.force_login(stranger)

    response = client.get(OPEN)

    assert response.status_code == 200
    assert _rows(response) == []


@pytest.mark.parametrize("who", ["practitioner", "business_support", "administrator"])
def test_only_the_units_safeguarding_staff_may_see_it(client, who, request, enquiry_make):
    """A locality practitioner (in no safeguarding team), and roles that do no safeguarding work."""
    enquiry_make(5)
    client.force_login(request.getfixturevalue(who))

    response = client.get(OPEN)

    assert response.status_code == 403
    assert "Mary Smith" not in response.content.decode()


def test_my_work_links_to_it_when_there_are_more_than_it_shows(client, worker, enquiry_make):
    for days in range(worklists.UNIT_SHOWN + 1):
        enquiry_make(days + 1)
    client.force_login(worker)

    response = client.get(MY_WORK)

    assert f"Showing the first {worklists.UNIT_SHOWN} of {worklists.UNIT_SHOWN + 1}." in read(response).text
    assert f'href="{OPEN}">See them all' in response.content.decode()


def test_my_work_links_to_it_when_all_fit(client, worker, enquiry_make):
    enquiry_make(5)
    client.force_login(worker)

    html = client.get(MY_WORK).content.decode()

    assert f'href="{OPEN}">Go to the full list<span class="govuk-visually-hidden">: open section 42 enquiries' in html


def test_an_actions_due_date_hint_names_next_year(client, worker, enquiry_make):
    """A due date is ahead: its example is next year's, never a year fixed in the page."""
    enquiry = enquiry_make(5)
    client.force_login(worker)

    page = read(client.get(reverse("safeguarding:action_add", args=[enquiry.uuid])))

    assert f"For example, 27 3 {clock.today().year + 1}" in page.text
