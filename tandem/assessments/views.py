"""Needs assessment pages: thin views that scope, validate, call a service and redirect."""

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

from tandem.assessments import forms, policies, presenters, selectors, services
from tandem.core.documents import document_response
from tandem.core.errors import DomainError, require
from tandem.core.pages import form_status, posted, submit
from tandem.people import presenters as people_presenters
from tandem.people import selectors as people_selectors
from tandem.people import services as people_services

if TYPE_CHECKING:
    # For the type checker only: views read through selectors (tests/architecture).
    from tandem.assessments.models import NeedsAssessment
    from tandem.people.models import Person

AssessmentView = Callable[..., HttpResponse]
DRAFT, COMPLETED = "draft", "completed"


def assessment_page(page: str) -> Callable[[AssessmentView], Callable[..., HttpResponse]]:
    """Load the assessment the URL names if the worker may see it (403 for roles that never
    assess, 404 outside their scope), and log the view of the person's record once shown
    (`page` names what was viewed; "{kind}" becomes "needs assessment" or "carer's assessment")."""

    def decorate(view: AssessmentView) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: HttpRequest, assessment_uuid: UUID, *args: Any, **kwargs: Any) -> HttpResponse:
            require(policies.can_see(request.user), "Your role does not work with assessments")
            assessment = selectors.assessment_get(actor=request.user, uuid=assessment_uuid)
            response = view(request, assessment, *args, **kwargs)
            if request.method == "GET" and response.status_code == 200:
                shown = page.format(kind=assessment.get_kind_display().lower())
                people_services.person_view_record(person=assessment.person, actor=request.user, page=shown)
            return response

        return wrapper

    return decorate


def _url(name: str, assessment: NeedsAssessment) -> str:
    return reverse(f"assessments:{name}", args=[assessment.uuid])


def _person_context(person: Person) -> dict[str, Any]:
    """The person banner and active hazard warnings, shown on every page of their record."""
    return {
        "person": person,
        "banner": people_presenters.banner(person, people_selectors.warnings_active(person=person)),
    }


def _render(
    request: HttpRequest, template: str, assessment: NeedsAssessment, context: dict[str, Any], *, status: int = 200
) -> HttpResponse:
    shown = selectors.timeliness(requested_on=assessment.requested_on, completed_on=assessment.completed_on)
    context = {
        **_person_context(assessment.person),
        "assessment": assessment,
        "timeliness": shown,
        "timeliness_text": presenters.timeliness_text(shown),
        "started_from": presenters.started_from_text(assessment),
        "status_tag": presenters.STATUS_TAGS.get(assessment.status, ""),
        "title": presenters.title_of(assessment),
        "joint": selectors.joint_assessments(assessment=assessment, actor=request.user),
        "can_record": policies.can_record(request.user),
        "can_authorise": policies.can_authorise(request.user),
        **context,
    }
    return render(request, template, context, status=status)


@require_http_methods(["GET", "POST"])
def assessment_start(request: HttpRequest, person_uuid: UUID) -> HttpResponse:
    """Start a needs assessment from a request, the person's self-assessment, or a review."""
    require(policies.can_record(request.user), "You do not have permission to assess")
    try:
        person = people_selectors.person_get(actor=request.user, uuid=person_uuid)
    except people_selectors.RestrictedRecord:
        return redirect(f"{reverse('people:break_glass', args=[person_uuid])}?next={request.path}")
    points = selectors.starting_points(person=person)
    form = forms.StartForm(posted(request), choices=presenters.start_choices(points))
    if request.method == "POST" and form.is_valid():
        kind, uuid = form.starting_point()
        try:
            assessment = services.assessment_start(
                person=person,
                started_from=kind,
                support_request=next((r for r in points.requests if str(r.uuid) == uuid), None),
                contact=next((c for c in points.self_assessments if str(c.uuid) == uuid), None),
                requested_on=form.cleaned_data["requested_on"],
                actor=request.user,
            )
        except DomainError as error:
            form.add_domain_error(error.field, error.message)
        else:
            messages.success(request, "Needs assessment started")
            return redirect(_url("assessment", assessment))
    response = render(
        request,
        "assessments/assessment_start.html",
        {**_person_context(person), "form": form, "points": points},
        status=form_status(form),
    )
    if request.method == "GET":
        people_services.person_view_record(person=person, actor=request.user, page="starting a needs assessment")
    return response


