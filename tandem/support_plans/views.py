"""Care and support plan pages: thin views that scope, validate, call a service and redirect."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TYPE_CHECKING, Any
from uuid import UUID

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from tandem.core.documents import document_response
from tandem.core.errors import DomainError, require
from tandem.core.pages import form_status, posted
from tandem.directory import search as directory_search
from tandem.directory import selectors as directory_selectors
from tandem.people import presenters as people_presenters
from tandem.people import selectors as people_selectors
from tandem.people import services as people_services
from tandem.support_plans import (
    budget,
    forms,
    policies,
    presenters,
    provider_selectors,
    review_selectors,
    review_services,
    selectors,
    services,
)

if TYPE_CHECKING:
    # For the type checker only: views read through selectors (tests/architecture).
    from tandem.support_plans.models import SupportPlan

PlanView = Callable[..., HttpResponse]


def person_page(
    request: HttpRequest,
    template: str,
    plan_or_person: Any,
    context: dict[str, Any],
    *,
    status: int = 200,
    page: str = "",
) -> HttpResponse:
    """Render a page of the person's record: their banner and warnings on top, and the view logged."""
    person = plan_or_person.person if hasattr(plan_or_person, "person") else plan_or_person
    warnings = people_selectors.warnings_active(person=person)
    response = render(
        request,
        template,
        {"person": person, "banner": people_presenters.banner(person, warnings), **context},
        status=status,
    )
    if request.method == "GET" and status == 200 and page:
        people_services.person_view_record(
            person=person,
            actor=request.user,  # type: ignore[arg-type]  # a StaffRequest on the kit
            page=page,
        )
    return response


def plan_page(view: PlanView) -> Callable[..., HttpResponse]:
    """Load the plan version the URL names, if the worker may see it (404 otherwise)."""

    @wraps(view)
    def wrapper(request: HttpRequest, plan_uuid: UUID, *args: Any, **kwargs: Any) -> HttpResponse:
        require(policies.can_see(request.user), "Your role does not work with care and support plans")
        plan = selectors.plan_get(actor=request.user, uuid=plan_uuid)
        return view(request, plan, *args, **kwargs)

    return wrapper


def draft_page(view: PlanView) -> Callable[..., HttpResponse]:
    """A page that changes the draft: writers only, and an agreed version goes back to the plan."""

    @wraps(view)
    def wrapper(request: HttpRequest, plan: SupportPlan, *args: Any, **kwargs: Any) -> HttpResponse:
        require(policies.can_record(request.user), "You do not have permission to write care and support plans")
        if not plan.is_draft:
            messages.info(request, "This version of the plan has been agreed and cannot be changed: revise the plan")
            return redirect(_plan_url(plan))
        return view(request, plan, *args, **kwargs)

    return wrapper


def _plan_url(plan: SupportPlan) -> str:
    return reverse("support_plans:plan", args=[plan.uuid])


def _providers() -> list[tuple[int, str]]:
    return [(organisation.pk, organisation.name) for organisation in selectors.care_providers()]


def run_form(
    request: HttpRequest, form: Any, action: Callable[[], Any], *, done: str, then: str | Callable[[Any], str]
) -> tuple[HttpResponse | None, list[Any]]:
    """For a valid POST, run the service. A refusal goes back into the form with nothing typed lost;
    a conflict also says who changed what since the page was opened, and the form then carries the
    version saved now, so saving again is a choice made knowing what changed."""
    if request.method != "POST" or not form.is_valid():
        return None, []
    try:
        result = action()
    except (services.PlanConflict, review_services.ReviewConflict) as conflict:
        form.add_domain_error(None, conflict.message)
        form.data = form.data.copy()
        form.data["version"] = str(conflict.current_version)
        return None, conflict.changes
    except DomainError as error:
        form.add_domain_error(error.field, error.message)
        return None, []
    messages.success(request, done)
    target = then(result) if callable(then) else then
    return redirect(target), []


