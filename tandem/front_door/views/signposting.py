"""Signposting from a contact: search the directory in place, keep a list, print or send it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from uuid import UUID

from django.conf import settings
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from tandem.core.errors import DomainError
from tandem.core.pages import form_status, posted, press, submit
from tandem.directory import search as directory_search
from tandem.directory.categories import CATEGORIES
from tandem.front_door import forms, presenters, selectors, services
from tandem.front_door.views.contacts import contact_form_page, contact_page
from tandem.identity.actors import StaffRequest
from tandem.people.record_page import Record

if TYPE_CHECKING:
    # For the type checker only: views read through selectors (tests/architecture).
    from tandem.front_door.models import Contact


@require_http_methods(["GET", "POST"])
@contact_page
def signpost(request: StaffRequest, record: Record[Contact]) -> HttpResponse:
    """Search the directory in place and put services on the person's list."""
    contact = record.obj
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
            costs = selectors.service_costs(ids=[h.service.pk for h in results.hits])
            hits = [
                presenters.service_card(
                    h.service,
                    places=h.places,
                    phones=h.phones,
                    schedules=h.schedules,
                    costs=costs.get(h.service.pk, []),
                    distance_miles=h.distance_miles,
                )
                for h in results.hits
            ]
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
    return record.render(
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
def signposting_remove(request: StaffRequest, record: Record[Contact], signposting_uuid: UUID) -> HttpResponse:
    contact = record.obj
    signposting = selectors.signposting_of(contact=contact, uuid=signposting_uuid)
    if signposting is None:
        raise Http404
    return press(
        request,
        lambda: services.signposting_remove(signposting=signposting, actor=request.user),
        done=f"{signposting.service_name} taken off the list",
        then=reverse("front_door:signpost", args=[contact.uuid]),
    )


@require_http_methods(["GET", "POST"])
@contact_page
def services_list(request: StaffRequest, record: Record[Contact]) -> HttpResponse:
    """The list of services given to the person: printable, or sent by email."""
    contact = record.obj
    cards = [presenters.prefetched_card(s) for s in selectors.signposted_services(contact=contact)]
    initial_email = contact.caller_email if contact.source == "self" else ""
    form = forms.EmailListForm(posted(request), initial={"email": initial_email})
    body = presenters.services_text(cards, reference=contact.reference, service_name=settings.TANDEM_SERVICE_NAME)
    return contact_form_page(
        record,
        form,
        lambda: services.signposting_email(
            contact=contact, to=form.cleaned_data["email"], body=body, actor=request.user
        ),
        done="The list of services has been sent",
        template="front_door/services_list.html",
        then=request.path,
        context={"cards": cards},
    )
