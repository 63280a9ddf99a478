"""Writes to safeguarding records: permission-checked, transactional and audited.

`concern_raise` is the hand-over point for other apps (the front door's outcome calls it).
Safeguarding work on a concern (triage, the enquiry, its conclusion) is for members of the
team the concern sits with; each change to a concern, an enquiry or a DoLS application names
the version it was made from, and a stale one is refused rather than overwriting someone
else's work. One module a sub-area: concerns, enquiries, DoLS; the public names are here.
"""

from tandem.safeguarding.services._shared import MAX_NAME, MAX_SUMMARY, MAX_TEXT
from tandem.safeguarding.services.concerns import (
    ConcernDetails,
    Section42Test,
    concern_details_update,
    concern_raise,
    concern_triage,
    concern_warning_raise,
    provider_key,
    safeguarding_team_default,
    triage_working_days,
)
from tandem.safeguarding.services.dols import (
    DolsDecision,
    DolsRequest,
    authorisation_latest_end,
    cassr_code,
    dols_application_receive,
    dols_assessors_allocate,
    dols_collection_export,
    dols_decide,
    dols_priority_change,
    dols_urgent_extend,
)
from tandem.safeguarding.services.enquiries import (
    Conclusion,
    action_add,
    action_done,
    contribution_add,
    enquiry_conclude,
    enquiry_lead_set,
    enquiry_outcomes_record,
    enquiry_sign_off,
    meeting_record,
    plan_record,
)

__all__ = [
    "MAX_NAME",
    "MAX_SUMMARY",
    "MAX_TEXT",
    "ConcernDetails",
    "Conclusion",
    "DolsDecision",
    "DolsRequest",
    "Section42Test",
    "action_add",
    "action_done",
    "authorisation_latest_end",
    "cassr_code",
    "concern_details_update",
    "concern_raise",
    "concern_triage",
    "concern_warning_raise",
    "contribution_add",
    "dols_application_receive",
    "dols_assessors_allocate",
    "dols_collection_export",
    "dols_decide",
    "dols_priority_change",
    "dols_urgent_extend",
    "enquiry_conclude",
    "enquiry_lead_set",
    "enquiry_outcomes_record",
    "enquiry_sign_off",
    "meeting_record",
    "plan_record",
    "provider_key",
    "safeguarding_team_default",
    "triage_working_days",
]
