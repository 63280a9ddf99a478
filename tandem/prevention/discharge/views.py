"""The discharge hub's pages: the board (and its rows, polled to stay current), a referral from a
ward, the referral's page and its updates, brokerage, the package into the plan, discharge,
withdrawal, and the figures."""

from typing import Any

from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tandem.core import clock
from tandem.core.errors import DomainError, require
from tandem.core.pages import form_status, posted, press, submit
from tandem.identity.actors import StaffRequest
from tandem.people import selectors as people_selectors
from tandem.people.record_page import Record, query_record_page, record_page
from tandem.prevention.discharge import figures as hub_figures
from tandem.prevention.discharge import forms, policies, presenters, selectors, services
from tandem.prevention.discharge.codes import OfferStatus, PackageStatus, ReferralStatus

REFERRAL_PAGE = "a referral to the discharge hub"
NOT_HUB = "The discharge hub is for staff who work with people's records"


def _guard_see(request: StaffRequest) -> None:
    require(policies.can_see(request.user), NOT_HUB)


def _guard_work(request: StaffRequest) -> None:
    require(policies.can_work(request.user), services.NOT_PERMITTED)


def _board_context(request: StaffRequest) -> dict[str, Any]:
    sort = request.GET.get("sort", "days")
    sort = sort if sort in selectors.SORTS else "days"
    descending = request.GET.get("order") == "desc"
    today = clock.today()
    board = selectors.board(actor=request.user, today=today, sort=sort, descending=descending)
    can_work = policies.can_work(request.user)
    return {
        "board": board,
        "rows": presenters.board_rows(board, can_work=can_work),
        "head": presenters.board_head(sort=sort, descending=descending),
        "sort": sort,
        "descending": descending,
        "sorts": selectors.SORTS,
        "today": today,
        "as_at": clock.now(),
        "rows_url": reverse("prevention:discharge_board_rows") + (f"?{request.GET.urlencode()}" if request.GET else ""),
        "can_work": can_work,
    }


@require_GET
def discharge_board(request: StaffRequest) -> HttpResponse:
    """The hub's daily board: everyone waiting, longest delayed first."""
    _guard_see(request)
    return render(request, "prevention/discharge/board.html", _board_context(request))


@require_GET
def discharge_board_rows(request: StaffRequest) -> HttpResponse:
    """The board's table alone, which the page fetches every 45 seconds to stay current (htmx asks
    with its HX-Request header); opened as a page, the whole board."""
    _guard_see(request)
    fragment = request.headers.get("HX-Request") == "true"
    template = "prevention/discharge/_board_table.html" if fragment else "prevention/discharge/board.html"
    return render(request, template, _board_context(request))


def _find(request: StaffRequest) -> HttpResponse:
    """With no person named yet: find them first, so no one is referred twice (a form sent
    without one starts again)."""
    if request.method == "POST":
        return redirect(request.path)
    form = forms.FindForm(request.GET if "q" in request.GET else None)
    people: list[Any] = []
    if form.is_bound and form.is_valid():
        try:
            found = people_selectors.search(actor=request.user, text=form.cleaned_data["q"])
        except DomainError as error:
            form.add_domain_error(error.field, error.message)
        else:
            openable = people_selectors.openable_ids(actor=request.user, people=found.people)
            people = [person for person in found.people if person.pk in openable]
    return render(
        request,
        "prevention/discharge/find.html",
        {"form": form, "people": people, "searched": form.is_bound and form.is_valid()},
        status=form_status(form),
    )


@require_http_methods(["GET", "POST"])
@query_record_page(REFERRAL_PAGE, find=_find, guard=_guard_work)
def discharge_refer(request: StaffRequest, record: Record[Any]) -> HttpResponse:
    """A ward's referral to the hub, by form."""
    person = record.obj
    form = forms.ReferralForm(posted(request), initial={"what_matters": person.what_matters_to_me})
    response = submit(
        request,
        form,
        lambda: services.referral_record(person=person, details=form.details(), actor=request.user),
        done=f"{person.full_name} is on the hub's board",
        then=lambda referral: reverse("prevention:discharge_referral", args=[referral.uuid]),
    )
    return response or record.render("prevention/discharge/refer.html", {"form": form}, status=form_status(form))


