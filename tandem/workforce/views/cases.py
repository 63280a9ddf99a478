"""Waiting lists and cases: a case is a page about a person, so every case page goes through the
record-page kit (scope, banner and warnings, restricted records, the view logged)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TYPE_CHECKING, Any
from uuid import UUID

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from tandem.core import clock
from tandem.core.errors import DomainError, require
from tandem.core.pages import form_status, posted, submit
from tandem.core.presenters import pagination
from tandem.identity.actors import Actor, StaffRequest
from tandem.people import selectors as people_selectors
from tandem.people.record_page import Record, record_page
from tandem.workforce import forms, policies, presenters, selectors, services, worklists
from tandem.workforce.codes import CaseStatus, FactorKind
from tandem.workforce.views.pages import NO_WORKFORCE, NOT_MANAGER, team_choices, team_of

if TYPE_CHECKING:
    from tandem.people.models import Person
    from tandem.workforce.models import Case

CASE_PAGE = "a workforce case"


def _case_url(case: Case) -> str:
    return reverse("workforce:case", args=[case.uuid])


def _case_load(*, actor: Actor, uuid: UUID | str) -> Case:
    """The case, once the actor's role uses the workforce pages (403 first, then 404 outside their teams)."""
    require(policies.can_view(actor), NO_WORKFORCE)
    return selectors.case_get(actor=actor, uuid=uuid)


def _person_load(*, actor: Actor, uuid: UUID | str) -> Person:
    require(policies.can_view(actor), NO_WORKFORCE)
    return people_selectors.person_get(actor=actor, uuid=uuid)


def _page(record: Record[Case], template: str, *, status: int = 200, **context: Any) -> HttpResponse:
    return record.render(template, {"case": record.obj, **context}, status=status)


@require_http_methods(["GET"])
def waiting_list(request: StaffRequest, team_uuid: UUID) -> HttpResponse:
    team = team_of(request, team_uuid)
    form = forms.WaitingFilterForm(request.GET or None)
    waiting_for, overdue = "", False
    if form.is_bound and form.is_valid():
        waiting_for = form.cleaned_data["waiting_for"]
        overdue = form.cleaned_data["show"] == "contact_due"
    rows = selectors.waiting_list(team_id=team.pk, waiting_for=waiting_for, contact_overdue=overdue)
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    cases = list(page.object_list)
    shown = selectors.waiting_visible(cases, request.user)
    return render(
        request,
        "workforce/waiting_list.html",
        {
            "team": team,
            "form": form,
            "page": page,
            "cases": shown,
            "hidden": len(cases) - len(shown),
            "pages": pagination(page, request),
            "today": clock.today(),
            "days_waiting": selectors.days_waiting,
            "priority_tag": presenters.priority_tag,
            "can_allocate": policies.can_allocate(request.user, team.pk),
        },
        status=form_status(form),
    )


@require_http_methods(["GET", "POST"])
@record_page("adding to a waiting list", load=_person_load)
def case_open(request: StaffRequest, record: Record[Person]) -> HttpResponse:
    """Put someone on one of the worker's teams' waiting lists."""
    person = record.obj
    teams = [t for t in selectors.teams_of(request.user) if policies.can_work_waiting_list(request.user, t.pk)]
    require(bool(teams), "You are not in a team that keeps a waiting list")
    form = forms.CaseOpenForm(posted(request), teams=team_choices(teams))
    chosen = form.cleaned_data["team"] if request.method == "POST" and form.is_valid() else ""
    team = next((t for t in teams if str(t.uuid) == chosen), teams[0])
    response = submit(
        request,
        form,
        lambda: services.case_open(
            person=person,
            team=team,
            summary=form.cleaned_data["summary"],
            waiting_for=form.cleaned_data["waiting_for"],
            actor=request.user,
        ),
        done=f"{person.full_name} added to the {team.name} waiting list",
        then=_case_url,
    )
    return response or record.render("workforce/case_open.html", {"form": form}, status=form_status(form))


