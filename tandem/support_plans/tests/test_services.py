"""Plan services: start, edit with compare-and-swap, agree, sign off above the threshold, revise, and the summary."""

# pytest hands a test its fixtures as positional arguments, however many it needs.

from datetime import timedelta
from decimal import Decimal

import pytest

from tandem.assessments import services as assessment_services
from tandem.audit.models import AuditEvent
from tandem.core import clock
from tandem.core.errors import DomainError, NotPermitted, StaleVersion
from tandem.support_plans import selectors, services
from tandem.support_plans.codes import PlanStatus
from tandem.support_plans.models import CommissionedService, PersonalOutcome, PlanEvent, SupportPlan
from tandem.support_plans.tests.plan_data import agree, home_care, plan_ready_make


def test_a_plan_starts_from_a_completed_assessment_that_found_eligible_needs(assessment, practitioner):
    plan = services.plan_start(assessment=assessment, actor=practitioner)

    assert (plan.status, plan.number, plan.version, plan.team) == (PlanStatus.DRAFT, 1, 1, assessment.team)
    assert PlanEvent.objects.filter(plan=plan, kind="started", by=practitioner).count() == 1
    assert AuditEvent.objects.filter(action="support_plans.plan.started", actor=practitioner).count() == 1


def test_a_draft_assessment_cannot_start_a_plan(person, practitioner):
    assessment = assessment_services.assessment_start(
        person=person, started_from="review", requested_on=clock.today(), actor=practitioner
    )

    with pytest.raises(DomainError, match="completed needs assessment that found eligible needs"):
        services.plan_start(assessment=assessment, actor=practitioner)

    assert SupportPlan.objects.count() == 0


def test_only_one_plan_follows_an_assessment(draft, assessment, practitioner):
    with pytest.raises(DomainError, match="already been started"):
        services.plan_start(assessment=assessment, actor=practitioner)

    assert SupportPlan.objects.count() == 1


def test_business_support_cannot_start_a_plan_and_nothing_is_written(assessment, business_support):
    with pytest.raises(NotPermitted):
        services.plan_start(assessment=assessment, actor=business_support)

    assert SupportPlan.objects.count() == 0


def test_saving_records_what_changed(draft, practitioner):
    saved = services.plan_save(
        plan=draft,
        details=services.PlanDetails(budget_method="mixed", contingency="Call Ann"),
        version=1,
        actor=practitioner,
    )

    assert saved.version == 2
    event = PlanEvent.objects.get(plan=draft, kind="saved")
    assert event.changes == {"How the budget is taken": ["", "A mix of these"], "Contingency plan": ["", "Call Ann"]}


def test_a_second_save_from_the_same_version_is_refused_with_what_changed(draft, practitioner, manager):
    services.plan_save(
        plan=draft,
        details=services.PlanDetails(budget_method="mixed", contingency="Call Ann"),
        version=1,
        actor=practitioner,
    )

    with pytest.raises(StaleVersion) as refused:
        services.plan_save(
            plan=draft,
            details=services.PlanDetails(budget_method="direct_payment", contingency="Call the office"),
            version=1,
            actor=manager,
        )

    [change] = refused.value.changes
    assert change.by == "Priya Shah"
    assert change.changes["Contingency plan"] == ["", "Call Ann"]
    assert refused.value.current == 2
    draft.refresh_from_db()
    assert (draft.budget_method, draft.contingency, draft.version) == ("mixed", "Call Ann", 2)


def test_an_outcome_needs_its_statement(draft, practitioner):
    with pytest.raises(DomainError, match="starting with") as refused:
        services.outcome_add(plan=draft, answers=services.OutcomeAnswers(statement="  "), version=1, actor=practitioner)

    assert refused.value.field == "statement"
    assert PersonalOutcome.objects.count() == 0


def test_outcomes_are_changed_and_removed_with_what_changed(draft, practitioner):
    outcome = services.outcome_add(
        plan=draft, answers=services.OutcomeAnswers(statement="I want to garden"), version=1, actor=practitioner
    )
    services.outcome_save(
        plan=draft,
        outcome=outcome,
        answers=services.OutcomeAnswers(statement="I want to garden", equipment="A kneeler"),
        version=2,
        actor=practitioner,
    )
    services.outcome_remove(plan=draft, outcome=outcome, version=3, actor=practitioner)

    changes = [e.changes for e in PlanEvent.objects.filter(plan=draft, kind="saved").order_by("version")]
    assert changes == [
        {"Outcome “I want to garden”": ["", "added"]},
        {"Outcome “I want to garden”: equipment": ["", "A kneeler"]},
        {"Outcome “I want to garden”": ["", "removed"]},
    ]
    assert PersonalOutcome.objects.count() == 0


