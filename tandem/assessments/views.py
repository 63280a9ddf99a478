"""Needs assessment pages: thin views that scope, validate, call a service and redirect."""

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

from tandem.assessments import forms, policies, presenters, selectors, services
from tandem.core import clock
from tandem.core.documents import document_response
from tandem.core.errors import DomainError, require
from tandem.core.pages import form_status, posted, submit
from tandem.identity.actors import StaffRequest
from tandem.people import presenters as people_presenters
from tandem.people import selectors as people_selectors
from tandem.people.record_page import Record, record_page

if TYPE_CHECKING:
    # For the type checker only: views read through selectors (tests/architecture).
    from tandem.assessments.models import NeedsAssessment
    from tandem.identity.actors import Actor
    from tandem.people.models import Person

DRAFT, COMPLETED = "draft", "completed"
NO_ASSESSING = "You do not have permission to assess"


def _assessment(*, actor: Actor, uuid: UUID | str) -> NeedsAssessment:
    """The assessment the URL names, if the worker may see it (403 for roles that never assess,
    404 outside their scope)."""
    require(policies.can_see(actor), "Your role does not work with assessments")
    return selectors.assessment_get(actor=actor, uuid=uuid)


def _person_to_assess(*, actor: Actor, uuid: UUID | str) -> Person:
    """The person an assessment starts for (403 for a role that does not assess)."""
    require(policies.can_record(actor), NO_ASSESSING)
    return people_selectors.person_get(actor=actor, uuid=uuid)


def _page(name: str) -> Callable[[NeedsAssessment], str]:
    """The page's name in the access log: "{kind}" becomes "needs assessment" or "carer's assessment"."""
    return lambda assessment: name.format(kind=assessment.get_kind_display().lower())


def assessment_page(name: str) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """A page of one assessment, on the record-page kit."""
    return record_page(_page(name), load=_assessment, kwarg="assessment_uuid")


def _url(name: str, assessment: NeedsAssessment) -> str:
    return reverse(f"assessments:{name}", args=[assessment.uuid])


def at_stage(
    status: str, message: str, *, allowed: Callable[[Actor], bool], refusal: str
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """A step taken only at one stage of the assessment: the role first (403), then, at any other
    stage, back to the assessment with `message`."""

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: StaffRequest, record: Record[NeedsAssessment], *args: Any, **kwargs: Any) -> HttpResponse:
            require(allowed(request.user), refusal)
            if record.obj.status != status:
                messages.info(request, message)
                return redirect(_url("assessment", record.obj))
            return view(request, record, *args, **kwargs)

        return wrapper

    return decorate


def _render(
    record: Record[NeedsAssessment], template: str, context: dict[str, Any], *, status: int = 200
) -> HttpResponse:
    assessment = record.obj
    shown = selectors.timeliness(requested_on=assessment.requested_on, completed_on=assessment.completed_on)
    return record.render(
        template,
        {
            "assessment": assessment,
            "timeliness": shown,
            "timeliness_text": presenters.timeliness_text(shown),
            "started_from": presenters.started_from_text(assessment),
            "status_tag": presenters.STATUS_TAGS.get(assessment.status, ""),
            "title": presenters.title_of(assessment),
            "joint": selectors.joint_assessments(assessment=assessment, actor=record.actor),
            "can_record": policies.can_record(record.actor),
            "can_authorise": policies.can_authorise(record.actor),
            **context,
        },
        status=status,
    )


def _form_page(
    record: Record[NeedsAssessment],
    form: Any,
    action: Callable[[], Any],
    *,
    done: str,
    template: str,
    context: Callable[[], dict[str, Any]],
) -> HttpResponse:
    """A step of an assessment: the service through the one form runner, then back to the
    assessment; else the form again (`context` is read only then, never for a save that redirects)."""
    response = submit(record.request, form, action, done=done, then=_url("assessment", record.obj))
    return response or _render(record, template, {"form": form, **context()}, status=form_status(form))


