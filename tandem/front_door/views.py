"""Front-door pages for staff: thin views that scope, validate, call a service and redirect."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TYPE_CHECKING, Any
from uuid import UUID

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from tandem.core.errors import DomainError, require
from tandem.core.pages import form_status, posted, submit
from tandem.core.presenters import pagination
from tandem.directory import search as directory_search
from tandem.directory.categories import CATEGORIES
from tandem.front_door import forms, policies, presenters, selectors, services
from tandem.people import presenters as people_presenters
from tandem.people import selectors as people_selectors
from tandem.people import services as people_services

if TYPE_CHECKING:
    # For the type checker only: views read through selectors (tests/architecture).
    from tandem.front_door.models import Contact
    from tandem.people.models import Person

ContactView = Callable[..., HttpResponse]


def contact_page(view: ContactView) -> Callable[..., HttpResponse]:
    """Load the contact the URL names, if the worker may see it (404 otherwise)."""

    @wraps(view)
    def wrapper(request: HttpRequest, contact_uuid: UUID, *args: Any, **kwargs: Any) -> HttpResponse:
        require(policies.can_record_contacts(request.user), "Your role does not work at the front door")
        contact = selectors.contact_get(actor=request.user, uuid=contact_uuid)
        response = view(request, contact, *args, **kwargs)
        # Every page of a contact about someone shows their record's details: each view is logged.
        if contact.person is not None and request.method == "GET" and response.status_code == 200:
            people_services.person_view_record(
                person=contact.person,
                actor=request.user,
                page=f"front-door contact {contact.reference}",
                target=contact,
            )
        return response

    return wrapper


def _contact_url(contact: Contact) -> str:
    return reverse("front_door:contact", args=[contact.uuid])


@require_http_methods(["GET"])
def queue(request: HttpRequest) -> HttpResponse:
    require(policies.can_record_contacts(request.user), "Your role does not work at the front door")
    teams = list(selectors.front_door_teams())
    default = selectors.default_team_for(request.user)
    form = forms.QueueForm(
        request.GET or None,
        teams=[(str(t.uuid), t.name) for t in teams],
        initial={"team": str(default.uuid) if default else "", "allocated": "anyone"},
    )
    team = default
    allocated, urgency = "anyone", ""
    if form.is_bound and form.is_valid():
        chosen = form.cleaned_data["team"]
        team = next((t for t in teams if str(t.uuid) == chosen), default)
        allocated = form.cleaned_data["allocated"] or "anyone"
        urgency = form.cleaned_data["urgency"]
    filters = selectors.QueueFilter(team=team, allocated=allocated, urgency=urgency)
    page = Paginator(selectors.queue_contacts(actor=request.user, filters=filters), 25).get_page(
        request.GET.get("page")
    )
    follow_ups = list(selectors.follow_ups_due(actor=request.user, filters=filters)[:50])
    return render(
        request,
        "front_door/queue.html",
        {
            "form": form,
            "team": team,
            "page": page,
            "pages": pagination(page, request),
            "follow_ups": follow_ups,
            "waiting_for": presenters.waiting_for,
        },
        status=form_status(form),
    )


@require_http_methods(["GET", "POST"])
def contact_new(request: HttpRequest) -> HttpResponse:
    """Find or create the person, then record the contact: one page for each, fast to type."""
    require(policies.can_record_contacts(request.user), "You do not have permission to record contacts")
    chosen = request.GET.get("person", "")
    if not chosen:
        if request.method == "POST":
            return HttpResponseNotAllowed(["GET"])
        return _find_person(request)
    person: Person | None = None
    if chosen != "none":
        try:
            person = people_selectors.person_get(actor=request.user, uuid=_uuid_or_404(chosen))
        except people_selectors.RestrictedRecord:
            return redirect(f"{reverse('people:break_glass', args=[chosen])}?next={request.get_full_path()}")
    form = forms.ContactForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            contact = services.contact_record(details=form.details(), person=person, actor=request.user)
        except DomainError as error:
            form.add_domain_error(error.field, error.message)
        else:
            messages.success(request, f"Contact {contact.reference} recorded")
            return redirect(_contact_url(contact))
    if person is not None and request.method == "GET":
        people_services.person_view_record(person=person, actor=request.user, page="record a contact")
    return render(request, "front_door/contact_new.html", {"form": form, "person": person}, status=form_status(form))


def _uuid_or_404(value: str) -> UUID:
    try:
        return UUID(value)
    except ValueError:
        raise Http404 from None


def _find_person(request: HttpRequest, *, then: str | None = None) -> HttpResponse:
    form = forms.FindPersonForm(request.GET if "q" in request.GET else None)
    rows: list[dict[str, Any]] = []
    results = None
    if form.is_bound and form.is_valid():
        try:
            results = people_selectors.search(actor=request.user, text=form.cleaned_data["q"])
        except DomainError as error:
            form.add_domain_error(error.field, error.message)
        else:
            rows = people_presenters.search_rows(results.people, actor=request.user)
            people_services.search_record(
                people=results.people,
                text=form.cleaned_data["q"],
                total=results.total,
                where="the front door" if then is None else "linking a front-door contact",
                actor=request.user,
            )
    here = request.path
    return render(
        request,
        "front_door/find_person.html",
        {"form": form, "results": results, "rows": rows, "here": here, "linking": then is not None},
        status=form_status(form),
    )


@require_http_methods(["GET"])
@contact_page
def contact(request: HttpRequest, contact: Contact) -> HttpResponse:
    record = selectors.contact_record(contact=contact)
    return render(
        request,
        "front_door/contact.html",
        {
            "contact": contact,
            "record": record,
            "can_allocate": policies.can_allocate_contacts(request.user),
            "waiting_for": presenters.waiting_for,
        },
    )


@require_http_methods(["GET", "POST"])
@contact_page
def contact_link_person(request: HttpRequest, contact: Contact) -> HttpResponse:
    if contact.person_id is not None:
        messages.info(request, "This contact is already linked to a person")
        return redirect(_contact_url(contact))
    if request.method == "POST":
        try:
            person = people_selectors.person_get(actor=request.user, uuid=_uuid_or_404(request.POST.get("person", "")))
            services.contact_link_person(contact=contact, person=person, actor=request.user)
        except people_selectors.RestrictedRecord:
            messages.error(request, "That record is restricted: open it first, then link the contact")
            return redirect(request.path)
        except DomainError as error:
            messages.error(request, error.message)
            return redirect(request.path)
        messages.success(request, f"Contact linked to {person.full_name}")
        return redirect(_contact_url(contact))
    return _find_person(request, then=_contact_url(contact))


@require_http_methods(["GET", "POST"])
@contact_page
def conversation_add(request: HttpRequest, contact: Contact) -> HttpResponse:
    initial = {}
    if contact.person is not None:
        initial = {"what_matters": contact.person.what_matters_to_me}
    form = forms.ConversationForm(posted(request), initial=initial)
    response = submit(
        request,
        form,
        lambda: services.conversation_record(contact=contact, notes=form.notes(), actor=request.user),
        done="Conversation recorded",
        then=_contact_url(contact),
    )
    return response or render(
        request, "front_door/conversation_add.html", {"form": form, "contact": contact}, status=form_status(form)
    )


@require_http_methods(["GET", "POST"])
@contact_page
def outcome_add(request: HttpRequest, contact: Contact) -> HttpResponse:
    teams = [(t.pk, t.name) for t in selectors.teams_to_connect()]
    form = forms.OutcomeForm(posted(request), teams=teams, initial={"version": contact.version, "close": True})
    response = submit(
        request,
        form,
        lambda: services.outcomes_record(
            contact=contact, choice=form.choice(), version=form.cleaned_data["version"], actor=request.user
        ),
        done="Outcome recorded",
        then=_contact_url(contact),
    )
    return response or render(
        request,
        "front_door/outcome_add.html",
        {"form": form, "contact": contact, "has_signposting": contact.signpostings.exists()},
        status=form_status(form),
    )


@require_http_methods(["GET", "POST"])
@contact_page
def signpost(request: HttpRequest, contact: Contact) -> HttpResponse:
    """Search the directory in place and put services on the person's list."""
    categories = [(c.code, c.name) for c in CATEGORIES]
    postcode = contact.person.postcode if contact.person else ""
    search_form = forms.DirectorySearchForm(
        request.GET if "keywords" in request.GET else None, categories=categories, initial={"postcode": postcode}
    )
    hits: list[Any] = []
    results = None
    if search_form.is_bound and search_form.is_valid():
        data = search_form.cleaned_data
        query = directory_search.ServiceQuery(
            keywords=data["keywords"], category=data["category"], postcode=data["postcode"]
        )
        try:
            results = directory_search.service_search(query, per_page=20)
        except DomainError as error:
            search_form.add_domain_error(error.field, error.message)
        else:
            hits = [presenters.service_card(h.service, distance_miles=h.distance_miles) for h in results.hits]
    choices = [(card.id, card.name) for card in hits]
    if request.method == "POST":
        choices = [(value, value) for value in request.POST.getlist("services")]
    form = forms.SignpostForm(posted(request), services=choices)
    response = submit(
        request,
        form,
        lambda: services.signposting_add(
            contact=contact,
            services=_services_or_error(form.cleaned_data["services"]),
            actor=request.user,
        ),
        done="Services added to the list",
        then=request.get_full_path(),
    )
    if response is not None:
        return response
    listed = selectors.contact_record(contact=contact).signpostings
    return render(
        request,
        "front_door/signpost.html",
        {
            "contact": contact,
            "search_form": search_form,
            "form": form,
            "results": results,
            "hits": hits,
            "listed": listed,
            "listed_ids": {str(s.service_id) for s in listed},
        },
        status=form_status(search_form) if request.method == "GET" else form_status(form),
    )


