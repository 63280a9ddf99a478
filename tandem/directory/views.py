"""The public, read-only Open Referral UK (HSDS-UK 3.0) API: open to anyone, no key, any origin;
and the staff pages that curate the directory.

ORUK requires every endpoint to be public and to send `Access-Control-Allow-Origin: *`; the
directory holds no personal data, so nothing here is scoped by who asks.
"""

import json
from collections.abc import Callable
from functools import wraps
from typing import Any
from uuid import UUID

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase, JsonResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tandem.core import clock
from tandem.core.errors import DomainError, require
from tandem.core.presenters import pagination
from tandem.directory import (
    forms,
    oruk,
    policies,
    postcodes,
    presenters,
    public_presenters,
    search,
    selectors,
    services,
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
    link = selectors.service_at_location_find(service_at_location_id=service_at_location_id)
    if link is None:
        return _not_found("service at location", service_at_location_id)
    return _json(oruk.service_at_location_to_json(link))


@oruk_endpoint("full")
def oruk_service(request: HttpRequest, service_id: str) -> HttpResponse:
    refused = _not_full(request, "service")
    if refused is not None:
        return refused
    service = selectors.service_find(service_id=service_id)
    if service is None:
        return _not_found("service", service_id)
    return _json(oruk.service_to_json(service))


@oruk_endpoint(*_PAGING)
def oruk_taxonomies(request: HttpRequest) -> HttpResponse:
    return _paged(request, selectors.taxonomies_all(), oruk.taxonomy_to_json)


@oruk_endpoint()
def oruk_taxonomy(request: HttpRequest, taxonomy_id: str) -> HttpResponse:
    taxonomy = selectors.taxonomy_find(taxonomy_id=taxonomy_id)
    if taxonomy is None:
        return _not_found("taxonomy", taxonomy_id)
    return _json(oruk.taxonomy_to_json(taxonomy))


@oruk_endpoint(*_PAGING)
def oruk_taxonomy_terms(request: HttpRequest) -> HttpResponse:
    return _paged(request, selectors.taxonomy_terms_all(), oruk.taxonomy_term_to_json)


@oruk_endpoint()
def oruk_taxonomy_term(request: HttpRequest, taxonomy_term_id: str) -> HttpResponse:
    term = selectors.taxonomy_term_find(taxonomy_term_id=taxonomy_term_id)
    if term is None:
        return _not_found("taxonomy term", taxonomy_term_id)
    return _json(oruk.taxonomy_term_to_json(term))


# --- Staff curation: sign-in required (the default) and Permission.DIRECTORY_CURATE -------------------

PER_PAGE = 50


def _curator(request: HttpRequest) -> None:
    require(policies.can_curate_directory(request.user), services.NOT_A_CURATOR)


def _stale_before() -> Any:
    return selectors.stale_before(today=clock.today(), after_days=settings.TANDEM_DIRECTORY_STALE_AFTER_DAYS)


def _page_not_found(request: HttpRequest) -> HttpResponse:
    return render(request, "errors/404.html", status=404)


@require_GET
def manage(request: HttpRequest) -> HttpResponse:
    _curator(request)
    query = forms.CurationQuery(request.GET or None)
    filters = query.filters()
    services_found = selectors.services_for_curation(
        text=filters["q"], status=filters["status"], category=filters["category"], sort=filters["sort"]
    )
    page = Paginator(services_found, PER_PAGE).get_page(request.GET.get("page"))
    stale = selectors.services_stale(today=clock.today(), after_days=settings.TANDEM_DIRECTORY_STALE_AFTER_DAYS)
    return render(
        request,
        "directory/manage/services.html",
        {
            "query": query,
            "filtered": query.is_filtered(),
            "page": page,
            "pagination": pagination(page, request),
            "stale_count": stale.count(),
            "stale_before": _stale_before(),
            "status_tag": presenters.status_tag,
            "checked_text": presenters.checked_text,
        },
        status=400 if query.errors else 200,
    )


@require_GET
def manage_stale(request: HttpRequest) -> HttpResponse:
    _curator(request)
    stale = selectors.services_stale(today=clock.today(), after_days=settings.TANDEM_DIRECTORY_STALE_AFTER_DAYS)
    page = Paginator(stale, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "directory/manage/stale.html",
        {
            "page": page,
            "pagination": pagination(page, request),
            "stale_before": _stale_before(),
            "after_days": settings.TANDEM_DIRECTORY_STALE_AFTER_DAYS,
            "back_here": request.get_full_path(),
            "status_tag": presenters.status_tag,
            "checked_text": presenters.checked_text,
        },
    )


@require_GET
def manage_service(request: HttpRequest, service_uuid: UUID) -> HttpResponse:
    _curator(request)
    service = selectors.service_for_curation(service_id=service_uuid)
    if service is None:
        return _page_not_found(request)
    return render(
        request,
        "directory/manage/service.html",
        {
            "service": service,
            "rows": presenters.service_rows(service),
            "tag": presenters.status_tag(service.status),
            "checked": presenters.checked_text(service),
            "stale": presenters.is_stale(service, stale_before=_stale_before()),
            "checked_today": service.last_checked_on == clock.today(),
        },
    )


def _service_form(request: HttpRequest, service: Any = None) -> HttpResponse:
    """The add and change pages share one form; a refusal from the service goes back into it."""
    editor = forms.ServiceEditor(
        request.POST if request.method == "POST" else None,
        organisations=selectors.organizations_for_choice(),
        service=service,
    )
    if editor.submitted and editor.is_valid():
        try:
            if service is None:
                saved = services.service_create(details=editor.details(), status=editor.status(), actor=request.user)
            else:
                saved = services.service_update(service=service, details=editor.details(), actor=request.user)
        except DomainError as error:
            editor.add_domain_error(error.field, error.message)
        else:
            done = f"{saved.name} added to the directory" if service is None else f"{saved.name} saved"
            messages.success(request, done)
            return redirect("directory:manage_service", saved.id)
    context = {
        "editor": editor,
        "form": editor.main,
        "service": service,
        "errors": editor.error_summary(),
        "kept_schedules": selectors.other_schedules(service) if service else [],
        "kept_locations": selectors.unaddressed_locations(service) if service else [],
    }
    return render(request, "directory/manage/service_form.html", context, status=400 if editor.has_errors else 200)


@require_http_methods(["GET", "POST"])
def manage_service_add(request: HttpRequest) -> HttpResponse:
    _curator(request)
    return _service_form(request)


@require_http_methods(["GET", "POST"])
def manage_service_edit(request: HttpRequest, service_uuid: UUID) -> HttpResponse:
    _curator(request)
    service = selectors.service_for_curation(service_id=service_uuid)
    if service is None:
        return _page_not_found(request)
    return _service_form(request, service)


def _back_to(request: HttpRequest, fallback: str) -> str:
    """Where a button asked to go back to: only one of the curation pages of this site."""
    target = request.POST.get("next", "")
    safe = url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=False)
    return target if safe and target.startswith("/directory/manage/") else fallback