def plan_form_page(
    request: HttpRequest,
    plan: SupportPlan,
    form: Any,
    action: Callable[[], Any],
    *,
    done: str,
    template: str,
    **extra: Any,
) -> HttpResponse:
    """A form about a plan: run the service for a valid POST and go back to the plan, or show the
    form again on the person's record (with what changed since, after a conflict)."""
    response, conflict = run_form(request, form, action, done=done, then=_plan_url(plan))
    return response or person_page(
        request,
        f"support_plans/{template}.html",
        plan,
        {"form": form, "plan": plan, "conflict": conflict, **extra},
        status=form_status(form),
        page="a care and support plan",
    )


@require_http_methods(["GET", "POST"])
def plan_start(request: HttpRequest, assessment_uuid: UUID) -> HttpResponse:
    """Start the plan that follows a completed needs assessment."""
    require(policies.can_see(request.user), "Your role does not work with care and support plans")
    assessment = selectors.assessment_for_plan(actor=request.user, uuid=assessment_uuid)
    existing = selectors.plan_for_assessment(assessment=assessment)
    if existing is not None:
        messages.info(request, "A plan has already been started from this assessment")
        return redirect(_plan_url(existing))
    require(policies.can_record(request.user), "You do not have permission to write care and support plans")
    form = forms.ConfirmForm(posted(request))
    response, _ = run_form(
        request,
        form,
        lambda: services.plan_start(assessment=assessment, actor=request.user),
        done="Care and support plan started",
        then=_plan_url,
    )
    return response or person_page(
        request,
        "support_plans/plan_start.html",
        assessment.person,
        {
            "form": form,
            "assessment": assessment,
            "ready": selectors.is_eligible_and_complete(assessment),
        },
        status=form_status(form),
        page="the start of a care and support plan",
    )


@require_http_methods(["GET"])
@plan_page
def plan(request: HttpRequest, plan: SupportPlan) -> HttpResponse:
    outcomes = selectors.outcomes_of(plan=plan)
    computed = selectors.budget_of_outcomes(outcomes)
    latest = selectors.latest_of(plan=plan)
    reviews = review_selectors.reviews_of(plan=plan)
    in_force = review_selectors.in_force_of(plan=plan)
    return person_page(
        request,
        "support_plans/plan.html",
        plan,
        {
            "plan": plan,
            "outcomes": [(o, presenters.commissioned_rows(o)) for o in outcomes],
            "budget": presenters.budget_shown(plan, computed),
            "status": presenters.status_tag(plan),
            "agreement_rows": presenters.agreement_rows(plan),
            "latest": latest,
            "can_edit": plan.is_draft and policies.can_record(request.user),
            "can_record": policies.can_record(request.user),
            "can_sign_off": plan.awaiting_sign_off and policies.can_sign_off(request.user),
            "can_revise": (not plan.is_draft) and latest.pk == plan.pk and policies.can_record(request.user),
            "reviews": [(r, presenters.review_title(r), presenters.review_status(r)) for r in reviews],
            "can_review": in_force is not None and in_force.pk == plan.pk and policies.can_record(request.user),
            "provider_reviews": provider_selectors.provider_reviews_waiting_for_plan(plan=plan),
        },
        page="a care and support plan",
    )


@require_http_methods(["GET", "POST"])
@plan_page
@draft_page
def plan_edit(request: HttpRequest, plan: SupportPlan) -> HttpResponse:
    form = forms.PlanDetailsForm(
        posted(request),
        initial={"budget_method": plan.budget_method, "contingency": plan.contingency, "version": plan.version},
    )
    return plan_form_page(
        request,
        plan,
        form,
        lambda: services.plan_save(
            plan=plan, details=form.details(), version=form.cleaned_data["version"], actor=request.user
        ),
        done="Plan saved",
        template="plan_edit",
    )


@require_http_methods(["GET", "POST"])
@plan_page
@draft_page
def outcome_add(request: HttpRequest, plan: SupportPlan) -> HttpResponse:
    form = forms.OutcomeForm(posted(request), initial={"version": plan.version})
    return plan_form_page(
        request,
        plan,
        form,
        lambda: services.outcome_add(
            plan=plan, answers=form.answers(), version=form.cleaned_data["version"], actor=request.user
        ),
        done="Outcome added",
        template="outcome_add",
    )


