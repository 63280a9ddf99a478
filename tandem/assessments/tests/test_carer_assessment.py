"""Carers' assessments (Care Act 2014 s10): linked to the person cared for, the carer conditions, joint assessments."""

# pytest hands a test its fixtures as positional arguments, however many it needs.

from datetime import timedelta

import pytest

from tandem.assessments import selectors, services
from tandem.assessments.models import AssessmentKind, NeedsAssessment
from tandem.assessments.tests.records import carer_answers, unpaid_carer_make
from tandem.audit.models import AuditEvent
from tandem.core import clock
from tandem.core.errors import DomainError, NotPermitted


@pytest.fixture
def carer(person, practitioner):
    return unpaid_carer_make(person=person, practitioner=practitioner)


def asked():
    return clock.today() - timedelta(days=2)


@pytest.fixture
def carers(carer, person, practitioner):
    return services.carer_assessment_start(carer=carer, cared_for=person, requested_on=asked(), actor=practitioner)


def test_a_carer_s_assessment_is_of_the_carer_linked_to_the_person_cared_for(carers, carer, person):
    assert carers.kind == AssessmentKind.CARER
    assert (carers.person, carers.cared_for, carers.joint_with) == (carer, person, None)
    assert sorted(carers.findings.values_list("code", flat=True)) == list("abcdefgh")
    assert AuditEvent.objects.get(action="assessments.assessment.started").summary == (
        "Started a carer's assessment from the carer asked for an assessment, or was offered one"
    )


def test_only_someone_the_network_records_as_an_unpaid_carer_can_be_assessed_as_one(
    person, practitioner, person_factory
):
    stranger = person_factory(given_name="Sam", family_name="Jones")

    with pytest.raises(DomainError, match="recorded in Mary's network as their unpaid carer"):
        services.carer_assessment_start(carer=stranger, cared_for=person, requested_on=asked(), actor=practitioner)

    assert NeedsAssessment.objects.count() == 0


def test_business_support_cannot_start_one(carer, person, business_support):
    with pytest.raises(NotPermitted):
        services.carer_assessment_start(carer=carer, cared_for=person, requested_on=asked(), actor=business_support)

    assert NeedsAssessment.objects.count() == 0


def test_a_joint_assessment_goes_with_the_cared_for_person_s_draft(carer, person, practitioner):
    theirs = services.assessment_start(person=person, started_from="review", requested_on=asked(), actor=practitioner)

    joint = services.carer_assessment_start(
        carer=carer, cared_for=person, requested_on=asked(), joint_with=theirs, actor=practitioner
    )

    assert joint.joint_with == theirs
    assert joint.team == theirs.team
    assert selectors.joint_assessments(assessment=theirs, actor=practitioner) == [joint]
    assert selectors.joint_assessments(assessment=joint, actor=practitioner) == [theirs]


def test_a_joint_assessment_needs_the_cared_for_person_s_own_draft(carer, person, practitioner, person_factory):
    other = person_factory(given_name="Ann", family_name="Lee")
    theirs = services.assessment_start(person=other, started_from="review", requested_on=asked(), actor=practitioner)

    with pytest.raises(DomainError, match="alongside Mary's needs assessment while it is a draft") as refused:
        services.carer_assessment_start(
            carer=carer, cared_for=person, requested_on=asked(), joint_with=theirs, actor=practitioner
        )

    assert refused.value.field == "joint_with"


def test_a_carer_who_cannot_achieve_one_outcome_is_eligible(carers, practitioner):
    services.assessment_save(
        assessment=carers,
        answers=carer_answers(e="significant_pain_distress_or_anxiety"),
        version=1,
        actor=practitioner,
    )

    done = services.assessment_complete(assessment=carers, version=2, actor=practitioner)

    assert done.eligible_by_criteria is True
    assert done.determination["unable"] == ["e"]
    assert done.determination["conditions"][1]["explanation"] == (
        "As a result, the carer is unable to achieve developing and maintaining family or other personal relationships."
    )


