"""Front-door pages for staff: the queue, recording a contact, and each step of one."""

from __future__ import annotations

from collections.abc import Callable
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode
from uuid import UUID

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from tandem.core.errors import DomainError, require
from tandem.core.pages import form_status, posted, press, submit
from tandem.core.presenters import pagination
from tandem.front_door import forms, policies, presenters, selectors, services
from tandem.identity.actors import StaffRequest
from tandem.people import presenters as people_presenters
from tandem.people import selectors as people_selectors
from tandem.people.record_page import Record, people_found, query_person, query_record_page, record_page

if TYPE_CHECKING:
    # For the type checker only: views read through selectors (tests/architecture).
    from tandem.front_door.models import Contact
    from tandem.identity.actors import Actor
    from tandem.people.models import Person


def _contact(*, actor: Actor, uuid: UUID | str) -> Contact:
    """The contact the URL names, if the worker may see it (403 for roles not at the front door, 404 otherwise)."""
    require(policies.can_record_contacts(actor), "Your role does not work at the front door")
    return selectors.contact_get(actor=actor, uuid=uuid)


def contact_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A page of one contact, on the record-page kit. A contact about someone carries their banner
    and warnings, and each view is logged against the contact; one about no one yet, neither."""
    return record_page(
        lambda contact: f"front-door contact {contact.reference}",
        load=_contact,
        kwarg="contact_uuid",
        person_of=lambda contact: contact.person,
        logged_as=lambda contact: contact,
    )(view)


def contact_url(contact: Contact) -> str:
    return reverse("front_door:contact", args=[contact.uuid])


def contact_form_page(
    record: Record[Contact],
    form: Any,
    action: Callable[[], Any],
    *,
    done: str,
    template: str,
    then: str | None = None,
    context: dict[str, Any] | None = None,
) -> HttpResponse:
    """A form page of a contact: the service through the one form runner, then back to the contact
    (or to `then`); else the form again, with the contact."""
    contact = record.obj
    response = submit(record.request, form, action, done=done, then=then or contact_url(contact))
    return response or record.render(
        template, {"form": form, "contact": contact, **(context or {})}, status=form_status(form)
    )


@require_http_methods(["GET"])
def queue(request: StaffRequest) -> HttpResponse:
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


def _record_contacts(request: StaffRequest) -> None:
    require(policies.can_record_contacts(request.user), "You do not have permission to record contacts")


def _find_first(request: StaffRequest) -> HttpResponse:
    if request.method == "POST":
        return HttpResponseNotAllowed(["GET"])
    return _find_person(request)


@require_http_methods(["GET", "POST"])
@query_record_page("record a contact", find=_find_first, guard=_record_contacts, no_one=True)
def contact_new(request: StaffRequest, record: Record[Person | None]) -> HttpResponse:
    """Find or create the person, then record the contact: one page for each, fast to type.
    `?person=none` records a contact about no one yet."""
    person = record.person
    form = forms.ContactForm(posted(request))
    return submit(
        request,
        form,
        lambda: services.contact_record(details=form.details(), person=person, actor=request.user),
        done=lambda contact: f"Contact {contact.reference} recorded",
        then=contact_url,
    ) or record.render("front_door/contact_new.html", {"form": form}, status=form_status(form))


def _uuid_or_404(value: str) -> UUID:
    try:
        return UUID(value)
    except ValueError:
        raise Http404 from None


def _find_person(
    request: StaffRequest, *, then: str | None = None, chosen: Person | None = None, create_url: str = ""
) -> HttpResponse:
    form = forms.FindPersonForm(request.GET if "q" in request.GET else None)
    rows: list[dict[str, Any]] = []
    results: Any = None
    if chosen is not None:
        # Back from creating a record: offer to link just that one.
        results = SimpleNamespace(total=1)
        rows = people_presenters.search_rows([chosen], actor=request.user)
    else:
        results, rows = people_found(
            request, form, where="the front door" if then is None else "linking a front-door contact"
        )
    here = request.path
    return render(
        request,
        "front_door/find_person.html",
        {
            "form": form,
            "results": results,
            "rows": rows,
            "here": here,
            "linking": then is not None,
            "create_url": create_url,
        },
        status=form_status(form),
    )


@require_http_methods(["GET"])
@contact_page
def contact(request: StaffRequest, record: Record[Contact]) -> HttpResponse:
    contact = record.obj
    return record.render(
        "front_door/contact.html",
        {
            "contact": contact,
            "record": selectors.contact_record(contact=contact),
            "answers": presenters.online_answers(contact.submission),
            "find_query": presenters.online_answers_search(contact.submission),
            "suggested_online": presenters.online_suggestions(contact.submission),
            "can_allocate": policies.can_allocate_contacts(request.user),
            "waiting_for": presenters.waiting_for,
        },
    )


@require_http_methods(["GET", "POST"])
@contact_page
def contact_link_person(request: StaffRequest, record: Record[Contact]) -> HttpResponse:
    contact = record.obj
    if contact.person_id is not None:
        messages.info(request, "This contact is already linked to a person")
        return redirect(contact_url(contact))
    if request.method != "POST":
        chosen = None
        if (named := query_person(request)) is not None:
            try:
                chosen = people_selectors.person_get(actor=request.user, uuid=named)
            except people_selectors.RestrictedRecord:
                chosen = None
        prefill = presenters.online_answers_person(contact.submission) | {"next": request.path}
        return _find_person(
            request,
            then=contact_url(contact),
            chosen=chosen,
            create_url=f"{reverse('people:create')}?{urlencode(prefill)}",
        )

    def link() -> Person:
        try:
            person = people_selectors.person_get(actor=request.user, uuid=_uuid_or_404(request.POST.get("person", "")))
        except people_selectors.RestrictedRecord:
            raise DomainError("That record is restricted: open it first, then link the contact") from None
        services.contact_link_person(contact=contact, person=person, actor=request.user)
        return person

    return press(
        request,
        link,
        done=lambda person: f"Contact linked to {person.full_name}",
        then=contact_url(contact),
        refused=request.path,
    )


@require_http_methods(["GET", "POST"])
@contact_page
def conversation_add(request: StaffRequest, record: Record[Contact]) -> HttpResponse:
    contact = record.obj
    initial = {}
    if contact.person is not None:
        initial = {"what_matters": contact.person.what_matters_to_me}
    form = forms.ConversationForm(posted(request), initial=initial)
    return contact_form_page(
        record,
        form,
        lambda: services.conversation_record(contact=contact, notes=form.notes(), actor=request.user),
        done="Conversation recorded",
        template="front_door/conversation_add.html",
    )


@require_http_methods(["GET", "POST"])
@contact_page
def outcome_add(request: StaffRequest, record: Record[Contact]) -> HttpResponse:
    contact = record.obj
    teams = [(t.pk, t.name) for t in selectors.teams_to_connect()]
    form = forms.OutcomeForm(posted(request), teams=teams, initial={"version": contact.version})
    return contact_form_page(
        record,
        form,
        lambda: services.outcomes_record(
            contact=contact, choice=form.choice(), version=form.cleaned_data["version"], actor=request.user
        ),
        done="Outcome recorded",
        template="front_door/outcome_add.html",
        context={"has_signposting": contact.signpostings.exists()},
    )


def _worker_choices(workers: list[Any]) -> list[tuple[str, str]]:
    return [(str(w.uuid), w.get_full_name() or w.username) for w in workers]


@require_http_methods(["GET", "POST"])
@contact_page
def follow_up_add(request: StaffRequest, record: Record[Contact]) -> HttpResponse:
    contact = record.obj
    workers = selectors.team_workers(team=contact.team)
    form = forms.FollowUpForm(posted(request), workers=_worker_choices(workers))
    by_uuid = {str(w.uuid): w for w in workers}
    return contact_form_page(
        record,
        form,
        lambda: services.follow_up_add(
            contact=contact,
            due_on=form.cleaned_data["due_on"],
            note=form.cleaned_data["note"],
            assigned_to=by_uuid.get(form.cleaned_data["assigned_to"]),
            actor=request.user,
        ),
        done="Keeping-in-touch call planned",
        template="front_door/follow_up_add.html",
    )


@require_http_methods(["GET", "POST"])
@contact_page
def follow_up_done(request: StaffRequest, record: Record[Contact], follow_up_uuid: UUID) -> HttpResponse:
    contact = record.obj
    follow_up = selectors.follow_up_of(contact=contact, uuid=follow_up_uuid)
    if follow_up is None:
        raise Http404
    form = forms.FollowUpDoneForm(posted(request))
    return contact_form_page(
        record,
        form,
        lambda: services.follow_up_done(
            follow_up=follow_up, what_happened=form.cleaned_data["what_happened"], actor=request.user
        ),
        done="Follow-up recorded",
        template="front_door/follow_up_done.html",
        context={"follow_up": follow_up},
    )


@require_http_methods(["GET", "POST"])
@contact_page
def allocate(request: StaffRequest, record: Record[Contact]) -> HttpResponse:
    contact = record.obj
    workers = selectors.team_workers(team=contact.team)
    if not policies.can_allocate_contacts(request.user):
        workers = [w for w in workers if w.pk == request.user.pk]
    form = forms.AllocateForm(
        posted(request),
        workers=_worker_choices(workers),
        initial={"worker": str(contact.allocated_to.uuid) if contact.allocated_to else ""},
    )
    by_uuid = {str(w.uuid): w for w in workers}
    return contact_form_page(
        record,
        form,
        lambda: services.contact_allocate(
            contact=contact, worker=by_uuid[form.cleaned_data["worker"]], actor=request.user
        ),
        done="Contact allocated",
        template="front_door/allocate.html",
        context={"workers": workers},
    )


@require_http_methods(["GET", "POST"])
@contact_page
def close(request: StaffRequest, record: Record[Contact]) -> HttpResponse:
    contact = record.obj
    form = forms.CloseForm(posted(request), initial={"version": contact.version})
    return contact_form_page(
        record,
        form,
        lambda: services.contact_close(contact=contact, version=form.cleaned_data["version"], actor=request.user),
        done=f"Contact {contact.reference} closed",
        template="front_door/close.html",
        then=reverse("front_door:queue"),
    )