@require_http_methods(["GET"])
@record_page(CASE_PAGE, load=_case_load, kwarg="case_uuid")
def case(request: StaffRequest, record: Record[Case]) -> HttpResponse:
    found = record.obj
    in_force = selectors.rules_in_force()
    labels = {f.code: f.label for f in in_force.factors}
    return _page(
        record,
        "workforce/case.html",
        events=selectors.events_of(case=found),
        factors=[labels.get(code, code) for code in found.factors],
        risks=[labels.get(code, code) for code in found.risks],
        skills=[selectors.WARRANT_LABELS.get(s, s) for s in found.skills_needed],
        days_waiting=selectors.days_waiting(found),
        today=clock.today(),
        priority_tag=presenters.priority_tag,
        can_work=policies.can_work_waiting_list(request.user, found.team_id),
        can_allocate=policies.can_allocate(request.user, found.team_id),
        can_manage=policies.can_manage_team(request.user, found.team_id),
        can_close=_holds_or_allocates(request.user, found),
        next_step=worklists.next_step(found),
    )


CaseView = Callable[[StaffRequest, Record["Case"]], HttpResponse]


def case_form_page(
    allowed: Callable[[Actor, Case], bool], refusal: str
) -> Callable[[CaseView], Callable[..., HttpResponse]]:
    """A form page about a case, on the record-page kit: refuse a worker `allowed` does not let
    act on it (403), and send a closed case back to its page."""

    def decorate(view: CaseView) -> Callable[..., HttpResponse]:
        @record_page(CASE_PAGE, load=_case_load, kwarg="case_uuid")
        @wraps(view)
        def wrapper(request: StaffRequest, record: Record[Case]) -> HttpResponse:
            require(allowed(request.user, record.obj), refusal)
            if record.obj.status == CaseStatus.CLOSED:
                messages.info(request, "The case is closed: it can no longer be changed")
                return redirect(_case_url(record.obj))
            return view(request, record)

        return wrapper

    return decorate


def _case_form(
    record: Record[Case], form: Any, action: Callable[[], object], *, done: str, template: str, **extra: Any
) -> HttpResponse:
    """Run the service for a valid POST and go back to the case, or show the form again."""
    response = submit(record.request, form, action, done=done, then=_case_url(record.obj))
    return response or _page(record, template, status=form_status(form), form=form, **extra)


def _works_waiting_list(actor: Actor, found: Case) -> bool:
    return policies.can_work_waiting_list(actor, found.team_id)


def _manages(actor: Actor, found: Case) -> bool:
    return policies.can_manage_team(actor, found.team_id)


def _allocates(actor: Actor, found: Case) -> bool:
    return policies.can_allocate(actor, found.team_id)


def _holds_or_allocates(actor: Actor, found: Case) -> bool:
    return policies.can_allocate(actor, found.team_id) or found.allocated_to_id == actor.pk


@require_http_methods(["GET", "POST"])
@case_form_page(_works_waiting_list, NO_WORKFORCE)
def case_screen(request: StaffRequest, record: Record[Case]) -> HttpResponse:
    found = record.obj
    in_force = selectors.rules_in_force()
    form = forms.ScreenForm(
        posted(request), in_force=in_force, initial={"risks": found.risks, "version": found.version}
    )
    return _case_form(
        record,
        form,
        lambda: services.case_screen(
            case=found, risks=form.cleaned_data["risks"], version=form.cleaned_data["version"], actor=request.user
        ),
        done="Risk screening saved",
        template="workforce/case_screen.html",
        in_force=in_force,
    )


