"""Workforce pages: caseloads, waiting lists, allocation, establishment, the dashboard and the rules.

Thin views: the team scope (404 outside the actor's teams), the permission (403), form, service,
redirect. Pages about a person log the view of their record, as every page of a record does.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TYPE_CHECKING, Any
from uuid import UUID

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from tandem.core import clock
from tandem.core.errors import DomainError, require
from tandem.core.pages import form_status, posted, submit
from tandem.core.presenters import pagination
from tandem.identity import services as identity_services
from tandem.people import presenters as people_presenters
from tandem.people import selectors as people_selectors
from tandem.people import services as people_services
from tandem.workforce import forms, policies, presenters, pressures, selectors, services
from tandem.workforce.codes import AlertKind, CaseStatus, FactorKind, Rag

if TYPE_CHECKING:
    from tandem.identity.models import Team
    from tandem.workforce.models import Case

NO_WORKFORCE = "Your role does not use the workforce pages"
NOT_MANAGER = "Only a manager of the team can do that"


def _can_view(request: HttpRequest) -> None:
    require(policies.can_view(request.user), NO_WORKFORCE)


def _team(request: HttpRequest, team_uuid: UUID) -> Team:
    _can_view(request)
    return selectors.team_get(actor=request.user, uuid=team_uuid)


def _case_url(case: Case) -> str:
    return reverse("workforce:case", args=[case.uuid])


def _case(request: HttpRequest, case_uuid: UUID) -> Case:
    _can_view(request)
    return selectors.case_get(actor=request.user, uuid=case_uuid)


def _case_page(
    request: HttpRequest, case: Case, template: str, context: dict[str, Any], status: int = 200
) -> HttpResponse:
    person = case.person
    response = render(
        request,
        template,
        {
            "case": case,
            "person": person,
            "banner": people_presenters.banner(person, people_selectors.warnings_active(person=person)),
            **context,
        },
        status=status,
    )
    if request.method == "GET" and status == 200:
        people_services.person_view_record(
            person=person,
            actor=request.user,  # type: ignore[arg-type]  # a StaffRequest on the kit
            page="a workforce case",
        )
    return response


def _team_choices(teams: list[Team]) -> list[tuple[str, str]]:
    return [(str(t.uuid), t.name) for t in teams]


# --- Home, caseloads and practitioners ------------------------------------------------------------


@require_http_methods(["GET"])
def home(request: HttpRequest) -> HttpResponse:
    _can_view(request)
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
def team_caseloads(request: HttpRequest, team_uuid: UUID) -> HttpResponse:
    """Everyone in the team at once: cases, weighted total, share of capacity and status."""
    team = _team(request, team_uuid)
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
def practitioner(request: HttpRequest, user_uuid: UUID) -> HttpResponse:
    _can_view(request)
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
def profile_edit(request: HttpRequest, user_uuid: UUID) -> HttpResponse:
    _can_view(request)
    require(policies.can_manage(request.user), NOT_MANAGER)
    user = selectors.user_get(actor=request.user, uuid=user_uuid)
    profile = selectors.profile_of(user)
    teams = [t for t in selectors.teams_of(request.user) if policies.can_manage_team(request.user, t.pk)]
    form = forms.ProfileForm(
        posted(request),
        teams=_team_choices(teams),
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
                actor=request.user,  # type: ignore[arg-type]  # a StaffRequest on the kit
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


# --- Establishment --------------------------------------------------------------------------------


@require_http_methods(["GET"])
def establishment(request: HttpRequest, team_uuid: UUID) -> HttpResponse:
    team = _team(request, team_uuid)
    summary = selectors.establishment(team_ids=[team.pk])[0]
    return render(
        request,
        "workforce/establishment.html",
        {
            "team": team,
            "summary": summary,
            "posts": selectors.posts_of(team=team),
            "can_manage": policies.can_manage_team(request.user, team.pk),
        },
    )


def _holders(team: Team) -> list[tuple[str, str]]:
    return [(str(u.uuid), u.get_full_name() or u.username) for u in selectors.team_members(team_ids=[team.pk])]


@require_http_methods(["GET", "POST"])
def post_add(request: HttpRequest, team_uuid: UUID) -> HttpResponse:
    team = _team(request, team_uuid)
    require(policies.can_manage_team(request.user, team.pk), NOT_MANAGER)
    members = {str(u.uuid): u for u in selectors.team_members(team_ids=[team.pk])}
    form = forms.PostForm(posted(request), holders=_holders(team))
    response = submit(
        request,
        form,
        lambda: services.post_add(
            team=team,
            title=form.cleaned_data["title"],
            fte=form.cleaned_data["fte"],
            holder=members.get(form.cleaned_data["holder"]),
            actor=request.user,
        ),
        done="Post added",
        then=reverse("workforce:establishment", args=[team.uuid]),
    )
    return response or render(
        request, "workforce/post_add.html", {"form": form, "team": team}, status=form_status(form)
    )


@require_http_methods(["GET", "POST"])
def post_edit(request: HttpRequest, post_uuid: UUID) -> HttpResponse:
    _can_view(request)
    post = selectors.post_get(actor=request.user, uuid=post_uuid)
    require(policies.can_manage_team(request.user, post.team_id), NOT_MANAGER)
    members = {str(u.uuid): u for u in selectors.team_members(team_ids=[post.team_id])}
    form = forms.PostEditForm(
        posted(request),
        holders=_holders(post.team),
        initial={"holder": str(post.holder.uuid) if post.holder else "", "action": "fill"},
    )

    def save() -> object:
        if form.cleaned_data["action"] == "end":
            return services.post_end(post=post, actor=request.user)
        return services.post_fill(post=post, holder=members.get(form.cleaned_data["holder"]), actor=request.user)

    ending = request.method == "POST" and request.POST.get("action") == "end"
    response = submit(
        request,
        form,
        save,
        done="Post taken out of the establishment" if ending else "Post updated",
        then=reverse("workforce:establishment", args=[post.team.uuid]),
    )
    return response or render(
        request, "workforce/post_edit.html", {"form": form, "post": post}, status=form_status(form)
    )


# --- Waiting lists and cases ----------------------------------------------------------------------


@require_http_methods(["GET"])
def waiting_list(request: HttpRequest, team_uuid: UUID) -> HttpResponse:
    team = _team(request, team_uuid)
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
def case_open(request: HttpRequest, person_uuid: UUID) -> HttpResponse:
    """Put someone on one of the worker's teams' waiting lists."""
    _can_view(request)
    try:
        person = people_selectors.person_get(
            actor=request.user,  # type: ignore[arg-type]  # a StaffRequest on the kit
            uuid=person_uuid,
        )
    except people_selectors.RestrictedRecord:
        return redirect(f"{reverse('people:break_glass', args=[person_uuid])}?next={request.path}")
    teams = [t for t in selectors.teams_of(request.user) if policies.can_work_waiting_list(request.user, t.pk)]
    require(bool(teams), "You are not in a team that keeps a waiting list")
    form = forms.CaseOpenForm(posted(request), teams=_team_choices(teams))
    if request.method == "POST" and form.is_valid():
        team = next(t for t in teams if str(t.uuid) == form.cleaned_data["team"])
        try:
            case = services.case_open(
                person=person,
                team=team,
                summary=form.cleaned_data["summary"],
                waiting_for=form.cleaned_data["waiting_for"],
                actor=request.user,
            )
        except DomainError as error:
            form.add_domain_error(error.field, error.message)
        else:
            messages.success(request, f"{person.full_name} added to the {team.name} waiting list")
            return redirect(_case_url(case))
    response = render(
        request,
        "workforce/case_open.html",
        {
            "form": form,
            "person": person,
            "banner": people_presenters.banner(person, people_selectors.warnings_active(person=person)),
        },
        status=form_status(form),
    )
    if request.method == "GET":
        people_services.person_view_record(
            person=person,
            actor=request.user,  # type: ignore[arg-type]  # a StaffRequest on the kit
            page="adding to a waiting list",
        )
    return response


@require_http_methods(["GET"])
def case(request: HttpRequest, case_uuid: UUID) -> HttpResponse:
    found = _case(request, case_uuid)
    in_force = selectors.rules_in_force()
    labels = {f.code: f.label for f in in_force.factors}
    return _case_page(
        request,
        found,
        "workforce/case.html",
        {
            "events": selectors.events_of(case=found),
            "factors": [labels.get(code, code) for code in found.factors],
            "risks": [labels.get(code, code) for code in found.risks],
            "skills": [selectors.WARRANT_LABELS.get(s, s) for s in found.skills_needed],
            "days_waiting": selectors.days_waiting(found),
            "today": clock.today(),
            "priority_tag": presenters.priority_tag,
            "can_work": policies.can_work_waiting_list(request.user, found.team_id),
            "can_allocate": policies.can_allocate(request.user, found.team_id),
            "can_manage": policies.can_manage_team(request.user, found.team_id),
            "can_close": policies.can_allocate(request.user, found.team_id) or found.allocated_to_id == request.user.pk,
        },
    )


CaseView = Callable[[HttpRequest, "Case"], HttpResponse]


def case_form_page(
    allowed: Callable[[Any, Any], bool], refusal: str
) -> Callable[[CaseView], Callable[..., HttpResponse]]:
    """Load the case the URL names (404 outside the worker's teams), refuse a worker `allowed`
    does not let act on it (403), and send a closed case back to its page."""

    def decorate(view: CaseView) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: HttpRequest, case_uuid: UUID) -> HttpResponse:
            found = _case(request, case_uuid)
            require(allowed(request.user, found), refusal)
            if found.status == CaseStatus.CLOSED:
                messages.info(request, "The case is closed: it can no longer be changed")
                return redirect(_case_url(found))
            return view(request, found)

        return wrapper

    return decorate


def _case_form(
    request: HttpRequest,
    found: Case,
    form: Any,
    action: Callable[[], object],
    *,
    done: str,
    template: str,
    **extra: Any,
) -> HttpResponse:
    """Run the service for a valid POST and go back to the case, or show the form again."""
    response = submit(request, form, action, done=done, then=_case_url(found))
    return response or _case_page(request, found, template, {"form": form, **extra}, form_status(form))


def _works_waiting_list(actor: Any, found: Case) -> bool:
    return policies.can_work_waiting_list(actor, found.team_id)


def _manages(actor: Any, found: Case) -> bool:
    return policies.can_manage_team(actor, found.team_id)


def _allocates(actor: Any, found: Case) -> bool:
    return policies.can_allocate(actor, found.team_id)


def _holds_or_allocates(actor: Any, found: Case) -> bool:
    return policies.can_allocate(actor, found.team_id) or found.allocated_to_id == actor.pk


@require_http_methods(["GET", "POST"])
@case_form_page(_works_waiting_list, NO_WORKFORCE)
def case_screen(request: HttpRequest, found: Case) -> HttpResponse:
    in_force = selectors.rules_in_force()
    form = forms.ScreenForm(
        posted(request), in_force=in_force, initial={"risks": found.risks, "version": found.version}
    )
    return _case_form(
        request,
        found,
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
def case_weigh(request: HttpRequest, found: Case) -> HttpResponse:
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
        request,
        found,
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
def case_weight_override(request: HttpRequest, found: Case) -> HttpResponse:
    form = forms.OverrideForm(
        posted(request),
        initial={"weight": found.weight_override, "reason": found.override_reason, "version": found.version},
    )
    return _case_form(
        request,
        found,
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
def case_keep_in_touch(request: HttpRequest, found: Case) -> HttpResponse:
    if found.status != CaseStatus.WAITING:
        messages.info(request, "Keeping in touch is for people still waiting")
        return redirect(_case_url(found))
    form = forms.KeepInTouchForm(posted(request))
    return _case_form(
        request,
        found,
        form,
        lambda: services.case_keep_in_touch(case=found, note=form.cleaned_data["note"], actor=request.user),
        done="Keeping-in-touch contact recorded",
        template="workforce/case_keep_in_touch.html",
    )


@require_http_methods(["GET", "POST"])
@case_form_page(_allocates, "Only a manager of the team can allocate its cases")
def case_allocate(request: HttpRequest, found: Case) -> HttpResponse:
    """The ranked and explained suggestions for a case, and the manager's choice with a reason."""
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
        request,
        found,
        form,
        allocate,
        done="Case reallocated" if found.status == CaseStatus.ALLOCATED else "Case allocated",
        template="workforce/case_allocate.html",
        suggestions=suggestions,
    )


