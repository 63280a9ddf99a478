"""Care and support plan pages: thin views that scope, validate, call a service and redirect.

Every page about a plan is a record page (`tandem.people.record_page`): the kit loads the plan the
URL names, puts the person's banner and warnings on the page and logs the view.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TYPE_CHECKING, Any
from uuid import UUID

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from tandem.core.documents import document_response
from tandem.core.errors import DomainError, require
from tandem.core.pages import form_status, posted, submit
from tandem.directory import search as directory_search
from tandem.directory import selectors as directory_selectors
from tandem.identity.actors import Actor, StaffRequest
from tandem.people.record_page import Record, record_page
from tandem.support_plans import (
    documents,
    forms,
    policies,
    presenters,
    provider_selectors,
    review_selectors,
    selectors,
    services,
)

if TYPE_CHECKING:
    # For the type checker only: views read through selectors (tests/architecture).
    from tandem.assessments.models import NeedsAssessment
    from tandem.support_plans.models import SupportPlan

View = Callable[..., HttpResponse]
Loader = Callable[..., Any]

SEE_PLANS = "Your role does not work with care and support plans"
WRITE_PLANS = "You do not have permission to write care and support plans"
PLAN_PAGE = "a care and support plan"


def app_record_page(
    page: str,
    load: Loader,
    *,
    kwarg: str,
    allowed: Callable[[Actor], bool] = policies.can_see,
    refusal: str = SEE_PLANS,
    **options: Any,
) -> Callable[[View], View]:
    """A page of this app about a person's record: the record-page kit, loading through `load`
    once the role may use the page (403 before any read otherwise; by default, the roles that
    work with plans). `options` go to `record_page` (`person_of`)."""

    def guarded(*, actor: Actor, uuid: UUID | str) -> Any:
        require(allowed(actor), refusal)
        return load(actor=actor, uuid=uuid)

    return record_page(page, load=guarded, kwarg=kwarg, **options)


def plan_record_page(page: str = PLAN_PAGE) -> Callable[[View], View]:
    """A page about one version of a plan, which the worker may see (404 otherwise)."""
    return app_record_page(page, selectors.plan_get, kwarg="plan_uuid")


def draft_page(view: View) -> View:
    """A page that changes the draft: writers only, and an agreed version goes back to the plan."""

    @wraps(view)
    def wrapper(request: StaffRequest, record: Record[SupportPlan], *args: Any, **kwargs: Any) -> HttpResponse:
        require(policies.can_record(request.user), WRITE_PLANS)
        if not record.obj.is_draft:
            messages.info(request, "This version of the plan has been agreed and cannot be changed: revise the plan")
            return redirect(plan_url(record.obj))
        return view(request, record, *args, **kwargs)

    return wrapper


def plan_url(plan: SupportPlan) -> str:
    return reverse("support_plans:plan", args=[plan.uuid])


def _providers() -> list[tuple[int, str]]:
    return [(organisation.pk, organisation.name) for organisation in selectors.care_providers()]


def form_shown(record: Record[SupportPlan], template: str, form: Any, **extra: Any) -> HttpResponse:
    """A form about the plan, shown first or again with what was typed (and what changed since, after a stale save)."""
    return record.render(
        f"support_plans/{template}.html", {"form": form, "plan": record.obj, **extra}, status=form_status(form)
    )


def plan_form(
    request: StaffRequest,
    record: Record[SupportPlan],
    form: Any,
    save: Callable[..., Any],
    *,
    done: str,
    page: str,
    given: Callable[[], dict[str, Any]] = dict,
    **extra: Any,
) -> HttpResponse:
    """A form that changes the plan: the service `save` is given the plan, what `given` reads from
    the valid form, the form's version and the actor; then back to the plan, or the form (with
    `extra`) shown again."""
    plan = record.obj
    return submit(
        request,
        form,
        lambda: save(plan=plan, **given(), version=form.cleaned_data["version"], actor=request.user),
        done=done,
        then=plan_url(plan),
    ) or form_shown(record, page, form, **extra)


@require_http_methods(["GET", "POST"])
@app_record_page("the start of a care and support plan", selectors.assessment_for_plan, kwarg="assessment_uuid")
def plan_start(request: StaffRequest, record: Record[NeedsAssessment]) -> HttpResponse:
    """Start the plan that follows a completed needs assessment."""
    assessment = record.obj
    existing = selectors.plan_for_assessment(assessment=assessment)
    if existing is not None:
        messages.info(request, "A plan has already been started from this assessment")
        return redirect(plan_url(existing))
    require(policies.can_record(request.user), WRITE_PLANS)
    form = forms.ConfirmForm(posted(request))
    return submit(
        request,
        form,
        lambda: services.plan_start(assessment=assessment, actor=request.user),
        done="Care and support plan started",
        then=plan_url,
    ) or record.render(
        "support_plans/plan_start.html",
        {"form": form, "assessment": assessment, "ready": selectors.is_eligible_and_complete(assessment)},
        status=form_status(form),
    )


@require_http_methods(["GET"])
@plan_record_page()
def plan(request: StaffRequest, record: Record[SupportPlan]) -> HttpResponse:
    plan = record.obj
    outcomes = selectors.outcomes_of(plan=plan)
    computed = selectors.budget_of_outcomes(outcomes)
    latest = selectors.latest_of(plan=plan)
    reviews = review_selectors.reviews_of(plan=plan)
    in_force = review_selectors.in_force_of(plan=plan)
    return record.render(
        "support_plans/plan.html",
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
    )


@require_http_methods(["GET", "POST"])
@plan_record_page()
@draft_page
def plan_edit(request: StaffRequest, record: Record[SupportPlan]) -> HttpResponse:
    plan = record.obj
    form = forms.PlanDetailsForm(
        posted(request),
        initial={"budget_method": plan.budget_method, "contingency": plan.contingency, "version": plan.version},
    )
    return plan_form(
        request,
        record,
        form,
        services.plan_save,
        given=lambda: {"details": form.details()},
        done="Plan saved",
        page="plan_edit",
    )


@require_http_methods(["GET", "POST"])
@plan_record_page()
@draft_page
def outcome_add(request: StaffRequest, record: Record[SupportPlan]) -> HttpResponse:
    plan = record.obj
    form = forms.OutcomeForm(posted(request), initial={"version": plan.version})
    return plan_form(
        request,
        record,
        form,
        services.outcome_add,
        given=lambda: {"answers": form.answers()},
        done="Outcome added",
        page="outcome_add",
    )


@require_http_methods(["GET", "POST"])
@plan_record_page()
@draft_page
def outcome_edit(request: StaffRequest, record: Record[SupportPlan], outcome_uuid: UUID) -> HttpResponse:
    plan = record.obj
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
    return plan_form(
        request,
        record,
        form,
        services.outcome_save,
        given=lambda: {"outcome": outcome, "answers": form.answers()},
        done="Outcome saved",
        page="outcome_edit",
        outcome=outcome,
    )


@require_http_methods(["GET", "POST"])
@plan_record_page()
@draft_page
def outcome_remove(request: StaffRequest, record: Record[SupportPlan], outcome_uuid: UUID) -> HttpResponse:
    plan = record.obj
    outcome = selectors.outcome_of(plan=plan, uuid=outcome_uuid)
    form = forms.VersionForm(posted(request), initial={"version": plan.version})
    return plan_form(
        request,
        record,
        form,
        services.outcome_remove,
        given=lambda: {"outcome": outcome},
        done="Outcome removed",
        page="outcome_remove",
        outcome=outcome,
    )


@require_http_methods(["GET", "POST"])
@plan_record_page()
@draft_page
def community_add(request: StaffRequest, record: Record[SupportPlan], outcome_uuid: UUID) -> HttpResponse:
    """Search the community directory in place and name a service that helps meet the outcome."""
    plan = record.obj
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

    return submit(request, form, add, done="Community service added", then=plan_url(plan)) or record.render(
        "support_plans/community_add.html",
        {
            "plan": plan,
            "outcome": outcome,
            "search_form": search_form,
            "form": form,
            "hits": hits,
            "searched": search_form.is_bound,
        },
        status=form_status(search_form) if request.method == "GET" else form_status(form),
    )


@require_http_methods(["POST"])
@plan_record_page()
@draft_page
def community_remove(request: StaffRequest, record: Record[SupportPlan], community_uuid: UUID) -> HttpResponse:
    plan = record.obj
    item = selectors.community_of(plan=plan, uuid=community_uuid)
    form = forms.VersionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Open the plan again and try once more")
        return redirect(plan_url(plan))
    try:
        services.community_service_remove(
            plan=plan, item=item, version=form.cleaned_data["version"], actor=request.user
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"{item.service_name} taken off the plan")
    return redirect(plan_url(plan))


@require_http_methods(["GET", "POST"])
@plan_record_page()
@draft_page
def commissioned_add(request: StaffRequest, record: Record[SupportPlan], outcome_uuid: UUID) -> HttpResponse:
    plan = record.obj
    outcome = selectors.outcome_of(plan=plan, uuid=outcome_uuid)
    form = forms.CommissionedForm(
        posted(request), providers=_providers(), initial={"version": plan.version, "unit": "hour"}
    )
    return plan_form(
        request,
        record,
        form,
        services.commissioned_add,
        given=lambda: {"outcome": outcome, "details": form.details()},
        done="Commissioned service added",
        page="commissioned_add",
        outcome=outcome,
    )


@require_http_methods(["GET", "POST"])
@plan_record_page()
@draft_page
def commissioned_edit(request: StaffRequest, record: Record[SupportPlan], commissioned_uuid: UUID) -> HttpResponse:
    plan = record.obj
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
    return plan_form(
        request,
        record,
        form,
        services.commissioned_save,
        given=lambda: {"item": item, "details": form.details()},
        done="Commissioned service saved",
        page="commissioned_edit",
        outcome=item.outcome,
    )


@require_http_methods(["GET", "POST"])
@plan_record_page()
@draft_page
def commissioned_remove(request: StaffRequest, record: Record[SupportPlan], commissioned_uuid: UUID) -> HttpResponse:
    plan = record.obj
    item = selectors.commissioned_of(plan=plan, uuid=commissioned_uuid)
    form = forms.VersionForm(posted(request), initial={"version": plan.version})
    return plan_form(
        request,
        record,
        form,
        services.commissioned_remove,
        given=lambda: {"item": item},
        done="Commissioned service removed",
        page="commissioned_remove",
        item=item,
        units=presenters.units,
    )


@require_http_methods(["GET", "POST"])
@plan_record_page()
@draft_page
def plan_complete(request: StaffRequest, record: Record[SupportPlan]) -> HttpResponse:
    """Record the person's agreement: the version is then fixed, and signed off where the budget needs it."""
    plan = record.obj
    computed = selectors.budget_of_plan(plan=plan)
    form = forms.AgreementForm(posted(request), initial={"version": plan.version})
    return plan_form(
        request,
        record,
        form,
        services.plan_complete,
        given=lambda: {"agreement": form.agreement()},
        done="The person's agreement is recorded",
        page="plan_complete",
        budget=presenters.budget_shown(plan, computed),
    )