@require_http_methods(["GET", "POST"])
@plan_page
@draft_page
def outcome_edit(request: HttpRequest, plan: SupportPlan, outcome_uuid: UUID) -> HttpResponse:
    outcome = selectors.outcome_of(plan=plan, uuid=outcome_uuid)
    form = forms.OutcomeForm(
        posted(request),
        initial={
            "statement": outcome.statement,
            "by_person_and_network": outcome.by_person_and_network,
            "universal_services": outcome.universal_services,
            "equipment": outcome.equipment,
            "version": plan.version,
        },
    )
    return plan_form_page(
        request,
        plan,
        form,
        lambda: services.outcome_save(
            plan=plan, outcome=outcome, answers=form.answers(), version=form.cleaned_data["version"], actor=request.user
        ),
        done="Outcome saved",
        template="outcome_edit",
        outcome=outcome,
    )


@require_http_methods(["GET", "POST"])
@plan_page
@draft_page
def outcome_remove(request: HttpRequest, plan: SupportPlan, outcome_uuid: UUID) -> HttpResponse:
    outcome = selectors.outcome_of(plan=plan, uuid=outcome_uuid)
    form = forms.VersionForm(posted(request), initial={"version": plan.version})
    return plan_form_page(
        request,
        plan,
        form,
        lambda: services.outcome_remove(
            plan=plan, outcome=outcome, version=form.cleaned_data["version"], actor=request.user
        ),
        done="Outcome removed",
        template="outcome_remove",
        outcome=outcome,
    )


@require_http_methods(["GET", "POST"])
@plan_page
@draft_page
def community_add(request: HttpRequest, plan: SupportPlan, outcome_uuid: UUID) -> HttpResponse:
    """Search the community directory in place and name a service that helps meet the outcome."""
    outcome = selectors.outcome_of(plan=plan, uuid=outcome_uuid)
    search_form = forms.DirectorySearchForm(request.GET if "keywords" in request.GET else None)
    hits: list[Any] = []
    if search_form.is_bound and search_form.is_valid():
        try:
            results = directory_search.service_search(
                directory_search.ServiceQuery(keywords=search_form.cleaned_data["keywords"]), per_page=20
            )
        except DomainError as error:
            search_form.add_domain_error(error.field, error.message)
        else:
            hits = [hit.service for hit in results.hits]
    choices = [(str(s.pk), s.name) for s in hits]
    if request.method == "POST":
        choices = [(value, value) for value in request.POST.getlist("service")]
    form = forms.CommunityPickForm(posted(request), services=choices, initial={"version": plan.version})

    def add() -> Any:
        service = directory_selectors.service_find(service_id=form.cleaned_data["service"])
        if service is None:
            raise DomainError("That service is no longer in the directory: search again", field="service")
        return services.community_service_add(
            plan=plan, outcome=outcome, service=service, version=form.cleaned_data["version"], actor=request.user
        )

    response, conflict = run_form(request, form, add, done="Community service added", then=_plan_url(plan))
    return response or person_page(
        request,
        "support_plans/community_add.html",
        plan,
        {
            "plan": plan,
            "outcome": outcome,
            "search_form": search_form,
            "form": form,
            "hits": hits,
            "searched": search_form.is_bound,
            "conflict": conflict,
        },
        status=form_status(search_form) if request.method == "GET" else form_status(form),
        page="a care and support plan",
    )


@require_http_methods(["POST"])
@plan_page
@draft_page
def community_remove(request: HttpRequest, plan: SupportPlan, community_uuid: UUID) -> HttpResponse:
    item = selectors.community_of(plan=plan, uuid=community_uuid)
    form = forms.VersionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Open the plan again and try once more")
        return redirect(_plan_url(plan))
    try:
        services.community_service_remove(
            plan=plan, item=item, version=form.cleaned_data["version"], actor=request.user
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"{item.service_name} taken off the plan")
    return redirect(_plan_url(plan))


