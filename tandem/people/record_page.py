"""The record-page kit: the one way to build a page about a person's record.

A page about a person (their record, or a document of theirs such as an assessment, a plan, a
concern or a case) is a view decorated with `record_page`. The decorator

- loads the object the URL names through its app's selector, as the actor (404 if unknown or
  out of their reach);
- finds its person; a restricted record sends the actor to break the glass (ADR 0003), a merged
  person record to the record it was merged into;
- hands the view a `Record`: the object, its person and their active hazard warnings, and a
  `render` that puts the banner and warnings on the page, so warnings follow the person;
- logs the view once the page was actually shown (a GET answered 200), so every access is
  accountable (ADR 0002).

Views never load a person or log a view themselves; `tests/architecture/test_record_pages.py`
fails for a view under a record URL that is not decorated. See ADR 0009.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import wraps
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from tandem.core.errors import DomainError
from tandem.identity.actors import StaffRequest
from tandem.people import presenters, selectors, services
from tandem.people.models import Person

if TYPE_CHECKING:
    from tandem.identity.actors import Actor
    from tandem.people.models import HazardWarning

__all__ = [
    "NO_ONE",
    "RECORD_KWARGS",
    "Record",
    "break_glass_redirect",
    "people_found",
    "query_person",
    "query_record_page",
    "record_page",
]

T = TypeVar("T")

# The URL keywords that name a record: a URL with one of these is a page about a person.
RECORD_KWARGS: set[str] = {"person_uuid"}


@dataclass
class Record[T]:
    """What a page about a person's record is given: the object the URL named, its person and
    their active warnings."""

    request: StaffRequest
    obj: T
    person: Person | None  # None only for a document about no one yet (a contact before the person is found)
    warnings: list[HazardWarning]
    page: str
    context: dict[str, Any] = field(default_factory=dict)
    # What the access log names as viewed, when it is not the person's record itself (a contact).
    target: Any = None

    @property
    def actor(self) -> Actor:
        return self.request.user

    def render(self, template: str, context: dict[str, Any] | None = None, *, status: int = 200) -> HttpResponse:
        """The page, with the person's banner and warnings on top."""
        shown = {
            "person": self.person,
            "banner": presenters.banner(self.person, self.warnings) if self.person is not None else None,
            "record": self,
            **self.context,
            **(context or {}),
        }
        return render(self.request, template, shown, status=status)


Loader = Callable[..., Any]


def _person_of(obj: Any) -> Person | None:
    return obj if isinstance(obj, Person) else obj.person


def break_glass_redirect(request: StaffRequest, person_uuid: UUID | str) -> HttpResponse:
    """Send the actor to break the glass on a restricted record, and back to this page after."""
    return redirect(f"{reverse('people:break_glass', args=[person_uuid])}?next={request.get_full_path()}")