@require_http_methods(["GET", "POST"])
@record_page("starting a needs assessment", load=_person_to_assess)
def assessment_start(request: StaffRequest, record: Record[Person]) -> HttpResponse:
    """Start a needs assessment from a request, the person's self-assessment, or a review."""
    person = record.obj
    points = selectors.starting_points(person=person)
    child = people_selectors.is_child(person, clock.today())
    form = forms.StartForm(posted(request), choices=presenters.start_choices(points), child=child)

    def start() -> NeedsAssessment:
        kind, uuid = form.starting_point()
        return services.assessment_start(
            person=person,
            started_from=kind,
            support_request=next((r for r in points.requests if str(r.uuid) == uuid), None),
            contact=next((c for c in points.self_assessments if str(c.uuid) == uuid), None),
            requested_on=form.cleaned_data["requested_on"],
            transition=form.transition(),
            actor=request.user,
        )

    response = submit(
        request, form, start, done="Needs assessment started", then=lambda started: _url("assessment", started)
    )
    return response or record.render(
        "assessments/assessment_start.html", {"form": form, "points": points}, status=form_status(form)
    )


@require_http_methods(["GET", "POST"])
@record_page("starting a carer's assessment", load=_person_to_assess)
def carer_assessment_start(request: StaffRequest, record: Record[Person]) -> HttpResponse:
    """Start a carer's assessment (s10) for someone who cares for this person, alone or jointly."""
    cared_for = record.obj
    carers = presenters.carer_choices(list(people_selectors.network_of(person=cared_for)), actor=request.user)
    drafts = selectors.open_adult_drafts(person=cared_for)
    form = forms.CarerStartForm(posted(request), carers=carers, joint=presenters.joint_choices(drafts))

    def start() -> NeedsAssessment:
        try:
            carer = people_selectors.person_get(actor=request.user, uuid=form.cleaned_data["carer"])
        except people_selectors.RestrictedRecord:
            raise DomainError(
                "The carer's record is restricted: open it first, then start the assessment", field="carer"
            ) from None
        return services.carer_assessment_start(
            carer=carer,
            cared_for=cared_for,
            joint_with=next((a for a in drafts if str(a.uuid) == form.cleaned_data["joint_with"]), None),
            requested_on=form.cleaned_data["requested_on"],
            actor=request.user,
        )

    response = submit(
        request, form, start, done="Carer's assessment started", then=lambda started: _url("assessment", started)
    )
    return response or record.render(
        "assessments/carer_assessment_start.html", {"form": form, "has_carers": bool(carers)}, status=form_status(form)
    )


