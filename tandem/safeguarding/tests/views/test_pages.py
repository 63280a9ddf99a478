"""Safeguarding pages: the triage queue, a concern through triage and its enquiry, DoLS and the returns."""

import re
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tandem.access.services import record_restrict
from tandem.audit.models import AuditEvent
from tandem.core import clock
from tandem.core.errors import DomainError
from tandem.identity.models import Team, User
from tandem.people.models import HazardWarning, Person
from tandem.safeguarding import services
from tandem.safeguarding.codes import ConcernStatus, DolsStatus, OutcomesAsked, RiskOutcome, TriageDecision
from tandem.safeguarding.models import Concern, DolsApplication, Enquiry
from tandem.safeguarding.tests.conftest import MET, triage


@pytest.fixture
def signed_in(client: Client, worker: User) -> Client:
    client.force_login(worker)
    return client


@pytest.fixture
def concern(concern_make: Callable[..., Concern], person: Person) -> Concern:
    return concern_make(person=person)


def _date(name: str, on: Any) -> dict[str, Any]:
    return {f"{name}-day": on.day, f"{name}-month": on.month, f"{name}-year": on.year}


def _enquiry(concern: Concern, worker: User) -> Enquiry:
    triage(concern, worker, TriageDecision.SECTION_42, test=MET, reason="Duty met")
    return Enquiry.objects.get(concern=concern)


def test_the_queue_lists_concerns_awaiting_triage_with_their_due_date(signed_in: Client, concern: Concern):
    response = signed_in.get(reverse("safeguarding:triage_queue"))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Mary Smith" in page
    assert "Family member or friend (Ann Okafor)" in page
    assert "Physical abuse" in page
    assert "working day" in page or "Due today" in page


def test_the_queue_says_so_when_nothing_is_waiting(signed_in: Client):
    response = signed_in.get(reverse("safeguarding:triage_queue"))

    assert "No concerns are waiting for triage" in response.content.decode()


def test_the_queue_can_show_only_overdue_concerns(signed_in: Client, concern: Concern):
    response = signed_in.get(reverse("safeguarding:triage_queue"), {"show": "overdue"})

    assert "No concerns are overdue" in response.content.decode()


def test_the_queue_counts_repeat_concerns(signed_in: Client, concern_make: Callable[..., Concern], person: Person):
    concern_make(person=person)
    concern_make(person=person)

    response = signed_in.get(reverse("safeguarding:triage_queue"))

    assert "1 about the adult, 1 about the provider" in response.content.decode()


def test_the_queue_refuses_staff_who_do_not_do_safeguarding_work(client: Client, business_support: User):
    client.force_login(business_support)

    assert client.get(reverse("safeguarding:triage_queue")).status_code == 403


def test_a_concern_is_raised_after_finding_the_person(signed_in: Client, person: Person, safeguarding_unit: Team):
    url = f"{reverse('safeguarding:concern_new')}?person={person.uuid}"
    today = clock.today()

    response = signed_in.post(
        url,
        {
            "summary": "Money taken from her purse",
            "raised_by_kind": "family_or_friend",
            "abuse_types": ["financial"],
            "sources_of_risk": ["known", "service_provider"],
            "provider_name": "Wirral Homecare Ltd",
            "locations": ["own_home", "community"],
            "advocate": "dont_know",
            "primary_support_reason": "memory_and_cognition",
            "team": str(safeguarding_unit.uuid),
            **_date("received_on", today),
        },
    )

    concern = Concern.objects.get(person=person)
    assert response.status_code == 302
    assert response["Location"] == reverse("safeguarding:concern", args=[concern.uuid])
    assert [a.kind for a in concern.abuse_types.all()] == ["financial"]
    assert sorted(a.kind for a in concern.risk_sources.all()) == ["known", "service_provider"]
    assert sorted(a.kind for a in concern.locations.all()) == ["community", "own_home"]
    assert (concern.advocate, concern.primary_support_reason) == ("dont_know", "memory_and_cognition")
    shown = signed_in.get(response["Location"]).content.decode()
    assert "Own home, In the community (excluding community services)" in shown
    assert "Don&#39;t know" in shown or "Don't know" in shown


