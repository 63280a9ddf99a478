"""Work moves on by itself: the case on a caseload, and the front door's request for support it came
from, follow the assessment, the plan and the review done in the other apps (core.registry)."""

from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils.html import strip_tags

from tandem.assessments import services as assessments
from tandem.audit.models import AuditEvent
from tandem.core import clock
from tandem.front_door.codes import RequestStatus
from tandem.front_door.models import SupportRequest
from tandem.support_plans import review_services
from tandem.support_plans import services as plans
from tandem.support_plans.models import PlanReview
from tandem.support_plans.tests.plan_data import agree, plan_ready_make
from tandem.workforce import selectors, services
from tandem.workforce.codes import CaseEventKind, CaseProgress, CaseStatus, WaitingFor
from tandem.workforce.models import Case
from tandem.workforce.worklists import next_step

ANSWERS = assessments.AssessmentAnswers(
    persons_account="I want to stay in my own home",
    arises_from_impairment_or_illness=True,
    impairment_reason="Parkinson's disease",
    significant_impact_on_wellbeing=True,
    wellbeing_reason="Falls; she has stopped going out",
    findings=tuple(
        assessments.FindingAnswers(code=code, achievement="unable_without_assistance" if code in "ae" else "achieves")
        for code in assessments.CODES
    ),
)
NOT_ELIGIBLE = assessments.AssessmentAnswers(
    persons_account="I manage most things",
    arises_from_impairment_or_illness=True,
    impairment_reason="Arthritis",
    significant_impact_on_wellbeing=False,
    wellbeing_reason="She manages with her family's help",
    findings=tuple(assessments.FindingAnswers(code=code, achievement="achieves") for code in assessments.CODES),
)


@pytest.fixture
def request_for_support(person, team, practitioner, profiles):
    request = SupportRequest.objects.create(
        person=person,
        team=team,
        reason="Falls at home",
        urgency="routine",
        requested_at=datetime(2026, 11, 2, 9, tzinfo=UTC),
        requested_by=practitioner,
    )
    services.case_open_for_request(request)
    return request


@pytest.fixture
def allocated(request_for_support, practitioner, manager):
    case = Case.objects.get(support_request=request_for_support)
    return services.case_allocate(case=case, worker=practitioner, reason="Knows Mary", version=None, actor=manager)


def _assessed(person, request, practitioner, answers=ANSWERS):
    assessment = assessments.assessment_start(
        person=person, started_from="request", support_request=request, actor=practitioner
    )
    assessments.assessment_save(assessment=assessment, answers=answers, version=1, actor=practitioner)
    return assessments.assessment_complete(assessment=assessment, version=2, actor=practitioner)


def _state(case, request):
    case.refresh_from_db()
    request.refresh_from_db()
    return case.status, case.progress, request.status


def test_the_case_and_request_move_on_from_allocation_to_a_plan_in_force(
    client, person, practitioner, manager, request_for_support, allocated
):
    assert _state(allocated, request_for_support) == (CaseStatus.ALLOCATED, "", RequestStatus.ALLOCATED)
    assert next_step(allocated) == "Start the needs assessment"

    assessment = assessments.assessment_start(
        person=person, started_from="request", support_request=request_for_support, actor=practitioner
    )
    assert _state(allocated, request_for_support) == (
        CaseStatus.ALLOCATED,
        CaseProgress.ASSESSING,
        RequestStatus.IN_PROGRESS,
    )
    assert next_step(allocated) == "Complete the needs assessment"
    client.force_login(practitioner)
    shown = " ".join(strip_tags(client.get(reverse("workforce:case", args=[allocated.uuid])).content.decode()).split())
    assert "Next step Complete the needs assessment" in shown
    [work] = selectors.open_work_for_person(person, practitioner)
    assert work.status == "Allocated to Priya Shah; needs assessment under way"

    assessments.assessment_save(assessment=assessment, answers=ANSWERS, version=1, actor=practitioner)
    assessment = assessments.assessment_complete(assessment=assessment, version=2, actor=practitioner)
    assert _state(allocated, request_for_support)[1] == CaseProgress.ASSESSED

    assessment = assessments.assessment_authorise(assessment=assessment, version=assessment.version, actor=manager)
    assert _state(allocated, request_for_support) == (
        CaseStatus.ALLOCATED,
        CaseProgress.PLANNING,
        RequestStatus.IN_PROGRESS,
    )
    assert next_step(allocated) == "Agree the care and support plan with the person"

    plan = plan_ready_make(plans.plan_start(assessment=assessment, actor=practitioner), practitioner)
    agree(plan, practitioner)

    assert _state(allocated, request_for_support) == (CaseStatus.CLOSED, CaseProgress.PLANNING, RequestStatus.CLOSED)
    closing = allocated.events.get(kind=CaseEventKind.CLOSED)
    due = clock.today().replace(year=clock.today().year + 1)
    assert closing.reason == f"Care and support plan in force; next planned review by {due:%-d %B %Y}"
    assert closing.by == practitioner
    request_for_support.refresh_from_db()
    assert request_for_support.closed_at is not None
    actions = set(AuditEvent.objects.filter(person_uuid=person.uuid).values_list("action", flat=True))
    assert {"workforce.case.progressed", "workforce.case.closed", "front_door.request.in_progress"} <= actions
    assert "front_door.request.closed" in actions


