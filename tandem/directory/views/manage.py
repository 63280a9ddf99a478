"""The staff pages that curate the directory: sign-in required (the default) and Permission.DIRECTORY_CURATE."""

from typing import Any
from uuid import UUID

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tandem.core import clock
from tandem.core.errors import DomainError, require
from tandem.core.presenters import pagination
from tandem.directory import (
    forms,
    policies,
    presenters,
    selectors,
    services,
)
from tandem.identity.actors import StaffRequest

# --- Staff curation: sign-in required (the default) and Permission.DIRECTORY_CURATE -------------------

PER_PAGE = 50


def _curator(request: StaffRequest) -> None:
    require(policies.can_curate_directory(request.user), services.NOT_A_CURATOR)


def _stale_before() -> Any:
    return selectors.stale_before(today=clock.today(), after_days=settings.TANDEM_DIRECTORY_STALE_AFTER_DAYS)


def _page_not_found(request: StaffRequest) -> HttpResponse:
    return render(request, "errors/404.html", status=404)


@require_GET
def manage(request: StaffRequest) -> HttpResponse:
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
def manage_stale(request: StaffRequest) -> HttpResponse:
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
def manage_service(request: StaffRequest, service_uuid: UUID) -> HttpResponse:
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


def _service_form(request: StaffRequest, service: Any = None) -> HttpResponse:
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
def manage_service_add(request: StaffRequest) -> HttpResponse:
    _curator(request)
    return _service_form(request)


@require_http_methods(["GET", "POST"])
def manage_service_edit(request: StaffRequest, service_uuid: UUID) -> HttpResponse:
    _curator(request)
    service = selectors.service_for_curation(service_id=service_uuid)
    if service is None:
        return _page_not_found(request)
    return _service_form(request, service)


def _back_to(request: StaffRequest, fallback: str) -> str:
    """Where a button asked to go back to: only one of the curation pages of this site."""
    target = request.POST.get("next", "")
    safe = url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=False)
    return target if safe and target.startswith("/directory/manage/") else fallback


@require_POST
def manage_service_check(request: StaffRequest, service_uuid: UUID) -> HttpResponse:
    _curator(request)
    service = selectors.service_for_curation(service_id=service_uuid)
    if service is None:
        return _page_not_found(request)
    services.service_mark_checked(service=service, actor=request.user)
    messages.success(request, f"{service.name} marked as checked today")
    return redirect(_back_to(request, f"/directory/manage/{service.id}/"))


@require_http_methods(["GET", "POST"])
def manage_service_status(request: StaffRequest, service_uuid: UUID) -> HttpResponse:
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
