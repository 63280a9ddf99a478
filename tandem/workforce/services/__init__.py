"""Every write in the workforce app, by sub-area: profiles and posts, the rules, cases, alerts."""

from tandem.workforce.services.alerts import alerts_check, digest_send
from tandem.workforce.services.cases import (
    case_allocate,
    case_close,
    case_keep_in_touch,
    case_move_on,
    case_open,
    case_open_for_request,
    case_screen,
    case_weigh,
    case_weight_override,
)
from tandem.workforce.services.establishment import (
    NOT_YOUR_TEAM,
    ProfileDetails,
    post_add,
    post_end,
    post_fill,
    profile_save,
)
from tandem.workforce.services.health_risk import cases_risk_changed
from tandem.workforce.services.rule_versions import rules_save

__all__ = [
    "NOT_YOUR_TEAM",
    "ProfileDetails",
    "alerts_check",
    "case_allocate",
    "case_close",
    "case_keep_in_touch",
    "case_move_on",
    "case_open",
    "case_open_for_request",
    "case_screen",
    "case_weigh",
    "case_weight_override",
    "cases_risk_changed",
    "digest_send",
    "post_add",
    "post_end",
    "post_fill",
    "profile_save",
    "rules_save",
]