@require_http_methods(["GET", "POST"])
@case_form_page(_manages, NOT_MANAGER)
def case_weigh(request: StaffRequest, record: Record[Case]) -> HttpResponse:
    found = record.obj
    in_force = selectors.rules_in_force()
    types = {f.code for f in in_force.of_kind(FactorKind.CASE_TYPE)}
    form = forms.WeighForm(
        posted(request),
        in_force=in_force,
        initial={
            "case_type": next((c for c in found.factors if c in types), ""),
            "complexity": [c for c in found.factors if c not in types],
            "skills_needed": found.skills_needed,
            "version": found.version,
        },
    )
    return _case_form(
        record,
        form,
        lambda: services.case_weigh(
            case=found,
            case_type=form.cleaned_data["case_type"],
            complexity=form.cleaned_data["complexity"],
            skills_needed=form.cleaned_data["skills_needed"],
            version=form.cleaned_data["version"],
            actor=request.user,
        ),
        done="Case weighed",
        template="workforce/case_weigh.html",
    )


@require_http_methods(["GET", "POST"])
@case_form_page(_manages, NOT_MANAGER)
def case_weight_override(request: StaffRequest, record: Record[Case]) -> HttpResponse:
    found = record.obj
    form = forms.OverrideForm(
        posted(request),
        initial={"weight": found.weight_override, "reason": found.override_reason, "version": found.version},
    )
    return _case_form(
        record,
        form,
        lambda: services.case_weight_override(
            case=found,
            weight=None if form.cleaned_data["remove"] else form.cleaned_data["weight"],
            reason="" if form.cleaned_data["remove"] else form.cleaned_data["reason"],
            version=form.cleaned_data["version"],
            actor=request.user,
        ),
        done="Weight saved",
        template="workforce/case_weight_override.html",
    )


@require_http_methods(["GET", "POST"])
@case_form_page(_works_waiting_list, NO_WORKFORCE)
def case_keep_in_touch(request: StaffRequest, record: Record[Case]) -> HttpResponse:
    found = record.obj
    if found.status != CaseStatus.WAITING:
        messages.info(request, "Keeping in touch is for people still waiting")
        return redirect(_case_url(found))
    form = forms.KeepInTouchForm(posted(request))
    return _case_form(
        record,
        form,
        lambda: services.case_keep_in_touch(case=found, note=form.cleaned_data["note"], actor=request.user),
        done="Keeping-in-touch contact recorded",
        template="workforce/case_keep_in_touch.html",
    )


@require_http_methods(["GET", "POST"])
@case_form_page(_allocates, "Only a manager of the team can allocate its cases")
def case_allocate(request: StaffRequest, record: Record[Case]) -> HttpResponse:
    """The ranked and explained suggestions for a case, and the manager's choice with a reason."""
    found = record.obj
    suggestions = selectors.suggestions_for(case=found)
    workers = [(str(s.candidate.user_id), presenters.suggestion_label(s)) for s in suggestions]
    form = forms.AllocateForm(posted(request), workers=workers, initial={"version": found.version})
    users = {u.pk: u for u in selectors.team_members(team_ids=[found.team_id])}

    def allocate() -> object:
        worker = users.get(int(form.cleaned_data["worker"]))
        if worker is None:
            raise DomainError("Choose a practitioner who carries a caseload in this team", field="worker")
        return services.case_allocate(
            case=found,
            worker=worker,
            reason=form.cleaned_data["reason"],
            version=form.cleaned_data["version"],
            actor=request.user,
        )

    return _case_form(
        record,
        form,
        allocate,
        done="Case reallocated" if found.status == CaseStatus.ALLOCATED else "Case allocated",
        template="workforce/case_allocate.html",
        suggestions=suggestions,
        other_cases=presenters.other_open_cases(selectors.other_open_cases(case=found), actor=request.user),
        hints={str(s.candidate.user_id): presenters.suggestion_hint(s) for s in suggestions},
    )


@require_http_methods(["GET", "POST"])
@case_form_page(_holds_or_allocates, "Only a manager of the team or the practitioner holding it can close a case")
def case_close(request: StaffRequest, record: Record[Case]) -> HttpResponse:
    found = record.obj
    form = forms.CloseForm(posted(request), initial={"version": found.version})
    return _case_form(
        record,
        form,
        lambda: services.case_close(
            case=found, reason=form.cleaned_data["reason"], version=form.cleaned_data["version"], actor=request.user
        ),
        done="Case closed",
        template="workforce/case_close.html",
    )
