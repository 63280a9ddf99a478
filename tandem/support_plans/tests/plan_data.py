"""Care and support plans made through the services, for unit, page, matrix and accessibility tests.

`support_plans_world` builds what the authorisation matrix and the accessibility check need: two
eligible needs assessments of the person (one with a plan, one waiting for one), and a draft plan
ready to be agreed, with an outcome met by the person's network, a community service and a
commissioned service.
"""

from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.urls import reverse

from tandem.assessments import services as assessment_services
from tandem.assessments.models import NeedsAssessment
from tandem.assessments.tests.records import adult_answers
from tandem.core import clock
from tandem.directory.models import Service, ServiceStatus
from tandem.directory.search_index import service_terms_refresh
from tandem.identity.actors import Actor
from tandem.identity.models import Organisation, User
from tandem.people.models import Person
from tandem.support_plans import provider_services, review_services, services
from tandem.support_plans.codes import PlanStatus
from tandem.support_plans.models import CommissionedService, PlanReview, ProviderReview, SupportPlan


def eligible_assessment_make(person: Person, practitioner: Actor) -> NeedsAssessment:
    """A needs assessment of the person, completed, that found eligible needs (outcomes a and e)."""
    assessment = assessment_services.assessment_start(
        person=person, started_from="review", requested_on=clock.today() - timedelta(days=10), actor=practitioner
    )
    findings = {"a": "unable_without_assistance", "e": "endangers_health_or_safety"}
    answers = adult_answers(persons_account="I want to stay in my own home", unable=findings)
    assessment_services.assessment_save(assessment=assessment, answers=answers, version=1, actor=practitioner)
    return assessment_services.assessment_complete(assessment=assessment, version=2, actor=practitioner)


def home_care(hours: str = "7", pence: int = 2200, provider_id: int | None = None) -> services.CommissionedDetails:
    return services.CommissionedDetails(
        kind="home_care",
        provider_name="Wirral Home Care Ltd",
        units_per_week=Decimal(hours),
        unit="hour",
        unit_cost_pence=pence,
        provider_organisation_id=provider_id,
    )


def plan_ready_make(
    plan: SupportPlan, actor: Actor, *, hours: str = "7", pence: int = 2200, provider_id: int | None = None
) -> SupportPlan:
    """Fill a draft so it can be agreed: how the budget is taken, a contingency, and one outcome met by home care."""
    plan = services.plan_save(
        plan=plan,
        details=services.PlanDetails(budget_method="direct_payment", contingency="Ann, her daughter, will call in"),
        version=plan.version,
        actor=actor,
    )
    outcome = services.outcome_add(
        plan=plan,
        answers=services.OutcomeAnswers(statement="I want to wash and dress myself each morning"),
        version=plan.version,
        actor=actor,
    )
    plan.refresh_from_db()
    services.commissioned_add(
        plan=plan, outcome=outcome, details=home_care(hours, pence, provider_id), version=plan.version, actor=actor
    )
    plan.refresh_from_db()
    return plan


def agree(plan: SupportPlan, actor: Actor) -> SupportPlan:
    return services.plan_complete(
        plan=plan,
        agreement=services.Agreement(agreed_on=clock.today(), method="signed"),
        version=plan.version,
        actor=actor,
    )


def support_plans_world(person: Person, practitioner: Actor) -> dict[str, Any]:
    """Ids the plan pages' URLs and forms need, keyed by their URL argument names (the plan to start
    follows the world's own eligible assessment, `assessment_uuid`, which has no plan)."""
    planned = eligible_assessment_make(person, practitioner)
    plan = plan_ready_make(services.plan_start(assessment=planned, actor=practitioner), practitioner)
    outcome = plan.outcomes.get()
    walking = Service.objects.create(
        name="Wirral walking group", description="Gentle walks every Wednesday", status=ServiceStatus.ACTIVE
    )
    choir = Service.objects.create(name="Hoylake community choir", description="Singing", status=ServiceStatus.ACTIVE)
    service_terms_refresh([walking.id, choir.id])
    community = services.community_service_add(
        plan=plan, outcome=outcome, service=walking, version=plan.version, actor=practitioner
    )
    plan.refresh_from_db()
    review = review_started_make(person, practitioner)
    return {
        "review_uuid": review.uuid,
        "review_version": str(review.version),
        "plan_uuid": plan.uuid,
        "plan_version": str(plan.version),
        "outcome_uuid": outcome.uuid,
        "community_uuid": community.uuid,
        "commissioned_uuid": outcome.commissioned_services.get().uuid,
        "choir_id": str(choir.id),
    }


def review_started_make(person: Person, practitioner: Actor) -> PlanReview:
    """A plan in force with its planned review started, every outcome answered and a decision made."""
    plan = agreed_plan_make(person, practitioner)
    review = review_services.review_start(plan=plan, kind="planned", reason="", reason_detail="", actor=practitioner)
    findings = tuple(
        review_services.FindingAnswers(outcome_id=f.outcome_id, achieved="fully", in_own_words="I manage now")
        for f in review.findings.all()
    )
    answers = review_services.ReviewAnswers(
        persons_view="Happy with it", outcome="no_change", outcome_detail="", findings=findings
    )
    return review_services.review_save(review=review, answers=answers, version=review.version, actor=practitioner)