@pytest.mark.parametrize(
    ("details", "field"),
    [
        (services.CommissionedDetails("home_care", "", Decimal(7), "hour", 2200), "provider_name"),
        (services.CommissionedDetails("home_care", "Acme", Decimal(0), "hour", 2200), "units_per_week"),
        (services.CommissionedDetails("home_care", "Acme", Decimal(169), "hour", 2200), "units_per_week"),
        (services.CommissionedDetails("teleporting", "Acme", Decimal(7), "hour", 2200), "kind"),
        (services.CommissionedDetails("home_care", "Acme", Decimal(7), "fortnight", 2200), "unit"),
        (services.CommissionedDetails("home_care", "Acme", Decimal(7), "hour", 10_000_01), "unit_cost"),
    ],
)
def test_a_commissioned_service_must_make_sense(draft, practitioner, details, field):
    outcome = services.outcome_add(
        plan=draft, answers=services.OutcomeAnswers(statement="I want to eat well"), version=1, actor=practitioner
    )

    with pytest.raises(DomainError) as refused:
        services.commissioned_add(plan=draft, outcome=outcome, details=details, version=2, actor=practitioner)

    assert refused.value.field == field
    assert CommissionedService.objects.count() == 0


def test_the_budget_is_computed_from_the_commissioned_services(ready, practitioner):
    outcome = ready.outcomes.get()
    services.commissioned_add(
        plan=ready, outcome=outcome, details=home_care("2.5", 1999), version=ready.version, actor=practitioner
    )

    shown = selectors.budget_of_plan(plan=ready)

    assert shown.weekly_pence == 7 * 2200 + 4998  # 2.5 x £19.99 = £49.975, rounded half up
    assert shown.annual_pence == shown.weekly_pence * 52


def test_agreeing_needs_outcomes_a_budget_method_and_a_contingency(draft, practitioner):
    with pytest.raises(DomainError, match="at least one personal outcome"):
        agree(draft, practitioner)

    draft.refresh_from_db()
    assert draft.status == PlanStatus.DRAFT


def test_every_outcome_must_say_how_it_is_met(draft, practitioner):
    plan = plan_ready_make(draft, practitioner)
    services.outcome_add(
        plan=plan,
        answers=services.OutcomeAnswers(statement="I want to see my friends"),
        version=plan.version,
        actor=practitioner,
    )
    plan.refresh_from_db()

    with pytest.raises(DomainError, match="“I want to see my friends” has nothing yet"):
        agree(plan, practitioner)


def test_a_budget_at_or_below_the_threshold_takes_effect_on_agreement(ready, practitioner, settings):
    settings.TANDEM_PLAN_SIGN_OFF_WEEKLY_THRESHOLD = "154.00"  # 7 hours at £22 is exactly £154

    done = agree(ready, practitioner)

    assert (done.status, done.weekly_budget_pence, done.needs_sign_off) == (PlanStatus.COMPLETED, 15400, False)
    assert done.in_force_from == clock.today()
    assert not done.awaiting_sign_off


def test_a_budget_above_the_threshold_waits_for_a_manager(ready, practitioner, manager, settings):
    settings.TANDEM_PLAN_SIGN_OFF_WEEKLY_THRESHOLD = "153.99"
    done = agree(ready, practitioner)
    assert done.awaiting_sign_off
    assert done.in_force_from is None

    with pytest.raises(NotPermitted):
        services.plan_sign_off(plan=done, version=done.version, actor=practitioner)
    signed = services.plan_sign_off(plan=done, version=done.version, actor=manager)

    assert (signed.status, signed.signed_off_by, signed.in_force_from) == (
        PlanStatus.AUTHORISED,
        manager,
        clock.today(),
    )
    assert AuditEvent.objects.filter(action="support_plans.plan.signed_off", actor=manager).count() == 1


