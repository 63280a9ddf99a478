"""Deprivation of Liberty Safeguards pages: the waiting list, renewals due, receiving an application,
and an application's own pages (while no decision is made: extension, priority, assessors, the decision)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from tandem.core import clock
from tandem.core.errors import require
from tandem.core.pages import posted
from tandem.core.presenters import pagination
from tandem.identity.actors import StaffRequest
from tandem.identity.permissions import Permission
from tandem.people.record_page import Record, record_page
from tandem.safeguarding import forms, page_selectors, policies, presenters, selectors, services
from tandem.safeguarding.codes import DOLS_DECIDED
from tandem.safeguarding.views._pages import (
    View,
    can_dols,
    dols_load,
    dols_url,
    for_person,
    form_page,
    form_view,
    people,
    unless,
)

if TYPE_CHECKING:
    from tandem.people.models import Person
    from tandem.safeguarding.models import DolsApplication

dols_page = record_page("a DoLS application", load=dols_load, kwarg="application_uuid")
while_undecided = unless(
    lambda application: application.status in DOLS_DECIDED,
    "A decision has been made on this application: it can no longer be changed",
    dols_url,
)


@require_http_methods(["GET"])
def dols_waiting_list(request: StaffRequest) -> HttpResponse:
    can_dols(request)
    page = Paginator(selectors.dols_waiting_list(actor=request.user), 25).get_page(request.GET.get("page"))
    today = clock.today()
    return render(
        request,
        "safeguarding/dols_waiting_list.html",
        {
            "page": page,
            "pages": pagination(page, request),
            "rows": [(a, presenters.dols_due(a, today)) for a in page.object_list],
        },
    )


@require_http_methods(["GET"])
def dols_renewals(request: StaffRequest) -> HttpResponse:
    can_dols(request)
    renewals = list(selectors.dols_renewals_due(actor=request.user)[:200])
    return render(
        request,
        "safeguarding/dols_renewals.html",
        {"rows": [(a, selectors.dols_deadlines(a)) for a in renewals]},
    )


@require_http_methods(["GET", "POST"])
@for_person("receive a DoLS application", title="Receive a DoLS application", guard=can_dols)
def dols_receive(request: StaffRequest, record: Record[Person]) -> HttpResponse:
    teams = page_selectors.dols_teams(request.user)
    initial = {"received_on": clock.today(), "team": str(teams[0].uuid) if teams else ""}
    form = forms.DolsReceiveForm(posted(request), initial=initial, teams=[(str(t.uuid), t.name) for t in teams])
    return form_page(
        record,
        form,
        lambda: services.dols_application_receive(
            person=record.obj,
            team=next(t for t in teams if str(t.uuid) == form.cleaned_data["team"]),
            request=form.request(),
            actor=request.user,
        ),
        done="DoLS application logged",
        then=dols_url,
        template="dols_receive",
    )


@require_http_methods(["GET"])
@dols_page
def dols_application(request: StaffRequest, record: Record[DolsApplication]) -> HttpResponse:
    application = record.obj
    return record.render(
        "safeguarding/dols_application.html",
        {
            "application": application,
            "rows": presenters.dols_rows(application),
            "decided": application.status in DOLS_DECIDED,
            "can_allocate": policies.can_allocate_dols(request.user),
            "requirements": [
                (forms.REQUIREMENT_LABELS[name], getattr(application, f"get_{name}_display")())
                for name in forms.REQUIREMENT_LABELS
            ],
        },
    )


def _dols_form(
    record: Record[DolsApplication], form: Any, run: Callable[[], object], *, done: str, template: str
) -> HttpResponse:
    return form_page(record, form, run, done=done, then=dols_url(record.obj), template=template, application=record.obj)


def _form_view(
    form_class: type[Any],
    service: Callable[..., object],
    *,
    done: str,
    template: str,
    guard: Callable[[View], View] = while_undecided,
    initial: Callable[[DolsApplication], dict[str, Any]] | None = None,
) -> View:
    return form_view(
        lambda view: dols_page(guard(view)),
        form_class,
        service,
        document="application",
        done=done,
        template=template,
        then=dols_url,
        context=lambda application: {"application": application},
        initial=initial,
    )


dols_extend = _form_view(
    forms.ExtendForm,
    services.dols_urgent_extend,
    done="Urgent authorisation extended by 7 days",
    template="dols_extend",
    guard=lambda view: while_undecided(
        unless(
            lambda application: not application.urgent or application.urgent_extended,
            "Only an urgent authorisation not yet extended can be extended",
            dols_url,
        )(view)
    ),
)
dols_priority = _form_view(
    forms.PriorityForm,
    services.dols_priority_change,
    done="Priority changed",
    template="dols_priority",
    initial=lambda application: {"priority": application.priority, "version": application.version},
)


@require_http_methods(["GET", "POST"])
@dols_page
@while_undecided
def dols_allocate(request: StaffRequest, record: Record[DolsApplication]) -> HttpResponse:
    application = record.obj
    require(policies.can_allocate_dols(request.user), "Only a manager can allocate assessors")
    assessors = page_selectors.team_members_with(team_id=application.team_id, permission=Permission.DOLS_WORK)
    initial = {
        "best_interests": str(application.best_interests_assessor.uuid) if application.best_interests_assessor else "",
        "mental_health": str(application.mental_health_assessor.uuid) if application.mental_health_assessor else "",
    }
    form = forms.AllocateForm(posted(request), initial=initial, assessors=people(assessors))
    return _dols_form(
        record,
        form,
        lambda: services.dols_assessors_allocate(
            application=application,
            best_interests=page_selectors.user_in(assessors, form.cleaned_data["best_interests"]),
            mental_health=page_selectors.user_in(assessors, form.cleaned_data["mental_health"]),
            actor=request.user,
        ),
        done="Assessors allocated",
        template="dols_allocate",
    )


@require_http_methods(["GET", "POST"])
@dols_page
@while_undecided
def dols_decide(request: StaffRequest, record: Record[DolsApplication]) -> HttpResponse:
    application = record.obj
    initial = {"decided_on": clock.today(), "version": application.version}
    initial |= {name: getattr(application, name) for name in forms.REQUIREMENT_LABELS}
    form = forms.DecisionForm(posted(request), initial=initial)
    return _dols_form(
        record,
        form,
        lambda: services.dols_decide(
            application=application, decision=form.decision(), version=form.cleaned_data["version"], actor=request.user
        ),
        done="Decision recorded",
        template="dols_decide",
    )