@require_http_methods(["GET", "POST"])
@plan_page
@draft_page
def commissioned_add(request: HttpRequest, plan: SupportPlan, outcome_uuid: UUID) -> HttpResponse:
    outcome = selectors.outcome_of(plan=plan, uuid=outcome_uuid)
    form = forms.CommissionedForm(
        posted(request), providers=_providers(), initial={"version": plan.version, "unit": "hour"}
    )
    return plan_form_page(
        request,
        plan,
        form,
        lambda: services.commissioned_add(
            plan=plan, outcome=outcome, details=form.details(), version=form.cleaned_data["version"], actor=request.user
        ),
        done="Commissioned service added",
        template="commissioned_add",
        outcome=outcome,
    )


@require_http_methods(["GET", "POST"])
@plan_page
@draft_page
def commissioned_edit(request: HttpRequest, plan: SupportPlan, commissioned_uuid: UUID) -> HttpResponse:
    item = selectors.commissioned_of(plan=plan, uuid=commissioned_uuid)
    form = forms.CommissionedForm(
        posted(request),
        providers=_providers(),
        initial={
            "kind": item.kind,
            "provider_organisation": str(item.provider_organisation_id or ""),
            "provider_name": "" if item.provider_organisation_id else item.provider_name,
            "units_per_week": item.units_per_week.normalize(),
            "unit": item.unit,
            "unit_cost": f"{item.unit_cost_pence / 100:.2f}",
            "version": plan.version,
        },
    )
    return plan_form_page(
        request,
        plan,
        form,
        lambda: services.commissioned_save(
            plan=plan, item=item, details=form.details(), version=form.cleaned_data["version"], actor=request.user
        ),
        done="Commissioned service saved",
        template="commissioned_edit",
        outcome=item.outcome,
    )


@require_http_methods(["GET", "POST"])
@plan_page
@draft_page
def commissioned_remove(request: HttpRequest, plan: SupportPlan, commissioned_uuid: UUID) -> HttpResponse:
    item = selectors.commissioned_of(plan=plan, uuid=commissioned_uuid)
    form = forms.VersionForm(posted(request), initial={"version": plan.version})
    return plan_form_page(
        request,
        plan,
        form,
        lambda: services.commissioned_remove(
            plan=plan, item=item, version=form.cleaned_data["version"], actor=request.user
        ),
        done="Commissioned service removed",
        template="commissioned_remove",
        item=item,
        units=presenters.units,
    )


@require_http_methods(["GET", "POST"])
@plan_page
@draft_page
def plan_complete(request: HttpRequest, plan: SupportPlan) -> HttpResponse:
    """Record the person's agreement: the version is then fixed, and signed off where the budget needs it."""
    computed = selectors.budget_of_plan(plan=plan)
    form = forms.AgreementForm(posted(request), initial={"version": plan.version})
    return plan_form_page(
        request,
        plan,
        form,
        lambda: services.plan_complete(
            plan=plan, agreement=form.agreement(), version=form.cleaned_data["version"], actor=request.user
        ),
        done="The person's agreement is recorded",
        template="plan_complete",
        budget=presenters.budget_shown(plan, computed),
    )


@require_http_methods(["GET", "POST"])
@plan_page
def plan_copy(request: HttpRequest, plan: SupportPlan) -> HttpResponse:
    require(policies.can_record(request.user), "You do not have permission to write care and support plans")
    if plan.is_draft or plan.copy_given_on is not None:
        messages.info(
            request,
            "Record the copy once the person has agreed the plan"
            if plan.is_draft
            else "A copy has already been recorded",
        )
        return redirect(_plan_url(plan))
    form = forms.CopyForm(posted(request), initial={"version": plan.version})
    return plan_form_page(
        request,
        plan,
        form,
        lambda: services.plan_copy_record(
            plan=plan,
            given_on=form.cleaned_data["copy_given_on"],
            copy_format=form.cleaned_data["copy_format"],
            version=form.cleaned_data["version"],
            actor=request.user,
        ),
        done="Copy recorded",
        template="plan_copy",
    )


