"""Safeguarding pages: the triage queue, concerns, enquiries, DoLS and the returns.

Thin views: scope (404 outside the team), permission (403), form, service, redirect.
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
from tandem.identity.permissions import Permission
from tandem.people import presenters as people_presenters
from tandem.people import selectors as people_selectors
from tandem.people import services as people_services
from tandem.safeguarding import forms, page_selectors, policies, presenters, returns, selectors, services
from tandem.safeguarding.codes import ConcernStatus, DolsStatus

if TYPE_CHECKING:
    from tandem.people.models import Person
    from tandem.safeguarding.models import Concern, DolsApplication, Enquiry

NO_WORK = "Your role does not do safeguarding work"
NO_DOLS = "Your role does not work on DoLS applications"
COLLECTIONS = {"sac": returns.sac_compute, "dols": returns.dols_compute}


def _can_work(request: HttpRequest) -> None:
    require(request.user.can(Permission.SAFEGUARDING_WORK), NO_WORK)  # type: ignore[union-attr]


def concern_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Load the concern the URL names, if the worker's safeguarding team holds it (404 otherwise)."""

    @wraps(view)
    def wrapper(request: HttpRequest, concern_uuid: UUID, *args: Any, **kwargs: Any) -> HttpResponse:
        _can_work(request)
        concern = selectors.concern_get(actor=request.user, uuid=concern_uuid)
        return _logged(request, view(request, concern, *args, **kwargs), concern.person, "a safeguarding concern")

    return wrapper


def enquiry_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def wrapper(request: HttpRequest, enquiry_uuid: UUID, *args: Any, **kwargs: Any) -> HttpResponse:
        _can_work(request)
        enquiry = selectors.enquiry_get(actor=request.user, uuid=enquiry_uuid)
        if enquiry.concluded_on is not None and view.__name__ != "enquiry":
            messages.info(request, "The enquiry has been concluded: it can no longer be changed")
            return redirect(_enquiry_url(enquiry))
        response = view(request, enquiry, *args, **kwargs)
        return _logged(request, response, enquiry.concern.person, "a safeguarding enquiry")

    return wrapper


def dols_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def wrapper(request: HttpRequest, application_uuid: UUID, *args: Any, **kwargs: Any) -> HttpResponse:
        require(request.user.can(Permission.DOLS_WORK), NO_DOLS)  # type: ignore[union-attr]
        application = page_selectors.dols_get(actor=request.user, uuid=application_uuid)
        if application.status in (DolsStatus.GRANTED, DolsStatus.NOT_GRANTED, DolsStatus.WITHDRAWN) and (
            view.__name__ != "dols_application"
        ):
            messages.info(request, "A decision has been made on this application: it can no longer be changed")
            return redirect(_dols_url(application))
        response = view(request, application, *args, **kwargs)
        return _logged(request, response, application.person, "a DoLS application")

    return wrapper


def _logged(request: HttpRequest, response: HttpResponse, person: Person, page: str) -> HttpResponse:
    """Every view of a person's safeguarding record is logged, like any page of their record."""
    if request.method == "GET" and response.status_code == 200:
        people_services.person_view_record(
            person=person,
            actor=request.user,  # type: ignore[arg-type]  # a StaffRequest on the kit
            page=page,
        )
    return response


def _banner(person: Person) -> dict[str, Any]:
    """The person banner and active hazard warnings, shown on every page about the person."""
    return {
        "person": person,
        "banner": people_presenters.banner(person, people_selectors.warnings_active(person=person)),
    }


def _concern_url(concern: Concern) -> str:
    return reverse("safeguarding:concern", args=[concern.uuid])


def _enquiry_url(enquiry: Enquiry) -> str:
    return reverse("safeguarding:enquiry", args=[enquiry.uuid])


def _dols_url(application: DolsApplication) -> str:
    return reverse("safeguarding:dols_application", args=[application.uuid])


def _people(users: list[Any]) -> list[tuple[str, str]]:
    return [(str(u.uuid), presenters.user_name(u)) for u in users]


def _uuid_or_404(value: str) -> UUID:
    try:
        return UUID(value)
    except ValueError:
        raise Http404 from None


# --- The triage queue and raising a concern -------------------------------------------------------


@require_http_methods(["GET"])
def triage_queue(request: HttpRequest) -> HttpResponse:
    _can_work(request)
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


