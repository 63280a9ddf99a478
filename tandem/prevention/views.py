"""The matching queue (health events Tandem could not join to a record with certainty) and the
notices of health events on staff's "my work" page."""

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tandem.core.errors import DomainError, require
from tandem.core.pages import press, submit
from tandem.core.presenters import pagination
from tandem.identity.actors import StaffRequest
from tandem.identity.permissions import Permission
from tandem.prevention import selectors, services
from tandem.prevention.forms import OTHER, REJECT, MatchForm


@require_GET
def matching_queue(request: StaffRequest) -> HttpResponse:
    require(request.user.can(Permission.PERSON_EDIT), "Only those who may edit records can match health events")
    show_all = request.GET.get("show") == "all"
    rows = selectors.matching_queue(actor=request.user, show_all=show_all)
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "prevention/matching_queue.html",
        {"page": page, "show_all": show_all, "pagination": pagination(page, request)},
    )


@require_http_methods(["GET", "POST"])
def match(request: StaffRequest, uuid: str) -> HttpResponse:
    waiting = selectors.awaiting_get(actor=request.user, uuid=uuid)
    candidates = selectors.candidates_for(actor=request.user, waiting=waiting)
    form = MatchForm(request.POST or None, candidates=candidates)

    def decide() -> object:
        choice = form.cleaned_data["choice"]
        if choice == REJECT:
            return services.match_reject(waiting=waiting, reason=form.cleaned_data["reason"], actor=request.user)
        if choice == OTHER:
            person = selectors.person_chosen(actor=request.user, value=form.cleaned_data["other"])
        else:
            person = next((p for p in candidates if str(p.uuid) == choice), None)
        if person is None:
            raise DomainError("No record you may open has that number", field="other")
        return services.match_confirm(waiting=waiting, person=person, actor=request.user)

    done = submit(request, form, decide, done="Health event matched", then=reverse("prevention:matching_queue"))
    if done is not None:
        return done
    return render(request, "prevention/match.html", {"form": form, "waiting": waiting, "candidates": candidates})


@require_GET
def notices(request: StaffRequest) -> HttpResponse:
    require(request.user.can(Permission.PERSON_VIEW), "Health events are for those who work with people's records")
    rows = selectors.notices_for(request.user).order_by("-created_at", "-id")
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    return render(request, "prevention/notices.html", {"page": page, "pagination": pagination(page, request)})


@require_POST
def notice_seen(request: StaffRequest, notice_id: int) -> HttpResponse:
    notice = selectors.notice_get(actor=request.user, notice_id=notice_id)
    return press(
        request,
        lambda: services.notice_seen(notice=notice, actor=request.user),
        done="Marked as seen",
        then=reverse("prevention:notices"),
    )