def test_raising_a_concern_with_a_provider_unnamed_keeps_what_was_typed(
    signed_in: Client, person: Person, safeguarding_unit: Team
):
    url = f"{reverse('safeguarding:concern_new')}?person={person.uuid}"

    response = signed_in.post(
        url,
        {
            "summary": "Left in soiled bedding overnight",
            "raised_by_kind": "hospital",
            "sources_of_risk": ["service_provider"],
            "team": str(safeguarding_unit.uuid),
            **_date("received_on", clock.today()),
        },
    )

    page = response.content.decode()
    assert response.status_code == 400
    assert "Enter the name of the service provider" in page
    assert "Left in soiled bedding overnight" in page
    assert not Concern.objects.exists()


def test_the_concern_page_shows_the_details_and_repeats(
    signed_in: Client, concern_make: Callable[..., Concern], person: Person
):
    earlier = concern_make(person=person)
    concern = concern_make(person=person)

    response = signed_in.get(reverse("safeguarding:concern", args=[concern.uuid]))

    page = response.content.decode()
    assert "Wirral Homecare Ltd" in page
    assert "About Mary Smith (1)" in page
    assert reverse("safeguarding:concern", args=[earlier.uuid]) in page


def test_a_concern_outside_the_team_answers_404(client: Client, outsider: User, concern: Concern):
    client.force_login(outsider)

    assert client.get(reverse("safeguarding:concern", args=[concern.uuid])).status_code == 404


@pytest.mark.parametrize("page", ["concern", "concern_edit", "enquiry", "enquiry_lead"])
def test_a_page_of_a_restricted_record_sends_the_team_to_break_the_glass(
    signed_in: Client, concern: Concern, worker: User, manager: User, team: Team, page: str
):
    """The record-page kit: the concern's team may not open a record restricted to another team unseen."""
    enquiry = _enquiry(concern, worker)
    record_restrict(person=concern.person, teams=[team], reason="A member of staff", actor=manager)
    path = reverse(f"safeguarding:{page}", args=[(enquiry if page.startswith("enquiry") else concern).uuid])

    response = signed_in.get(path)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('people:break_glass', args=[concern.person.uuid])}?next={path}"
    assert not AuditEvent.objects.filter(action="people.person.viewed").exists()


def test_triage_opening_a_section_42_enquiry_goes_to_the_enquiry(signed_in: Client, concern: Concern, worker: User):
    response = signed_in.post(
        reverse("safeguarding:concern", args=[concern.uuid]),
        {
            "s42_care_needs": "yes",
            "s42_abuse_or_risk": "yes",
            "s42_unable_to_protect": "yes",
            "decision": "section_42",
            "reason": "Duty met",
            "lead": str(worker.uuid),
            "version": concern.version,
        },
    )

    enquiry = Enquiry.objects.get(concern=concern)
    assert response["Location"] == reverse("safeguarding:enquiry", args=[enquiry.uuid])
    assert enquiry.lead == worker
    concern.refresh_from_db()
    assert (concern.s42_care_needs, concern.s42_abuse_or_risk, concern.s42_unable_to_protect) == (True, True, True)


def test_triage_refuses_a_section_42_enquiry_when_the_test_is_not_met(signed_in: Client, concern: Concern):
    """Care Act 2014 s42(1)(c): unable to protect themselves because of their needs is part of the test."""
    response = signed_in.post(
        reverse("safeguarding:concern", args=[concern.uuid]),
        {
            "s42_care_needs": "yes",
            "s42_abuse_or_risk": "yes",
            "s42_unable_to_protect": "no",
            "decision": "section_42",
            "reason": "Duty met",
            "version": concern.version,
        },
    )

    assert response.status_code == 400
    assert "all three parts of the section 42 test" in response.content.decode()
    assert not Enquiry.objects.filter(concern=concern).exists()


def test_the_triage_form_asks_each_part_of_the_section_42_test(signed_in: Client, concern: Concern):
    page = signed_in.get(reverse("safeguarding:concern", args=[concern.uuid])).content.decode()

    for name in ("s42_care_needs", "s42_abuse_or_risk", "s42_unable_to_protect"):
        assert f'name="{name}"' in page