def _find_person(request: HttpRequest, *, title: str, select_url: str) -> HttpResponse:
    form = forms.FindPersonForm(request.GET if "q" in request.GET else None)
    if title.startswith("Receive"):
        form.fields["q"].label = "Who is the application about?"
    rows: list[dict[str, Any]] = []
    results = None
    if form.is_bound and form.is_valid():
        try:
            results = people_selectors.search(
                actor=request.user,  # type: ignore[arg-type]  # a StaffRequest on the kit
                text=form.cleaned_data["q"],
            )
        except DomainError as error:
            form.add_domain_error(error.field, error.message)
        else:
            rows = people_presenters.search_rows(
                results.people,
                actor=request.user,  # type: ignore[arg-type]  # a StaffRequest on the kit
            )
            people_services.search_record(
                people=results.people,
                text=form.cleaned_data["q"],
                total=results.total,
                where=title,
                actor=request.user,  # type: ignore[arg-type]  # a StaffRequest on the kit
            )
    return render(
        request,
        "safeguarding/find_person.html",
        {"form": form, "results": results, "rows": rows, "title": title, "select_url": select_url},
        status=form_status(form),
    )


def _chosen_person(request: HttpRequest) -> Person | HttpResponse:
    chosen = request.GET.get("person", "")
    try:
        return people_selectors.person_get(
            actor=request.user,  # type: ignore[arg-type]  # a StaffRequest on the kit
            uuid=_uuid_or_404(chosen),
        )
    except people_selectors.RestrictedRecord:
        return redirect(f"{reverse('people:break_glass', args=[chosen])}?next={request.get_full_path()}")


@require_http_methods(["GET", "POST"])
def concern_new(request: HttpRequest) -> HttpResponse:
    """Find the person first (nothing is recorded twice), then the details triage needs."""
    require(policies.can_raise(request.user), "You do not have permission to raise safeguarding concerns")
    if not request.GET.get("person"):
        if request.method == "POST":
            return redirect(request.path)
        return _find_person(request, title="Raise a safeguarding concern", select_url=request.path)
    person = _chosen_person(request)
    if isinstance(person, HttpResponse):
        return person
    teams = page_selectors.safeguarding_teams()
    mine = page_selectors.my_safeguarding_teams(request.user)
    initial = {"received_on": clock.today(), "team": str((mine or teams)[0].uuid) if teams else ""}
    form = forms.ConcernForm(posted(request), initial=initial, teams=[(str(t.uuid), t.name) for t in teams])
    if request.method == "POST" and form.is_valid():
        team = next((t for t in teams if str(t.uuid) == form.cleaned_data["team"]), None)
        try:
            concern = services.concern_raise(
                person=person,
                summary=form.cleaned_data["summary"],
                source="safeguarding",
                actor=request.user,
                details=form.details(),
                team=team,
            )
        except DomainError as error:
            form.add_domain_error(error.field, error.message)
        else:
            messages.success(request, "Concern raised: it is waiting for triage")
            if policies.can_work_on(request.user, concern.team_id):
                return redirect(_concern_url(concern))
            return redirect(reverse("people:summary", args=[person.uuid]))
    response = render(
        request, "safeguarding/concern_new.html", {"form": form, **_banner(person)}, status=form_status(form)
    )
    return _logged(request, response, person, "raise a safeguarding concern")