def test_the_manager_who_recorded_the_agreement_cannot_sign_it_off(assessment, manager, settings):
    settings.TANDEM_PLAN_SIGN_OFF_WEEKLY_THRESHOLD = "1"
    plan = plan_ready_make(services.plan_start(assessment=assessment, actor=manager), manager)
    done = agree(plan, manager)

    with pytest.raises(DomainError, match="another manager must sign it off"):
        services.plan_sign_off(plan=done, version=done.version, actor=manager)

    done.refresh_from_db()
    assert done.status == PlanStatus.COMPLETED


def test_an_agreed_version_cannot_be_changed(ready, practitioner):
    done = agree(ready, practitioner)

    with pytest.raises(DomainError, match="revise the plan instead"):
        services.plan_save(
            plan=done, details=services.PlanDetails("mixed", "Changed"), version=done.version, actor=practitioner
        )

    done.refresh_from_db()
    assert (done.budget_method, done.contingency) == ("direct_payment", "Ann, her daughter, will call in")


def test_the_agreement_date_cannot_be_in_the_future(ready, practitioner):
    with pytest.raises(DomainError, match="today or in the past") as refused:
        services.plan_complete(
            plan=ready,
            agreement=services.Agreement(agreed_on=clock.today() + timedelta(days=1), method="signed"),
            version=ready.version,
            actor=practitioner,
        )

    assert refused.value.field == "agreed_on"


def test_a_copy_is_recorded_once_after_agreement(ready, practitioner):
    done = agree(ready, practitioner)

    given = services.plan_copy_record(
        plan=done, given_on=clock.today(), copy_format="large_print", version=done.version, actor=practitioner
    )

    assert (given.copy_given_on, given.copy_format) == (clock.today(), "large_print")
    with pytest.raises(DomainError, match="already been recorded"):
        services.plan_copy_record(
            plan=given, given_on=clock.today(), copy_format="printed", version=given.version, actor=practitioner
        )


def test_a_revision_is_a_new_version_and_the_agreed_one_stays_as_it_was(ready, practitioner):
    done = agree(ready, practitioner)

    revision = services.plan_revise(plan=done, reason="Needs help at night now", actor=practitioner)
    services.plan_save(
        plan=revision,
        details=services.PlanDetails("council_managed", "Call the night service"),
        version=revision.version,
        actor=practitioner,
    )

    done.refresh_from_db()
    revision.refresh_from_db()
    assert (revision.number, revision.lineage, revision.revises, revision.status) == (
        2,
        done.lineage,
        done,
        PlanStatus.DRAFT,
    )
    assert revision.outcomes.get().commissioned_services.get().unit_cost_pence == 2200
    assert (done.budget_method, done.contingency, done.status) == (
        "direct_payment",
        "Ann, her daughter, will call in",
        PlanStatus.COMPLETED,
    )
    assert [v.number for v in selectors.versions_of(plan=done)] == [2, 1]


def test_only_the_latest_version_is_revised_and_one_draft_at_a_time(ready, practitioner):
    done = agree(ready, practitioner)
    services.plan_revise(plan=done, reason="Change in needs", actor=practitioner)

    with pytest.raises(DomainError, match="Version 2 is the latest"):
        services.plan_revise(plan=done, reason="Again", actor=practitioner)

    assert SupportPlan.objects.count() == 2


def test_the_summary_shows_plans_to_write_and_drafts_with_links(assessment, person, practitioner):
    [to_write] = selectors.open_work_for_person(person, practitioner)
    assert to_write.title == "Care and support plan to write"
    assert to_write.url == f"/support-plans/start/{assessment.uuid}/"

    plan = services.plan_start(assessment=assessment, actor=practitioner)
    [work] = selectors.open_work_for_person(person, practitioner)
    [entry] = selectors.timeline_for_person(person, practitioner, 10)

    assert (work.title, work.status, work.url) == (
        "Care and support plan, version 1",
        "Draft with Priya Shah",
        f"/support-plans/{plan.uuid}/",
    )
    assert (entry.title, entry.url) == ("Care and support plan started (version 1)", f"/support-plans/{plan.uuid}/")


def test_someone_with_no_plan_and_no_finished_assessment_has_no_plan_work_or_timeline(person, practitioner):
    assert selectors.open_work_for_person(person, practitioner) == []
    assert selectors.timeline_for_person(person, practitioner, 10) == []