def test_triage_without_a_reason_keeps_the_decision(signed_in: Client, concern: Concern):
    response = signed_in.post(
        reverse("safeguarding:concern", args=[concern.uuid]), {"decision": "no_further_action", "version": 1}
    )

    assert response.status_code == 400
    assert "Give the reason for the decision" in response.content.decode()
    assert 'value="no_further_action" checked' in response.content.decode()
    concern.refresh_from_db()
    assert concern.status == ConcernStatus.AWAITING_TRIAGE


def test_editing_a_concern_from_a_stale_version_is_refused_keeping_the_input(signed_in: Client, concern: Concern):
    response = signed_in.post(
        reverse("safeguarding:concern_edit", args=[concern.uuid]),
        {
            "summary": "A newer account of what happened",
            "raised_by_kind": "gp",
            **_date("received_on", clock.today()),
            "version": concern.version - 1 if concern.version > 1 else 99,
        },
    )

    page = response.content.decode()
    assert response.status_code == 400
    assert "Someone else saved this concern" in page
    assert "A newer account of what happened" in page
    concern.refresh_from_db()
    assert concern.raised_by_kind == "family_or_friend"
    assert f'name="version" value="{concern.version}"' in page


def test_saving_again_after_a_conflict_applies_the_kept_input_on_top_of_the_other_save(
    signed_in: Client, concern: Concern
):
    edit = reverse("safeguarding:concern_edit", args=[concern.uuid])
    typed = {"summary": "My account", "raised_by_kind": "gp", **_date("received_on", clock.today())}
    stale = signed_in.post(edit, {**typed, "version": concern.version + 7})
    shown = re.search(r'name="version" value="(\d+)"', stale.content.decode())
    assert shown is not None

    again = signed_in.post(edit, {**typed, "version": shown.group(1)})

    assert again.status_code == 302
    concern.refresh_from_db()
    assert (concern.summary, concern.raised_by_kind) == ("My account", "gp")


def test_a_hazard_warning_raised_from_a_concern_is_the_records_own(signed_in: Client, concern: Concern):
    later = clock.today() + timedelta(days=30)

    response = signed_in.post(
        reverse("safeguarding:concern_warning", args=[concern.uuid]),
        {"category": "violence", "description": "Son can be aggressive: visit in pairs", **_date("review_on", later)},
    )

    assert response.status_code == 302
    assert HazardWarning.objects.get(person=concern.person).description == "Son can be aggressive: visit in pairs"


def test_an_enquiry_runs_to_its_conclusion_with_the_adults_outcomes(signed_in: Client, concern: Concern, worker: User):
    enquiry = _enquiry(concern, worker)
    url = lambda name: reverse(f"safeguarding:{name}", args=[enquiry.uuid])  # noqa: E731
    today = clock.today()

    signed_in.post(
        url("enquiry_outcomes"),
        {"asked": "asked_expressed", "outcomes": "I want to feel safe\n\nI want the carer changed", "version": 1},
    )
    signed_in.post(url("meeting_record"), {**_date("held_on", today), "attendees": "Police, provider"})
    signed_in.post(url("action_add"), {"description": "Visit", "owner": "Police", **_date("due_on", today)})
    signed_in.post(
        url("contribution_add"),
        {
            "contributor": "police",
            "organisation": "Merseyside Police",
            "summary": "No crime",
            **_date("received_on", today),
        },
    )
    signed_in.post(url("plan_record"), {"plan": "New carer; weekly calls", "version": 5})
    action = enquiry.actions.get()
    signed_in.post(reverse("safeguarding:action_done", args=[enquiry.uuid, action.pk]), _date("done_on", today))
    enquiry.refresh_from_db()
    first, second = enquiry.desired_outcomes.all()
    response = signed_in.post(
        url("enquiry_conclude"),
        {
            f"achieved_{first.pk}": "fully",
            f"achieved_{second.pk}": "partly",
            "risk_assessment": "identified",
            "action_taken": "yes",
            "risk_outcome": "reduced",
            "conclusion": "Carer replaced; she feels safer",
            "confirm": "on",
            "version": enquiry.version,
            **_date("concluded_on", today),
        },
    )

    enquiry.refresh_from_db()
    assert response.status_code == 302
    assert enquiry.outcomes_asked == OutcomesAsked.ASKED_AND_EXPRESSED
    assert enquiry.risk_outcome == RiskOutcome.REDUCED
    assert enquiry.meetings.count() == 1
    assert enquiry.contributions.count() == 1
    assert enquiry.plan == "New carer; weekly calls"
    assert enquiry.actions.get().done_on == today
    assert sorted(o.achieved for o in enquiry.desired_outcomes.all()) == ["fully", "partly"]
    # Concluded, but closed only on a manager's sign-off.
    assert Concern.objects.get(pk=concern.pk).status == ConcernStatus.ENQUIRY
    page = signed_in.get(url("enquiry")).content.decode()
    assert "Carer replaced" in page
    assert "Waiting for a manager" in page


