"""Needs assessment services: start, save with compare-and-swap, complete, judgement, authorise."""

# pytest hands a test its fixtures as positional arguments, however many it needs.

from datetime import timedelta

import pytest

from tandem.assessments import selectors, services
from tandem.assessments.models import AssessmentEvent, AssessmentStatus, NeedsAssessment
from tandem.assessments.tests.records import answers
from tandem.audit.models import AuditEvent
from tandem.core import clock
from tandem.core.errors import DomainError, NotPermitted, StaleVersion


@pytest.fixture
def draft(person, practitioner):
    return services.assessment_start(
        person=person, started_from="review", requested_on=clock.today() - timedelta(days=3), actor=practitioner
    )


def test_starting_a_review_assessment_makes_ten_outcomes_and_audits(draft, practitioner):
    assert draft.status == AssessmentStatus.DRAFT
    assert draft.findings.count() == 10
    assert AssessmentEvent.objects.filter(assessment=draft, kind="started", by=practitioner).count() == 1
    assert AuditEvent.objects.filter(action="assessments.assessment.started", actor=practitioner).count() == 1


def test_business_support_cannot_start_an_assessment_and_nothing_is_written(person, business_support):
    with pytest.raises(NotPermitted):
        services.assessment_start(
            person=person, started_from="review", requested_on=clock.today(), actor=business_support
        )

    assert NeedsAssessment.objects.count() == 0


def test_a_review_needs_the_date_it_was_asked_for(person, practitioner):
    with pytest.raises(DomainError, match="Enter the date the assessment was asked for"):
        services.assessment_start(person=person, started_from="review", actor=practitioner)

    assert NeedsAssessment.objects.count() == 0


def test_saving_records_what_changed(draft, practitioner):
    saved = services.assessment_save(
        assessment=draft, answers=answers(a="unable_without_assistance"), version=1, actor=practitioner
    )

    assert saved.version == 2
    event = AssessmentEvent.objects.get(assessment=draft, kind="saved")
    assert event.changes["(a) Managing and maintaining nutrition: whether it can be achieved"] == [
        "",
        "Unable without assistance",
    ]
    assert AuditEvent.objects.filter(action="assessments.assessment.saved").count() == 1


def test_a_second_save_from_the_same_version_is_refused_with_what_changed(draft, practitioner, manager):
    services.assessment_save(assessment=draft, answers=answers(a="significantly_longer"), version=1, actor=practitioner)

    with pytest.raises(StaleVersion) as refused:
        services.assessment_save(assessment=draft, answers=answers(a="achieves"), version=1, actor=manager)

    assert refused.value.current == 2
    [change] = refused.value.changes
    assert change.by == "Priya Shah"
    assert "(a) Managing and maintaining nutrition: whether it can be achieved" in change.changes
    draft.refresh_from_db()
    assert draft.version == 2
    assert draft.findings.get(code="a").achievement == "significantly_longer"


def test_fluctuating_needs_need_a_period(draft, practitioner):
    given = answers()
    findings = (services.FindingAnswers(code="a", achievement="achieves", fluctuates=True), *given.findings[1:])

    with pytest.raises(DomainError, match="over what period") as refused:
        services.assessment_save(
            assessment=draft,
            answers=services.AssessmentAnswers(**{**given.__dict__, "findings": findings}),
            version=1,
            actor=practitioner,
        )

    assert refused.value.field == "outcome_a_fluctuation_note"
    draft.refresh_from_db()
    assert draft.version == 1


def test_completing_needs_every_outcome_answered(draft, practitioner):
    with pytest.raises(DomainError, match="outcomes a, b, c, d, e, f, g, h, i, j have no answer yet"):
        services.assessment_complete(assessment=draft, version=1, actor=practitioner)

    draft.refresh_from_db()
    assert draft.status == AssessmentStatus.DRAFT


def test_completing_stores_the_determination(draft, practitioner):
    services.assessment_save(
        assessment=draft,
        answers=answers(a="unable_without_assistance", e="endangers_health_or_safety"),
        version=1,
        actor=practitioner,
    )

    done = services.assessment_complete(assessment=draft, version=2, actor=practitioner)

    assert done.status == AssessmentStatus.COMPLETED
    assert done.completed_on == clock.today()
    assert done.eligible_by_criteria is True
    assert done.determination["unable"] == ["a", "e"]
    assert done.determination["summary"] == "The needs meet the eligibility criteria: all three conditions are met."
    assert done.eligible is True