def test_an_assessment_authorised_without_eligible_needs_closes_the_case_and_the_request(
    person, practitioner, manager, request_for_support, allocated
):
    assessment = _assessed(person, request_for_support, practitioner, NOT_ELIGIBLE)
    assert assessment.eligible is False

    assessments.assessment_authorise(assessment=assessment, version=assessment.version, actor=manager)

    assert _state(allocated, request_for_support)[::2] == (CaseStatus.CLOSED, RequestStatus.CLOSED)
    assert allocated.events.get(kind=CaseEventKind.CLOSED).reason == ("Needs assessment authorised, no eligible needs")


def test_a_waiting_case_moves_on_too_and_stays_on_the_waiting_list(person, practitioner, request_for_support, team):
    case = Case.objects.get(support_request=request_for_support)

    assessments.assessment_start(
        person=person, started_from="request", support_request=request_for_support, actor=practitioner
    )

    assert _state(case, request_for_support) == (CaseStatus.WAITING, CaseProgress.ASSESSING, RequestStatus.IN_PROGRESS)
    assert case.events.filter(kind=CaseEventKind.PROGRESSED).count() == 1


def test_work_not_from_a_request_moves_the_persons_open_case_in_that_team_only(
    person, practitioner, team, other_team, profiles
):
    here = services.case_open(person=person, team=team, summary="Assessment", actor=practitioner)
    review_case = services.case_open(
        person=person, team=team, summary="Review", waiting_for=WaitingFor.REVIEW, actor=practitioner
    )

    assessments.assessment_start(
        person=person, started_from="review", requested_on=clock.today() - timedelta(days=3), actor=practitioner
    )

    here.refresh_from_db()
    review_case.refresh_from_db()
    assert (here.progress, review_case.progress) == (CaseProgress.ASSESSING, "")


def test_a_review_done_closes_the_case_waiting_for_it(person, practitioner, manager, team, profiles):
    from tandem.support_plans.tests.plan_data import eligible_assessment_make

    plan = plan_ready_make(
        plans.plan_start(assessment=eligible_assessment_make(person, practitioner), actor=practitioner), practitioner
    )
    agree(plan, practitioner)
    case = services.case_open(
        person=person, team=team, summary="Annual review", waiting_for=WaitingFor.REVIEW, actor=practitioner
    )
    scheduled = PlanReview.objects.get(plan=plan)
    review = review_services.review_start(plan=plan, kind="planned", reason="", reason_detail="", actor=practitioner)
    assert review.pk == scheduled.pk
    finding = review.findings.get()
    review_services.review_save(
        review=review,
        answers=review_services.ReviewAnswers(
            persons_view="Things are going well",
            outcome="no_change",
            outcome_detail="",
            findings=(review_services.FindingAnswers(outcome_id=finding.outcome_id, achieved="fully"),),
        ),
        version=review.version,
        actor=practitioner,
    )
    review.refresh_from_db()

    review_services.review_complete(review=review, version=review.version, actor=practitioner)

    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED
    assert case.events.get(kind=CaseEventKind.CLOSED).reason == (
        "Review of the care and support plan done: no change to the plan"
    )