@require_http_methods(["GET", "POST"])
@case_form_page(_holds_or_allocates, "Only a manager of the team or the practitioner holding it can close a case")
def case_close(request: HttpRequest, found: Case) -> HttpResponse:
    form = forms.CloseForm(posted(request), initial={"version": found.version})
    return _case_form(
        request,
        found,
        form,
        lambda: services.case_close(
            case=found, reason=form.cleaned_data["reason"], version=form.cleaned_data["version"], actor=request.user
        ),
        done="Case closed",
        template="workforce/case_close.html",
    )


# --- The dashboard and alerts ---------------------------------------------------------------------


def _managed(request: HttpRequest) -> tuple[list[Team], forms.TeamFilterForm, list[int]]:
    _can_view(request)
    require(policies.can_manage(request.user), "Only managers see the workforce dashboard")
    teams = [t for t in selectors.teams_of(request.user) if policies.can_manage_team(request.user, t.pk)]
    form = forms.TeamFilterForm(request.GET or None, teams=_team_choices(teams))
    chosen = teams
    if form.is_bound and form.is_valid() and form.cleaned_data["team"]:
        chosen = [t for t in teams if str(t.uuid) == form.cleaned_data["team"]]
    return teams, form, [t.pk for t in chosen]


@require_http_methods(["GET"])
def dashboard(request: HttpRequest) -> HttpResponse:
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
def dashboard_figure(request: HttpRequest, kind: str) -> HttpResponse:
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
def alerts(request: HttpRequest) -> HttpResponse:
    _teams, form, team_ids = _managed(request)
    return render(
        request,
        "workforce/alerts.html",
        {"form": form, "alerts": selectors.alerts_recent(team_ids=team_ids), "today": clock.today()},
        status=form_status(form),
    )


