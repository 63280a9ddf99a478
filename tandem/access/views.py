"""The managers' lists of break-glass access and of changes to restrictions, and marking each reviewed."""

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


@require_GET
def break_glass_list(request: StaffRequest) -> HttpResponse:
    require(request.user.can(Permission.BREAK_GLASS_REVIEW), "Only managers can review break-glass access")
    show_all = request.GET.get("show") == "all"
    grants = selectors.break_glass_grants(actor=request.user, unreviewed_only=not show_all)
    page = Paginator(grants, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "access/break_glass_list.html",
        {"page": page, "show_all": show_all, "pagination": pagination(page, request)},
    )


@require_POST
def break_glass_review(request: StaffRequest, grant_id: int) -> HttpResponse:
    grant = selectors.break_glass_grant(actor=request.user, grant_id=grant_id)
    if grant is None:
        raise Http404
    return press(
        request,
        lambda: services.break_glass_review(grant=grant, actor=request.user),
        done="Marked as reviewed",
        then=reverse("access:break_glass_list"),
    )


@require_GET
def restriction_change_list(request: StaffRequest) -> HttpResponse:
    require(request.user.can(Permission.BREAK_GLASS_REVIEW), "Only managers can review changes to restrictions")
    show_all = request.GET.get("show") == "all"
    changes = selectors.restriction_changes(actor=request.user, unreviewed_only=not show_all)
    page = Paginator(changes, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "access/restriction_change_list.html",
        {"page": page, "show_all": show_all, "pagination": pagination(page, request)},
    )


@require_POST
def restriction_change_review(request: StaffRequest, change_id: int) -> HttpResponse:
    change = selectors.restriction_change(actor=request.user, change_id=change_id)
    if change is None:
        raise Http404
    return press(
        request,
        lambda: services.restriction_change_review(change=change, actor=request.user),
        done="Marked as reviewed",
        then=reverse("access:restriction_change_list"),
    )