def test_allocating_a_second_case_warns_and_names_the_one_already_open(
    client, person, practitioner, manager, team, profiles
):
    held = services.case_open(person=person, team=team, summary="Assessment", actor=practitioner)
    services.case_allocate(case=held, worker=practitioner, reason="Knows Mary", version=None, actor=manager)
    second = services.case_open(person=person, team=team, summary="Carer's breakdown", actor=practitioner)
    client.force_login(manager)

    response = client.get(reverse("workforce:case_allocate", args=[second.uuid]))

    text = " ".join(strip_tags(response.content.decode()).split())
    assert response.status_code == 200
    assert "Mary Smith already has another open case: Birkenhead locality team, allocated to Priya Shah since" in text
    assert f'href="{reverse("workforce:case", args=[held.uuid])}"' in response.content.decode()
    assert [c.pk for c in selectors.other_open_cases(case=second)] == [held.pk]


def test_a_case_alone_gives_no_warning_and_a_closed_one_does_not_count(
    client, person, practitioner, manager, team, profiles
):
    closed = services.case_open(person=person, team=team, summary="Earlier", actor=practitioner)
    services.case_close(case=closed, reason="Done", version=None, actor=manager)
    case = services.case_open(person=person, team=team, summary="Assessment", actor=practitioner)
    client.force_login(manager)

    response = client.get(reverse("workforce:case_allocate", args=[case.uuid]))

    assert "already has" not in response.content.decode()
    assert selectors.other_open_cases(case=case) == []


def _continuity(case, manager, worker):
    ranked = selectors.suggestions_for(case=selectors.case_get(actor=manager, uuid=case.uuid))
    return next(s for s in ranked if s.candidate.user_id == worker.pk).reasons


@pytest.fixture
def colleague(user_factory, team, manager):
    from tandem.workforce.tests.conftest import profile_for

    worker = user_factory(username="colleague", role="practitioner", teams=[team])
    profile_for(worker, team, manager)
    return worker


def test_continuity_counts_an_assessment_a_plan_and_a_review_not_only_earlier_cases(
    person, practitioner, manager, team, profiles, colleague
):
    from tandem.support_plans.tests.plan_data import eligible_assessment_make

    plan = plan_ready_make(
        plans.plan_start(assessment=eligible_assessment_make(person, colleague), actor=colleague), colleague
    )
    agree(plan, colleague)
    review_services.review_start(plan=plan, kind="planned", reason="", reason_detail="", actor=colleague)
    case = services.case_open(person=person, team=team, summary="Change in needs", actor=manager)

    reasons = _continuity(case, manager, colleague)

    assert "Has worked with the person before (a needs assessment, a care and support plan, a review)" in reasons
    assert not any(reason.startswith("Has worked") for reason in _continuity(case, manager, practitioner))


def test_continuity_counts_a_safeguarding_enquiry_led(person, practitioner, manager, team, profiles, colleague):
    from tandem.identity.models import Membership, Team, TeamKind
    from tandem.safeguarding import services as safeguarding
    from tandem.safeguarding.codes import TriageDecision
    from tandem.safeguarding.tests.conftest import MET, concern_details, triage

    unit = Team.objects.create(name="Unit", kind=TeamKind.SAFEGUARDING, organisation=team.organisation)
    Membership.objects.create(user=colleague, team=unit)
    concern = safeguarding.concern_raise(
        person=person, summary="", source="safeguarding", actor=colleague, details=concern_details(), team=unit
    )
    triage(concern, colleague, TriageDecision.SECTION_42, test=MET, reason="Duty met", lead=colleague)
    case = services.case_open(person=person, team=team, summary="Support after the enquiry", actor=manager)

    assert "Has worked with the person before (a safeguarding enquiry)" in _continuity(case, manager, colleague)