def test_a_manager_signs_off_a_concluded_enquiry(client: Client, concern: Concern, worker: User, sg_manager: User):
    enquiry = _enquiry(concern, worker)
    services.enquiry_outcomes_record(enquiry=enquiry, asked="not_asked", outcomes=[], version=None, actor=worker)
    services.enquiry_conclude(
        enquiry=enquiry,
        ending=services.Conclusion(risk_assessment="no_risk", action_taken=False, risk_outcome="", conclusion="x"),
        version=None,
        actor=worker,
    )
    enquiry.refresh_from_db()
    url = reverse("safeguarding:enquiry_sign_off", args=[enquiry.uuid])

    client.force_login(worker)
    assert client.get(url).status_code == 403
    client.force_login(sg_manager)
    assert "Sign off the enquiry" in client.get(reverse("safeguarding:enquiry", args=[enquiry.uuid])).content.decode()
    response = client.post(url, {"version": enquiry.version})

    assert response.status_code == 302
    enquiry.refresh_from_db()
    assert enquiry.signed_off_by == sg_manager
    assert Concern.objects.get(pk=concern.pk).status == ConcernStatus.CLOSED


def test_concluding_asks_why_each_outstanding_action_is_not_done(signed_in: Client, concern: Concern, worker: User):
    enquiry = _enquiry(concern, worker)
    services.enquiry_outcomes_record(enquiry=enquiry, asked="not_asked", outcomes=[], version=None, actor=worker)
    action = services.action_add(
        enquiry=enquiry, description="Police to interview the carer", owner="Police", due_on=clock.today(), actor=worker
    )
    enquiry.refresh_from_db()

    response = signed_in.post(
        reverse("safeguarding:enquiry_conclude", args=[enquiry.uuid]),
        {
            "risk_assessment": "no_risk",
            "action_taken": "no",
            "conclusion": "No risk found",
            "confirm": "on",
            "version": enquiry.version,
            **_date("concluded_on", clock.today()),
        },
    )

    assert response.status_code == 400
    assert f'name="outstanding_{action.pk}"' in response.content.decode()
    enquiry.refresh_from_db()
    assert enquiry.concluded_on is None


def test_concluding_needs_the_check_ticked(signed_in: Client, concern: Concern, worker: User):
    enquiry = _enquiry(concern, worker)

    response = signed_in.post(
        reverse("safeguarding:enquiry_conclude", args=[enquiry.uuid]),
        {
            "risk_assessment": "identified",
            "action_taken": "yes",
            "risk_outcome": "removed",
            "conclusion": "Resolved",
            "version": enquiry.version,
            **_date("concluded_on", clock.today()),
        },
    )

    assert response.status_code == 400
    assert "Confirm that you have checked" in response.content.decode()
    enquiry.refresh_from_db()
    assert enquiry.concluded_on is None


@pytest.fixture
def application(person: Person, safeguarding_unit: Team, worker: User) -> DolsApplication:
    return services.dols_application_receive(
        person=person,
        team=safeguarding_unit,
        request=services.DolsRequest(
            setting="care_home",
            managing_authority="Heswall Care Home",
            received_on=clock.today(),
            urgent=True,
            urgent_given_at=clock.now(),
        ),
        actor=worker,
    )


def test_the_waiting_list_shows_the_statutory_date(signed_in: Client, application: DolsApplication):
    response = signed_in.get(reverse("safeguarding:dols_waiting_list"))

    page = response.content.decode()
    assert "Heswall Care Home" in page
    assert "Urgent" in page


