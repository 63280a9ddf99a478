"""The public directory search: anyone, no sign-in; the directory holds no personal data."""

from typing import Any
from uuid import UUID

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from tandem.core.errors import DomainError
from tandem.directory import (
    forms,
    public_presenters,
    search,
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
    context = {"card": public_presenters.page_card(service), "query_string": query_string}
    return render(request, "directory/public/service.html", context)