@require_POST
def manage_service_check(request: HttpRequest, service_uuid: UUID) -> HttpResponse:
    _curator(request)
    service = selectors.service_for_curation(service_id=service_uuid)
    if service is None:
        return _page_not_found(request)
    services.service_mark_checked(service=service, actor=request.user)
    messages.success(request, f"{service.name} marked as checked today")
    return redirect(_back_to(request, f"/directory/manage/{service.id}/"))


@require_http_methods(["GET", "POST"])
def manage_service_status(request: HttpRequest, service_uuid: UUID) -> HttpResponse:
    """Choose the new status, then confirm it on a second page before it is saved."""
    _curator(request)
    service = selectors.service_for_curation(service_id=service_uuid)
    if service is None:
        return _page_not_found(request)
    form = forms.StatusForm(request.POST if request.method == "POST" else None, initial={"status": service.status})
    if request.method == "POST" and form.is_valid():
        status = form.cleaned_data["status"]
        if status == service.status:
            current = service.get_status_display().lower()
            form.add_error("status", f"{service.name} is already {current}: select a different status")
        elif request.POST.get("confirm") != "yes":
            return render(
                request,
                "directory/manage/status_confirm.html",
                {"service": service, "status": status, "label": presenters.status_tag(status)["text"]},
            )
        else:
            try:
                services.service_status_change(service=service, status=status, actor=request.user)
            except DomainError as error:
                form.add_domain_error(error.field, error.message)
            else:
                messages.success(request, f"{service.name} is now {service.get_status_display().lower()}")
                return redirect("directory:manage_service", service.id)
    return render(
        request,
        "directory/manage/status.html",
        {"service": service, "form": form, "tag": presenters.status_tag(service.status)},
        status=400 if form.errors else 200,
    )


# --- Public directory search (search.py): anyone, no sign-in; the directory holds no personal data ---

PUBLIC_PER_PAGE = 20
PRINT_LIMIT = 100


def _public_search_run(request: HttpRequest, *, per_page: int) -> tuple[Any, Any]:
    """The bound form and one page of results (None when nothing was asked or the form is wrong)."""
    form = forms.DirectorySearchForm(request.GET)
    if not form.is_search() or not form.is_valid():
        return form, None
    try:
        results = search.service_search(form.query(), page=form.cleaned_data["page"], per_page=per_page)
    except DomainError as error:
        form.add_domain_error(error.field, error.message)
        return form, None
    return form, results


@login_not_required
@require_GET
def public_search(request: HttpRequest) -> HttpResponse:
    form, results = _public_search_run(request, per_page=PUBLIC_PER_PAGE)
    query_string = public_presenters.search_query_string(request.GET)
    context: dict[str, Any] = {"form": form, "results": results, "query_string": query_string}
    if results is not None:
        context |= {
            "cards": public_presenters.cards(results.hits, query_string),
            "summary": public_presenters.results_summary(results, form.cleaned_data["postcode"].strip()),
            "pages": public_presenters.results_pagination(results, request.GET),
        }
    return render(request, "directory/public/search.html", context, status=400 if form.errors else 200)


@login_not_required
@require_GET
def public_print(request: HttpRequest) -> HttpResponse:
    form, results = _public_search_run(request, per_page=PRINT_LIMIT)
    if results is None:
        return redirect(f"{reverse('directory:public_search')}?{request.GET.urlencode()}")
    query_string = public_presenters.search_query_string(request.GET)
    context = {
        "form": form,
        "results": results,
        "query_string": query_string,
        "cards": public_presenters.cards(results.hits, query_string),
        "summary": public_presenters.results_summary(results, form.cleaned_data["postcode"].strip()),
    }
    return render(request, "directory/public/print.html", context)


@login_not_required
@require_GET
def public_service(request: HttpRequest, service_id: UUID) -> HttpResponse:
    service = search.service_public_find(service_id)
    if service is None:
        raise Http404
    query_string = public_presenters.search_query_string(request.GET)
    context = {"card": public_presenters.card(service), "query_string": query_string}
    return render(request, "directory/public/service.html", context)