def test_a_dols_application_is_received_after_finding_the_person(
    signed_in: Client, person: Person, safeguarding_unit: Team
):
    response = signed_in.post(
        f"{reverse('safeguarding:dols_receive')}?person={person.uuid}",
        {
            "setting": "hospital",
            "managing_authority": "Arrowe Park Hospital",
            "urgent": "no",
            "priority": "high",
            "team": str(safeguarding_unit.uuid),
            **_date("received_on", clock.today()),
        },
    )

    application = DolsApplication.objects.get(person=person)
    assert response["Location"] == reverse("safeguarding:dols_application", args=[application.uuid])


def test_an_urgent_application_records_when_the_home_gave_its_authorisation(
    signed_in: Client, person: Person, safeguarding_unit: Team
):
    url = f"{reverse('safeguarding:dols_receive')}?person={person.uuid}"
    yesterday = clock.today() - timedelta(days=1)
    body = {
        "setting": "care_home",
        "managing_authority": "Oak House",
        "urgent": "yes",
        "priority": "high",
        "team": str(safeguarding_unit.uuid),
        **_date("received_on", clock.today()),
        **_date("urgent_given_on", yesterday),
        "urgent_given_time": "25:70",
    }

    refused = signed_in.post(url, body)

    page = refused.content.decode()
    assert refused.status_code == 400
    assert "like 14:30" in page
    assert 'value="Oak House"' in page
    assert not DolsApplication.objects.exists()

    signed_in.post(url, body | {"urgent_given_time": "16:45"})

    application = DolsApplication.objects.get(person=person)
    given = timezone.localtime(application.urgent_given_at)
    assert (given.date(), given.hour, given.minute) == (yesterday, 16, 45)
    shown = signed_in.get(reverse("safeguarding:dols_application", args=[application.uuid])).content.decode()
    assert "Urgent authorisation ends" in shown
    ends = yesterday + timedelta(days=7)
    assert f"{ends.day} {ends:%B %Y} at 4:45pm" in shown


def test_only_a_manager_allocates_assessors(client: Client, worker: User, application: DolsApplication):
    client.force_login(worker)

    assert client.get(reverse("safeguarding:dols_allocate", args=[application.uuid])).status_code == 403


def test_a_manager_allocates_assessors(client: Client, sg_manager: User, worker: User, application: DolsApplication):
    client.force_login(sg_manager)

    client.post(
        reverse("safeguarding:dols_allocate", args=[application.uuid]),
        {"best_interests": str(worker.uuid), "mental_health": str(sg_manager.uuid)},
    )

    application.refresh_from_db()
    assert application.status == DolsStatus.ALLOCATED
    assert application.best_interests_assessor == worker


def test_granting_needs_every_requirement_met(signed_in: Client, application: DolsApplication):
    today = clock.today()

    response = signed_in.post(
        reverse("safeguarding:dols_decide", args=[application.uuid]),
        {
            "status": "granted",
            **_date("decided_on", today),
            **_date("authorised_from", today),
            **_date("authorised_to", today + timedelta(days=90)),
            **dict.fromkeys(("age", "mental_health", "mental_capacity", "no_refusals", "eligibility"), "1"),
            "best_interests": "2",
            "version": application.version,
        },
    )

    assert response.status_code == 400
    assert "all six requirements are met" in response.content.decode()


def test_the_returns_are_for_managers_and_the_units_staff_not_locality_practitioners(
    client: Client, worker: User, practitioner: User
):
    client.force_login(practitioner)  # a locality practitioner, in no safeguarding team
    assert client.get(reverse("safeguarding:returns")).status_code == 403

    client.force_login(worker)  # a practitioner of the Safeguarding Adults Unit
    assert client.get(reverse("safeguarding:returns")).status_code == 200


def test_a_unit_worker_drills_down_only_to_the_cases_they_may_open(
    client: Client, worker: User, concern: Concern, concern_make: Callable[..., Concern]
):
    elsewhere = Team.objects.create(name="Other hub", kind="safeguarding", organisation=worker.organisation)
    concern_make(person=Person.objects.create(given_name="Hidden", family_name="Person"), team=elsewhere)
    client.force_login(worker)
    today = clock.today()
    year = today.year if today.month >= 4 else today.year - 1

    response = client.get(reverse("safeguarding:returns_figure", args=["sac", year]), {"cell": "SG1d|All|Concerns"})

    page = response.content.decode()
    assert response.status_code == 200
    assert "Mary Smith" in page
    assert "Hidden Person" not in page
    assert "1 is held by teams you are not in" in page