def record_page(
    page: str | Callable[[Any], str],
    *,
    load: Loader | None = None,
    kwarg: str = "person_uuid",
    person_of: Callable[[Any], Person | None] = _person_of,
    logged_as: Callable[[Any], Any] | None = None,
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Decorate a view of a page about a person's record.

    `page` names the page in the access log ("the summary", "a needs assessment"). `load` reads
    the object: called as `load(actor=..., uuid=...)`; by default the person themself (merged
    records redirect to the record they were merged into). `kwarg` is the URL keyword carrying the
    object's id. The view is called as `view(request, record, *args, **kwargs)`.

    `page` may be a function of the object, where the name depends on it ("a carer's assessment").
    `person_of` finds the object's person (default: the object itself, or its `.person`); None
    only where the object is about no one yet (then no banner and no view to log). `logged_as`
    names what the log records as viewed when it is not the record itself (a contact, say).
    A loader refuses a restricted record by raising `people.selectors.RestrictedRecord`.
    """
    RECORD_KWARGS.add(kwarg)

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: StaffRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            uuid = kwargs.pop(kwarg)
            try:
                if load is None:
                    obj: Any = selectors.person_get(actor=request.user, uuid=uuid, allow_merged=True)
                else:
                    obj = load(actor=request.user, uuid=uuid)
            except selectors.RestrictedRecord as restricted:
                return break_glass_redirect(request, restricted.person.uuid)
            person = person_of(obj)
            if load is None and person is not None and person.merged_into_id:
                messages.info(request, "That record was merged into this one.")
                return redirect("people:summary", selectors.merged_into_uuid(person))
            record = Record(
                request=request,
                obj=obj,
                person=person,
                warnings=selectors.warnings_active(person=person) if person is not None else [],
                page=page(obj) if callable(page) else page,
                target=logged_as(obj) if logged_as is not None else None,
            )
            response = view(request, record, *args, **kwargs)
            # A view is logged once the page was actually shown (not refused, not a redirect).
            if request.method == "GET" and response.status_code == 200 and person is not None:
                services.person_view_record(person=person, actor=request.user, page=record.page, target=record.target)
            return response

        wrapper.record_page = page if isinstance(page, str) else view.__name__  # type: ignore[attr-defined]
        return wrapper

    return decorate


# `?person=none`: a new record about no one yet (an anonymous call to the front door).
NO_ONE = "none"


def _person_unmerged(*, actor: Actor, uuid: UUID | str) -> Person:
    """The person a new record is about: a merged record is not found (404), a restricted one
    sends the actor to break the glass."""
    return selectors.person_get(actor=actor, uuid=uuid)


def query_person(request: StaffRequest, param: str = "person") -> UUID | None:
    """The id of the person the query string names (`?person=<uuid>`): None if it names none,
    404 if it is not an id."""
    chosen = request.GET.get(param, "")
    if not chosen:
        return None
    try:
        return UUID(chosen)
    except ValueError:
        raise Http404 from None


def query_record_page(
    page: str,
    *,
    find: Callable[[StaffRequest], HttpResponse],
    guard: Callable[[StaffRequest], None] | None = None,
    no_one: bool = False,
    param: str = "person",
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Decorate a view that starts something new about the person named in the query string
    (`?person=<uuid>`): the person is loaded, checked and logged as `record_page` does it.

    `guard` runs first (a role that may not use the page: 403 before anything is read). With no
    person named, `find(request)` answers (the page to find them first). With `no_one`,
    `?person=none` calls the view with a `Record` about no one (no banner, nothing logged). A
    person's id calls the view as `view(request, record)` with the person as `record.obj`; a
    restricted record sends the actor to break the glass, a merged or unknown one is not found.
    """

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        on_kit = record_page(page, load=_person_unmerged, kwarg="person_uuid")(view)

        @wraps(view)
        def wrapper(request: StaffRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if guard is not None:
                guard(request)
            chosen = request.GET.get(param, "")
            if no_one and chosen == NO_ONE:
                record = Record(request=request, obj=None, person=None, warnings=[], page=page)
                return view(request, record, *args, **kwargs)
            uuid = query_person(request, param)
            if uuid is None:
                return find(request)
            return on_kit(request, *args, person_uuid=uuid, **kwargs)

        wrapper.record_page = page  # type: ignore[attr-defined]
        return wrapper

    return decorate


def people_found(request: StaffRequest, form: Any, *, where: str) -> tuple[Any, list[dict[str, Any]]]:
    """The people a sent, valid find-a-person form's `q` finds (the person search, ADR 0006), with
    their rows for the page, the search logged as shown `where` (ADR 0002); `(None, [])` when the
    form was not sent or not valid, or when the search refused the words (its message on the form)."""
    if not (form.is_bound and form.is_valid()):
        return None, []
    text = form.cleaned_data["q"]
    try:
        results = selectors.search(actor=request.user, text=text)
    except DomainError as error:
        form.add_domain_error(error.field, error.message)
        return None, []
    rows = presenters.search_rows(results.people, actor=request.user)
    services.search_record(people=results.people, text=text, total=results.total, where=where, actor=request.user)
    return results, rows
