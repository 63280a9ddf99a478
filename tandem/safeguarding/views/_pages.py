"""What the safeguarding pages share: loading a concern, an enquiry or a DoLS application for the
record-page kit (the kind of work checked first: 403; then the team holding it: 404), their
addresses, finding the person a new one is about, and the one shape of a form page."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TYPE_CHECKING, Any
from uuid import UUID

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from tandem.core.errors import require
from tandem.core.pages import form_status, posted, submit
from tandem.identity.actors import Actor, StaffRequest
from tandem.identity.permissions import Permission
from tandem.people.record_page import Record, people_found, query_record_page
from tandem.safeguarding import forms, presenters, selectors

if TYPE_CHECKING:
    from tandem.identity.models import User
    from tandem.people.models import Person
    from tandem.safeguarding.models import Concern, DolsApplication, Enquiry

NO_WORK = "Your role does not do safeguarding work"
NO_DOLS = "Your role does not work on DoLS applications"

View = Callable[..., HttpResponse]


def can_work(request: StaffRequest) -> None:
    require(request.user.can(Permission.SAFEGUARDING_WORK), NO_WORK)


def can_dols(request: StaffRequest) -> None:
    require(request.user.can(Permission.DOLS_WORK), NO_DOLS)


# --- Loaders for the record-page kit -------------------------------------------------------------


def concern_load(*, actor: Actor, uuid: UUID) -> Concern:
    require(actor.can(Permission.SAFEGUARDING_WORK), NO_WORK)
    return selectors.concern_get(actor=actor, uuid=uuid)


def enquiry_load(*, actor: Actor, uuid: UUID) -> Enquiry:
    require(actor.can(Permission.SAFEGUARDING_WORK), NO_WORK)
    return selectors.enquiry_get(actor=actor, uuid=uuid)


def enquiry_outcome_load(*, actor: Actor, uuid: UUID) -> Enquiry:
    return selectors.enquiry_outcome_get(actor=actor, uuid=uuid)


def enquiry_person(enquiry: Enquiry) -> Person:
    return enquiry.concern.person


def dols_load(*, actor: Actor, uuid: UUID) -> DolsApplication:
    require(actor.can(Permission.DOLS_WORK), NO_DOLS)
    return selectors.dols_get(actor=actor, uuid=uuid)


def unless(closed: Callable[[Any], bool], message: str, back: Callable[[Any], str]) -> Callable[[View], View]:
    """A page that changes the document only while it is open: once closed, back to it with a message."""

    def decorate(view: View) -> View:
        @wraps(view)
        def wrapper(request: StaffRequest, record: Record[Any], *args: Any, **kwargs: Any) -> HttpResponse:
            if closed(record.obj):
                messages.info(request, message)
                return redirect(back(record.obj))
            return view(request, record, *args, **kwargs)

        return wrapper

    return decorate


# --- Addresses -----------------------------------------------------------------------------------


def concern_url(concern: Concern) -> str:
    return reverse("safeguarding:concern", args=[concern.uuid])


def enquiry_url(enquiry: Enquiry) -> str:
    return reverse("safeguarding:enquiry", args=[enquiry.uuid])


def dols_url(application: DolsApplication) -> str:
    return reverse("safeguarding:dols_application", args=[application.uuid])


def people(users: list[User]) -> list[tuple[str, str]]:
    return [(str(u.uuid), presenters.user_name(u)) for u in users]


# --- Pages ---------------------------------------------------------------------------------------


def form_page(
    record: Record[Any],
    form: Any,
    run: Callable[[], object],
    *,
    done: str,
    then: str | Callable[[Any], str],
    template: str,
    **context: Any,
) -> HttpResponse:
    """The one shape of a safeguarding form: run the service and go on, or show the form again."""
    return submit(record.request, form, run, done=done, then=then) or record.render(
        f"safeguarding/{template}.html", {"form": form, **context}, status=form_status(form)
    )


def form_view(
    page: Callable[[View], View],
    form_class: type[Any],
    service: Callable[..., object],
    *,
    document: str,
    done: str,
    template: str,
    then: Callable[[Any], str],
    context: Callable[[Any], dict[str, Any]],
    initial: Callable[[Any], dict[str, Any]] | None = None,
) -> View:
    """A page whose form's fields are its service's arguments: `service(<document>=..., actor=...,
    **form.cleaned_data)`. `page` puts it on the record-page kit (and any guard); the view is named
    after its template, as each of these pages is."""

    @require_http_methods(["GET", "POST"])
    @page
    def view(request: StaffRequest, record: Record[Any]) -> HttpResponse:
        form = form_class(posted(request), initial=initial(record.obj) if initial else None)
        return form_page(
            record,
            form,
            lambda: service(**{document: record.obj}, actor=request.user, **form.cleaned_data),
            done=done,
            then=then(record.obj),
            template=template,
            **context(record.obj),
        )

    view.__name__ = view.__qualname__ = template
    return view


def find_person(request: StaffRequest, *, title: str, select_url: str) -> HttpResponse:
    """Find the person a new concern or application is about first, so nothing is recorded twice."""
    form = forms.FindPersonForm(request.GET if "q" in request.GET else None)
    if title.startswith("Receive"):
        form.fields["q"].label = "Who is the application about?"
    results, rows = people_found(request, form, where=title)
    return render(
        request,
        "safeguarding/find_person.html",
        {"form": form, "results": results, "rows": rows, "title": title, "select_url": select_url},
        status=form_status(form),
    )


def find_first(title: str) -> Callable[[StaffRequest], HttpResponse]:
    """With no person named yet: the page to find them (a form sent without one starts again)."""

    def find(request: StaffRequest) -> HttpResponse:
        if request.method == "POST":
            return redirect(request.path)
        return find_person(request, title=title, select_url=request.path)

    return find


def for_person(page: str, *, title: str, guard: Callable[[StaffRequest], None]) -> Callable[[View], View]:
    """A page that starts something new about a person (`?person=<uuid>`): find them, then the
    form for them, on the record-page kit."""
    return query_record_page(page, find=find_first(title), guard=guard)