def test_a_figure_lists_the_cases_behind_it_and_hides_others(
    client: Client, sg_manager: User, concern: Concern, concern_make: Callable[..., Concern]
):
    elsewhere = Team.objects.create(name="Other hub", kind="safeguarding", organisation=sg_manager.organisation)
    hidden = concern_make(person=Person.objects.create(given_name="Hidden", family_name="Person"), team=elsewhere)
    assert hidden.team == elsewhere
    client.force_login(sg_manager)
    today = clock.today()
    year = today.year if today.month >= 4 else today.year - 1
    base = reverse("safeguarding:returns_figure", args=["sac", year])

    response = client.get(base, {"cell": "SG1d|All|Concerns"})

    page = response.content.decode()
    assert response.status_code == 200
    assert "Mary Smith" in page
    assert "Hidden Person" not in page
    assert "1 is held by teams you are not in" in page


def test_each_return_downloads_as_csv(client: Client, sg_manager: User, concern: Concern):
    client.force_login(sg_manager)
    today = clock.today()
    year = today.year if today.month >= 4 else today.year - 1

    response = client.get(reverse("safeguarding:returns_csv", args=["sac", year]))

    assert response["Content-Type"].startswith("text/csv")
    assert "SG1d,All,Concerns,1" in response.content.decode()


def test_the_person_summary_links_the_team_to_the_concern(signed_in: Client, concern: Concern):
    response = signed_in.get(reverse("people:summary", args=[concern.person.uuid]))

    assert reverse("safeguarding:concern", args=[concern.uuid]) in response.content.decode()


def test_the_queue_reads_the_same_number_of_queries_however_many_concerns(
    signed_in: Client, concern_make: Callable[..., Concern], person_factory: Any
):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            signed_in.get(reverse("safeguarding:triage_queue"))
        return len(captured.captured_queries)

    concern_make(person=person_factory())
    queries()  # the first page of a session also saves the session
    few = queries()
    for _ in range(5):
        concern_make(person=person_factory())

    assert queries() == few


def test_the_dols_collection_file_downloads_for_the_unit_and_is_logged(
    client: Client, sg_manager: User, practitioner: User, application: DolsApplication, settings: Any
):
    settings.TANDEM_CASSR_CODE = "344"
    today = clock.today()
    year = today.year if today.month >= 4 else today.year - 1
    url = reverse("safeguarding:returns_dols_cases", args=[year])
    client.force_login(practitioner)  # a locality practitioner, in no safeguarding team
    assert client.get(url).status_code == 403
    client.force_login(sg_manager)

    response = client.get(url)

    lines = response.content.decode().splitlines()
    assert response["Content-Type"].startswith("text/csv")
    assert lines[0].startswith("Application Reference,Person Reference,LA code,CQC location code")
    assert lines[1].startswith(f"344{application.person_id}")
    assert AuditEvent.objects.filter(action="safeguarding.returns.dols_collection_exported").count() == 1
    assert (
        reverse("safeguarding:returns_dols_cases", args=[year])
        in client.get(reverse("safeguarding:returns")).content.decode()
    )
    assert client.get(reverse("safeguarding:returns_dols_cases", args=[year - 10])).status_code == 404


def test_the_command_writes_a_return(application: DolsApplication, tmp_path: Any):
    today = clock.today()
    year = today.year if today.month >= 4 else today.year - 1
    out = tmp_path / "dols.csv"

    call_command("safeguarding_return", "dols_cases", "--year", str(year), "--output", str(out))
    call_command("safeguarding_return", "sac", "--year", str(year), "--output", str(tmp_path / "sac.csv"))

    assert out.read_text(encoding="utf-8").splitlines()[1].split(",")[1] == str(application.person_id)
    assert (tmp_path / "sac.csv").read_text(encoding="utf-8").startswith("table,row,column,value")
    with pytest.raises(CommandError, match="the year a reporting year starts in"):
        call_command("safeguarding_return", "dols", "--year", "twenty")
    with pytest.raises(CommandError, match="from 2009"):
        call_command("safeguarding_return", "dols", "--year", str(year + 1))