@require_http_methods(["GET", "POST"])
@plan_record_page()
def plan_copy(request: StaffRequest, record: Record[SupportPlan]) -> HttpResponse:
    plan = record.obj
    require(policies.can_record(request.user), WRITE_PLANS)
    if plan.is_draft or plan.copy_given_on is not None:
        messages.info(
            request,
            "Record the copy once the person has agreed the plan"
            if plan.is_draft
            else "A copy has already been recorded",
        )
        return redirect(plan_url(plan))
    form = forms.CopyForm(posted(request), initial={"version": plan.version})
    return plan_form(
        request,
        record,
        form,
        services.plan_copy_record,
        given=lambda: {"given_on": form.cleaned_data["copy_given_on"], "copy_format": form.cleaned_data["copy_format"]},
        done="Copy recorded",
        page="plan_copy",
    )


@require_http_methods(["GET", "POST"])
@plan_record_page()
def plan_sign_off(request: StaffRequest, record: Record[SupportPlan]) -> HttpResponse:
    plan = record.obj
    require(policies.can_sign_off(request.user), "Only a team manager can sign off a care and support plan")
    if not plan.awaiting_sign_off:
        messages.info(request, "This version is not waiting to be signed off")
        return redirect(plan_url(plan))
    outcomes = selectors.outcomes_of(plan=plan)
    form = forms.VersionForm(posted(request), initial={"version": plan.version})
    return plan_form(
        request,
        record,
        form,
        services.plan_sign_off,
        done="Plan signed off",
        page="plan_sign_off",
        budget=presenters.budget_shown(plan, selectors.budget_of_outcomes(outcomes)),
        outcomes=[(o, presenters.commissioned_rows(o)) for o in outcomes],
    )


