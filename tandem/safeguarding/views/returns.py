"""The safeguarding returns: the Safeguarding Adults Collection and the DoLS collection for a year,
their files, and the cases behind a figure (each within the access rule)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from tandem.core import clock
from tandem.core.errors import require
from tandem.core.pages import form_status
from tandem.identity.actors import StaffRequest
from tandem.safeguarding import forms, page_selectors, policies, presenters, returns, services

COLLECTIONS = {"sac": returns.sac_compute, "dols": returns.dols_compute}


def _years() -> list[int]:
    today = clock.today()
    current = today.year if today.month >= 4 else today.year - 1
    return [current - n for n in range(6)]


def _collection(request: StaffRequest, collection: str, year: int) -> returns.Return:
    require(policies.can_see_returns(request.user), "The returns are for managers")
    if collection not in COLLECTIONS or year not in _years():
        raise Http404("No such return")
    return COLLECTIONS[collection](year)


@require_http_methods(["GET"])
def returns_page(request: StaffRequest) -> HttpResponse:
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
def returns_csv(request: StaffRequest, collection: str, year: int) -> HttpResponse:
    result = _collection(request, collection, year)
    response = HttpResponse(result.csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{collection}-{year}-{year + 1}.csv"'
    return response


@require_http_methods(["GET"])
def returns_dols_cases(request: StaffRequest, year: int) -> HttpResponse:
    """The DoLS collection's file for the year: one row per application (its export is logged)."""
    _collection(request, "dols", year)
    content = services.dols_collection_export(year=year, actor=request.user)
    response = HttpResponse(content, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="dols-collection-{year}-{year + 1}.csv"'
    return response


@require_http_methods(["GET"])
def returns_figure(request: StaffRequest, collection: str, year: int) -> HttpResponse:
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