def test_one_outcome_is_not_enough(draft, practitioner):
    services.assessment_save(
        assessment=draft, answers=answers(a="unable_without_assistance"), version=1, actor=practitioner
    )

    done = services.assessment_complete(assessment=draft, version=2, actor=practitioner)

    assert done.eligible_by_criteria is False
    assert done.determination["conditions"][1]["met"] is False


@pytest.fixture
def completed(draft, practitioner):
    services.assessment_save(
        assessment=draft, answers=answers(a="unable_without_assistance"), version=1, actor=practitioner
    )
    return services.assessment_complete(assessment=draft, version=2, actor=practitioner)


def test_a_different_judgement_needs_a_reason(completed, practitioner):
    with pytest.raises(DomainError, match="Give the reason"):
        services.eligibility_judgement_record(
            assessment=completed, eligible=True, reason=" ", version=3, actor=practitioner
        )

    completed.refresh_from_db()
    assert completed.judgement_eligible is None


def test_a_judgement_must_differ_from_the_criteria(completed, practitioner):
    with pytest.raises(DomainError, match="must differ"):
        services.eligibility_judgement_record(
            assessment=completed, eligible=False, reason="Agree", version=3, actor=practitioner
        )


def test_a_judgement_with_a_reason_is_recorded_and_audited(completed, practitioner):
    judged = services.eligibility_judgement_record(
        assessment=completed, eligible=True, reason="Needs fluctuate badly at night", version=3, actor=practitioner
    )

    assert judged.eligible is True
    assert judged.eligible_by_criteria is False
    event = AuditEvent.objects.get(action="assessments.eligibility.judged")
    assert event.reason == "Needs fluctuate badly at night"


def test_a_practitioner_cannot_authorise(completed, practitioner):
    with pytest.raises(NotPermitted):
        services.assessment_authorise(assessment=completed, version=3, actor=practitioner)

    completed.refresh_from_db()
    assert completed.status == AssessmentStatus.COMPLETED


def test_a_manager_authorises_someone_elses_assessment(completed, manager):
    done = services.assessment_authorise(assessment=completed, version=3, actor=manager)

    assert done.status == AssessmentStatus.AUTHORISED
    assert AuditEvent.objects.filter(action="assessments.assessment.authorised", actor=manager).count() == 1


def test_the_person_summary_providers_list_open_work_and_the_timeline(completed, person, practitioner):
    [work] = selectors.open_work_for_person(person, practitioner)
    entries = selectors.timeline_for_person(person, practitioner, 10)

    assert work.status == "Completed, waiting to be authorised"
    assert [e.title for e in entries] == ["Needs assessment completed", "Needs assessment started"]


def test_timeliness_counts_days_from_the_request(settings):
    settings.TANDEM_ASSESSMENT_TARGET_DAYS = 10
    today = clock.today()

    shown = selectors.timeliness(requested_on=today - timedelta(days=12), completed_on=None, today=today)

    assert (shown.days, shown.target, shown.over) == (12, 10, True)


def _young(person_factory):
    """16 today: a child, who may have only a transition assessment (Care Act 2014 ss58-59)."""
    today = clock.today()
    return person_factory(date_of_birth=today.replace(year=today.year - 16) - timedelta(days=2))


def test_a_child_is_not_offered_a_needs_assessment(person_factory, practitioner):
    with pytest.raises(DomainError, match="under 18") as refused:
        services.assessment_start(
            person=_young(person_factory),
            started_from="review",
            requested_on=clock.today(),
            actor=practitioner,
        )
    assert refused.value.field == "transition"
    assert not NeedsAssessment.objects.exists()


def test_a_young_person_may_have_a_transition_assessment_flagged_as_such(person_factory, practitioner):
    from tandem.assessments import presenters

    assessment = services.assessment_start(
        person=_young(person_factory),
        started_from="review",
        requested_on=clock.today(),
        transition=True,
        actor=practitioner,
    )

    assert assessment.transition is True
    assert presenters.title_of(assessment).startswith("Transition assessment (Care Act s58)")


def test_a_transition_assessment_is_only_for_someone_under_18(person, practitioner):
    with pytest.raises(DomainError, match="young person under 18"):
        services.assessment_start(
            person=person, started_from="review", requested_on=clock.today(), transition=True, actor=practitioner
        )