def test_a_carer_whose_health_is_at_risk_is_eligible_though_they_achieve_every_outcome(carers, practitioner):
    services.assessment_save(
        assessment=carers, answers=carer_answers(health_at_risk=True), version=1, actor=practitioner
    )

    done = services.assessment_complete(assessment=carers, version=2, actor=practitioner)

    assert done.eligible_by_criteria is True


def test_a_carer_with_no_effect_on_health_or_outcomes_is_not_eligible(carers, practitioner):
    services.assessment_save(assessment=carers, answers=carer_answers(), version=1, actor=practitioner)

    done = services.assessment_complete(assessment=carers, version=2, actor=practitioner)

    assert done.eligible_by_criteria is False
    assert done.determination["summary"] == "The needs do not meet the eligibility criteria: condition 2 is not met."


def test_completing_needs_the_carer_conditions_answered(carers, practitioner):
    given = carer_answers()
    services.assessment_save(
        assessment=carers,
        answers=services.AssessmentAnswers(**{**given.__dict__, "health_at_risk": None, "health_reason": ""}),
        version=1,
        actor=practitioner,
    )

    with pytest.raises(DomainError, match="Say whether the carer's health is deteriorating or at risk, and why"):
        services.assessment_complete(assessment=carers, version=2, actor=practitioner)


def test_saving_a_carer_s_answers_records_them_in_the_carer_s_words(carers, practitioner):
    services.assessment_save(
        assessment=carers,
        answers=carer_answers(health_at_risk=True, d="unable_without_assistance"),
        version=1,
        actor=practitioner,
    )

    event = carers.events.get(kind="saved")
    assert event.changes["Condition 2: the carer's health is deteriorating or at risk"] == ["", "Yes"]
    assert event.changes["(iv) Managing and maintaining nutrition: whether it can be achieved"] == [
        "",
        "Unable without assistance",
    ]


def test_the_carer_s_summary_shows_a_carer_s_assessment(carers, carer, practitioner):
    [work] = selectors.open_work_for_person(carer, practitioner)
    [entry] = selectors.timeline_for_person(carer, practitioner, 10)

    assert work.title == "Carer's assessment"
    assert entry.title == "Carer's assessment started"


def test_saving_taking_significantly_longer_for_a_carer_is_refused_and_nothing_changes(carers, practitioner):
    refused = r"Outcome \(iii\): taking significantly longer .* \(regulation 3\(3\)\)"
    with pytest.raises(DomainError, match=refused) as no:
        services.assessment_save(
            assessment=carers, answers=carer_answers(c="significantly_longer"), version=1, actor=practitioner
        )

    assert no.value.field == "outcome_c_achievement"
    carers.refresh_from_db()
    assert carers.version == 1
    assert list(carers.findings.values_list("achievement", flat=True)) == [""] * 8
    assert not carers.events.filter(kind="saved").exists()


def save_then_mark_significantly_longer(carers, practitioner, code="c"):
    """A carer's answer saved as "takes significantly longer" before the form stopped offering it."""
    services.assessment_save(assessment=carers, answers=carer_answers(), version=1, actor=practitioner)
    carers.findings.filter(code=code).update(achievement="significantly_longer")


def test_a_draft_with_an_old_significantly_longer_answer_cannot_be_completed_until_answered_again(carers, practitioner):
    save_then_mark_significantly_longer(carers, practitioner)

    with pytest.raises(DomainError, match=r"Answer outcome \(iii\) again: .* regulation 3\(3\) does not count"):
        services.assessment_complete(assessment=carers, version=2, actor=practitioner)

    carers.refresh_from_db()
    assert (carers.status, carers.version, carers.eligible_by_criteria) == ("draft", 2, None)


def test_an_old_significantly_longer_answer_is_not_counted_by_the_determination(carers, practitioner):
    save_then_mark_significantly_longer(carers, practitioner)

    found = services.determination_of(carers, list(carers.findings.order_by("code")))

    assert not found.eligible
    assert "Not counted: (iii) maintaining a habitable home environment" in found.conditions[1].explanation