def _services_or_error(ids: list[str]) -> list[Any]:
    found = selectors.directory_services(ids=ids)
    if len(found) != len(ids):
        raise DomainError("One of those services is no longer in the directory: search again", field="services")
    return found


@require_http_methods(["POST"])
@contact_page
def signposting_remove(request: HttpRequest, contact: Contact, signposting_uuid: UUID) -> HttpResponse:
    signposting = selectors.signposting_of(contact=contact, uuid=signposting_uuid)
    if signposting is None:
        raise Http404
    try:
        services.signposting_remove(signposting=signposting, actor=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"{signposting.service_name} taken off the list")
    return redirect(reverse("front_door:signpost", args=[contact.uuid]))


@require_http_methods(["GET", "POST"])
@contact_page
def services_list(request: HttpRequest, contact: Contact) -> HttpResponse:
    """The list of services given to the person: printable, or sent by email."""
    cards = [presenters.service_card(s) for s in selectors.signposted_services(contact=contact)]
    initial_email = contact.caller_email if contact.source == "self" else ""
    form = forms.EmailListForm(posted(request), initial={"email": initial_email})
    body = presenters.services_text(cards, reference=contact.reference, service_name=settings.TANDEM_SERVICE_NAME)
    response = submit(
        request,
        form,
        lambda: services.signposting_email(
            contact=contact, to=form.cleaned_data["email"], body=body, actor=request.user
        ),
        done="The list of services has been sent",
        then=request.path,
    )
    return response or render(
        request,
        "front_door/services_list.html",
        {"contact": contact, "cards": cards, "form": form},
        status=form_status(form),
    )