def test_the_locality_worker_who_raised_the_concern_reads_the_enquirys_outcome(
    client: Client, concern_make: Callable[..., Concern], person: Person, practitioner: User, worker: User, user_factory
):
    """The raiser (outside the unit) hears how the enquiry ended once signed off; no other outsider does."""
    concern = concern_make(person=person, actor=practitioner)
    enquiry = _enquiry(concern, worker)
    services.enquiry_outcomes_record(enquiry=enquiry, asked="not_asked", outcomes=[], version=None, actor=worker)
    services.enquiry_conclude(
        enquiry=enquiry,
        ending=services.Conclusion(
            risk_assessment="no_risk", action_taken=False, risk_outcome="", conclusion="No risk: a misunderstanding"
        ),
        version=None,
        actor=worker,
    )
    outcome = reverse("safeguarding:enquiry_outcome", args=[enquiry.uuid])
    client.force_login(practitioner)

    assert "still open" in client.get(outcome).content.decode()
    assert client.get(reverse("safeguarding:enquiry", args=[enquiry.uuid])).status_code in (403, 404)
    enquiry.refresh_from_db()
    Enquiry.objects.filter(pk=enquiry.pk).update(signed_off_at=clock.now(), signed_off_by=worker)
    page = client.get(outcome)
    assert page.status_code == 200
    assert "No risk: a misunderstanding" in page.content.decode()

    client.force_login(user_factory(username="other.locality", role="practitioner"))
    assert client.get(outcome).status_code == 404


def test_a_locality_worker_who_contributed_reads_the_outcome_and_finds_it_on_my_work(
    client: Client, concern_make: Callable[..., Concern], person: Person, worker: User, user_factory: Any
):
    """Named on a contribution, a locality worker who did not raise the concern reads how the enquiry
    ended, and "my work" lists it once signed off; a contribution naming no one opens nothing."""
    concern = concern_make(person=person, actor=worker)
    enquiry = _enquiry(concern, worker)
    locality = user_factory(username="locality.worker", role="practitioner", first_name="Lee", last_name="Lomax")
    outsider = user_factory(username="other.locality", role="practitioner")
    outcome = reverse("safeguarding:enquiry_outcome", args=[enquiry.uuid])
    client.force_login(locality)
    assert client.get(outcome).status_code == 404

    client.force_login(worker)
    added = client.post(
        reverse("safeguarding:contribution_add", args=[enquiry.uuid]),
        {
            "contributor": "other",
            "organisation": "Birkenhead locality team",
            "received_on-day": str(clock.today().day),
            "received_on-month": str(clock.today().month),
            "received_on-year": str(clock.today().year),
            "summary": "Visited on Monday: she said the carer was rough with her",
            "staff": str(locality.uuid),
        },
    )
    assert added.status_code == 302
    assert enquiry.contributions.get().staff == locality
    services.enquiry_outcomes_record(enquiry=enquiry, asked="not_asked", outcomes=[], version=None, actor=worker)
    services.enquiry_conclude(
        enquiry=enquiry,
        ending=services.Conclusion(
            risk_assessment="no_risk", action_taken=False, risk_outcome="", conclusion="No risk: a misunderstanding"
        ),
        version=None,
        actor=worker,
    )
    Enquiry.objects.filter(pk=enquiry.pk).update(signed_off_at=clock.now(), signed_off_by=worker)

    client.force_login(locality)
    page = client.get(outcome)
    assert page.status_code == 200
    assert "No risk: a misunderstanding" in page.content.decode()
    assert client.get(reverse("safeguarding:enquiry", args=[enquiry.uuid])).status_code in (403, 404)
    my_work = client.get(reverse("people:my_work")).content.decode()
    assert f'href="{outcome}"' in my_work
    client.force_login(outsider)
    assert client.get(outcome).status_code == 404


def test_naming_a_leaver_as_the_contributing_member_of_staff_is_refused(
    concern_make: Callable[..., Concern], person: Person, worker: User, user_factory: Any
):
    enquiry = _enquiry(concern_make(person=person, actor=worker), worker)
    leaver = user_factory(username="leaver", role="practitioner", is_active=False)

    with pytest.raises(DomainError, match="Select a member of staff who works with people's records"):
        services.contribution_add(
            enquiry=enquiry,
            contributor="other",
            organisation="Locality",
            received_on=clock.today(),
            summary="Visited",
            staff=leaver,
            actor=worker,
        )
    assert not enquiry.contributions.exists()