@require_GET
@record_page(REFERRAL_PAGE, load=selectors.referral_get, kwarg="referral_uuid")
def discharge_referral(request: StaffRequest, record: Record[Any]) -> HttpResponse:
    referral = record.obj
    today = clock.today()
    packages = selectors.packages_of(referral=referral)
    return record.render(
        "prevention/discharge/referral.html",
        {
            "referral": referral,
            "days": selectors.days_since_nctr(referral, today),
            "packages": packages,
            "events": selectors.events_of(referral=referral),
            "readmitted_on": selectors.readmission_of(referral=referral),
            "can_work": policies.can_work(request.user) and referral.status == ReferralStatus.WAITING,
            "can_add_to_plan": policies.can_add_to_plan(request.user),
            "sought": PackageStatus.SOUGHT,
            "offered": OfferStatus.OFFERED,
            "accepted": OfferStatus.ACCEPTED,
            "today": today,
        },
    )


def _referral_url(referral: Any) -> str:
    return reverse("prevention:discharge_referral", args=[referral.uuid])


@require_http_methods(["GET", "POST"])
@record_page(REFERRAL_PAGE, load=selectors.referral_get, kwarg="referral_uuid")
def discharge_update(request: StaffRequest, record: Record[Any]) -> HttpResponse:
    """Update the board: dates, pathway, the reason for the delay, the next action and its owner."""
    _guard_work(request)
    referral = record.obj
    owners = selectors.owners_for(request.user)
    if referral.action_owner and referral.action_owner not in owners:
        owners.append(referral.action_owner)
    form = forms.BoardUpdateForm(posted(request), initial=forms.initial_of(referral), owners=owners)
    response = submit(
        request,
        form,
        lambda: services.referral_update(
            referral=referral, update=form.update(), version=form.cleaned_data["version"], actor=request.user
        ),
        done="Board updated",
        then=reverse("prevention:discharge_board"),
    )
    return response or record.render(
        "prevention/discharge/update.html", {"form": form, "referral": referral}, status=form_status(form)
    )


@require_http_methods(["GET", "POST"])
@record_page(REFERRAL_PAGE, load=selectors.referral_get, kwarg="referral_uuid")
def discharge_package_seek(request: StaffRequest, record: Record[Any]) -> HttpResponse:
    """Seek a package of care or a bed from care providers."""
    _guard_work(request)
    referral = record.obj
    form = forms.PackageForm(posted(request))
    response = submit(
        request,
        form,
        lambda: services.package_seek(referral=referral, needed=form.needed(), actor=request.user),
        done="Sought from care providers",
        then=_referral_url(referral),
    )
    return response or record.render(
        "prevention/discharge/package_seek.html", {"form": form, "referral": referral}, status=form_status(form)
    )


@require_http_methods(["GET", "POST"])
@record_page(REFERRAL_PAGE, load=selectors.package_get, kwarg="sought_uuid", person_of=selectors.person_of)
def discharge_offer_record(request: StaffRequest, record: Record[Any]) -> HttpResponse:
    """Record a care provider's offer of what was sought."""
    _guard_work(request)
    package = record.obj
    form = forms.OfferForm(posted(request), providers=selectors.care_providers())

    def action() -> Any:
        offer = services.OfferDetails(
            provider=form.providers.get(form.cleaned_data["provider"]),
            starts_on=form.cleaned_data["starts_on"],
            unit_cost_pence=form.cleaned_data["unit_cost"],
            notes=form.cleaned_data.get("notes", ""),
        )
        return services.offer_record(package=package, offer=offer, actor=request.user)

    response = submit(request, form, action, done="Offer recorded", then=_referral_url(package.referral))
    return response or record.render(
        "prevention/discharge/offer_record.html",
        {"form": form, "package": package, "referral": package.referral},
        status=form_status(form),
    )


@require_POST
@record_page(REFERRAL_PAGE, load=selectors.offer_get, kwarg="offer_uuid", person_of=selectors.person_of)
def discharge_offer_accept(request: StaffRequest, record: Record[Any]) -> HttpResponse:
    offer = record.obj
    return press(
        request,
        lambda: services.offer_accept(offer=offer, actor=request.user),
        done=f"Offer from {offer.provider.name} accepted",
        then=_referral_url(offer.package.referral),
    )