@require_http_methods(["GET", "POST"])
def carer_assessment_start(request: HttpRequest, person_uuid: UUID) -> HttpResponse:
    """Start a carer's assessment (s10) for someone who cares for this person, alone or jointly."""
    require(policies.can_record(request.user), "You do not have permission to assess")
    try:
        cared_for = people_selectors.person_get(actor=request.user, uuid=person_uuid)
    except people_selectors.RestrictedRecord:
        return redirect(f"{reverse('people:break_glass', args=[person_uuid])}?next={request.path}")
    carers = presenters.carer_choices(list(people_selectors.network_of(person=cared_for)), actor=request.user)
    drafts = selectors.open_adult_drafts(person=cared_for)
    form = forms.CarerStartForm(posted(request), carers=carers, joint=presenters.joint_choices(drafts))
    if request.method == "POST" and form.is_valid():
        try:
            carer = people_selectors.person_get(actor=request.user, uuid=form.cleaned_data["carer"])
            assessment = services.carer_assessment_start(
                carer=carer,
                cared_for=cared_for,
                joint_with=next((a for a in drafts if str(a.uuid) == form.cleaned_data["joint_with"]), None),
                requested_on=form.cleaned_data["requested_on"],
                actor=request.user,
            )
        except people_selectors.RestrictedRecord:
            form.add_error("carer", "The carer's record is restricted: open it first, then start the assessment")
        except DomainError as error:
            form.add_domain_error(error.field, error.message)
        else:
            messages.success(request, "Carer's assessment started")
            return redirect(_url("assessment", assessment))
    response = render(
        request,
        "assessments/carer_assessment_start.html",
        {**_person_context(cared_for), "form": form, "has_carers": bool(carers)},
        status=form_status(form),
    )
    if request.method == "GET":
        people_services.person_view_record(person=cared_for, actor=request.user, page="starting a carer's assessment")
    return response


@require_http_methods(["GET", "POST"])
@assessment_page("a {kind}")
def assessment(request: HttpRequest, assessment: NeedsAssessment) -> HttpResponse:
    """The assessment: a form while it is a draft, the record once completed."""

    def person_context() -> dict[str, Any]:
        # Read only for a page that is shown, never for a save that redirects.
        return {
            "network": people_presenters.network_entries(
                people_selectors.network_of(person=assessment.person), actor=request.user
            ),
            "self_assessment": presenters.self_assessment_rows(assessment.contact),
        }

    if assessment.status != DRAFT:
        if request.method == "POST":
            messages.info(request, "This assessment is completed: its answers can no longer be changed")
            return redirect(_url("assessment", assessment))
        findings = selectors.findings_of(assessment=assessment)
        return _render(
            request,
            "assessments/assessment_record.html",
            assessment,
            {
                **person_context(),
                "findings": presenters.finding_rows(findings, assessment.kind),
                "determination": presenters.stored_determination(assessment.determination, assessment.kind),
                "adult_only_warning": presenters.adult_only_warning(assessment, findings),
                "decision": presenters.decision_words(assessment.eligible),
            },
        )
    require(policies.can_record(request.user), "You do not have permission to assess")
    # A save is read from what was sent: the answers as saved are read only to show them.
    saved = None if request.method == "POST" else selectors.findings_of(assessment=assessment)
    form = forms.AssessmentForm(
        posted(request),
        outcomes=list(selectors.outcomes_for(assessment.kind)),
        carer=assessment.is_carers,
        initial=None if saved is None else presenters.assessment_initial(assessment, saved),
    )
    version = request.POST.get("version", "") if request.method == "POST" else assessment.version
    conflict: list[presenters.ChangeGroup] = []
    if request.method == "POST" and form.is_valid():
        try:
            services.assessment_save(
                assessment=assessment,
                answers=form.answers(),
                version=form.cleaned_data["version"],
                actor=request.user,
            )
        except services.AssessmentConflict as error:
            # Keep everything typed; the form now names the version saved, so saving again
            # (having seen what changed) applies these answers on top of it.
            form.add_error(None, error.message)
            conflict, version = presenters.change_groups(error.changes), error.version
        except DomainError as error:
            form.add_domain_error(error.field, error.message)
        else:
            messages.success(request, "Assessment saved")
            if request.POST.get("then") == "check":
                return redirect(_url("assessment_complete", assessment))
            return redirect(_url("assessment", assessment))
    return _render(
        request,
        "assessments/assessment.html",
        assessment,
        {
            **person_context(),
            "form": form,
            "version": version,
            # A carer's answer saved as "takes significantly longer" is named beside its outcome.
            "sections": presenters.outcome_sections(
                assessment.kind,
                saved
                if saved is not None or not assessment.is_carers
                else selectors.findings_of(assessment=assessment),
            ),
            "conflict": conflict,
        },
        status=409 if conflict else form_status(form),
    )


