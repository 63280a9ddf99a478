"""The triage queue, raising a concern, and a concern's own pages (triage, its details, a warning from it)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from tandem.core import clock
from tandem.core.errors import require
from tandem.core.pages import form_status, posted, submit
from tandem.core.presenters import pagination
from tandem.identity.actors import StaffRequest
from tandem.identity.permissions import Permission
from tandem.people.record_page import Record, record_page
from tandem.safeguarding import forms, page_selectors, policies, presenters, selectors, services
from tandem.safeguarding.codes import ConcernStatus, TriageDecision
from tandem.safeguarding.views._pages import (
    can_work,
    concern_load,
    concern_url,
    enquiry_url,
    for_person,
    form_page,
    people,
    unless,
)

if TYPE_CHECKING:
    from tandem.people.models import Person
    from tandem.safeguarding.models import Concern

CONCERN = "a safeguarding concern"


@require_http_methods(["GET"])
def triage_queue(request: StaffRequest) -> HttpResponse:
    can_work(request)
    teams = page_selectors.my_safeguarding_teams(request.user)
    form = forms.QueueForm(request.GET or None, teams=[(str(t.uuid), t.name) for t in teams])
    team_id, overdue = None, False
    if form.is_bound and form.is_valid():
        team_id = next((t.pk for t in teams if str(t.uuid) == form.cleaned_data["team"]), None)
        overdue = form.cleaned_data["show"] == "overdue"
    page, concerns = selectors.triage_page(
        actor=request.user, team_id=team_id, overdue_only=overdue, number=request.GET.get("page")
    )
    return render(
        request,
        "safeguarding/triage_queue.html",
        {
            "form": form,
            "page": page,
            "concerns": concerns,
            "pages": pagination(page, request),
            "repeats": page_selectors.repeat_counts(concerns, actor=request.user),
            "due_tag": presenters.due_tag,
            "raised_by": presenters.raised_by,
            "abuse_types": presenters.abuse_types,
            "overdue": overdue,
        },
        status=form_status(form),
    )


def _may_raise(request: StaffRequest) -> None:
    require(policies.can_raise(request.user), "You do not have permission to raise safeguarding concerns")


@require_http_methods(["GET", "POST"])
@for_person("raise a safeguarding concern", title="Raise a safeguarding concern", guard=_may_raise)
def concern_new(request: StaffRequest, record: Record[Person]) -> HttpResponse:
    """Find the person first (nothing is recorded twice), then the details triage needs."""
    person = record.obj
    teams = page_selectors.safeguarding_teams()
    mine = page_selectors.my_safeguarding_teams(request.user)
    initial = {"received_on": clock.today(), "team": str((mine or teams)[0].uuid) if teams else ""}
    form = forms.ConcernForm(posted(request), initial=initial, teams=[(str(t.uuid), t.name) for t in teams])

    def then(concern: Concern) -> str:
        if policies.can_work_on(request.user, concern.team_id):
            return concern_url(concern)
        return reverse("people:summary", args=[person.uuid])

    return form_page(
        record,
        form,
        lambda: services.concern_raise(
            person=person,
            summary=form.cleaned_data["summary"],
            source="safeguarding",
            actor=request.user,
            details=form.details(),
            team=next((t for t in teams if str(t.uuid) == form.cleaned_data["team"]), None),
        ),
        done="Concern raised: it is waiting for triage",
        then=then,
        template="concern_new",
    )


# --- A concern -----------------------------------------------------------------------------------


def _triaged(concern: Concern) -> str:
    opened = concern.status == ConcernStatus.ENQUIRY
    return enquiry_url(concern.enquiry) if opened else concern_url(concern)


@require_http_methods(["GET", "POST"])
@record_page(CONCERN, load=concern_load, kwarg="concern_uuid")
def concern(request: StaffRequest, record: Record[Concern]) -> HttpResponse:
    """The concern, its repeats, and (while it waits) the triage decision."""
    concern = record.obj
    awaiting = concern.status == ConcernStatus.AWAITING_TRIAGE
    leads = page_selectors.team_members_with(team_id=concern.team_id, permission=Permission.SAFEGUARDING_WORK)
    form = forms.TriageForm(posted(request), initial={"version": concern.version}, leads=people(leads))
    if request.method == "POST" and not awaiting:
        messages.info(request, "The concern has already been triaged")
        return redirect(concern_url(concern))
    decided = form.cleaned_data["decision"] if request.method == "POST" and form.is_valid() else ""
    response = submit(
        request,
        form,
        lambda: services.concern_triage(
            concern=concern,
            decision=form.cleaned_data["decision"],
            reason=form.cleaned_data["reason"],
            test=form.section_42(),
            version=form.cleaned_data["version"],
            lead=page_selectors.user_in(leads, form.cleaned_data["lead"]),
            actor=request.user,
        ),
        done=f"Triage recorded: {TriageDecision(decided).label.lower()}" if decided else "",
        then=_triaged,
    )
    enquiry = (
        getattr(concern, "enquiry", None) if concern.status in (ConcernStatus.ENQUIRY, ConcernStatus.CLOSED) else None
    )
    return response or record.render(
        "safeguarding/concern.html",
        {
            "concern": concern,
            "form": form,
            "awaiting": awaiting,
            "rows": presenters.concern_rows(concern),
            "triage_rows": presenters.triage_rows(concern),
            "due": presenters.due_tag(concern),
            "repeats": selectors.repeats_for(concern=concern, actor=request.user),
            "enquiry": enquiry,
        },
        status=form_status(form),
    )


@require_http_methods(["GET", "POST"])
@record_page(CONCERN, load=concern_load, kwarg="concern_uuid")
@unless(
    lambda concern: concern.status != ConcernStatus.AWAITING_TRIAGE,
    "The concern has been triaged: its details can no longer be changed",
    concern_url,
)
def concern_edit(request: StaffRequest, record: Record[Concern]) -> HttpResponse:
    concern = record.obj
    form = forms.ConcernForm(posted(request), initial=forms.concern_initial(concern))
    return form_page(
        record,
        form,
        lambda: services.concern_details_update(
            concern=concern, details=form.details(), version=form.cleaned_data["version"], actor=request.user
        ),
        done="Concern details saved",
        then=concern_url(concern),
        template="concern_edit",
        concern=concern,
    )


@require_http_methods(["GET", "POST"])
@record_page(CONCERN, load=concern_load, kwarg="concern_uuid")
def concern_warning(request: StaffRequest, record: Record[Concern]) -> HttpResponse:
    """A hazard warning on the adult's own record, raised from the concern."""
    concern = record.obj
    form = forms.WarningForm(posted(request))
    return form_page(
        record,
        form,
        lambda: services.concern_warning_raise(concern=concern, actor=request.user, **form.cleaned_data),
        done=f"Hazard warning added to {concern.person.full_name}'s record",
        then=concern_url(concern),
        template="concern_warning",
        concern=concern,
    )