def _plan_choices(plans: list[selectors.PlanChoice], what_matters: str) -> list[tuple[str, str]]:
    choices = []
    for choice in plans:
        plan = choice.plan
        name = f"Version {plan.number} ({'draft' if choice.is_draft else 'agreed: a revision will be started'})"
        for outcome in choice.outcomes:
            choices.append((f"{plan.uuid}:{outcome.uuid}", f"{name}, under \u201c{outcome.statement}\u201d"))
        if what_matters.strip():
            choices.append(
                (f"{plan.uuid}:new", f"{name}, under a new outcome: \u201c{what_matters.strip()[:200]}\u201d")
            )
    return choices


@require_http_methods(["GET", "POST"])
@record_page(REFERRAL_PAGE, load=selectors.offer_get, kwarg="accepted_uuid", person_of=selectors.person_of)
def discharge_offer_to_plan(request: StaffRequest, record: Record[Any]) -> HttpResponse:
    """Put the accepted package into the person's care and support plan, as it was offered."""
    require(policies.can_add_to_plan(request.user), "Only those who write care and support plans can add to one")
    offer = record.obj
    referral = offer.package.referral
    plans = selectors.plans_for(actor=request.user, person_id=referral.person_id)
    form = forms.PlanForm(posted(request), choices=_plan_choices(plans, referral.what_matters))

    def action() -> Any:
        plan_uuid, _, outcome_uuid = form.cleaned_data["where"].partition(":")
        chosen = next(c for c in plans if str(c.plan.uuid) == plan_uuid)
        outcome = next((o for o in chosen.outcomes if str(o.uuid) == outcome_uuid), None)
        return services.offer_to_plan(offer=offer, plan=chosen.plan, outcome=outcome, actor=request.user)

    response = submit(
        request,
        form,
        action,
        done="Package added to the care and support plan",
        then=lambda done: reverse("support_plans:plan", args=[done.plan.uuid]),
    )
    return response or record.render(
        "prevention/discharge/offer_to_plan.html",
        {"form": form, "offer": offer, "referral": referral, "plans": plans},
        status=form_status(form),
    )


@require_http_methods(["GET", "POST"])
@record_page(REFERRAL_PAGE, load=selectors.referral_get, kwarg="referral_uuid")
def discharge_record(request: StaffRequest, record: Record[Any]) -> HttpResponse:
    """Record the discharge."""
    _guard_work(request)
    referral = record.obj
    form = forms.DischargeForm(posted(request), initial=forms.discharge_initial(referral, clock.today()))
    response = submit(
        request,
        form,
        lambda: services.referral_discharge(
            referral=referral, discharge=form.discharge(), version=form.cleaned_data["version"], actor=request.user
        ),
        done=f"{referral.person.full_name} discharged",
        then=_referral_url(referral),
    )
    return response or record.render(
        "prevention/discharge/discharge.html", {"form": form, "referral": referral}, status=form_status(form)
    )


@require_http_methods(["GET", "POST"])
@record_page(REFERRAL_PAGE, load=selectors.referral_get, kwarg="referral_uuid")
def discharge_withdraw(request: StaffRequest, record: Record[Any]) -> HttpResponse:
    """Take someone off the board without a discharge through the hub (asks for the reason first)."""
    _guard_work(request)
    referral = record.obj
    form = forms.WithdrawForm(posted(request))
    response = submit(
        request,
        form,
        lambda: services.referral_withdraw(referral=referral, reason=form.cleaned_data["reason"], actor=request.user),
        done=f"{referral.person.full_name} taken off the board",
        then=reverse("prevention:discharge_board"),
    )
    return response or record.render(
        "prevention/discharge/withdraw.html", {"form": form, "referral": referral}, status=form_status(form)
    )


@require_GET
def discharge_figures(request: StaffRequest) -> HttpResponse:
    _guard_see(request)
    found = hub_figures.figures(today=clock.today())
    return render(request, "prevention/discharge/figures.html", {"figures": found})


@require_GET
def discharge_figure(request: StaffRequest, key: str) -> HttpResponse:
    """The people behind one figure, among those the viewer may open."""
    _guard_see(request)
    title = hub_figures.DRILL_DOWNS.get(key)
    if title is None:
        raise Http404
    shown, hidden = hub_figures.drill_down(actor=request.user, key=key, today=clock.today())
    return render(
        request,
        "prevention/discharge/figure.html",
        {"title": title, "referrals": shown, "hidden": hidden, "today": clock.today()},
    )
