"""An enquiry's pages: the enquiry, and (while it is open) its lead, the adult's outcomes, meetings,
actions, contributions, the plan and its conclusion."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from tandem.core import clock
from tandem.core.errors import require
from tandem.core.pages import posted
from tandem.core.presenters import pagination
from tandem.identity.actors import StaffRequest
from tandem.identity.permissions import Permission
from tandem.people.record_page import Record, record_page
from tandem.safeguarding import forms, page_selectors, policies, presenters, services, worklists
from tandem.safeguarding.views._pages import (
    View,
    enquiry_load,
    enquiry_outcome_load,
    enquiry_person,
    enquiry_url,
    form_page,
    form_view,
    people,
    unless,
)

if TYPE_CHECKING:
    from tandem.safeguarding.models import Enquiry

ENQUIRY = "a safeguarding enquiry"

enquiry_page = record_page(ENQUIRY, load=enquiry_load, kwarg="enquiry_uuid", person_of=enquiry_person)
while_open = unless(
    lambda enquiry: enquiry.concluded_on is not None,
    "The enquiry has been concluded: it can no longer be changed",
    enquiry_url,
)


# The unit's full list: as many a page as the triage queue and the DoLS waiting list show.
OPEN_PER_PAGE = 25


@require_http_methods(["GET"])
def open_enquiries(request: StaffRequest) -> HttpResponse:
    """Every open section 42 enquiry the Safeguarding Adults Unit holds, with its stage and how many
    days it has been open: the full list behind the "my work" section, for the same staff."""
    require(
        worklists.may_see_unit_enquiries(request.user),
        "Only the Safeguarding Adults Unit's staff see the unit's open enquiries",
    )
    sort = request.GET.get("sort", "age")
    sort = sort if sort in worklists.SORTS else "age"
    page = Paginator(worklists.unit_open_enquiries(request.user, sort=sort), OPEN_PER_PAGE).get_page(
        request.GET.get("page")
    )
    today = clock.today()
    return render(
        request,
        "safeguarding/open_enquiries.html",
        {
            "page": page,
            "pages": pagination(page, request),
            "sort": sort,
            "rows": [(e, worklists.stage_of(e), (today - e.started_on).days) for e in page.object_list],
        },
    )


@require_http_methods(["GET"])
@enquiry_page
def enquiry(request: StaffRequest, record: Record[Enquiry]) -> HttpResponse:
    enquiry = record.obj
    return record.render(
        "safeguarding/enquiry.html",
        {
            "enquiry": enquiry,
            "concern": enquiry.concern,
            "outcomes": list(enquiry.desired_outcomes.all()),
            "meetings": list(enquiry.meetings.all()),
            "actions": list(enquiry.actions.all()),
            "contributions": list(enquiry.contributions.all()),
            "open": enquiry.concluded_on is None,
            "can_sign_off": enquiry.concluded_on is not None
            and enquiry.signed_off_at is None
            and policies.can_sign_off(request.user, enquiry.concern.team_id, enquiry.concluded_by_id),
            "user_name": presenters.user_name,
            "today": clock.today(),
        },
    )


def _form_view(
    form_class: type[Any],
    service: Callable[..., object],
    *,
    done: str,
    template: str,
    initial: Callable[[Enquiry], dict[str, Any]] | None = None,
) -> View:
    return form_view(
        lambda view: enquiry_page(while_open(view)),
        form_class,
        service,
        document="enquiry",
        done=done,
        template=template,
        then=enquiry_url,
        context=lambda enquiry: {"enquiry": enquiry, "concern": enquiry.concern},
        initial=initial,
    )


meeting_record = _form_view(
    forms.MeetingForm, services.meeting_record, done="Planning meeting recorded", template="meeting_record"
)
action_add = _form_view(forms.ActionForm, services.action_add, done="Action added", template="action_add")
contribution_add = _form_view(
    forms.ContributionForm, services.contribution_add, done="Contribution added", template="contribution_add"
)
plan_record = _form_view(
    forms.PlanForm,
    services.plan_record,
    done="Safeguarding plan saved",
    template="plan_record",
    initial=lambda enquiry: {"plan": enquiry.plan, "agreed_on": enquiry.plan_agreed_on, "version": enquiry.version},
)


def _enquiry_form(
    record: Record[Enquiry], form: Any, run: Callable[[], object], *, done: str, template: str, **context: Any
) -> HttpResponse:
    enquiry = record.obj
    return form_page(
        record,
        form,
        run,
        done=done,
        then=enquiry_url(enquiry),
        template=template,
        enquiry=enquiry,
        concern=enquiry.concern,
        **context,
    )


@require_http_methods(["GET", "POST"])
@enquiry_page
@while_open
def enquiry_lead(request: StaffRequest, record: Record[Enquiry]) -> HttpResponse:
    enquiry = record.obj
    leads = page_selectors.team_members_with(team_id=enquiry.concern.team_id, permission=Permission.SAFEGUARDING_WORK)
    initial = {"lead": str(enquiry.lead.uuid) if enquiry.lead else ""}
    form = forms.LeadForm(posted(request), initial=initial, leads=people(leads))
    return _enquiry_form(
        record,
        form,
        lambda: services.enquiry_lead_set(
            enquiry=enquiry, lead=page_selectors.user_in(leads, form.cleaned_data["lead"]), actor=request.user
        ),
        done="Lead practitioner set",
        template="enquiry_lead",
    )


@require_http_methods(["GET", "POST"])
@enquiry_page
@while_open
def enquiry_outcomes(request: StaffRequest, record: Record[Enquiry]) -> HttpResponse:
    """Making Safeguarding Personal: was the adult asked what they want, and what, in their own words."""
    enquiry = record.obj
    initial = {
        "asked": enquiry.outcomes_asked,
        "outcomes": "\n".join(o.in_own_words for o in enquiry.desired_outcomes.all()),
        "version": enquiry.version,
    }
    form = forms.OutcomesForm(posted(request), initial=initial)
    return _enquiry_form(
        record,
        form,
        lambda: services.enquiry_outcomes_record(
            enquiry=enquiry,
            asked=form.cleaned_data["asked"],
            outcomes=form.outcome_lines(),
            version=form.cleaned_data["version"],
            actor=request.user,
        ),
        done="The adult's outcomes recorded",
        template="enquiry_outcomes",
    )


@require_http_methods(["GET", "POST"])
@enquiry_page
@while_open
def action_done(request: StaffRequest, record: Record[Enquiry], action_id: int) -> HttpResponse:
    enquiry = record.obj
    action = page_selectors.action_of(enquiry_id=enquiry.pk, action_id=action_id)
    if action.done_on is not None:
        messages.info(request, "That action is already done")
        return redirect(enquiry_url(enquiry))
    form = forms.ActionDoneForm(posted(request), initial={"done_on": clock.today()})
    return _enquiry_form(
        record,
        form,
        lambda: services.action_done(action=action, done_on=form.cleaned_data["done_on"], actor=request.user),
        done="Action marked done",
        template="action_done",
        action=action,
    )


@require_http_methods(["GET", "POST"])
@enquiry_page
@while_open
def enquiry_conclude(request: StaffRequest, record: Record[Enquiry]) -> HttpResponse:
    """Close the enquiry after a check: the risk outcome, and whether each outcome the adult wanted was achieved."""
    enquiry = record.obj
    outcomes = list(enquiry.desired_outcomes.all())
    open_actions = [(a.pk, a.description) for a in enquiry.actions.all() if a.done_on is None]
    initial = {"concluded_on": clock.today(), "version": enquiry.version}
    form = forms.ConcludeForm(
        posted(request),
        initial=initial,
        outcomes=[(o.pk, o.in_own_words) for o in outcomes],
        open_actions=open_actions,
    )
    return _enquiry_form(
        record,
        form,
        lambda: services.enquiry_conclude(
            enquiry=enquiry, ending=form.ending(), version=form.cleaned_data["version"], actor=request.user
        ),
        done="Enquiry concluded: it is waiting for a manager's sign-off",
        template="enquiry_conclude",
        outcomes=outcomes,
    )


@require_http_methods(["GET", "POST"])
@enquiry_page
def enquiry_sign_off(request: StaffRequest, record: Record[Enquiry]) -> HttpResponse:
    """A manager's sign-off closes a concluded enquiry and its concern (the rule: `policies.can_sign_off`)."""
    enquiry = record.obj
    if not policies.can_sign_off(request.user, enquiry.concern.team_id, enquiry.concluded_by_id):
        raise PermissionDenied(
            "Only a manager in the safeguarding team, other than the person who concluded it, can sign off the enquiry."
        )
    if enquiry.concluded_on is None or enquiry.signed_off_at is not None:
        messages.info(request, "The enquiry is not waiting for sign-off")
        return redirect(enquiry_url(enquiry))
    form = forms.SignOffForm(posted(request), initial={"version": enquiry.version})
    return _enquiry_form(
        record,
        form,
        lambda: services.enquiry_sign_off(enquiry=enquiry, version=form.cleaned_data["version"], actor=request.user),
        done="Enquiry signed off: it and its concern are closed",
        template="enquiry_sign_off",
    )


@require_http_methods(["GET"])
@record_page(
    "the outcome of a safeguarding enquiry", load=enquiry_outcome_load, kwarg="enquiry_uuid", person_of=enquiry_person
)
def enquiry_outcome(request: StaffRequest, record: Record[Enquiry]) -> HttpResponse:
    """How an enquiry ended, for the member of staff who raised its concern as well as its team:
    shown once a manager has signed it off."""
    enquiry = record.obj
    return record.render(
        "safeguarding/enquiry_outcome.html",
        {
            "enquiry": enquiry,
            "concern": enquiry.concern,
            "outcomes": list(enquiry.desired_outcomes.all()),
            "closed": enquiry.signed_off_at is not None,
        },
    )
