"""Safeguarding pages: the triage queue, concerns, enquiries, DoLS and the returns.

Thin views: scope (404 outside the team), permission (403), form, service, redirect. Every page
about a concern, an enquiry or a DoLS application goes through the record-page kit
(`tandem.people.record_page`). One module a sub-area; the views the URLs name are here.
"""

from tandem.safeguarding.views.concerns import concern, concern_edit, concern_new, concern_warning, triage_queue
from tandem.safeguarding.views.dols import (
    dols_allocate,
    dols_application,
    dols_decide,
    dols_extend,
    dols_priority,
    dols_receive,
    dols_renewals,
    dols_waiting_list,
)
from tandem.safeguarding.views.enquiries import (
    action_add,
    action_done,
    contribution_add,
    enquiry,
    enquiry_conclude,
    enquiry_lead,
    enquiry_outcome,
    enquiry_outcomes,
    enquiry_sign_off,
    meeting_record,
    open_enquiries,
    plan_record,
)
from tandem.safeguarding.views.returns import returns_csv, returns_dols_cases, returns_figure, returns_page

__all__ = [
    "action_add",
    "action_done",
    "concern",
    "concern_edit",
    "concern_new",
    "concern_warning",
    "contribution_add",
    "dols_allocate",
    "dols_application",
    "dols_decide",
    "dols_extend",
    "dols_priority",
    "dols_receive",
    "dols_renewals",
    "dols_waiting_list",
    "enquiry",
    "enquiry_conclude",
    "enquiry_lead",
    "enquiry_outcome",
    "enquiry_outcomes",
    "enquiry_sign_off",
    "meeting_record",
    "open_enquiries",
    "plan_record",
    "returns_csv",
    "returns_dols_cases",
    "returns_figure",
    "returns_page",
    "triage_queue",
]