# --- The rules ------------------------------------------------------------------------------------


@require_http_methods(["GET"])
def rules_view(request: HttpRequest) -> HttpResponse:
    _can_view(request)
    return render(
        request,
        "workforce/rules.html",
        {
            "in_force": selectors.rules_in_force(),
            "history": selectors.rules_history(),
            "kinds": FactorKind,
            "alert_kinds": AlertKind,
            "can_edit": policies.can_edit_rules(request.user),
        },
    )


@require_http_methods(["GET", "POST"])
def rules_edit(request: HttpRequest) -> HttpResponse:
    _can_view(request)
    require(policies.can_edit_rules(request.user), "Only the principal social worker can change the weighting rules")
    in_force = selectors.rules_in_force()
    form = forms.RulesForm(posted(request), in_force=in_force, initial=forms.rules_initial(in_force))
    response = submit(
        request,
        form,
        lambda: services.rules_save(values=form.values(), reason=form.cleaned_data["reason"], actor=request.user),
        done="New version of the rules saved: open cases have been reweighed",
        then=reverse("workforce:rules"),
    )
    return response or render(
        request,
        "workforce/rules_edit.html",
        {"form": form, "in_force": in_force, "kinds": FactorKind, "alert_kinds": AlertKind},
        status=form_status(form),
    )
