"""Workforce pages: caseloads, waiting lists and cases, the establishment, the dashboard and the rules.

Thin views: the team scope (404 outside the actor's teams), the permission (403), form, service,
redirect. Pages about a person go through the record-page kit (`cases`).
"""

from tandem.workforce.views.caseloads import home, practitioner, profile_edit, team_caseloads
from tandem.workforce.views.cases import (
    case,
    case_allocate,
    case_close,
    case_keep_in_touch,
    case_open,
    case_screen,
    case_weigh,
    case_weight_override,
    waiting_list,
)
from tandem.workforce.views.dashboard import alerts, dashboard, dashboard_figure
from tandem.workforce.views.establishment import establishment, post_add, post_edit
from tandem.workforce.views.rules import rules_edit, rules_view

__all__ = [
    "alerts",
    "case",
    "case_allocate",
    "case_close",
    "case_keep_in_touch",
    "case_open",
    "case_screen",
    "case_weigh",
    "case_weight_override",
    "dashboard",
    "dashboard_figure",
    "establishment",
    "home",
    "post_add",
    "post_edit",
    "practitioner",
    "profile_edit",
    "rules_edit",
    "rules_view",
    "team_caseloads",
    "waiting_list",
]