@require_http_methods(["GET", "POST"])
@plan_page
def plan_sign_off(request: HttpRequest, plan: SupportPlan) -> HttpResponse:
    require(policies.can_sign_off(request.user), "Only a team manager can sign off a care and support plan")
    if not plan.awaiting_sign_off:
        messages.info(request, "This version is not waiting to be signed off")
        return redirect(_plan_url(plan))
    outcomes = selectors.outcomes_of(plan=plan)
    form = forms.VersionForm(posted(request), initial={"version": plan.version})
    response, conflict = run_form(
        request,
        form,
        lambda: services.plan_sign_off(plan=plan, version=form.cleaned_data["version"], actor=request.user),
        done="Plan signed off",
        then=_plan_url(plan),
    )
    return response or person_page(
        request,
        "support_plans/plan_sign_off.html",
        plan,
        {
            "form": form,
            "plan": plan,
            "budget": presenters.budget_shown(plan, selectors.budget_of_outcomes(outcomes)),
            "outcomes": [(o, presenters.commissioned_rows(o)) for o in outcomes],
            "conflict": conflict,
        },
        status=form_status(form),
        page="a care and support plan",
    )


@require_http_methods(["GET", "POST"])
@plan_page
def plan_revise(request: HttpRequest, plan: SupportPlan) -> HttpResponse:
    require(policies.can_record(request.user), "You do not have permission to write care and support plans")
    latest = selectors.latest_of(plan=plan)
    if plan.is_draft or latest.pk != plan.pk:
        messages.info(request, "Only the latest agreed version of a plan is revised")
        return redirect(_plan_url(latest))
    form = forms.ReviseForm(posted(request))
    response, _ = run_form(
        request,
        form,
        lambda: services.plan_revise(plan=plan, reason=form.cleaned_data["reason"], actor=request.user),
        done="New version started: change it, then record the person's agreement",
        then=_plan_url,
    )
    return response or person_page(
        request,
        "support_plans/plan_revise.html",
        plan,
        {"form": form, "plan": plan},
        status=form_status(form),
        page="a care and support plan",
    )


@require_http_methods(["GET"])
@plan_page
def plan_versions(request: HttpRequest, plan: SupportPlan) -> HttpResponse:
    versions = selectors.versions_of(plan=plan)
    return person_page(
        request,
        "support_plans/plan_versions.html",
        plan,
        {
            "plan": plan,
            "versions": [(v, presenters.status_tag(v)) for v in versions],
            "events": selectors.events_of(plan=plan),
            "pounds": presenters.pounds,
        },
        page="the versions of a care and support plan",
    )


def _document(request: HttpRequest, plan: SupportPlan, *, as_pdf: bool) -> HttpResponse:
    outcomes = selectors.outcomes_of(plan=plan)
    context = {
        "plan": plan,
        "person": plan.person,
        "outcomes": [(o, presenters.commissioned_rows(o)) for o in outcomes],
        "budget": presenters.budget_shown(plan, selectors.budget_of_outcomes(outcomes)),
        "status": presenters.status_text(plan),
        "agreement_rows": presenters.agreement_rows(plan),
        "weeks": budget.WEEKS_A_YEAR,
    }
    people_services.person_view_record(
        person=plan.person,
        actor=request.user,  # type: ignore[arg-type]  # a StaffRequest on the kit
        page="the care and support plan document",
    )
    return document_response(
        request,
        "support_plans/plan_document.html",
        context,
        title=f"Care and support plan for {plan.person.full_name}, version {plan.number}",
        filename=f"care-and-support-plan-{plan.person.local_id}-v{plan.number}",
        as_pdf=as_pdf,
    )


@require_http_methods(["GET"])
@plan_page
def plan_document(request: HttpRequest, plan: SupportPlan) -> HttpResponse:
    """The plan as the person is given it: an accessible page that prints cleanly."""
    return _document(request, plan, as_pdf=False)


@require_http_methods(["GET"])
@plan_page
def plan_document_pdf(request: HttpRequest, plan: SupportPlan) -> HttpResponse:
    return _document(request, plan, as_pdf=True)
