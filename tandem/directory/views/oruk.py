"""The public, read-only Open Referral UK (HSDS-UK 3.0) API: open to anyone, no key, any origin.

ORUK requires every endpoint to be public and to send `Access-Control-Allow-Origin: *`; the
directory holds no personal data, so nothing here is scoped by who asks.
"""

import json
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse, HttpResponseBase, JsonResponse, StreamingHttpResponse
from django.views.decorators.csrf import csrf_exempt

from tandem.core.errors import DomainError
from tandem.directory import (
    forms,
    oruk,
    postcodes,
    selectors,
)

VERSION = "HSDS-UK-3.0"
PROFILE_URL = "https://github.com/OpenReferralUK/uk-profile"
OPENAPI_URL = "https://docs.openreferraluk.org/en/latest/openapi30.json"
# `minimal=true` without per_page: every service on one page, as the ORUK OpenAPI asks.
PER_PAGE_ALL = 1_000_000


def _json(data: dict[str, Any], *, status: int = 200) -> JsonResponse:
    # ensure_ascii off: service text is British English with £ signs and curly quotes.
    return JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})


def _listed(names: list[str]) -> str:
    return ", ".join(f"`{name}`" for name in names)


def oruk_endpoint(
    *params: str,
) -> Callable[[Callable[..., HttpResponseBase]], Callable[..., HttpResponseBase]]:
    """An endpoint of the public ORUK API, taking only the query parameters named.

    - Open to anyone, with no key, and readable by any web page: `Access-Control-Allow-Origin: *`
      on every answer, refusals included (ORUK `docs/profile_compliance.md`).
    - GET only: the API is read-only, so any other method answers 405 with `Allow: GET` and a JSON
      body saying why. It is exempt from the CSRF check, which would otherwise answer a POST with
      a 403 page before the method is looked at; nothing here writes or reads a session.
    - A query parameter the endpoint does not take answers 400 naming it and listing the ones it
      takes, rather than being ignored: a misspelt filter (`minimum-age`) must not quietly return
      everything.
    """
    taken = sorted(params)

    def decorate(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            response: HttpResponseBase
            unknown = sorted(set(request.GET) - set(taken))
            if request.method != "GET":
                response = _json(
                    {"detail": f"Method {request.method} is not allowed: the ORUK API is read-only and answers GET"},
                    status=405,
                )
                response["Allow"] = "GET"
            elif unknown:
                plural = "s" if len(unknown) > 1 else ""
                takes = f"takes {_listed(taken)}" if taken else "takes no query parameters"
                detail = f"Unknown query parameter{plural} {_listed(unknown)}: {request.path} {takes}."
                response = _json({"detail": detail}, status=400)
            else:
                response = view(request, *args, **kwargs)
            response["Access-Control-Allow-Origin"] = "*"
            return response

        return login_not_required(csrf_exempt(wrapper))

    return decorate


_PAGING = ("page", "per_page")
_AGES = ("minimum_age", "maximum_age", "age")
_SCHEDULE = ("day", "start_time", "end_time")
_FILTERS = ("search", "taxonomy_term_id", "taxonomy_id", *_AGES, *_SCHEDULE, *_PAGING, "format", "full")
SERVICE_PARAMS = (*_FILTERS, "organization_id", "modified_after", "minimal", "full_service")
SERVICE_AT_LOCATION_PARAMS = (*_FILTERS, "postcode", "proximity")


def _not_found(what: str, key: str) -> JsonResponse:
    return _json({"detail": f"No {what} with id {key}"}, status=404)


def _one[T](found: T | None, to_json: Callable[[T], dict[str, Any]], *, what: str, key: str) -> JsonResponse:
    """One record as JSON, or the 404 that says no such `what` has the id `key`."""
    return _not_found(what, key) if found is None else _json(to_json(found))


def _bad(query: forms.PageQuery | forms.ListFormat | forms.FullQuery) -> JsonResponse:
    return _json({"detail": query.problem()}, status=400)


@oruk_endpoint()
def oruk_root(request: HttpRequest) -> HttpResponse:
    return _json({"version": VERSION, "profile": PROFILE_URL, "openapi_url": OPENAPI_URL})


def _paged(request: HttpRequest, rows: Any, to_json: Callable[[Any], dict[str, Any]]) -> HttpResponse:
    """One ORUK list page of `rows`, or a 400 naming the bad paging parameter."""
    query = forms.PageQuery(request.GET)
    if not query.is_valid():
        return _bad(query)
    page, per_page = query.cleaned_data["page"], query.cleaned_data["per_page"]
    return _json(selectors.page_of(rows, page=page, per_page=per_page, to_json=to_json))


@oruk_endpoint(*SERVICE_PARAMS)
def oruk_services(request: HttpRequest) -> HttpResponseBase:
    query = forms.ServiceQuery(request.GET)
    if not query.is_valid():
        return _bad(query)
    filters = query.filters()
    listing = forms.ListFormat(request.GET)
    if not listing.is_valid():
        return _bad(listing)
    if listing.cleaned_data["minimal"] and filters["full"]:
        return _json(
            {"detail": "minimal: Leave out full (or full_service) with minimal=true: one or the other."}, status=400
        )
    if listing.cleaned_data["minimal"]:
        services = selectors.services_modified(**filters)
        to_json = oruk.service_minimal_to_json
        if listing.cleaned_data["format"] != "ndjson" and "per_page" not in request.GET:
            # ORUK: "aim to return all services within one call".
            return _json(selectors.page_of(services, page=1, per_page=PER_PAGE_ALL, to_json=to_json))
    else:
        services = selectors.services_matching(**filters)
        to_json = oruk.service_to_json if filters["full"] else oruk.service_summary_to_json
    if listing.cleaned_data["format"] == "ndjson":
        return _ndjson(services, to_json)
    data = selectors.page_of(
        services, page=query.cleaned_data["page"], per_page=query.cleaned_data["per_page"], to_json=to_json
    )
    return _json(data)


def _ndjson(rows: Any, to_json: Callable[[Any], dict[str, Any]]) -> StreamingHttpResponse:
    """`format=ndjson`: every row, one JSON object a line, streamed in chunks rather than paged."""
    lines = (json.dumps(to_json(row), ensure_ascii=False) + "\n" for row in rows.iterator(chunk_size=500))
    return StreamingHttpResponse(lines, content_type="application/x-ndjson")


@oruk_endpoint(*SERVICE_AT_LOCATION_PARAMS)
def oruk_service_at_locations(request: HttpRequest) -> HttpResponseBase:
    query = forms.ServiceAtLocationQuery(request.GET)
    listing = forms.ListFormat(request.GET)
    if not query.is_valid():
        return _bad(query)
    if not listing.is_valid():
        return _bad(listing)
    postcode = query.cleaned_data["postcode"].strip()
    try:
        place = postcodes.place_find(postcode) if postcode else None
    except DomainError as error:
        return _json({"detail": f"postcode: {error.message}"}, status=400)
    full = query.cleaned_data["full"]
    links = selectors.service_at_locations_matching(**query.filters(), place=place, full=full)
    to_json = oruk.service_at_location_to_json if full else oruk.service_at_location_summary_to_json
    if listing.cleaned_data["format"] == "ndjson":
        return _ndjson(links, to_json)
    page, per_page = query.cleaned_data["page"], query.cleaned_data["per_page"]
    return _json(selectors.page_of(links, page=page, per_page=per_page, to_json=to_json))


def _not_full(request: HttpRequest, what: str) -> JsonResponse | None:
    """ORUK's `full` on one item: it is always fully nested, so `full=false` is refused, not ignored."""
    query = forms.FullQuery(request.GET)
    if not query.is_valid():
        return _bad(query)
    if "full" in request.GET and not query.cleaned_data["full"]:
        return _json({"detail": f"full: A {what} is always answered fully nested: leave out full."}, status=400)
    return None


@oruk_endpoint("full")
def oruk_service_at_location(request: HttpRequest, service_at_location_id: str) -> HttpResponse:
    refused = _not_full(request, "service_at_location")
    if refused is not None:
        return refused
    return _one(
        selectors.service_at_location_find(service_at_location_id=service_at_location_id),
        oruk.service_at_location_to_json,
        what="service at location",
        key=service_at_location_id,
    )


@oruk_endpoint("full")
def oruk_service(request: HttpRequest, service_id: str) -> HttpResponse:
    refused = _not_full(request, "service")
    if refused is not None:
        return refused
    return _one(selectors.service_find(service_id=service_id), oruk.service_to_json, what="service", key=service_id)


@oruk_endpoint(*_PAGING)
def oruk_taxonomies(request: HttpRequest) -> HttpResponse:
    return _paged(request, selectors.taxonomies_all(), oruk.taxonomy_to_json)


@oruk_endpoint()
def oruk_taxonomy(request: HttpRequest, taxonomy_id: str) -> HttpResponse:
    return _one(
        selectors.taxonomy_find(taxonomy_id=taxonomy_id), oruk.taxonomy_to_json, what="taxonomy", key=taxonomy_id
    )


@oruk_endpoint(*_PAGING)
def oruk_taxonomy_terms(request: HttpRequest) -> HttpResponse:
    return _paged(request, selectors.taxonomy_terms_all(), oruk.taxonomy_term_to_json)


@oruk_endpoint()
def oruk_taxonomy_term(request: HttpRequest, taxonomy_term_id: str) -> HttpResponse:
    return _one(
        selectors.taxonomy_term_find(taxonomy_term_id=taxonomy_term_id),
        oruk.taxonomy_term_to_json,
        what="taxonomy term",
        key=taxonomy_term_id,
    )
