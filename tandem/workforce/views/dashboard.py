"""The managers' dashboard: pressure across their teams, drillable, and the alerts."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from tandem.core import clock
from tandem.core.errors import require
from tandem.core.pages import form_status
from tandem.core.presenters import pagination
from tandem.identity.actors import StaffRequest
from tandem.workforce import forms, policies, presenters, pressures, selectors
from tandem.workforce.codes import AlertKind, Rag
from tandem.workforce.views.pages import can_view, team_choices

if TYPE_CHECKING:
    from tandem.identity.models import Team


def _managed(request: StaffRequest) -> tuple[list[Team], forms.TeamFilterForm, list[int]]:
    can_view(request)
    require(policies.can_manage(request.user), "Only managers see the workforce dashboard")
    teams = [t for t in selectors.teams_of(request.user) if policies.can_manage_team(request.user, t.pk)]
    form = forms.TeamFilterForm(request.GET or None, teams=team_choices(teams))
    chosen = teams
    if form.is_bound and form.is_valid() and form.cleaned_data["team"]:
        chosen = [t for t in teams if str(t.uuid) == form.cleaned_data["team"]]
    return teams, form, [t.pk for t in chosen]


@require_http_methods(["GET"])
def dashboard(request: StaffRequest) -> HttpResponse:
    """Pressure across the manager's teams: each figure against its threshold, drillable."""
    teams, form, team_ids = _managed(request)
    in_force = selectors.rules_in_force()
    today = clock.today()
    figures = pressures.figures_by_team(team_ids=team_ids, today=today, in_force=in_force)
    return render(
        request,
        "workforce/dashboard.html",
        {
            "teams": teams,
            "form": form,
            "rows": presenters.figure_rows(
                pressures.totals(figures), in_force, query=request.GET.urlencode(), team_ids=team_ids, teams=teams
            ),
            "by_team": presenters.team_figure_rows(figures, teams, in_force),
            "trend": pressures.waiting_trend(team_ids=team_ids, today=today),
            "alerts": selectors.alerts_open(team_ids=team_ids),
            "today": today,
        },
        status=form_status(form),
    )


@require_http_methods(["GET"])
def dashboard_figure(request: StaffRequest, kind: str) -> HttpResponse:
    if kind not in AlertKind.values:
        raise Http404("No such figure")
    _teams, form, team_ids = _managed(request)
    if kind == AlertKind.OVER_CAPACITY:
        rows = [r for r in selectors.team_caseloads(team_ids=team_ids) if r.rag == Rag.RED]
        return render(
            request,
            "workforce/dashboard_practitioners.html",
            {"form": form, "kind": AlertKind(kind), "rows": rows, "rag_tag": presenters.rag_tag},
        )
    if kind == AlertKind.VACANCIES:
        return render(
            request,
            "workforce/dashboard_vacancies.html",
            {"form": form, "kind": AlertKind(kind), "summaries": selectors.establishment(team_ids=team_ids)},
        )
    found = pressures.behind(kind=kind, team_ids=team_ids, actor=request.user) or []
    page = Paginator(found, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "workforce/dashboard_figure.html",
        {"form": form, "kind": AlertKind(kind), "page": page, "pages": pagination(page, request)},
    )


@require_http_methods(["GET"])
def alerts(request: StaffRequest) -> HttpResponse:
    _teams, form, team_ids = _managed(request)
    return render(
        request,
        "workforce/alerts.html",
        {"form": form, "alerts": selectors.alerts_recent(team_ids=team_ids), "today": clock.today()},
        status=form_status(form),
    )
