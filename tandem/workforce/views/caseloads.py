"""Caseloads: the workforce home page, a team's caseloads, a practitioner and their profile."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from tandem.core.errors import DomainError, require
from tandem.core.pages import form_status, posted
from tandem.identity import services as identity_services
from tandem.identity.actors import StaffRequest
from tandem.workforce import forms, policies, presenters, selectors, services
from tandem.workforce.codes import Rag
from tandem.workforce.views.pages import NOT_MANAGER, can_view, team_choices, team_of


@require_http_methods(["GET"])
def home(request: StaffRequest) -> HttpResponse:
    can_view(request)
    teams = selectors.teams_of(request.user)
    profile = selectors.profile_of(request.user)
    mine = selectors.caseload_rows([profile], selectors.rules_in_force())[0] if profile else None
    managed = [t for t in teams if policies.can_manage_team(request.user, t.pk)]
    alerts = selectors.alerts_open(team_ids=[t.pk for t in managed]) if managed else []
    return render(
        request,
        "workforce/home.html",
        {
            "teams": teams,
            "profile": profile,
            "mine": mine,
            "managed": managed,
            "alerts": alerts,
            "rag_tag": presenters.rag_tag,
        },
    )


_SORTS = {
    "name": lambda r: (r.profile.user.last_name, r.profile.user.first_name),
    "share": lambda r: (-r.share, r.profile.user.last_name),
    "headroom": lambda r: (-r.headroom, r.profile.user.last_name),
    "cases": lambda r: (-r.cases, r.profile.user.last_name),
}


@require_http_methods(["GET"])
def team_caseloads(request: StaffRequest, team_uuid: UUID) -> HttpResponse:
    """Everyone in the team at once: cases, weighted total, share of capacity and status."""
    team = team_of(request, team_uuid)
    in_force = selectors.rules_in_force()
    rows = selectors.team_caseloads(team_ids=[team.pk], in_force=in_force)
    sort = request.GET.get("sort", "share")
    rows.sort(key=_SORTS.get(sort, _SORTS["share"]))
    show = request.GET.get("show", "")
    if show in Rag.values:
        rows = [r for r in rows if r.rag == show]
    return render(
        request,
        "workforce/team_caseloads.html",
        {
            "team": team,
            "rows": rows,
            "sort": sort if sort in _SORTS else "share",
            "show": show,
            "counts": presenters.rag_counts(rows),
            "in_force": in_force,
            "rag_tag": presenters.rag_tag,
            "can_manage": policies.can_manage_team(request.user, team.pk),
        },
    )


@require_http_methods(["GET"])
def practitioner(request: StaffRequest, user_uuid: UUID) -> HttpResponse:
    can_view(request)
    user = selectors.user_get(actor=request.user, uuid=user_uuid)
    profile = selectors.profile_of(user)
    row = selectors.caseload_rows([profile], selectors.rules_in_force())[0] if profile else None
    cases = selectors.caseload_of(user=user)
    visible = {c.pk for c in selectors.waiting_visible(cases, request.user)}
    return render(
        request,
        "workforce/practitioner.html",
        {
            "worker": user,
            "profile": profile,
            "row": row,
            "cases": [c for c in cases if c.pk in visible],
            "hidden": len(cases) - len(visible),
            "rag_tag": presenters.rag_tag,
            "can_manage": (profile is not None and policies.can_manage_team(request.user, profile.team_id))
            or (profile is None and policies.can_manage(request.user)),
        },
    )


@require_http_methods(["GET", "POST"])
def profile_edit(request: StaffRequest, user_uuid: UUID) -> HttpResponse:
    can_view(request)
    require(policies.can_manage(request.user), NOT_MANAGER)
    user = selectors.user_get(actor=request.user, uuid=user_uuid)
    profile = selectors.profile_of(user)
    teams = [t for t in selectors.teams_of(request.user) if policies.can_manage_team(request.user, t.pk)]
    form = forms.ProfileForm(
        posted(request),
        teams=team_choices(teams),
        neighbourhoods=selectors.neighbourhood_choices(),
        gp_practices=selectors.gp_practice_choices(),
        initial=presenters.profile_initial(user, profile),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        team = next(t for t in teams if str(t.uuid) == data["team"])
        try:
            identity_services.staff_professional_details_update(
                user=user,
                profession=data["profession"],
                registration_body=data["registration_body"],
                registration_number=data["registration_number"],
                actor=request.user,
            )
            services.profile_save(
                user=user,
                details=services.ProfileDetails(
                    team=team,
                    fte=data["fte"],
                    asye=data["asye"],
                    agency=data["agency"],
                    qualifications=data["qualifications"],
                    warrants=dict.fromkeys(data["warrants"]),
                    neighbourhood_ids=[int(v) for v in data["neighbourhoods"]],
                    gp_practice_ids=[int(v) for v in data["gp_practices"]],
                ),
                version=data["version"],
                actor=request.user,
            )
        except DomainError as error:
            form.add_domain_error(error.field, error.message)
        else:
            messages.success(request, "Profile saved")
            return redirect("workforce:practitioner", user_uuid=user.uuid)
    return render(
        request,
        "workforce/profile_edit.html",
        {"form": form, "worker": user, "profile": profile},
        status=form_status(form),
    )
