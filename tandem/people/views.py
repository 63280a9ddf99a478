"""Pages of the person record: thin views that scope, validate, call a service and redirect."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any
from uuid import UUID

from django.core.paginator import Paginator
from django.http import HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods

from tandem.access import services as access_services
from tandem.core import clock
from tandem.core.errors import DomainError, require
from tandem.core.pages import form_status, press, submit
from tandem.core.presenters import pagination
from tandem.identity import selectors as identity_selectors
from tandem.identity.actors import StaffRequest
from tandem.people import forms, policies, presenters, selectors, services
from tandem.people.record_page import Record, people_found, record_page

if TYPE_CHECKING:
    # For the type checker only: views read through selectors (tests/architecture).
    from tandem.people.models import Person


@require_http_methods(["GET"])
def search(request: StaffRequest) -> HttpResponse:
    require(policies.can_view_people(request.user), "Your role does not work with people's records")
    form = forms.SearchForm(request.GET if "q" in request.GET else None)
    results, rows = people_found(request, form, where="find a person")
    return render(
        request, "people/search.html", {"form": form, "results": results, "rows": rows}, status=form_status(form)
    )


def _created_then(request: StaffRequest, person: Person) -> str:
    """Another page can send someone here to create a record and come back with it (recording a
    contact, say): `next` names that page, and gets `person=<uuid>`."""
    then = request.GET.get("next", "")
    if then and url_has_allowed_host_and_scheme(then, allowed_hosts=None) and then.startswith("/"):
        joiner = "&" if "?" in then else "?"
        return f"{then}{joiner}person={person.uuid}"
    return reverse("people:summary", args=[person.uuid])


# What another page may prefill on a new record (an online request's answers, say); the duplicate
# check still runs when the form is sent.
PREFILLABLE = ("given_name", "family_name", "address_line_1", "address_line_2", "town", "postcode")


def _initial_from(query: QueryDict) -> dict[str, Any]:
    initial: dict[str, Any] = {name: query[name][:200] for name in PREFILLABLE if query.get(name)}
    try:
        born = date.fromisoformat(query.get("date_of_birth", ""))
    except ValueError:
        born = None
    if born is not None:
        initial["date_of_birth"] = born
    return initial


@require_http_methods(["GET", "POST"])
def create(request: StaffRequest) -> HttpResponse:
    require(policies.can_create_person(request.user), "You do not have permission to create person records")
    form = forms.PersonDetailsForm(
        request.POST or None, gp_practices=selectors.gp_practice_choices(), initial=_initial_from(request.GET)
    )
    duplicates: list[Person] = []
    if request.method == "POST" and form.is_valid():
        details = form.details()
        if request.POST.get("confirmed") != "yes":
            duplicates = selectors.possible_duplicates(
                actor=request.user,
                given_name=details.given_name,
                family_name=details.family_name,
                date_of_birth=details.date_of_birth,
                nhs_number=details.nhs_number,
            )
        if duplicates:
            services.search_record(
                people=duplicates,
                text=f"{details.given_name} {details.family_name} {details.date_of_birth or ''} {details.nhs_number}",
                total=len(duplicates),
                where="possible duplicates of a new record",
                actor=request.user,
            )
        else:
            created = submit(
                request,
                form,
                lambda: services.person_create(details=details, actor=request.user),
                done=lambda person: f"Record created for {person.full_name}",
                then=lambda person: _created_then(request, person),
            )
            if created:
                return created
    return render(
        request,
        "people/create.html",
        {
            "form": form,
            "duplicates": presenters.search_rows(duplicates, actor=request.user),
        },
        status=form_status(form),
    )


@require_http_methods(["GET"])
@record_page("the summary")
def summary(request: StaffRequest, record: Record[Person]) -> HttpResponse:
    person = record.obj
    data = selectors.person_summary(person=person, actor=request.user)
    return record.render(
        "people/summary.html",
        {
            "summary": data,
            "network": presenters.network_entries(data.network, actor=request.user),
            "details_rows": presenters.details_rows(person),
            "can_edit": policies.can_edit_person(request.user, person),
            "can_raise_warning": policies.can_raise_warning(request.user, person),
            "can_merge": policies.can_merge_people(request.user),
            "can_restrict": policies.can_restrict_person(
                request.user, selectors.restricted_to_team_ids(person=person) if hasattr(person, "restriction") else []
            ),
            "can_view_access_log": policies.can_view_access_log(request.user),
        },
    )


def _version_posted(request: StaffRequest, person: Person) -> int:
    """The record's version the form was filled in against. Anything but a whole number a version
    could be (a tampered hidden field) matches no version, so it is refused as a stale edit."""
    posted = request.POST.get("version") or str(person.version)
    try:
        version = int(posted)
    except ValueError:
        return 0
    return version if 0 < version < 2**31 else 0


def _record_form(
    request: StaffRequest,
    record: Record[Person],
    form: Any,
    save: Callable[[], Any],
    *,
    done: str,
    page: str,
    then: str = "",
    **extra: Any,
) -> HttpResponse:
    """A form that changes the person's record: run the service `save` for a valid form, then to
    `then` (the summary unless named); or the form on `people/<page>.html` again, with what was
    typed and `extra`."""
    return submit(
        request, form, save, done=done, then=then or reverse("people:summary", args=[record.obj.uuid])
    ) or record.render(f"people/{page}.html", {"form": form, **extra}, status=form_status(form))


@require_http_methods(["GET", "POST"])
@record_page("personal details")
def details_edit(request: StaffRequest, record: Record[Person]) -> HttpResponse:
    person = record.obj
    require(policies.can_edit_person(request.user, person), "You do not have permission to change this record")
    initial = presenters.details_initial(person)
    form = forms.PersonDetailsForm(request.POST or None, initial=initial, gp_practices=selectors.gp_practice_choices())
    version = _version_posted(request, person)
    return _record_form(
        request,
        record,
        form,
        # A stale version is a DomainError with no field: it shows at the top of the form.
        lambda: services.person_details_update(
            person=person, details=form.details(), version=version, actor=request.user
        ),
        done="Personal details saved",
        page="details_edit",
        version=version,
    )


@require_http_methods(["GET", "POST"])
@record_page("what matters and strengths")
def voice_edit(request: StaffRequest, record: Record[Person]) -> HttpResponse:
    person = record.obj
    require(policies.can_edit_person(request.user, person), "You do not have permission to change this record")
    form = forms.VoiceForm(
        request.POST or None,
        initial={
            "what_matters_to_me": person.what_matters_to_me,
            "strengths": person.strengths,
            "version": person.version,
        },
    )
    return _record_form(
        request,
        record,
        form,
        lambda: services.person_voice_update(
            person=person,
            actor=request.user,
            version=form.cleaned_data["version"],
            what_matters_to_me=form.cleaned_data["what_matters_to_me"],
            strengths=form.cleaned_data["strengths"],
        ),
        done="What matters and strengths saved",
        page="voice_edit",
    )


@require_http_methods(["GET", "POST"])
@record_page("add a previous name")
def previous_name_add(request: StaffRequest, record: Record[Person]) -> HttpResponse:
    person = record.obj
    require(policies.can_edit_person(request.user, person), "You do not have permission to change this record")
    form = forms.PreviousNameForm(request.POST or None)
    return _record_form(
        request,
        record,
        form,
        lambda: services.previous_name_add(person=person, actor=request.user, **form.cleaned_data),
        done="Previous name added",
        page="previous_name_add",
    )


@require_http_methods(["GET"])
@record_page("the network")
def network(request: StaffRequest, record: Record[Person]) -> HttpResponse:
    person = record.obj
    return record.render(
        "people/network.html",
        {
            "current": presenters.network_entries(selectors.network_of(person=person), actor=request.user),
            "former": presenters.network_entries(
                selectors.network_of(person=person, current=False), actor=request.user
            ),
            "can_edit": policies.can_edit_person(request.user, person),
        },
    )


@require_http_methods(["GET", "POST"])
@record_page("add to the network")
def network_add(request: StaffRequest, record: Record[Person]) -> HttpResponse:
    person = record.obj
    require(policies.can_edit_person(request.user, person), "You do not have permission to change this record")
    form = forms.NetworkMemberForm(request.POST or None)

    def add() -> None:
        data = form.cleaned_data
        linked = None
        if data["linked_person"]:
            linked = selectors.person_by_local_id_or_nhs(actor=request.user, value=data["linked_person"])
            if linked is None:
                raise DomainError("No record has that local person ID: check the number", field="linked_person")
        services.network_member_add(
            person=person,
            actor=request.user,
            name=data["name"],
            relationship=data["relationship"],
            what_they_do=data["what_they_do"],
            contact=data["contact"],
            is_unpaid_carer=data["is_unpaid_carer"],
            linked_person=linked,
        )

    return _record_form(request, record, form, add, done="Added to the network", page="network_add")


@require_http_methods(["GET", "POST"])
@record_page("remove from the network")
def network_end(request: StaffRequest, record: Record[Person], member_uuid: UUID) -> HttpResponse:
    person = record.obj
    member = selectors.network_member_of(person=person, uuid=member_uuid)
    if member is None:
        return render(request, "errors/404.html", status=404)
    [shown] = presenters.network_entries([member], actor=request.user)
    if request.method == "POST":
        return press(
            request,
            lambda: services.network_member_end(member=member, actor=request.user),
            done=f"{shown.name} removed from the network",
            then=reverse("people:summary", args=[person.uuid]),
        )
    return record.render("people/network_end.html", {"member": shown})


@require_http_methods(["GET", "POST"])
@record_page("record consent to share")
def consent_add(request: StaffRequest, record: Record[Person]) -> HttpResponse:
    person = record.obj
    require(policies.can_edit_person(request.user, person), "You do not have permission to change this record")
    organisations = identity_selectors.partner_organisations()
    form = forms.ConsentForm(
        request.POST or None,
        organisations=[(o.pk, o.name) for o in organisations],
        initial={"decided_on": clock.today()},
    )
    return _record_form(
        request,
        record,
        form,
        lambda: services.consent_record(
            person=person,
            actor=request.user,
            decision=form.cleaned_data["decision"],
            organisation=organisations.get(pk=int(form.cleaned_data["organisation"])),
            decided_on=form.cleaned_data["decided_on"],
            note=form.cleaned_data["note"],
        ),
        done="Consent decision recorded",
        page="consent_add",
    )


@require_http_methods(["GET", "POST"])
@record_page("raise a warning")
def warning_raise(request: StaffRequest, record: Record[Person]) -> HttpResponse:
    person = record.obj
    require(policies.can_raise_warning(request.user, person), "You do not have permission to raise warnings")
    today = clock.today()
    form = forms.WarningForm(
        request.POST or None,
        initial={
            "starts_on": today,
            "review_on": today.replace(year=today.year + 1)
            if not (today.month == 2 and today.day == 29)
            else today.replace(year=today.year + 1, day=28),
        },
    )
    return _record_form(
        request,
        record,
        form,
        lambda: services.warning_raise(person=person, actor=request.user, **form.cleaned_data),
        done="Warning raised: it now shows on every page of this record",
        page="warning_raise",
    )


@require_http_methods(["GET", "POST"])
@record_page("end a warning")
def warning_end(request: StaffRequest, record: Record[Person], warning_uuid: UUID) -> HttpResponse:
    person = record.obj
    warning = selectors.warning_of(person=person, uuid=warning_uuid)
    if warning is None:
        return render(request, "errors/404.html", status=404)
    require(policies.can_end_warning(request.user, warning), "This warning cannot be ended")
    form = forms.WarningEndForm(request.POST or None)
    return _record_form(
        request,
        record,
        form,
        lambda: services.warning_end(warning=warning, actor=request.user, reason=form.cleaned_data["reason"]),
        done="Warning ended",
        page="warning_end",
        warning=warning,
    )


@require_http_methods(["GET", "POST"])
@record_page("review a warning")
def warning_review(request: StaffRequest, record: Record[Person], warning_uuid: UUID) -> HttpResponse:
    person = record.obj
    warning = selectors.warning_of(person=person, uuid=warning_uuid)
    if warning is None:
        return render(request, "errors/404.html", status=404)
    require(policies.can_end_warning(request.user, warning), "This warning cannot be reviewed")
    form = forms.WarningReviewForm(request.POST or None)
    return _record_form(
        request,
        record,
        form,
        lambda: services.warning_review(warning=warning, actor=request.user, review_on=form.cleaned_data["review_on"]),
        done="Warning reviewed",
        page="warning_review",
        then=reverse("people:warnings_due"),
        warning=warning,
    )


@require_http_methods(["GET"])
def warnings_due(request: StaffRequest) -> HttpResponse:
    require(policies.can_view_people(request.user), "Your role does not work with people's records")
    due = selectors.warnings_due_for_review(actor=request.user, today=clock.today())
    page = Paginator(due, 50).get_page(request.GET.get("page"))
    return render(request, "people/warnings_due.html", {"page": page, "pagination": pagination(page, request)})


@require_http_methods(["GET"])
@record_page("the change history")
def history(request: StaffRequest, record: Record[Person]) -> HttpResponse:
    person = record.obj
    require(policies.can_view_history(request.user), "You do not have permission to see the change history")
    page = Paginator(selectors.changes_for_person(person=person), 50).get_page(request.GET.get("page"))
    return record.render(
        "people/history.html",
        {
            "page": page,
            "pagination": pagination(page, request),
            "changes_of": presenters.audit_changes(page.object_list),
        },
    )


@require_http_methods(["GET"])
@record_page("the access log")
def access_log(request: StaffRequest, record: Record[Person]) -> HttpResponse:
    person = record.obj
    require(policies.can_view_access_log(request.user), "Only managers can see who has looked at a record")
    page = Paginator(selectors.access_log_for_person(person=person), 50).get_page(request.GET.get("page"))
    return record.render(
        "people/access_log.html",
        {
            "page": page,
            "pagination": pagination(page, request),
            "changes_of": presenters.audit_changes(page.object_list),
        },
    )


@require_http_methods(["GET", "POST"])
@record_page("merge records")
def merge(request: StaffRequest, record: Record[Person]) -> HttpResponse:
    person = record.obj
    require(policies.can_merge_people(request.user), "You do not have permission to merge records")
    find = forms.MergeFindForm(request.POST or request.GET or None)
    reason_form = forms.ReasonForm(request.POST if "reason" in request.POST else None)
    duplicate = None
    candidates: list[dict[str, Any]] = []
    if find.is_bound and find.is_valid():
        text = find.cleaned_data["duplicate"]
        duplicate = selectors.person_by_local_id_or_nhs(actor=request.user, value=text)
        if duplicate is None and request.method == "GET" and not "".join(text.split()).isdigit():
            candidates = _merge_candidates(request, person, text, find)
        elif duplicate is None:
            find.add_error("duplicate", "No record you can open has that local person ID or NHS number")
        elif duplicate.pk == person.pk:
            find.add_error("duplicate", "That is this record: enter the other record's ID")
            duplicate = None
    if duplicate is not None and request.method == "GET":
        # The preview shows both records side by side: the duplicate's view is logged too.
        services.person_view_record(person=duplicate, actor=request.user, page="merge records (the duplicate)")
    if duplicate is not None and reason_form.is_bound:
        merging = duplicate
        saved = submit(
            request,
            reason_form,
            lambda: services.person_merge(
                keep=person, duplicate=merging, reason=reason_form.cleaned_data["reason"], actor=request.user
            ),
            done=f"Record {duplicate.local_id} merged into this record",
            then=reverse("people:summary", args=[person.uuid]),
        )
        if saved:
            return saved
    return record.render(
        "people/merge.html",
        {
            "find": find,
            "reason_form": reason_form,
            "duplicate": duplicate,
            "candidates": candidates,
            "duplicate_rows": presenters.details_rows(duplicate) if duplicate else [],
            "keep_rows": presenters.details_rows(person),
        },
        status=400 if find.errors or reason_form.errors else 200,
    )


def _merge_candidates(
    request: StaffRequest, person: Person, text: str, find: forms.MergeFindForm
) -> list[dict[str, Any]]:
    """The records a search by name, date of birth or postcode finds (the person search, ADR 0006),
    less this record and those the manager may not open (a merge needs both open); it is logged."""
    try:
        results = selectors.search(actor=request.user, text=text)
    except DomainError as error:
        find.add_error("duplicate", error.message)
        return []
    openable = selectors.openable_ids(actor=request.user, people=results.people)
    found = [p for p in results.people if p.pk != person.pk and p.pk in openable]
    services.search_record(
        people=found, text=text, total=len(found), where="merge records (find the duplicate)", actor=request.user
    )
    if not found:
        find.add_error("duplicate", f"No other record you can open matches “{text}”")
    return presenters.merge_candidate_rows(found, keep=person)


DUPLICATES_PER_PAGE = 25


@require_http_methods(["GET"])
def duplicates(request: StaffRequest) -> HttpResponse:
    """Suspected duplicate records for a manager to compare and merge, a page at a time."""
    require(policies.can_merge_people(request.user), "Only a manager who merges records sees suspected duplicates")
    found = selectors.duplicates_suspected(actor=request.user)
    page = Paginator(found, DUPLICATES_PER_PAGE).get_page(request.GET.get("page"))
    services.search_record(
        people=[p for s in page.object_list for p in (s.keep, s.duplicate)],
        text="suspected duplicates",
        total=len(found),
        where="suspected duplicate records",
        actor=request.user,
    )
    return render(
        request,
        "people/duplicates.html",
        {
            "rows": presenters.duplicate_rows(page.object_list),
            "page": page,
            "total": len(found),
            "pages": pagination(page, request),
        },
    )


@require_http_methods(["GET", "POST"])
@record_page("restrict the record")
def restrict(request: StaffRequest, record: Record[Person]) -> HttpResponse:
    person = record.obj
    current = selectors.restricted_to_team_ids(person=person)
    require(
        policies.can_restrict_person(request.user, current),
        access_services.NOT_A_HOLDER if current else "You do not have permission to restrict records",
    )
    teams = list(identity_selectors.teams_all())
    lifting = request.method == "POST" and request.POST.get("action") == "lift"
    form = forms.RestrictForm(
        request.POST if request.method == "POST" and not lifting else None,
        teams=[(t.pk, t.name) for t in teams],
        initial={"teams": [str(t) for t in current]},
    )
    lift = forms.LiftRestrictionForm(request.POST if lifting else None)
    summary = reverse("people:summary", args=[person.uuid])

    def unrestrict() -> None:
        try:
            access_services.record_unrestrict(
                person=person, actor=request.user, reason=lift.cleaned_data["lift_reason"]
            )
        except DomainError as error:
            # The service names its reason `reason`; on this page that field is `lift_reason`.
            field = "lift_reason" if error.field == "reason" else error.field
            raise DomainError(error.message, field=field) from error

    if lifting:
        saved = submit(request, lift, unrestrict, done="The record is no longer restricted", then=summary)
    else:
        saved = submit(
            request,
            form,
            lambda: access_services.record_restrict(
                person=person,
                teams=[t for t in teams if str(t.pk) in form.cleaned_data["teams"]],
                reason=form.cleaned_data["reason"],
                actor=request.user,
            ),
            done="The record is now restricted",
            then=summary,
        )
    if saved:
        return saved
    return record.render(
        "people/restrict.html",
        {"form": form, "lift": lift, "is_restricted": bool(current)},
        status=max(form_status(form), form_status(lift)),
    )


@require_http_methods(["GET", "POST"])
def break_glass(request: StaffRequest, person_uuid: UUID) -> HttpResponse:
    """A restricted record: say why you need it, and it opens for a few hours, logged for managers."""
    try:
        person = selectors.person_get(actor=request.user, uuid=person_uuid)
    except selectors.RestrictedRecord as restricted:
        person = restricted.person
    else:
        return redirect("people:summary", person.uuid)
    form = forms.ReasonForm(request.POST or None)
    target = request.GET.get("next") or request.POST.get("next") or ""
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = ""
    opened = submit(
        request,
        form,
        lambda: access_services.glass_break(person=person, reason=form.cleaned_data["reason"], actor=request.user),
        done=None,
        then=target or reverse("people:summary", args=[person.uuid]),
    )
    if opened:
        return opened
    return render(
        request,
        "people/break_glass.html",
        {"form": form, "person_uuid": person.uuid, "next": target},
        status=400 if form.errors else 403,
    )