# --- A concern -----------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@concern_page
def concern(request: HttpRequest, concern: Concern) -> HttpResponse:
    """The concern, its repeats, and (while it waits) the triage decision."""
    awaiting = concern.status == ConcernStatus.AWAITING_TRIAGE
    leads = page_selectors.team_members_with(team_id=concern.team_id, permission=Permission.SAFEGUARDING_WORK)
    form = forms.TriageForm(posted(request), initial={"version": concern.version}, leads=_people(leads))
    if request.method == "POST" and not awaiting:
        messages.info(request, "The concern has already been triaged")
        return redirect(_concern_url(concern))
    if request.method == "POST" and form.is_valid():
        lead = page_selectors.user_in(leads, form.cleaned_data["lead"])
        try:
            triaged = services.concern_triage(
                concern=concern,
                decision=form.cleaned_data["decision"],
                reason=form.cleaned_data["reason"],
                version=form.cleaned_data["version"],
                lead=lead,
                actor=request.user,
            )
        except DomainError as error:
            form.add_domain_error(error.field, error.message)
        else:
            messages.success(request, f"Triage recorded: {triaged.get_triage_decision_display().lower()}")
            opened = triaged.status == ConcernStatus.ENQUIRY
            return redirect(_enquiry_url(triaged.enquiry) if opened else _concern_url(triaged))
    enquiry = (
        getattr(concern, "enquiry", None) if concern.status in (ConcernStatus.ENQUIRY, ConcernStatus.CLOSED) else None
    )
    return render(
        request,
        "safeguarding/concern.html",
        {
            **_banner(concern.person),
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
@concern_page
def concern_edit(request: HttpRequest, concern: Concern) -> HttpResponse:
    if concern.status != ConcernStatus.AWAITING_TRIAGE:
        messages.info(request, "The concern has been triaged: its details can no longer be changed")
        return redirect(_concern_url(concern))
    form = forms.ConcernForm(posted(request), initial=forms.concern_initial(concern))
    response = submit(
        request,
        form,
        lambda: services.concern_details_update(
            concern=concern, details=form.details(), version=form.cleaned_data["version"], actor=request.user
        ),
        done="Concern details saved",
        then=_concern_url(concern),
    )
    return response or render(
        request,
        "safeguarding/concern_edit.html",
        {"form": form, "concern": concern, **_banner(concern.person)},
        status=form_status(form),
    )


@require_http_methods(["GET", "POST"])
@concern_page
def concern_warning(request: HttpRequest, concern: Concern) -> HttpResponse:
    """A hazard warning on the adult's own record, raised from the concern."""
    form = forms.WarningForm(posted(request))
    response = submit(
        request,
        form,
        lambda: services.concern_warning_raise(
            concern=concern,
            category=form.cleaned_data["category"],
            description=form.cleaned_data["description"],
            review_on=form.cleaned_data["review_on"],
            actor=request.user,
        ),
        done=f"Hazard warning added to {concern.person.full_name}'s record",
        then=_concern_url(concern),
    )
    return response or render(
        request,
        "safeguarding/concern_warning.html",
        {"form": form, "concern": concern, **_banner(concern.person)},
        status=form_status(form),
    )


# --- An enquiry ----------------------------------------------------------------------------------


@require_http_methods(["GET"])
@enquiry_page
def enquiry(request: HttpRequest, enquiry: Enquiry) -> HttpResponse:
    return render(
        request,
        "safeguarding/enquiry.html",
        {
            **_banner(enquiry.concern.person),
            "enquiry": enquiry,
            "concern": enquiry.concern,
            "outcomes": list(enquiry.desired_outcomes.all()),
            "meetings": list(enquiry.meetings.all()),
            "actions": list(enquiry.actions.all()),
            "contributions": list(enquiry.contributions.all()),
            "open": enquiry.concluded_on is None,
            "user_name": presenters.user_name,
            "today": clock.today(),
        },
    )


def _enquiry_form_page(
    request: HttpRequest, enquiry: Enquiry, form: Any, action: Callable[[], object], *, done: str, template: str
) -> HttpResponse:
    response = submit(request, form, action, done=done, then=_enquiry_url(enquiry))
    return response or render(
        request,
        f"safeguarding/{template}.html",
        {"form": form, "enquiry": enquiry, "concern": enquiry.concern, **_banner(enquiry.concern.person)},
        status=form_status(form),
    )


@require_http_methods(["GET", "POST"])
@enquiry_page
def enquiry_lead(request: HttpRequest, enquiry: Enquiry) -> HttpResponse:
    leads = page_selectors.team_members_with(team_id=enquiry.concern.team_id, permission=Permission.SAFEGUARDING_WORK)
    initial = {"lead": str(enquiry.lead.uuid) if enquiry.lead else ""}
    form = forms.LeadForm(posted(request), initial=initial, leads=_people(leads))
    return _enquiry_form_page(
        request,
        enquiry,
        form,
        lambda: services.enquiry_lead_set(
            enquiry=enquiry, lead=page_selectors.user_in(leads, form.cleaned_data["lead"]), actor=request.user
        ),
        done="Lead practitioner set",
        template="enquiry_lead",
    )


@require_http_methods(["GET", "POST"])
@enquiry_page
def enquiry_outcomes(request: HttpRequest, enquiry: Enquiry) -> HttpResponse:
    """Making Safeguarding Personal: was the adult asked what they want, and what, in their own words."""
    initial = {
        "asked": enquiry.outcomes_asked,
        "outcomes": "\n".join(o.in_own_words for o in enquiry.desired_outcomes.all()),
        "version": enquiry.version,
    }
    form = forms.OutcomesForm(posted(request), initial=initial)
    return _enquiry_form_page(
        request,
        enquiry,
        form,
        lambda: services.enquiry_outcomes_record(
            enquiry=enquiry,
            asked=form.cleaned_data["asked"],
            outcomes=form.outcome_lines(),
            version=form.cleaned_data["version"],
            actor=request.user,
        ),
        done="The adult's outcomes recorded",
        template="enquiry_outcomes",
    )


@require_http_methods(["GET", "POST"])
@enquiry_page
def meeting_record(request: HttpRequest, enquiry: Enquiry) -> HttpResponse:
    form = forms.MeetingForm(posted(request))
    return _enquiry_form_page(
        request,
        enquiry,
        form,
        lambda: services.meeting_record(
            enquiry=enquiry,
            held_on=form.cleaned_data["held_on"],
            attendees=form.cleaned_data["attendees"],
            notes=form.cleaned_data["notes"],
            actor=request.user,
        ),
        done="Planning meeting recorded",
        template="meeting_record",
    )


@require_http_methods(["GET", "POST"])
@enquiry_page
def action_add(request: HttpRequest, enquiry: Enquiry) -> HttpResponse:
    form = forms.ActionForm(posted(request))
    return _enquiry_form_page(
        request,
        enquiry,
        form,
        lambda: services.action_add(
            enquiry=enquiry,
            description=form.cleaned_data["description"],
            owner=form.cleaned_data["owner"],
            due_on=form.cleaned_data["due_on"],
            actor=request.user,
        ),
        done="Action added",
        template="action_add",
    )


@require_http_methods(["GET", "POST"])
@enquiry_page
def action_done(request: HttpRequest, enquiry: Enquiry, action_id: int) -> HttpResponse:
    action = page_selectors.action_of(enquiry_id=enquiry.pk, action_id=action_id)
    if action.done_on is not None:
        messages.info(request, "That action is already done")
        return redirect(_enquiry_url(enquiry))
    form = forms.ActionDoneForm(posted(request), initial={"done_on": clock.today()})
    response = submit(
        request,
        form,
        lambda: services.action_done(action=action, done_on=form.cleaned_data["done_on"], actor=request.user),
        done="Action marked done",
        then=_enquiry_url(enquiry),
    )
    return response or render(
        request,
        "safeguarding/action_done.html",
        {"form": form, "enquiry": enquiry, "concern": enquiry.concern, "action": action}
        | _banner(enquiry.concern.person),
        status=form_status(form),
    )


@require_http_methods(["GET", "POST"])
@enquiry_page
def contribution_add(request: HttpRequest, enquiry: Enquiry) -> HttpResponse:
    form = forms.ContributionForm(posted(request))
    return _enquiry_form_page(
        request,
        enquiry,
        form,
        lambda: services.contribution_add(
            enquiry=enquiry,
            contributor=form.cleaned_data["contributor"],
            organisation=form.cleaned_data["organisation"],
            received_on=form.cleaned_data["received_on"],
            summary=form.cleaned_data["summary"],
            actor=request.user,
        ),
        done="Contribution added",
        template="contribution_add",
    )


@require_http_methods(["GET", "POST"])
@enquiry_page
def plan_record(request: HttpRequest, enquiry: Enquiry) -> HttpResponse:
    initial = {"plan": enquiry.plan, "agreed_on": enquiry.plan_agreed_on, "version": enquiry.version}
    form = forms.PlanForm(posted(request), initial=initial)
    return _enquiry_form_page(
        request,
        enquiry,
        form,
        lambda: services.plan_record(
            enquiry=enquiry,
            plan=form.cleaned_data["plan"],
            agreed_on=form.cleaned_data["agreed_on"],
            version=form.cleaned_data["version"],
            actor=request.user,
        ),
        done="Safeguarding plan saved",
        template="plan_record",
    )


@require_http_methods(["GET", "POST"])
@enquiry_page
def enquiry_conclude(request: HttpRequest, enquiry: Enquiry) -> HttpResponse:
    """Close the enquiry after a check: the risk outcome, and whether each outcome the adult wanted was achieved."""
    outcomes = list(enquiry.desired_outcomes.all())
    initial = {"concluded_on": clock.today(), "version": enquiry.version}
    form = forms.ConcludeForm(posted(request), initial=initial, outcomes=[(o.pk, o.in_own_words) for o in outcomes])
    response = submit(
        request,
        form,
        lambda: services.enquiry_conclude(
            enquiry=enquiry, ending=form.ending(), version=form.cleaned_data["version"], actor=request.user
        ),
        done="Enquiry concluded and the concern closed",
        then=_enquiry_url(enquiry),
    )
    return response or render(
        request,
        "safeguarding/enquiry_conclude.html",
        {"form": form, "enquiry": enquiry, "concern": enquiry.concern, "outcomes": outcomes}
        | _banner(enquiry.concern.person),
        status=form_status(form),
    )


# --- DoLS ----------------------------------------------------------------------------------------


def _can_dols(request: HttpRequest) -> None:
    require(request.user.can(Permission.DOLS_WORK), NO_DOLS)  # type: ignore[union-attr]


@require_http_methods(["GET"])
def dols_waiting_list(request: HttpRequest) -> HttpResponse:
    _can_dols(request)
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
def dols_renewals(request: HttpRequest) -> HttpResponse:
    _can_dols(request)
    renewals = list(selectors.dols_renewals_due(actor=request.user)[:200])
    return render(
        request,
        "safeguarding/dols_renewals.html",
        {"rows": [(a, selectors.dols_deadlines(a)) for a in renewals]},
    )


@require_http_methods(["GET", "POST"])
def dols_receive(request: HttpRequest) -> HttpResponse:
    _can_dols(request)
    if not request.GET.get("person"):
        if request.method == "POST":
            return redirect(request.path)
        return _find_person(request, title="Receive a DoLS application", select_url=request.path)
    person = _chosen_person(request)
    if isinstance(person, HttpResponse):
        return person
    teams = page_selectors.dols_teams(request.user)
    initial = {"received_on": clock.today(), "team": str(teams[0].uuid) if teams else ""}
    form = forms.DolsReceiveForm(posted(request), initial=initial, teams=[(str(t.uuid), t.name) for t in teams])
    if request.method == "POST" and form.is_valid():
        team = next(t for t in teams if str(t.uuid) == form.cleaned_data["team"])
        try:
            application = services.dols_application_receive(
                person=person, team=team, request=form.request(), actor=request.user
            )
        except DomainError as error:
            form.add_domain_error(error.field, error.message)
        else:
            messages.success(request, "DoLS application logged")
            return redirect(_dols_url(application))
    response = render(
        request, "safeguarding/dols_receive.html", {"form": form, **_banner(person)}, status=form_status(form)
    )
    return _logged(request, response, person, "receive a DoLS application")


@require_http_methods(["GET"])
@dols_page
def dols_application(request: HttpRequest, application: DolsApplication) -> HttpResponse:
    return render(
        request,
        "safeguarding/dols_application.html",
        {
            **_banner(application.person),
            "application": application,
            "rows": presenters.dols_rows(application),
            "decided": application.status in (DolsStatus.GRANTED, DolsStatus.NOT_GRANTED, DolsStatus.WITHDRAWN),
            "can_allocate": policies.can_allocate_dols(request.user),
            "requirements": [
                (forms.REQUIREMENT_LABELS[name], getattr(application, f"get_{name}_display")())
                for name in forms.REQUIREMENT_LABELS
            ],
        },
    )


def _dols_form_page(
    request: HttpRequest, application: DolsApplication, form: Any, action: Callable[[], object], **kw: str
) -> HttpResponse:
    response = submit(request, form, action, done=kw["done"], then=_dols_url(application))
    return response or render(
        request,
        f"safeguarding/{kw['template']}.html",
        {"form": form, "application": application, **_banner(application.person)},
        status=form_status(form),
    )


@require_http_methods(["GET", "POST"])
@dols_page
def dols_extend(request: HttpRequest, application: DolsApplication) -> HttpResponse:
    if not application.urgent or application.urgent_extended:
        messages.info(request, "Only an urgent authorisation not yet extended can be extended")
        return redirect(_dols_url(application))
    form = forms.ExtendForm(posted(request))
    return _dols_form_page(
        request,
        application,
        form,
        lambda: services.dols_urgent_extend(
            application=application, reason=form.cleaned_data["reason"], actor=request.user
        ),
        done="Urgent authorisation extended by 7 days",
        template="dols_extend",
    )


@require_http_methods(["GET", "POST"])
@dols_page
def dols_priority(request: HttpRequest, application: DolsApplication) -> HttpResponse:
    form = forms.PriorityForm(
        posted(request), initial={"priority": application.priority, "version": application.version}
    )
    return _dols_form_page(
        request,
        application,
        form,
        lambda: services.dols_priority_change(
            application=application,
            priority=form.cleaned_data["priority"],
            reason=form.cleaned_data["reason"],
            version=form.cleaned_data["version"],
            actor=request.user,
        ),
        done="Priority changed",
        template="dols_priority",
    )


@require_http_methods(["GET", "POST"])
@dols_page
def dols_allocate(request: HttpRequest, application: DolsApplication) -> HttpResponse:
    require(policies.can_allocate_dols(request.user), "Only a manager can allocate assessors")
    assessors = page_selectors.team_members_with(team_id=application.team_id, permission=Permission.DOLS_WORK)
    initial = {
        "best_interests": str(application.best_interests_assessor.uuid) if application.best_interests_assessor else "",
        "mental_health": str(application.mental_health_assessor.uuid) if application.mental_health_assessor else "",
    }
    form = forms.AllocateForm(posted(request), initial=initial, assessors=_people(assessors))
    return _dols_form_page(
        request,
        application,
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
def dols_decide(request: HttpRequest, application: DolsApplication) -> HttpResponse:
    initial = {"decided_on": clock.today(), "version": application.version}
    initial |= {name: getattr(application, name) for name in forms.REQUIREMENT_LABELS}
    form = forms.DecisionForm(posted(request), initial=initial)
    return _dols_form_page(
        request,
        application,
        form,
        lambda: services.dols_decide(
            application=application, decision=form.decision(), version=form.cleaned_data["version"], actor=request.user
        ),
        done="Decision recorded",
        template="dols_decide",
    )


# --- Returns -------------------------------------------------------------------------------------


def _years() -> list[int]:
    today = clock.today()
    current = today.year if today.month >= 4 else today.year - 1
    return [current - n for n in range(6)]


def _collection(request: HttpRequest, collection: str, year: int) -> returns.Return:
    require(policies.can_see_returns(request.user), "The returns are for managers")
    if collection not in COLLECTIONS or year not in _years():
        raise Http404("No such return")
    return COLLECTIONS[collection](year)


@require_http_methods(["GET"])
def returns_page(request: HttpRequest) -> HttpResponse:
    require(policies.can_see_returns(request.user), "The returns are for managers")
    years = _years()
    default = years[1] if clock.today().month < 7 else years[0]
    form = forms.ReturnsForm(request.GET or None, initial={"year": str(default)}, years=years)
    year = form.cleaned_data["year"] if form.is_bound and form.is_valid() else default
    sac, dols = returns.sac_compute(year), returns.dols_compute(year)
    return render(
        request,
        "safeguarding/returns.html",
        {
            "form": form,
            "year": year,
            "collections": [
                ("sac", sac, presenters.return_tables(sac, "sac")),
                ("dols", dols, presenters.return_tables(dols, "dols")),
            ],
        },
        status=form_status(form),
    )


@require_http_methods(["GET"])
def returns_csv(request: HttpRequest, collection: str, year: int) -> HttpResponse:
    result = _collection(request, collection, year)
    response = HttpResponse(result.csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{collection}-{year}-{year + 1}.csv"'
    return response


@require_http_methods(["GET"])
def returns_dols_cases(request: HttpRequest, year: int) -> HttpResponse:
    """The DoLS collection's file for the year: one row per application (its export is logged)."""
    _collection(request, "dols", year)
    content = services.dols_collection_export(year=year, actor=request.user)
    response = HttpResponse(content, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="dols-collection-{year}-{year + 1}.csv"'
    return response


@require_http_methods(["GET"])
def returns_figure(request: HttpRequest, collection: str, year: int) -> HttpResponse:
    """The cases behind one figure: those the manager may open, and how many others there are."""
    result = _collection(request, collection, year)
    figure = result.figures.get(request.GET.get("cell", ""))
    if figure is None:
        messages.info(request, "Choose a figure to see the cases behind it")
        return redirect(f"{reverse('safeguarding:returns')}?year={year}")
    behind = {
        "concern": page_selectors.concerns_behind,
        "enquiry": page_selectors.enquiries_behind,
        "dols": page_selectors.dols_behind,
    }[figure.kind]
    shown, hidden = behind(ids=figure.ids, actor=request.user)
    return render(
        request,
        "safeguarding/returns_figure.html",
        {"result": result, "figure": figure, "collection": collection, "shown": shown, "hidden": hidden},
    )
