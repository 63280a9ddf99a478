"""The public, read-only Open Referral UK (HSDS-UK 3.0) API: open to anyone, no key, any origin.

ORUK requires every endpoint to be public and to send `Access-Control-Allow-Origin: *`; the
directory holds no personal data, so nothing here is scoped by who asks.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.http import require_GET

from tandem.directory import forms, oruk, selectors

VERSION = "HSDS-UK-3.0"
PROFILE_URL = "https://github.com/OpenReferralUK/uk-profile"
OPENAPI_URL = "https://docs.openreferraluk.org/en/latest/openapi30.json"


def _json(data: dict[str, Any], *, status: int = 200) -> JsonResponse:
    # ensure_ascii off: service text is British English with £ signs and curly quotes.
    return JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})


def any_origin(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Let any web page read the answer, refusals included (an ORUK compliance rule)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        response["Access-Control-Allow-Origin"] = "*"
        return response

    return wrapper


def _not_found(what: str, key: str) -> JsonResponse:
    return _json({"detail": f"No {what} with id {key}"}, status=404)


def _bad(query: forms.PageQuery) -> JsonResponse:
    return _json({"detail": query.problem()}, status=400)


@login_not_required
@any_origin
@require_GET
def oruk_root(request: HttpRequest) -> HttpResponse:
    return _json({"version": VERSION, "profile": PROFILE_URL, "openapi_url": OPENAPI_URL})


def _paged(request: HttpRequest, rows: Any, to_json: Callable[[Any], dict[str, Any]]) -> HttpResponse:
    """One ORUK list page of `rows`, or a 400 naming the bad paging parameter."""
    query = forms.PageQuery(request.GET)
    if not query.is_valid():
        return _bad(query)
    page, per_page = query.cleaned_data["page"], query.cleaned_data["per_page"]
    return _json(selectors.page_of(rows, page=page, per_page=per_page, to_json=to_json))


@login_not_required
@any_origin
@require_GET
def oruk_services(request: HttpRequest) -> HttpResponse:
    query = forms.ServiceQuery(request.GET)
    if not query.is_valid():
        return _bad(query)
    filters = query.filters()
    services = selectors.services_matching(**filters)
    to_json = oruk.service_to_json if filters["full"] else oruk.service_summary_to_json
    data = selectors.page_of(
        services, page=query.cleaned_data["page"], per_page=query.cleaned_data["per_page"], to_json=to_json
    )
    return _json(data)


@login_not_required
@any_origin
@require_GET
def oruk_service(request: HttpRequest, service_id: str) -> HttpResponse:
    service = selectors.service_find(service_id=service_id)
    if service is None:
        return _not_found("service", service_id)
    return _json(oruk.service_to_json(service))


@login_not_required
@any_origin
@require_GET
def oruk_taxonomies(request: HttpRequest) -> HttpResponse:
    return _paged(request, selectors.taxonomies_all(), oruk.taxonomy_to_json)


@login_not_required
@any_origin
@require_GET
def oruk_taxonomy(request: HttpRequest, taxonomy_id: str) -> HttpResponse:
    taxonomy = selectors.taxonomy_find(taxonomy_id=taxonomy_id)
    if taxonomy is None:
        return _not_found("taxonomy", taxonomy_id)
    return _json(oruk.taxonomy_to_json(taxonomy))


@login_not_required
@any_origin
@require_GET
def oruk_taxonomy_terms(request: HttpRequest) -> HttpResponse:
    return _paged(request, selectors.taxonomy_terms_all(), oruk.taxonomy_term_to_json)


@login_not_required
@any_origin
@require_GET
def oruk_taxonomy_term(request: HttpRequest, taxonomy_term_id: str) -> HttpResponse:
    term = selectors.taxonomy_term_find(taxonomy_term_id=taxonomy_term_id)
    if term is None:
        return _not_found("taxonomy term", taxonomy_term_id)
    return _json(oruk.taxonomy_term_to_json(term))