@require_http_methods(["GET", "POST"])
@contact_page
def follow_up_add(request: HttpRequest, contact: Contact) -> HttpResponse:
    workers = selectors.team_workers(team=contact.team)
    form = forms.FollowUpForm(
        posted(request), workers=[(str(w.uuid), w.get_full_name() or w.username) for w in workers]
    )
    by_uuid = {str(w.uuid): w for w in workers}
    response = submit(
        request,
        form,
        lambda: services.follow_up_add(
            contact=contact,
            due_on=form.cleaned_data["due_on"],
            note=form.cleaned_data["note"],
            assigned_to=by_uuid.get(form.cleaned_data["assigned_to"]),
            actor=request.user,
        ),
        done="Keeping-in-touch call planned",
        then=_contact_url(contact),
    )
    return response or render(
        request, "front_door/follow_up_add.html", {"form": form, "contact": contact}, status=form_status(form)
    )


@require_http_methods(["GET", "POST"])
@contact_page
def follow_up_done(request: HttpRequest, contact: Contact, follow_up_uuid: UUID) -> HttpResponse:
    follow_up = selectors.follow_up_of(contact=contact, uuid=follow_up_uuid)
    if follow_up is None:
        raise Http404
    form = forms.FollowUpDoneForm(posted(request))
    response = submit(
        request,
        form,
        lambda: services.follow_up_done(
            follow_up=follow_up, what_happened=form.cleaned_data["what_happened"], actor=request.user
        ),
        done="Follow-up recorded",
        then=_contact_url(contact),
    )
    return response or render(
        request,
        "front_door/follow_up_done.html",
        {"form": form, "contact": contact, "follow_up": follow_up},
        status=form_status(form),
    )


@require_http_methods(["GET", "POST"])
@contact_page
def allocate(request: HttpRequest, contact: Contact) -> HttpResponse:
    workers = selectors.team_workers(team=contact.team)
    if not policies.can_allocate_contacts(request.user):
        workers = [w for w in workers if w.pk == request.user.pk]
    form = forms.AllocateForm(
        posted(request),
        workers=[(str(w.uuid), w.get_full_name() or w.username) for w in workers],
        initial={"worker": str(contact.allocated_to.uuid) if contact.allocated_to else ""},
    )
    by_uuid = {str(w.uuid): w for w in workers}
    response = submit(
        request,
        form,
        lambda: services.contact_allocate(
            contact=contact, worker=by_uuid[form.cleaned_data["worker"]], actor=request.user
        ),
        done="Contact allocated",
        then=_contact_url(contact),
    )
    return response or render(
        request,
        "front_door/allocate.html",
        {"form": form, "contact": contact, "workers": workers},
        status=form_status(form),
    )


@require_http_methods(["GET", "POST"])
@contact_page
def close(request: HttpRequest, contact: Contact) -> HttpResponse:
    form = forms.CloseForm(posted(request), initial={"version": contact.version})
    response = submit(
        request,
        form,
        lambda: services.contact_close(contact=contact, version=form.cleaned_data["version"], actor=request.user),
        done=f"Contact {contact.reference} closed",
        then=reverse("front_door:queue"),
    )
    return response or render(
        request, "front_door/close.html", {"form": form, "contact": contact}, status=form_status(form)
    )
