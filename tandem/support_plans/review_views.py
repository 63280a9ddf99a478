"""Plan review pages: start a review, record it, complete it, and the due and overdue lists."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from tandem.core.errors import require
from tandem.core.pages import form_status, posted, submit
from tandem.core.presenters import pagination
from tandem.identity.actors import StaffRequest
from tandem.people.record_page import Record
from tandem.support_plans import (
    policies,
    presenters,
    provider_selectors,
    review_forms,
    review_selectors,
    review_services,
)
from tandem.support_plans.views import SEE_PLANS, app_record_page, form_shown, plan_record_page, plan_url

if TYPE_CHECKING:
    from tandem.support_plans.models import PlanReview, SupportPlan

REVIEW_PAGE = "a review of a care and support plan"
REVIEW_PLANS = "You do not have permission to review care and support plans"

review_page = app_record_page(REVIEW_PAGE, review_selectors.review_get, kwarg="review_uuid")


def _review_url(review: PlanReview) -> str:
    return reverse("support_plans:review", args=[review.uuid])


@require_http_methods(["GET", "POST"])
@plan_record_page(REVIEW_PAGE)
def review_start(request: StaffRequest, record: Record[SupportPlan]) -> HttpResponse:
    """Start the planned review, or an unplanned one with its reason."""
    plan = record.obj
    require(policies.can_record(request.user), REVIEW_PLANS)
    in_force = review_selectors.in_force_of(plan=plan)
    if in_force is None or in_force.pk != plan.pk:
        messages.info(request, "Only the version of the plan in force is reviewed")
        return redirect(plan_url(in_force or plan))
    open_review = review_selectors.open_review_of(plan=plan)
    if open_review is not None:
        messages.info(request, "A review of this plan is already in progress: carry on with it")
        return redirect(_review_url(open_review))
    scheduled = review_selectors.scheduled_review_of(plan=plan)
    form = review_forms.ReviewStartForm(
        posted(request), initial={"kind": "planned" if scheduled and scheduled.plan_id == plan.pk else ""}
    )
    return submit(
        request,
        form,
        lambda: review_services.review_start(plan=plan, actor=request.user, **form.cleaned_data),
        done="Review started",
        then=_review_url,
    ) or form_shown(record, "review_start", form, scheduled=scheduled)


@require_http_methods(["GET", "POST"])
@review_page
def review(request: StaffRequest, record: Record[PlanReview]) -> HttpResponse:
    """The review: each outcome achieved fully, partly or not, in the person's words, and the decision."""
    found = record.obj
    findings = review_selectors.findings_of(review=found)
    if not found.is_draft or (request.method == "GET" and not policies.can_record(request.user)):
        if request.method == "POST":
            return redirect(_review_url(found))
        return record.render(
            "support_plans/review_view.html",
            {"review": found, "findings": findings, "status": presenters.review_status(found)},
        )
    require(policies.can_record(request.user), REVIEW_PLANS)
    form = review_forms.ReviewForm(
        posted(request),
        findings=findings,
        initial={
            "persons_view": found.persons_view,
            "outcome": found.outcome,
            "outcome_detail": found.outcome_detail,
            "version": found.version,
        },
    )
    return submit(
        request,
        form,
        lambda: review_services.review_save(
            review=found, answers=form.answers(), version=form.cleaned_data["version"], actor=request.user
        ),
        done="Review saved",
        then=_review_url(found),
    ) or record.render(
        "support_plans/review.html",
        {"review": found, "form": form, "status": presenters.review_status(found)},
        status=form_status(form),
    )


@require_http_methods(["GET", "POST"])
@review_page
def review_complete(request: StaffRequest, record: Record[PlanReview]) -> HttpResponse:
    found = record.obj
    require(policies.can_record(request.user), REVIEW_PLANS)
    if not found.is_draft:
        return redirect(_review_url(found))
    form = review_forms.VersionOnlyForm(posted(request), initial={"version": found.version})
    return submit(
        request,
        form,
        lambda: review_services.review_complete(review=found, version=form.cleaned_data["version"], actor=request.user),
        done="Review completed",
        then=lambda done: plan_url(done.revision) if done.revision else _review_url(done),
    ) or record.render(
        "support_plans/review_complete.html",
        {
            "review": found,
            "form": form,
            "findings": review_selectors.findings_of(review=found),
            "revises": presenters.review_revises(found),
        },
        status=form_status(form),
    )


@require_http_methods(["GET"])
def reviews_due(request: StaffRequest) -> HttpResponse:
    """Planned reviews due in the next eight weeks and overdue, for a team and optionally one practitioner."""
    require(policies.can_see(request.user), SEE_PLANS)
    teams = review_selectors.review_teams(actor=request.user)
    chosen = request.GET.get("team") or (str(teams[0].uuid) if teams else "")
    team = next((t for t in teams if str(t.uuid) == chosen), None)
    workers = review_selectors.team_workers(team=team) if team else []
    form = review_forms.DueForm(
        request.GET or None,
        teams=[(str(t.uuid), t.name) for t in teams],
        workers=[(str(w.uuid), w.get_full_name() or w.username) for w in workers],
        initial={"team": chosen, "show": "due"},
    )
    practitioner, overdue_only = None, False
    if form.is_bound and form.is_valid():
        practitioner = next((w for w in workers if str(w.uuid) == form.cleaned_data["practitioner"]), None)
        overdue_only = form.cleaned_data["show"] == "overdue"
    filters = review_selectors.DueFilter(team=team, practitioner=practitioner, overdue_only=overdue_only)
    page = Paginator(review_selectors.reviews_due(actor=request.user, filters=filters), 25).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "support_plans/reviews_due.html",
        {
            "form": form,
            "team": team,
            "page": page,
            "pages": pagination(page, request),
            "overdue": review_selectors.overdue,
            "provider_reviews": provider_selectors.provider_reviews_waiting_for_team(actor=request.user, team=team),
        },
        status=form_status(form),
    )
