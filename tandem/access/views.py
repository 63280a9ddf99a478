"""The managers' lists of break-glass access and of changes to restrictions, and marking each reviewed."""

from collections.abc import Callable
from typing import Any

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from tandem.access import selectors, services
from tandem.core.errors import require
from tandem.core.pages import press
from tandem.core.presenters import pagination
from tandem.identity.actors import StaffRequest
from tandem.identity.permissions import Permission


def _review_list(request: StaffRequest, rows: Callable[..., Any], template: str, *, refused: str) -> HttpResponse:
    """A list for review: the unreviewed ones, or all of them with ?show=all, fifty a page."""
    require(request.user.can(Permission.BREAK_GLASS_REVIEW), refused)
    show_all = request.GET.get("show") == "all"
    page = Paginator(rows(actor=request.user, unreviewed_only=not show_all), 50).get_page(request.GET.get("page"))
    return render(request, template, {"page": page, "show_all": show_all, "pagination": pagination(page, request)})


def _mark_reviewed[T](request: StaffRequest, found: T | None, review: Callable[[T], object], then: str) -> HttpResponse:
    """Mark one entry of a list reviewed, then go back to the list."""
    if found is None:
        raise Http404
    return press(request, lambda: review(found), done="Marked as reviewed", then=reverse(then))


@require_GET
def break_glass_list(request: StaffRequest) -> HttpResponse:
    return _review_list(
        request,
        selectors.break_glass_grants,
        "access/break_glass_list.html",
        refused="Only managers can review break-glass access",
    )


@require_POST
def break_glass_review(request: StaffRequest, grant_id: int) -> HttpResponse:
    grant = selectors.break_glass_grant(actor=request.user, grant_id=grant_id)
    return _mark_reviewed(
        request,
        grant,
        lambda found: services.break_glass_review(grant=found, actor=request.user),
        "access:break_glass_list",
    )


@require_GET
def restriction_change_list(request: StaffRequest) -> HttpResponse:
    return _review_list(
        request,
        selectors.restriction_changes,
        "access/restriction_change_list.html",
        refused="Only managers can review changes to restrictions",
    )


@require_POST
def restriction_change_review(request: StaffRequest, change_id: int) -> HttpResponse:
    change = selectors.restriction_change(actor=request.user, change_id=change_id)
    return _mark_reviewed(
        request,
        change,
        lambda found: services.restriction_change_review(change=found, actor=request.user),
        "access:restriction_change_list",
    )