@require_http_methods(["GET", "POST"])
@assessment_page("a {kind}")
def assessment(request: StaffRequest, record: Record[NeedsAssessment]) -> HttpResponse:
    """The assessment: a form while it is a draft, the record once completed."""
    assessment = record.obj

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
            record,
            "assessments/assessment_record.html",
            {
                **person_context(),
                "findings": presenters.finding_rows(findings, assessment.kind),
                "determination": presenters.stored_determination(assessment.determination, assessment.kind),
                "adult_only_warning": presenters.adult_only_warning(assessment, findings),
                "decision": presenters.decision_words(assessment.eligible),
            },
        )
    require(policies.can_record(request.user), NO_ASSESSING)
    # A save is read from what was sent: the answers as saved are read only to show them.
    saved = None if request.method == "POST" else selectors.findings_of(assessment=assessment)
    form = forms.AssessmentForm(
        posted(request),
        outcomes=list(selectors.outcomes_for(assessment.kind)),
        carer=assessment.is_carers,
        initial=None if saved is None else presenters.assessment_initial(assessment, saved),
    )
    then = _url("assessment_complete" if request.POST.get("then") == "check" else "assessment", assessment)
    response = submit(
        request,
        form,
        lambda: services.assessment_save(
            assessment=assessment, answers=form.answers(), version=form.cleaned_data["version"], actor=request.user
        ),
        done="Assessment saved",
        then=then,
    )
    if response is not None:
        return response
    # After a stale save everything typed is kept, and the form names the version saved now, so
    # saving again (having seen what changed) applies these answers on top of it.
    conflict = presenters.change_groups(form.changes_since)
    version = form.data.get("version", "") if request.method == "POST" else assessment.version
    return _render(
        record,
        "assessments/assessment.html",
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
@at_stage(DRAFT, "This assessment is already completed", allowed=policies.can_record, refusal=NO_ASSESSING)
def assessment_complete(request: StaffRequest, record: Record[NeedsAssessment]) -> HttpResponse:
    """Check the answers and the engine's determination, then complete the assessment."""
    assessment = record.obj
    findings = selectors.findings_of(assessment=assessment)
    form = forms.VersionForm(posted(request))
    return _form_page(
        record,
        form,
        lambda: services.assessment_complete(
            assessment=assessment, version=form.cleaned_data["version"], actor=request.user
        ),
        done="Assessment completed",
        template="assessments/assessment_complete.html",
        context=lambda: {
            "gaps": presenters.completion_gaps(assessment, findings),
            "findings": presenters.finding_rows(findings, assessment.kind),
            "determination": presenters.determination_view(services.determination_of(assessment, findings)),
        },
    )


@require_http_methods(["GET", "POST"])
@assessment_page("recording a professional judgement")
@at_stage(
    COMPLETED,
    "A professional judgement is recorded once the assessment is completed",
    allowed=policies.can_record,
    refusal=NO_ASSESSING,
)
def judgement_record(request: StaffRequest, record: Record[NeedsAssessment]) -> HttpResponse:
    """Record a professional judgement that differs from the criteria, with the reason."""
    assessment = record.obj
    form = forms.JudgementForm(posted(request))
    return _form_page(
        record,
        form,
        lambda: services.eligibility_judgement_record(
            assessment=assessment,
            eligible=form.eligible_value(),
            reason=form.cleaned_data["reason"],
            version=form.cleaned_data["version"],
            actor=request.user,
        ),
        done="Professional judgement recorded",
        template="assessments/judgement_record.html",
        context=lambda: {"determination": presenters.stored_determination(assessment.determination, assessment.kind)},
    )


@require_http_methods(["GET", "POST"])
@assessment_page("authorising a {kind}")
@at_stage(
    COMPLETED,
    "Only a completed assessment can be authorised",
    allowed=policies.can_authorise,
    refusal="Only a team manager can authorise an assessment",
)
def assessment_authorise(request: StaffRequest, record: Record[NeedsAssessment]) -> HttpResponse:
    """A manager other than the one who completed it authorises the assessment."""
    assessment = record.obj
    form = forms.VersionForm(posted(request))
    return _form_page(
        record,
        form,
        lambda: services.assessment_authorise(
            assessment=assessment, version=form.cleaned_data["version"], actor=request.user
        ),
        done="Assessment authorised",
        template="assessments/assessment_authorise.html",
        context=lambda: {
            "completed_by_me": selectors.completed_by_id(assessment=assessment) == request.user.pk,
            "determination": presenters.stored_determination(assessment.determination, assessment.kind),
            "decision": presenters.decision_words(assessment.eligible),
        },
    )


@require_http_methods(["GET"])
@assessment_page("the history of a {kind}")
def assessment_history(request: StaffRequest, record: Record[NeedsAssessment]) -> HttpResponse:
    assessment = record.obj
    events = selectors.events_of(assessment=assessment)
    return _render(record, "assessments/assessment_history.html", {"groups": presenters.history_groups(events)})


@require_http_methods(["GET"])
@assessment_page("the statement of needs")
def statement(request: StaffRequest, record: Record[NeedsAssessment]) -> HttpResponse:
    """The statement of needs and the eligibility decision, for the person: a page, or a PDF."""
    assessment = record.obj
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