@require_http_methods(["GET", "POST"])
@assessment_page("completing a {kind}")
def assessment_complete(request: HttpRequest, assessment: NeedsAssessment) -> HttpResponse:
    """Check the answers and the engine's determination, then complete the assessment."""
    require(policies.can_record(request.user), "You do not have permission to assess")
    if assessment.status != DRAFT:
        messages.info(request, "This assessment is already completed")
        return redirect(_url("assessment", assessment))
    findings = selectors.findings_of(assessment=assessment)
    form = forms.VersionForm(posted(request))
    response = submit(
        request,
        form,
        lambda: services.assessment_complete(
            assessment=assessment, version=form.cleaned_data["version"], actor=request.user
        ),
        done="Assessment completed",
        then=_url("assessment", assessment),
    )
    return response or _render(
        request,
        "assessments/assessment_complete.html",
        assessment,
        {
            "form": form,
            "gaps": presenters.completion_gaps(assessment, findings),
            "findings": presenters.finding_rows(findings, assessment.kind),
            "determination": presenters.determination_view(services.determination_of(assessment, findings)),
        },
        status=form_status(form),
    )


@require_http_methods(["GET", "POST"])
@assessment_page("recording a professional judgement")
def judgement_record(request: HttpRequest, assessment: NeedsAssessment) -> HttpResponse:
    """Record a professional judgement that differs from the criteria, with the reason."""
    require(policies.can_record(request.user), "You do not have permission to assess")
    if assessment.status != COMPLETED:
        messages.info(request, "A professional judgement is recorded once the assessment is completed")
        return redirect(_url("assessment", assessment))
    form = forms.JudgementForm(posted(request))
    response = submit(
        request,
        form,
        lambda: services.eligibility_judgement_record(
            assessment=assessment,
            eligible=form.eligible_value(),
            reason=form.cleaned_data["reason"],
            version=form.cleaned_data["version"],
            actor=request.user,
        ),
        done="Professional judgement recorded",
        then=_url("assessment", assessment),
    )
    return response or _render(
        request,
        "assessments/judgement_record.html",
        assessment,
        {"form": form, "determination": presenters.stored_determination(assessment.determination, assessment.kind)},
        status=form_status(form),
    )


@require_http_methods(["GET", "POST"])
@assessment_page("authorising a {kind}")
def assessment_authorise(request: HttpRequest, assessment: NeedsAssessment) -> HttpResponse:
    """A manager other than the one who completed it authorises the assessment."""
    require(policies.can_authorise(request.user), "Only a team manager can authorise an assessment")
    if assessment.status != COMPLETED:
        messages.info(request, "Only a completed assessment can be authorised")
        return redirect(_url("assessment", assessment))
    form = forms.VersionForm(posted(request))
    response = submit(
        request,
        form,
        lambda: services.assessment_authorise(
            assessment=assessment, version=form.cleaned_data["version"], actor=request.user
        ),
        done="Assessment authorised",
        then=_url("assessment", assessment),
    )
    return response or _render(
        request,
        "assessments/assessment_authorise.html",
        assessment,
        {
            "form": form,
            "completed_by_me": selectors.completed_by_id(assessment=assessment) == request.user.pk,
            "determination": presenters.stored_determination(assessment.determination, assessment.kind),
            "decision": presenters.decision_words(assessment.eligible),
        },
        status=form_status(form),
    )


@require_http_methods(["GET"])
@assessment_page("the history of a {kind}")
def assessment_history(request: HttpRequest, assessment: NeedsAssessment) -> HttpResponse:
    events = selectors.events_of(assessment=assessment)
    return _render(
        request, "assessments/assessment_history.html", assessment, {"groups": presenters.history_groups(events)}
    )


@require_http_methods(["GET"])
@assessment_page("the statement of needs")
def statement(request: HttpRequest, assessment: NeedsAssessment) -> HttpResponse:
    """The statement of needs and the eligibility decision, for the person: a page, or a PDF."""
    if assessment.status == DRAFT:
        messages.info(request, "The statement of needs is ready once the assessment is completed")
        return redirect(_url("assessment", assessment))
    person = assessment.person
    return document_response(
        request,
        "assessments/statement.html",
        presenters.statement_context(
            assessment,
            findings=selectors.findings_of(assessment=assessment),
            network=people_presenters.network_entries(people_selectors.network_of(person=person), actor=request.user),
        ),
        title=f"Statement of needs for {person.full_name}",
        filename=f"statement-of-needs-{person.local_id}",
        as_pdf=request.GET.get("format") == "pdf",
    )