@require_http_methods(["GET", "POST"])
@plan_record_page()
def plan_revise(request: StaffRequest, record: Record[SupportPlan]) -> HttpResponse:
    plan = record.obj
    require(policies.can_record(request.user), WRITE_PLANS)
    latest = selectors.latest_of(plan=plan)
    if plan.is_draft or latest.pk != plan.pk:
        messages.info(request, "Only the latest agreed version of a plan is revised")
        return redirect(plan_url(latest))
    form = forms.ReviseForm(posted(request))
    return submit(
        request,
        form,
        lambda: services.plan_revise(plan=plan, reason=form.cleaned_data["reason"], actor=request.user),
        done="New version started: change it, then record the person's agreement",
        then=plan_url,
    ) or form_shown(record, "plan_revise", form)


@require_http_methods(["GET"])
@plan_record_page("the versions of a care and support plan")
def plan_versions(request: StaffRequest, record: Record[SupportPlan]) -> HttpResponse:
    plan = record.obj
    versions = selectors.versions_of(plan=plan)
    return record.render(
        "support_plans/plan_versions.html",
        {
            "plan": plan,
            "versions": [(v, presenters.status_tag(v)) for v in versions],
            "events": selectors.events_of(plan=plan),
            "pounds": presenters.pounds,
        },
    )


def _document(request: StaffRequest, plan: SupportPlan, *, as_pdf: bool) -> HttpResponse:
    return document_response(
        request,
        documents.TEMPLATE,
        documents.plan_document_context(plan),
        title=documents.plan_document_title(plan),
        filename=f"care-and-support-plan-{plan.person.local_id}-v{plan.number}",
        as_pdf=as_pdf,
    )


@require_http_methods(["GET"])
@plan_record_page("the care and support plan document")
def plan_document(request: StaffRequest, record: Record[SupportPlan]) -> HttpResponse:
    """The plan as the person is given it: an accessible page that prints cleanly."""
    return _document(request, record.obj, as_pdf=False)


@require_http_methods(["GET"])
@plan_record_page("the care and support plan document")
def plan_document_pdf(request: StaffRequest, record: Record[SupportPlan]) -> HttpResponse:
    return _document(request, record.obj, as_pdf=True)
