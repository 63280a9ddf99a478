"""The trusted care provider view: a provider's current packages and its review of each; and the
page where a practitioner checks a provider's review, then signs it off or returns it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from tandem.core.errors import require
from tandem.core.pages import form_status, posted, submit
from tandem.identity.actors import StaffRequest
from tandem.people.record_page import Record
from tandem.support_plans import (
    policies,
    presenters,
    provider_forms,
    provider_selectors,
    provider_services,
    review_selectors,
)
from tandem.support_plans.views import app_record_page, plan_url

if TYPE_CHECKING:
    from tandem.people.models import Person
    from tandem.support_plans.models import CommissionedService, ProviderReview

PROVIDERS_ONLY = "Only a care provider's staff review packages here"


def _person_of_package(package: CommissionedService) -> Person:
    return package.outcome.plan.person


@require_http_methods(["GET"])
def provider_packages(request: StaffRequest) -> HttpResponse:
    """The packages the user's organisation delivers now, each with its next review and the last one sent."""
    require(policies.can_submit_provider_review(request.user), PROVIDERS_ONLY)
    packages = list(provider_selectors.packages_for_provider(request.user))
    return render(
        request,
        "support_plans/provider_packages.html",
        {"packages": [presenters.provider_package(package) for package in packages]},
    )


@require_http_methods(["GET", "POST"])
@app_record_page(
    # The provider sees who the package is for: that view is logged like any other.
    "a care provider's package",
    provider_selectors.package_for_provider,
    kwarg="package_uuid",
    allowed=policies.can_submit_provider_review,
    refusal=PROVIDERS_ONLY,
    person_of=_person_of_package,
)
def provider_review_submit(request: StaffRequest, record: Record[CommissionedService]) -> HttpResponse:
    """The provider's review of one package: the outcome it serves, changes proposed, incidents."""
    package = record.obj
    if provider_selectors.waiting_review_of(service=package) is not None:
        messages.info(request, "Your last review of this package is still waiting to be checked")
        return redirect(reverse("support_plans:provider_packages"))
    form = provider_forms.ProviderReviewForm(posted(request))
    return submit(
        request,
        form,
        lambda: provider_services.provider_review_submit(service=package, answers=form.answers(), actor=request.user),
        done="Review sent to the council to check",
        then=reverse("support_plans:provider_packages"),
    ) or record.render(
        # The provider's page shows the least that identifies the person, not their record's banner.
        "support_plans/provider_review_submit.html",
        {"form": form, "package": presenters.provider_package(package)},
        status=form_status(form),
    )


@require_http_methods(["GET", "POST"])
@app_record_page("a care provider's review", provider_selectors.provider_review_get, kwarg="provider_review_uuid")
def provider_review_check(request: StaffRequest, record: Record[ProviderReview]) -> HttpResponse:
    """Check a care provider's review: sign it off (into the plan's review) or return it with a reason."""
    found = record.obj
    context = {
        "provider_review": found,
        "status": presenters.provider_review_status(found),
        "service": presenters.provider_service_line(found.service),
    }
    if not found.is_waiting or (request.method == "GET" and not policies.can_record(request.user)):
        if request.method == "POST":
            return redirect(reverse("support_plans:provider_review_check", args=[found.uuid]))
        return record.render("support_plans/provider_review_check.html", context)
    require(policies.can_record(request.user), "You do not have permission to check care providers' reviews")
    open_review = review_selectors.open_review_of(plan=found.plan)
    form = provider_forms.ProviderCheckForm(posted(request), review_open=open_review is not None)

    def decide() -> ProviderReview:
        decision = form.cleaned_data["decision"]
        if decision == provider_services.ProviderDecision.RETURN:
            return provider_services.provider_review_return(
                review=found, reason=form.cleaned_data["return_reason"], actor=request.user
            )
        return provider_services.provider_review_accept(
            review=found,
            start_review=decision == provider_services.ProviderDecision.ACCEPT_AND_REVIEW,
            actor=request.user,
        )

    return submit(
        request, form, decide, done="Care provider's review checked", then=lambda checked: plan_url(checked.plan)
    ) or record.render(
        "support_plans/provider_review_check.html",
        {**context, "form": form, "open_review": open_review},
        status=form_status(form),
    )