def agreed_plan_make(person: Person, practitioner: Actor, *, hours: str = "7") -> SupportPlan:
    """An agreed plan of the person (above the default threshold with hours="30": waiting for sign-off)."""
    plan = services.plan_start(assessment=eligible_assessment_make(person, practitioner), actor=practitioner)
    return agree(plan_ready_make(plan, practitioner, hours=hours), practitioner)


def plan_page_path(person: Person, kind: str, page: str) -> str:
    """The path of a plan page for the accessibility check, making the plan it shows on first use.

    kind: "draft" (ready to agree, with a community and a commissioned service), "agreed" (above
    the sign-off threshold, waiting for a manager), "in_force", "assessment" (an eligible assessment
    with no plan), "review" (a review in progress; page "review_view" completes it first), "due"
    (the due list, with one review overdue; page is the query string) or "provider" (a package the
    `provider` user's organisation delivers; see `provider_page_path`).
    """
    practitioner = User.objects.get(username="practitioner")
    if kind == "provider":
        return provider_page_path(person, practitioner, page)
    if kind == "assessment":
        return reverse("support_plans:plan_start", args=[eligible_assessment_make(person, practitioner).uuid])
    if kind == "in_force":
        return reverse(f"support_plans:{page}", args=[agreed_plan_make(person, practitioner).uuid])
    if kind == "review":
        review = review_started_make(person, practitioner)
        if page == "review_view":
            review = review_services.review_complete(review=review, version=review.version, actor=practitioner)
            page = "review"
        return reverse(f"support_plans:{page}", args=[review.uuid])
    if kind == "due":
        review_started_make(person, practitioner)
        PlanReview.objects.update(due_on=clock.today() - timedelta(days=3))
        return reverse("support_plans:reviews_due") + page
    plan = SupportPlan.objects.filter(
        person=person, status=PlanStatus.DRAFT if kind == "draft" else PlanStatus.COMPLETED
    ).first()
    if plan is None and kind == "draft":
        plan = plan_ready_make(
            services.plan_start(assessment=eligible_assessment_make(person, practitioner), actor=practitioner),
            practitioner,
        )
        walking = Service.objects.create(
            name="Wirral walking group", description="Gentle walks", status=ServiceStatus.ACTIVE
        )
        service_terms_refresh([walking.id])
        services.community_service_add(
            plan=plan, outcome=plan.outcomes.get(), service=walking, version=plan.version, actor=practitioner
        )
        plan.refresh_from_db()
    elif plan is None:
        plan = agreed_plan_make(person, practitioner, hours="30")
    outcome = plan.outcomes.get()
    args: dict[str, list[Any]] = {
        "outcome_edit": [plan.uuid, outcome.uuid],
        "outcome_remove": [plan.uuid, outcome.uuid],
        "community_add": [plan.uuid, outcome.uuid],
        "commissioned_add": [plan.uuid, outcome.uuid],
        "commissioned_remove": [plan.uuid, outcome.commissioned_services.get().uuid],
        "commissioned_edit": [plan.uuid, outcome.commissioned_services.get().uuid],
    }
    name, _, query = page.partition("?")
    return reverse(f"support_plans:{name}", args=args.get(name, [plan.uuid])) + (f"?{query}" if query else "")


def provider_package_make(
    person: Person, practitioner: Actor, organisation: Organisation, *, hours: str = "7"
) -> CommissionedService:
    """A package in force that a care provider on the system delivers: home care in an agreed plan."""
    plan = services.plan_start(assessment=eligible_assessment_make(person, practitioner), actor=practitioner)
    agree(plan_ready_make(plan, practitioner, hours=hours, provider_id=organisation.pk), practitioner)
    return CommissionedService.objects.select_related("outcome__plan").get(outcome__plan=plan)


def provider_answers(**changes: str) -> provider_services.ProviderAnswers:
    answers = {
        "achieved": "partly",
        "outcome_view": "She washes with help; dressing takes longer on bad days",
        "hours_change": "more",
        "change_reason": "Half an hour more each morning",
        "incidents": "",
    }
    return provider_services.ProviderAnswers(**(answers | changes))


def provider_review_make(package: CommissionedService, provider: Actor) -> ProviderReview:
    return provider_services.provider_review_submit(service=package, answers=provider_answers(), actor=provider)


def provider_world(person: Person, practitioner: Actor, provider: Actor) -> dict[str, Any]:
    """Two packages the provider delivers: one with its review waiting to be checked, one to review."""
    waiting = provider_package_make(person, practitioner, provider.organisation)
    review = provider_review_make(waiting, provider)
    free = provider_package_make(person, practitioner, provider.organisation)
    return {"package_uuid": free.uuid, "provider_review_uuid": review.uuid}


def provider_page_path(person: Person, practitioner: Actor, page: str) -> str:
    """A provider page for the accessibility check. page: "provider_packages", "provider_review_submit",
    "provider_review_check" (a review waiting), "provider_review_checked" (one returned) or "reviews_due"
    (the due list, with a provider's review waiting)."""
    provider = User.objects.get(username="provider")
    package = provider_package_make(person, practitioner, provider.organisation)
    if page == "provider_packages":
        return reverse("support_plans:provider_packages")
    if page == "provider_review_submit":
        return reverse("support_plans:provider_review_submit", args=[package.uuid])
    review = provider_review_make(package, provider)
    if page == "reviews_due":
        return reverse("support_plans:reviews_due")
    if page == "provider_review_checked":
        provider_services.provider_review_return(review=review, reason="Which mornings?", actor=practitioner)
    return reverse("support_plans:provider_review_check", args=[review.uuid])
