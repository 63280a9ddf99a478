"""The risk pages: the proactive worklist, a person's score explained with what was done, the
rules and their history, and the evaluation for managers."""

from datetime import timedelta
from typing import Any

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from tandem.core import clock
from tandem.core.errors import require
from tandem.core.pages import form_status, posted, submit
from tandem.core.presenters import pagination
from tandem.identity.actors import StaffRequest
from tandem.people.record_page import Record, record_page
from tandem.prevention.risk import forms, selectors, services
from tandem.prevention.risk.codes import SCORED_KINDS, Band, Deficit, OutreachAction
from tandem.prevention.risk.forms import KIND_LABELS

PAGE_SIZE = 25


def _can_work(request: StaffRequest) -> None:
    require(selectors.can_work_list(request.user), "The proactive worklist is for practitioners and managers")


@require_GET
def risk_worklist(request: StaffRequest) -> HttpResponse:
    _can_work(request)
    teams, practices = selectors.areas_for(request.user)
    form = forms.WorklistFilterForm(
        request.GET or None,
        teams=[(str(t.uuid), t.name) for t in teams],
        practices=[(str(pk), name) for pk, name in practices],
    )
    valid = form.is_valid() if form.is_bound else True
    chosen = form.cleaned_data if form.is_bound and valid else {}
    area = selectors.area_for(request.user, team=chosen.get("team", ""), practice=chosen.get("practice", ""))
    sort = chosen.get("sort") or "risk"
    page = None
    rows: list[tuple[selectors.Explained, object, object]] = []
    summary: dict[str, int] = {}
    if area is not None:
        found = selectors.worklist(actor=request.user, area=area, sort=sort, show_reached=bool(chosen.get("reached")))
        page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
        scores = list(page.object_list)
        explained = selectors.explained_for(scores)
        last = selectors.last_outreach([s.person_id for s in scores])
        rows = [(e, e.score.reach, last.get(e.score.person_id)) for e in explained]  # type: ignore[attr-defined]
        summary = selectors.outreach_summary(
            area=area, since=clock.now() - timedelta(days=selectors.RECENTLY_REACHED_DAYS)
        )
    return render(
        request,
        "prevention/risk/worklist.html",
        {
            "form": form,
            "area": area,
            "page": page,
            "rows": rows,
            "sort": sort,
            "summary": [(OutreachAction(k).label, v) for k, v in sorted(summary.items())],
            "pagination": pagination(page, request) if page is not None else None,
        },
    )


@require_GET
@record_page("the risk score")
def risk_person(request: StaffRequest, record: Record[Any]) -> HttpResponse:
    explained = selectors.score_of(record.obj)
    return record.render(
        "prevention/risk/person.html",
        {
            "explained": explained,
            "outreach": selectors.outreach_of(record.obj),
            "can_work": selectors.can_work_list(request.user),
        },
    )


@require_http_methods(["GET", "POST"])
@record_page("recording proactive outreach")
def risk_outreach(request: StaffRequest, record: Record[Any]) -> HttpResponse:
    _can_work(request)
    explained = selectors.score_of(record.obj)
    initial = {"step": explained.steps[0].value} if explained else {}
    form = forms.OutreachForm(posted(request), initial=initial)
    teams, _ = selectors.areas_for(request.user)
    team = teams[0] if teams else None
    done = submit(
        request,
        form,
        lambda: services.outreach_record(
            person=record.obj,
            step=form.cleaned_data["step"],
            result=form.cleaned_data["result"],
            referred_to=form.cleaned_data["referred_to"],
            note=form.cleaned_data["note"],
            team=team,
            actor=request.user,
        ),
        done="Outreach recorded",
        then=reverse("prevention:risk_person", args=[record.obj.uuid]),
    )
    if done is not None:
        return done
    return record.render(
        "prevention/risk/outreach.html", {"form": form, "explained": explained}, status=form_status(form)
    )


@require_GET
def risk_rules(request: StaffRequest) -> HttpResponse:
    _can_work(request)
    return render(
        request,
        "prevention/risk/rules.html",
        {
            "in_force": selectors.rules_in_force(),
            "history": selectors.rules_history(),
            "kinds": [(kind, KIND_LABELS[kind]) for kind in SCORED_KINDS],
            "deficits": list(Deficit),
            "can_edit": selectors.can_edit_rules(request.user),
        },
    )


@require_http_methods(["GET", "POST"])
def risk_rules_edit(request: StaffRequest) -> HttpResponse:
    require(
        selectors.can_edit_rules(request.user),
        "Only the principal social worker or a clinical lead can change the risk rules",
    )
    in_force = selectors.rules_in_force()
    form = forms.RiskRulesForm(posted(request), initial=forms.rules_initial(in_force))
    done = submit(
        request,
        form,
        lambda: services.rules_save(values=form.values(), reason=form.cleaned_data["reason"], actor=request.user),
        done="New version of the risk rules saved: every adult is rescored by them",
        then=reverse("prevention:risk_rules"),
    )
    if done is not None:
        return done
    return render(
        request,
        "prevention/risk/rules_edit.html",
        {
            "form": form,
            "in_force": in_force,
            "kinds": [(kind, KIND_LABELS[kind]) for kind in SCORED_KINDS],
            "deficits": list(Deficit),
        },
        status=form_status(form),
    )


@require_GET
def risk_evaluation(request: StaffRequest) -> HttpResponse:
    require(selectors.can_evaluate(request.user), "The evaluation of the risk score is for managers")
    return render(
        request,
        "prevention/risk/evaluation.html",
        {"evaluation": selectors.evaluation_figures(), "bands": list(Band)},
    )
