"""Who may do what: every named URL, for every role and for a stranger, by GET and by POST.

The tables state the answer each cell must give; a URL missing from a table fails, so a new page
cannot ship without someone deciding who may use it. A refused POST must change nothing.

Outcomes:
  200, 400, 403, 404, 405   that status
  "sign_in"                 302 to the sign-in page, coming back to this URL afterwards
  "moved:<url name>"        302 to that page, and nothing written
  "saved:<url name>"        302 to that page after the write the form asks for
"""

# pytest hands a test its fixtures as positional arguments, however many it needs.

import sys
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.db import transaction
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse

from tandem.access.models import BreakGlass, RestrictionChange, RestrictionChangeKind
from tandem.access.services import glass_break, record_restrict
from tandem.assessments import services as assessment_services
from tandem.audit.models import AuditEvent
from tandem.core import clock
from tandem.directory import postcodes, search_index
from tandem.directory.models import Service, ServiceStatus
from tandem.directory.tests.curation_data import curated_service_make
from tandem.front_door import services as front_door_services
from tandem.front_door.codes import ContactRoute, ContactSource
from tandem.front_door.models import Contact
from tandem.identity.models import Membership, Organisation, OrganisationKind, Team, TeamKind, User
from tandem.identity.permissions import Role
from tandem.people.codes import ConsentDecision, Ethnicity, Gender, Relationship, WarningCategory
from tandem.people.models import HazardWarning, NetworkMember, Person
from tandem.safeguarding.tests.page_data import safeguarding_forms, safeguarding_world
from tandem.support_plans.tests.plan_data import provider_world, support_plans_world
from tandem.workforce import forms as workforce_forms
from tandem.workforce import rules as workforce_rules
from tandem.workforce.codes import AlertKind
from tandem.workforce.tests.page_data import workforce_world
from tests.conftest import PASSWORD, network_member_make, person_make, staff_make, warning_make
from tests.tables import Tables

A, P, M, B, S = "anonymous", Role.PRACTITIONER, Role.TEAM_MANAGER, Role.BUSINESS_SUPPORT, Role.SYSTEM_ADMINISTRATOR
C = Role.CARE_PROVIDER


ROLES = [A, *Role.values]


def row(
    anonymous: Any,
    practitioner: Any,
    team_manager: Any,
    business_support: Any,
    system_administrator: Any,
    care_provider: Any = None,
) -> dict[str, Any]:
    """A care provider's staff, like system administrators, work with no one's record (no person.view):
    a page answers them as it answers an administrator unless the row names their answer."""
    provider = system_administrator if care_provider is None else care_provider
    return {A: anonymous, P: practitioner, M: team_manager, B: business_support, S: system_administrator, C: provider}


# System administrators run the system, not people's records: person pages answer 404 to them
# (they cannot see that the record exists), and the search and warnings lists refuse them (403).
GET = {
    "identity:sign_in": row(
        200, "moved:people:search", "moved:people:search", "moved:people:search", "moved:identity:account"
    ),
    "identity:verify": row(
        "sign_in", "moved:people:search", "moved:people:search", "moved:people:search", "moved:identity:account"
    ),
    "identity:sign_out": row("sign_in", 405, 405, 405, 405),
    "identity:account": row("sign_in", 200, 200, 200, 200),
    "identity:second_factor_setup": row("sign_in", 200, 200, 200, 200),
    "identity:accessibility": row(200, 200, 200, 200, 200),
    "people:search": row("sign_in", 200, 200, 200, 403),
    "people:create": row("sign_in", 200, 200, 200, 403),
    "people:warnings_due": row("sign_in", 200, 200, 200, 403),
    "people:summary": row("sign_in", 200, 200, 200, 404),
    "people:details_edit": row("sign_in", 200, 200, 200, 404),
    "people:voice_edit": row("sign_in", 200, 200, 200, 404),
    "people:previous_name_add": row("sign_in", 200, 200, 200, 404),
    "people:network": row("sign_in", 200, 200, 200, 404),
    "people:network_add": row("sign_in", 200, 200, 200, 404),
    "people:network_end": row("sign_in", 200, 200, 200, 404),
    "people:consent_add": row("sign_in", 200, 200, 200, 404),
    "people:warning_raise": row("sign_in", 200, 200, 403, 404),
    "people:warning_end": row("sign_in", 200, 200, 403, 404),
    "people:warning_review": row("sign_in", 200, 200, 403, 404),
    "people:history": row("sign_in", 200, 200, 403, 404),
    "people:access_log": row("sign_in", 403, 200, 403, 404),
    "people:merge": row("sign_in", 403, 200, 403, 404),
    "people:restrict": row("sign_in", 403, 200, 403, 404),
    # The record is not restricted, so there is no glass to break: straight to the record.
    "people:break_glass": row("sign_in", "moved:people:summary", "moved:people:summary", "moved:people:summary", 404),
    "access:break_glass_list": row("sign_in", 403, 200, 403, 403),
    "access:break_glass_review": row("sign_in", 405, 405, 405, 405),
    "access:restriction_change_list": row("sign_in", 403, 200, 403, 403),
    "access:restriction_change_review": row("sign_in", 405, 405, 405, 405),
    # The load balancer's health checks: public, the same answer for everyone.
    "core:healthz": row(200, 200, 200, 200, 200),
    "core:readyz": row(200, 200, 200, 200, 200),
    # The ORUK directory API is public by the standard: the same answer for everyone, signed in
    # or not. The world has no directory entries, so an id names nothing (404).
    "directory:oruk_root": row(200, 200, 200, 200, 200),
    "directory:oruk_services": row(200, 200, 200, 200, 200),
    "directory:oruk_service": row(404, 404, 404, 404, 404),
    "directory:oruk_taxonomies": row(200, 200, 200, 200, 200),
    "directory:oruk_taxonomy": row(404, 404, 404, 404, 404),
    "directory:oruk_taxonomy_terms": row(200, 200, 200, 200, 200),
    "directory:oruk_taxonomy_term": row(404, 404, 404, 404, 404),
    "directory:oruk_service_at_locations": row(200, 200, 200, 200, 200),
    "directory:oruk_service_at_location": row(404, 404, 404, 404, 404),
    # The public directory search is open to everyone, like the API; with nothing asked, the
    # printable list goes back to the search form, and the filled-in service id names nothing.
    "directory:public_search": row(200, 200, 200, 200, 200),
    "directory:public_print": row(
        "moved:directory:public_search",
        "moved:directory:public_search",
        "moved:directory:public_search",
        "moved:directory:public_search",
        "moved:directory:public_search",
    ),
    "directory:public_service": row(404, 404, 404, 404, 404),
    # Staff curation of the directory: everyone who signposts people; not system administrators.
    "directory:manage": row("sign_in", 200, 200, 200, 403),
    "directory:manage_stale": row("sign_in", 200, 200, 200, 403),
    "directory:manage_service_add": row("sign_in", 200, 200, 200, 403),
    "directory:manage_service": row("sign_in", 200, 200, 200, 403),
    "directory:manage_service_edit": row("sign_in", 200, 200, 200, 403),
    "directory:manage_service_check": row("sign_in", 405, 405, 405, 405),
    "directory:manage_service_status": row("sign_in", 200, 200, 200, 403),
    # The front door: staff who record contacts (not system administrators, who never see people).
    "front_door:queue": row("sign_in", 200, 200, 200, 403),
    "front_door:contact_new": row("sign_in", 200, 200, 200, 403),
    "front_door:contact": row("sign_in", 200, 200, 200, 403),
    # The world's contact is already about a person: back to the contact.
    "front_door:contact_link_person": row(
        "sign_in", "moved:front_door:contact", "moved:front_door:contact", "moved:front_door:contact", 403
    ),
    "front_door:conversation_add": row("sign_in", 200, 200, 200, 403),
    "front_door:outcome_add": row("sign_in", 200, 200, 200, 403),
    "front_door:signpost": row("sign_in", 200, 200, 200, 403),
    "front_door:signposting_remove": row("sign_in", 405, 405, 405, 405),
    "front_door:services_list": row("sign_in", 200, 200, 200, 403),
    "front_door:follow_up_add": row("sign_in", 200, 200, 200, 403),
    "front_door:follow_up_done": row("sign_in", 200, 200, 200, 403),
    "front_door:allocate": row("sign_in", 200, 200, 200, 403),
    "front_door:close": row("sign_in", 200, 200, 200, 403),
    # Front-door figures, and the contacts behind each: team managers only.
    "front_door:figures": row("sign_in", 403, 200, 403, 403),
    "front_door:figures_contacts": row("sign_in", 403, 200, 403, 403),
    # The public "ask for help" journey: no sign-in, the same for everyone. A fresh session has
    # no answers, so a later question sends the visitor to the first one, and the confirmation
    # (nothing sent yet) back to the start page.
    "front_door:ask_start": row(200, 200, 200, 200, 200),
    "front_door:ask_who": row(200, 200, 200, 200, 200),
    **{
        f"front_door:ask_{name}": row(*["moved:front_door:ask_who"] * 5)
        for name in ("helper", "about", "matters", "hard", "help", "money", "self_assessment", "contact", "check")
    },
    "front_door:ask_done": row(*["moved:front_door:ask_start"] * 5),
    "front_door:ask_privacy": row(200, 200, 200, 200, 200),
    # Needs assessments: practitioners and managers; business support and system administrators
    # never work with assessments (403). The world's assessment is completed (by the practitioner),
    # so the check-and-complete page goes back to it, and only a manager may authorise it.
    "assessments:assessment_start": row("sign_in", 200, 200, 403, 403),
    "assessments:carer_assessment_start": row("sign_in", 200, 200, 403, 403),
    "assessments:assessment": row("sign_in", 200, 200, 403, 403),
    "assessments:assessment_complete": row(
        "sign_in", "moved:assessments:assessment", "moved:assessments:assessment", 403, 403
    ),
    "assessments:judgement_record": row("sign_in", 200, 200, 403, 403),
    "assessments:assessment_authorise": row("sign_in", 403, 200, 403, 403),
    "assessments:assessment_history": row("sign_in", 200, 200, 403, 403),
    "assessments:statement": row("sign_in", 200, 200, 403, 403),
    # Care and support plans: practitioners and managers write them, managers sign them off;
    # business support and system administrators never work with plans (403). The world's plan is
    # a draft, so the pages for agreed versions (copy, sign-off, revise) go back to it.
    **{
        f"support_plans:{name}": row("sign_in", 200, 200, 403, 403)
        for name in (
            "plan_start",
            "plan",
            "plan_edit",
            "outcome_add",
            "outcome_edit",
            "outcome_remove",
            "community_add",
            "commissioned_add",
            "commissioned_edit",
            "commissioned_remove",
            "plan_complete",
            "plan_versions",
            "plan_document",
            "plan_document_pdf",
        )
    },
    "support_plans:community_remove": row("sign_in", 405, 405, 405, 405),
    "support_plans:plan_copy": row("sign_in", "moved:support_plans:plan", "moved:support_plans:plan", 403, 403),
    "support_plans:plan_sign_off": row("sign_in", 403, "moved:support_plans:plan", 403, 403),
    "support_plans:plan_revise": row("sign_in", "moved:support_plans:plan", "moved:support_plans:plan", 403, 403),
    # Reviews: only the version in force is reviewed (the world's draft goes back to its plan); the
    # world's review is in progress, every outcome answered.
    "support_plans:review_start": row("sign_in", "moved:support_plans:plan", "moved:support_plans:plan", 403, 403),
    "support_plans:review": row("sign_in", 200, 200, 403, 403),
    "support_plans:review_complete": row("sign_in", 200, 200, 403, 403),
    "support_plans:reviews_due": row("sign_in", 200, 200, 403, 403),
    # Safeguarding: the world's staff are all in the safeguarding unit holding the records, but only
    # practitioners and managers do safeguarding and DoLS work (business support may raise a concern);
    # allocating DoLS assessors and the returns are a manager's.
    "safeguarding:triage_queue": row("sign_in", 200, 200, 403, 403),
    "safeguarding:concern_new": row("sign_in", 200, 200, 200, 403),
    **{
        f"safeguarding:{name}": row("sign_in", 200, 200, 403, 403)
        for name in (
            "concern",
            "concern_edit",
            "concern_warning",
            "enquiry",
            "enquiry_lead",
            "enquiry_outcomes",
            "meeting_record",
            "action_add",
            "action_done",
            "contribution_add",
            "plan_record",
            "enquiry_conclude",
            "dols_waiting_list",
            "dols_renewals",
            "dols_receive",
            "dols_application",
            "dols_extend",
            "dols_priority",
            "dols_decide",
        )
    },
    "safeguarding:dols_allocate": row("sign_in", 403, 200, 403, 403),
    "safeguarding:returns": row("sign_in", 403, 200, 403, 403),
    "safeguarding:returns_csv": row("sign_in", 403, 200, 403, 403),
    "safeguarding:returns_dols_cases": row("sign_in", 403, 200, 403, 403),
    # With no figure named, back to the returns.
    "safeguarding:returns_figure": row("sign_in", 403, "moved:safeguarding:returns", 403, 403),
    # The trusted care provider view: only a provider's staff, and only for their own packages; a
    # provider's review is checked by those who write plans (a provider never sees the plan).
    "support_plans:provider_packages": row("sign_in", 403, 403, 403, 403, care_provider=200),
    "support_plans:provider_review_submit": row("sign_in", 403, 403, 403, 403, care_provider=200),
    "support_plans:provider_review_check": row("sign_in", 200, 200, 403, 403, care_provider=403),
    # Workforce: every page is of the actor's own teams (the world's staff all belong to its team).
    # Practitioners and business support see caseloads and work the waiting list; allocating,
    # weighing cases, profiles, posts and the dashboard are a manager's; neither system
    # administrators nor a care provider's staff use the workforce pages (403). The world's case
    # waits, and is no one's, so only a manager may close it.
    **{
        f"workforce:{name}": row("sign_in", 200, 200, 200, 403)
        for name in (
            "home",
            "team_caseloads",
            "waiting_list",
            "establishment",
            "practitioner",
            "case_open",
            "case",
            "case_screen",
            "case_keep_in_touch",
            "rules",
        )
    },
    **{
        f"workforce:{name}": row("sign_in", 403, 200, 403, 403)
        for name in (
            "post_add",
            "post_edit",
            "profile_edit",
            "case_weigh",
            "case_weight_override",
            "case_allocate",
            "case_close",
            "dashboard",
            "dashboard_figure",
            "alerts",
        )
    },
    # The weighting rules are the principal social worker's: the world's manager is not one.
    "workforce:rules_edit": row("sign_in", 403, 403, 403, 403),
}

POST = {
    "identity:sign_in": row(
        "saved:people:search",
        "moved:people:search",
        "moved:people:search",
        "moved:people:search",
        "moved:identity:account",
    ),
    "identity:verify": row(
        "sign_in", "moved:people:search", "moved:people:search", "moved:people:search", "moved:identity:account"
    ),
    "identity:sign_out": row(
        "sign_in",
        "saved:identity:sign_in",
        "saved:identity:sign_in",
        "saved:identity:sign_in",
        "saved:identity:sign_in",
    ),
    # Read-only pages refuse other methods.
    "identity:account": row("sign_in", 405, 405, 405, 405),
    # The code is wrong, so the form answers 400 (setting up a device writes only django-otp's table).
    "identity:second_factor_setup": row("sign_in", 400, 400, 400, 400),
    "identity:accessibility": row(405, 405, 405, 405, 405),
    "people:search": row("sign_in", 405, 405, 405, 405),
    "people:create": row("sign_in", "saved:people:summary", "saved:people:summary", "saved:people:summary", 403),
    "people:warnings_due": row("sign_in", 405, 405, 405, 405),
    "people:summary": row("sign_in", 405, 405, 405, 405),
    "people:details_edit": row("sign_in", "saved:people:summary", "saved:people:summary", "saved:people:summary", 404),
    "people:voice_edit": row("sign_in", "saved:people:summary", "saved:people:summary", "saved:people:summary", 404),
    "people:previous_name_add": row(
        "sign_in", "saved:people:summary", "saved:people:summary", "saved:people:summary", 404
    ),
    "people:network": row("sign_in", 405, 405, 405, 405),
    "people:network_add": row("sign_in", "saved:people:summary", "saved:people:summary", "saved:people:summary", 404),
    "people:network_end": row("sign_in", "saved:people:summary", "saved:people:summary", "saved:people:summary", 404),
    "people:consent_add": row("sign_in", "saved:people:summary", "saved:people:summary", "saved:people:summary", 404),
    "people:warning_raise": row("sign_in", "saved:people:summary", "saved:people:summary", 403, 404),
    "people:warning_end": row("sign_in", "saved:people:summary", "saved:people:summary", 403, 404),
    "people:warning_review": row("sign_in", "saved:people:warnings_due", "saved:people:warnings_due", 403, 404),
    "people:history": row("sign_in", 405, 405, 405, 405),
    "people:access_log": row("sign_in", 405, 405, 405, 405),
    "people:merge": row("sign_in", 403, "saved:people:summary", 403, 404),
    "people:restrict": row("sign_in", 403, "saved:people:summary", 403, 404),
    "people:break_glass": row("sign_in", "moved:people:summary", "moved:people:summary", "moved:people:summary", 404),
    "access:break_glass_list": row("sign_in", 405, 405, 405, 405),
    # Only reviewers can find a grant at all, so for everyone else it does not exist.
    "access:break_glass_review": row("sign_in", 404, "saved:access:break_glass_list", 404, 404),
    "access:restriction_change_list": row("sign_in", 405, 405, 405, 405),
    # As with break-glass: only reviewers can find a change to a restriction at all.
    "access:restriction_change_review": row("sign_in", 404, "saved:access:restriction_change_list", 404, 404),
    # The health checks and the ORUK API are read-only.
    "core:healthz": row(405, 405, 405, 405, 405),
    "core:readyz": row(405, 405, 405, 405, 405),
    "directory:oruk_root": row(405, 405, 405, 405, 405),
    "directory:oruk_services": row(405, 405, 405, 405, 405),
    "directory:oruk_service": row(405, 405, 405, 405, 405),
    "directory:oruk_taxonomies": row(405, 405, 405, 405, 405),
    "directory:oruk_taxonomy": row(405, 405, 405, 405, 405),
    "directory:oruk_taxonomy_terms": row(405, 405, 405, 405, 405),
    "directory:oruk_taxonomy_term": row(405, 405, 405, 405, 405),
    "directory:oruk_service_at_locations": row(405, 405, 405, 405, 405),
    "directory:oruk_service_at_location": row(405, 405, 405, 405, 405),
    "directory:public_search": row(405, 405, 405, 405, 405),
    "directory:public_print": row(405, 405, 405, 405, 405),
    "directory:public_service": row(405, 405, 405, 405, 405),
    "directory:manage": row("sign_in", 405, 405, 405, 405),
    "directory:manage_stale": row("sign_in", 405, 405, 405, 405),
    "directory:manage_service_add": row(
        "sign_in",
        "saved:directory:manage_service",
        "saved:directory:manage_service",
        "saved:directory:manage_service",
        403,
    ),
    "directory:manage_service": row("sign_in", 405, 405, 405, 405),
    "directory:manage_service_edit": row(
        "sign_in",
        "saved:directory:manage_service",
        "saved:directory:manage_service",
        "saved:directory:manage_service",
        403,
    ),
    "directory:manage_service_check": row(
        "sign_in",
        "saved:directory:manage_service",
        "saved:directory:manage_service",
        "saved:directory:manage_service",
        403,
    ),
    # The form confirms the change (confirm=yes), so it saves straight away.
    "directory:manage_service_status": row(
        "sign_in",
        "saved:directory:manage_service",
        "saved:directory:manage_service",
        "saved:directory:manage_service",
        403,
    ),
    "front_door:queue": row("sign_in", 405, 405, 405, 405),
    # The person is chosen first (?person=...): a bare POST has nothing to record.
    "front_door:contact_new": row("sign_in", 405, 405, 405, 403),
    "front_door:contact": row("sign_in", 405, 405, 405, 405),
    "front_door:contact_link_person": row(
        "sign_in", "moved:front_door:contact", "moved:front_door:contact", "moved:front_door:contact", 403
    ),
    "front_door:conversation_add": row(
        "sign_in", "saved:front_door:contact", "saved:front_door:contact", "saved:front_door:contact", 403
    ),
    "front_door:outcome_add": row(
        "sign_in", "saved:front_door:contact", "saved:front_door:contact", "saved:front_door:contact", 403
    ),
    "front_door:signpost": row(
        "sign_in", "saved:front_door:signpost", "saved:front_door:signpost", "saved:front_door:signpost", 403
    ),
    "front_door:signposting_remove": row(
        "sign_in", "saved:front_door:signpost", "saved:front_door:signpost", "saved:front_door:signpost", 403
    ),
    "front_door:services_list": row(
        "sign_in",
        "saved:front_door:services_list",
        "saved:front_door:services_list",
        "saved:front_door:services_list",
        403,
    ),
    "front_door:follow_up_add": row(
        "sign_in", "saved:front_door:contact", "saved:front_door:contact", "saved:front_door:contact", 403
    ),
    "front_door:follow_up_done": row(
        "sign_in", "saved:front_door:contact", "saved:front_door:contact", "saved:front_door:contact", 403
    ),
    # Managers allocate to anyone in the team; others may only take a contact themselves, so
    # business support naming the practitioner is refused by the form.
    "front_door:allocate": row("sign_in", "saved:front_door:contact", "saved:front_door:contact", 400, 403),
    # The contact has no outcome yet, so it cannot be closed: the form says why.
    "front_door:close": row("sign_in", 400, 400, 400, 403),
    # The figures are read-only.
    "front_door:figures": row("sign_in", 405, 405, 405, 405),
    "front_door:figures_contacts": row("sign_in", 405, 405, 405, 405),
    # The public journey, posted with an empty body: the first question answers 400 (nothing
    # chosen); a later question, and sending, go back to the first question (no earlier answers);
    # nothing is ever written to the database before sending. Start, confirmation and privacy
    # notice are read-only.
    "front_door:ask_start": row(405, 405, 405, 405, 405),
    "front_door:ask_who": row(400, 400, 400, 400, 400),
    **{
        f"front_door:ask_{name}": row(*["moved:front_door:ask_who"] * 5)
        for name in ("helper", "about", "matters", "hard", "help", "money", "self_assessment", "contact", "check")
    },
    "front_door:ask_done": row(405, 405, 405, 405, 405),
    "front_door:ask_privacy": row(405, 405, 405, 405, 405),
    "assessments:assessment_start": row(
        "sign_in", "saved:assessments:assessment", "saved:assessments:assessment", 403, 403
    ),
    "assessments:carer_assessment_start": row(
        "sign_in", "saved:assessments:assessment", "saved:assessments:assessment", 403, 403
    ),
    # A completed assessment's answers cannot change: back to it, nothing written.
    "assessments:assessment": row("sign_in", "moved:assessments:assessment", "moved:assessments:assessment", 403, 403),
    "assessments:assessment_complete": row(
        "sign_in", "moved:assessments:assessment", "moved:assessments:assessment", 403, 403
    ),
    "assessments:judgement_record": row(
        "sign_in", "saved:assessments:assessment", "saved:assessments:assessment", 403, 403
    ),
    # The practitioner completed it; a manager authorises.
    "assessments:assessment_authorise": row("sign_in", 403, "saved:assessments:assessment", 403, 403),
    "assessments:assessment_history": row("sign_in", 405, 405, 405, 405),
    "assessments:statement": row("sign_in", 405, 405, 405, 405),
    **{
        f"support_plans:{name}": row("sign_in", "saved:support_plans:plan", "saved:support_plans:plan", 403, 403)
        for name in (
            "plan_start",
            "plan_edit",
            "outcome_add",
            "outcome_edit",
            "outcome_remove",
            "community_add",
            "community_remove",
            "commissioned_add",
            "commissioned_edit",
            "commissioned_remove",
            "plan_complete",
        )
    },
    **{
        f"support_plans:{name}": row("sign_in", 405, 405, 405, 405)
        for name in ("plan", "plan_versions", "plan_document", "plan_document_pdf")
    },
    # The world's plan is a draft: nothing to copy, sign off or revise yet, so back to it unchanged.
    "support_plans:plan_copy": row("sign_in", "moved:support_plans:plan", "moved:support_plans:plan", 403, 403),
    "support_plans:plan_sign_off": row("sign_in", 403, "moved:support_plans:plan", 403, 403),
    "support_plans:plan_revise": row("sign_in", "moved:support_plans:plan", "moved:support_plans:plan", 403, 403),
    "support_plans:review_start": row("sign_in", "moved:support_plans:plan", "moved:support_plans:plan", 403, 403),
    "support_plans:review": row("sign_in", "saved:support_plans:review", "saved:support_plans:review", 403, 403),
    "support_plans:review_complete": row(
        "sign_in", "saved:support_plans:review", "saved:support_plans:review", 403, 403
    ),
    "support_plans:reviews_due": row("sign_in", 405, 405, 405, 405),
    "safeguarding:triage_queue": row("sign_in", 405, 405, 405, 405),
    # The person is chosen first (?person=...): a bare POST goes back to the search, nothing written.
    "safeguarding:concern_new": row(
        "sign_in",
        "moved:safeguarding:concern_new",
        "moved:safeguarding:concern_new",
        "moved:safeguarding:concern_new",
        403,
    ),
    **{
        f"safeguarding:{name}": row("sign_in", "saved:safeguarding:concern", "saved:safeguarding:concern", 403, 403)
        for name in ("concern", "concern_edit", "concern_warning")
    },
    **{
        f"safeguarding:{name}": row("sign_in", "saved:safeguarding:enquiry", "saved:safeguarding:enquiry", 403, 403)
        for name in (
            "enquiry_lead",
            "enquiry_outcomes",
            "meeting_record",
            "action_add",
            "action_done",
            "contribution_add",
            "plan_record",
            "enquiry_conclude",
        )
    },
    "safeguarding:dols_receive": row(
        "sign_in", "moved:safeguarding:dols_receive", "moved:safeguarding:dols_receive", 403, 403
    ),
    **{
        f"safeguarding:{name}": row(
            "sign_in", "saved:safeguarding:dols_application", "saved:safeguarding:dols_application", 403, 403
        )
        for name in ("dols_extend", "dols_priority", "dols_decide")
    },
    "safeguarding:dols_allocate": row("sign_in", 403, "saved:safeguarding:dols_application", 403, 403),
    **{
        f"safeguarding:{name}": row("sign_in", 405, 405, 405, 405)
        for name in (
            "enquiry",
            "dols_waiting_list",
            "dols_renewals",
            "dols_application",
            "returns",
            "returns_csv",
            "returns_dols_cases",
        )
    },
    "safeguarding:returns_figure": row("sign_in", 405, 405, 405, 405),
    "support_plans:provider_packages": row("sign_in", 405, 405, 405, 405, care_provider=405),
    "support_plans:provider_review_submit": row(
        "sign_in", 403, 403, 403, 403, care_provider="saved:support_plans:provider_packages"
    ),
    "support_plans:provider_review_check": row(
        "sign_in", "saved:support_plans:plan", "saved:support_plans:plan", 403, 403, care_provider=403
    ),
    **{
        f"workforce:{name}": row("sign_in", 405, 405, 405, 405)
        for name in (
            "home",
            "team_caseloads",
            "waiting_list",
            "establishment",
            "practitioner",
            "case",
            "dashboard",
            "dashboard_figure",
            "alerts",
            "rules",
        )
    },
    **{
        f"workforce:{name}": row("sign_in", "saved:workforce:case", "saved:workforce:case", "saved:workforce:case", 403)
        for name in ("case_open", "case_screen", "case_keep_in_touch")
    },
    **{
        f"workforce:{name}": row("sign_in", 403, "saved:workforce:case", 403, 403)
        for name in ("case_weigh", "case_weight_override", "case_allocate", "case_close")
    },
    "workforce:post_add": row("sign_in", 403, "saved:workforce:establishment", 403, 403),
    "workforce:post_edit": row("sign_in", 403, "saved:workforce:establishment", 403, 403),
    "workforce:profile_edit": row("sign_in", 403, "saved:workforce:practitioner", 403, 403),
    "workforce:rules_edit": row("sign_in", 403, 403, 403, 403),
}


def _walk(patterns: list[Any], namespace: str = "") -> dict[str, list[str]]:
    """Every named URL and the names of its arguments."""
    found: dict[str, list[str]] = {}
    for entry in patterns:
        if isinstance(entry, URLResolver):
            found.update(_walk(entry.url_patterns, f"{namespace}{entry.namespace}:" if entry.namespace else namespace))
        elif isinstance(entry, URLPattern):
            found[f"{namespace}{entry.name}"] = list(entry.pattern.converters)
    return found


URLS = _walk(get_resolver().url_patterns)


@dataclass(frozen=True)
class World:
    """One unrestricted person with a warning and a network member, and what the forms need."""

    person: Person
    warning: HazardWarning
    network_member: NetworkMember
    duplicate: Person
    grant: BreakGlass
    team_id: int
    partner_id: int
    password: str
    # Ids and form values other apps' rows need: {"contact_uuid": ..., ...}.
    extra: dict[str, Any] = field(default_factory=dict)

    def url(self, name: str) -> str:
        values = {
            "person_uuid": self.person.uuid,
            "member_uuid": self.network_member.uuid,
            "warning_uuid": self.warning.uuid,
            "grant_id": self.grant.pk,
            # Directory ids nobody has: the world holds no directory entries.
            "service_id": uuid.uuid4(),
            "taxonomy_id": uuid.uuid4(),
            "taxonomy_term_id": uuid.uuid4(),
            "service_at_location_id": uuid.uuid4(),
            # Workforce pages: the world's team, its waiting case, a post, the practitioner, a figure.
            "team_uuid": self.extra.get("workforce_team_uuid"),
            "case_uuid": self.extra.get("workforce_case_uuid"),
            "post_uuid": self.extra.get("workforce_post_uuid"),
            "user_uuid": self.extra.get("workforce_practitioner_uuid"),
            "kind": AlertKind.WAITING,
            **self.extra,
        }
        return reverse(name, kwargs={argument: values[argument] for argument in URLS[name]})

    def form(self, name: str) -> dict[str, Any]:
        """A POST body the page would accept, so a refusal is about who asks, never what they sent."""
        today = clock.today()
        later = today + timedelta(days=30)
        return {
            "identity:sign_in": {"username": "practitioner", "password": self.password},
            "identity:verify": {"token": "123456"},
            "identity:second_factor_setup": {"token": "000000"},
            "people:create": {
                "given_name": "Zebedee",
                "family_name": "Quartermaine",
                "gender": Gender.UNKNOWN,
                "ethnicity": Ethnicity.NOT_KNOWN,
            },
            "people:details_edit": {
                "given_name": "Mary",
                "family_name": "Smyth",
                "gender": Gender.FEMALE,
                "ethnicity": Ethnicity.NOT_KNOWN,
                "version": "1",
            },
            "people:voice_edit": {"what_matters_to_me": "My garden", "strengths": "", "version": "1"},
            "people:previous_name_add": {"family_name": "Jones"},
            "people:network_add": {"name": "Hoylake lunch club", "relationship": Relationship.COMMUNITY_GROUP},
            "people:consent_add": {
                "organisation": str(self.partner_id),
                "decision": ConsentDecision.GIVEN,
                "decided_on-day": today.day,
                "decided_on-month": today.month,
                "decided_on-year": today.year,
            },
            "people:warning_raise": {
                "category": WarningCategory.VIOLENCE,
                "description": "Shouts at visitors",
                "starts_on-day": today.day,
                "starts_on-month": today.month,
                "starts_on-year": today.year,
                "review_on-day": later.day,
                "review_on-month": later.month,
                "review_on-year": later.year,
            },
            "people:warning_end": {"reason": "The dogs have been rehomed"},
            "people:warning_review": {
                "review_on-day": later.day,
                "review_on-month": later.month,
                "review_on-year": later.year,
            },
            "people:merge": {"duplicate": self.duplicate.local_id, "reason": "Same date of birth and address"},
            "people:restrict": {"teams": [str(self.team_id)], "reason": "A member of staff"},
            "people:break_glass": {"reason": "Hospital discharge planning today"},
            "front_door:conversation_add": {"conversation_type": "1", "what_matters": "Seeing my grandchildren"},
            "front_door:outcome_add": {"kinds": ["advice"], "version": "1"},
            "front_door:signpost": {"services": [self.extra.get("befriending_id", "")]},
            "front_door:services_list": {"email": "ann@example.com"},
            "front_door:follow_up_add": {
                "due_on-day": later.day,
                "due_on-month": later.month,
                "due_on-year": later.year,
            },
            "front_door:follow_up_done": {"what_happened": "Alarm fitted; she feels safer"},
            "front_door:allocate": {"worker": self.extra.get("practitioner_uuid", "")},
            "front_door:close": {"version": "1"},
            "assessments:assessment_start": {
                "started_from": "review",
                "requested_on-day": today.day,
                "requested_on-month": today.month,
                "requested_on-year": today.year,
            },
            "assessments:carer_assessment_start": {
                "carer": self.extra.get("carer_uuid", ""),
                "joint_with": "no",
                "requested_on-day": today.day,
                "requested_on-month": today.month,
                "requested_on-year": today.year,
            },
            "assessments:assessment": {"version": "3", "persons_account": "Changed"},
            "assessments:assessment_complete": {"version": "3"},
            # The criteria found the needs eligible; the judgement differs, with a reason.
            "assessments:judgement_record": {
                "eligible": "no",
                "reason": "Her son now meets these needs",
                "version": "3",
            },
            "assessments:assessment_authorise": {"version": "3"},
            **self._support_plans_forms(),
            **self._directory_forms(),
            **safeguarding_forms(self.extra),
            **self._workforce_forms(),
        }.get(name, {})

    def _workforce_forms(self) -> dict[str, dict[str, Any]]:
        """Workforce forms the pages accept, each naming the version of the world's waiting case
        (or of the practitioner's profile) as the world made it."""
        team = str(self.extra.get("workforce_team_uuid", ""))
        practitioner = User.objects.filter(uuid=self.extra.get("workforce_practitioner_uuid")).first()
        version = {"version": "1"}
        defaults = workforce_rules.DEFAULT_RULES
        return {
            "workforce:post_add": {"title": "Senior Social Worker", "fte": "0.5", "holder": ""},
            # Its holder leaves: the post is vacant.
            "workforce:post_edit": {"action": "fill", "holder": ""},
            "workforce:profile_edit": version
            | {"team": team, "profession": "social_worker", "registration_body": "", "registration_number": ""}
            | {"fte": "0.8", "qualifications": "BA Social Work"},
            "workforce:case_open": {"team": team, "waiting_for": "assessment", "summary": "Needs a carer's assessment"},
            "workforce:case_screen": version | {"risks": ["lives_alone", "recent_fall"]},
            "workforce:case_weigh": version | {"case_type": "assessment", "complexity": ["interpreter"]},
            "workforce:case_weight_override": version | {"weight": "9", "reason": "Two households to visit"},
            "workforce:case_keep_in_touch": {"note": "Managing with help from her son"},
            "workforce:case_allocate": version
            | {"worker": str(practitioner.pk) if practitioner else "", "reason": "Knows the family"},
            "workforce:case_close": version | {"reason": "Moved out of the area"},
            "workforce:rules_edit": {
                **workforce_forms.rules_initial(defaults),
                "reason": "Hospital discharge work takes longer than the rules say",
            },
        }

    def _support_plans_forms(self) -> dict[str, dict[str, Any]]:
        """Plan forms the pages accept, each naming the version of the draft the world made."""
        today = clock.today()
        version = {"version": self.extra.get("plan_version", "")}
        outcome = {"statement": "I want to get to the shops", "by_person_and_network": "My son drives me"}
        return {
            "support_plans:plan_edit": version | {"budget_method": "mixed", "contingency": "Ring the duty team"},
            "support_plans:outcome_add": version | outcome,
            "support_plans:outcome_edit": version | outcome,
            "support_plans:outcome_remove": version,
            "support_plans:community_add": version | {"service": self.extra.get("choir_id", "")},
            "support_plans:community_remove": version,
            "support_plans:commissioned_add": version
            | {"kind": "day_opportunities", "provider_name": "Leasowe Day Centre", "units_per_week": "2"}
            | {"unit": "day", "unit_cost": "45.00"},
            "support_plans:commissioned_remove": version,
            "support_plans:commissioned_edit": version
            | {"kind": "home_care", "provider_name": "Wirral Home Care Ltd", "units_per_week": "10"}
            | {"unit": "hour", "unit_cost": "22.00"},
            "support_plans:plan_complete": version
            | {"agreed_on-day": today.day, "agreed_on-month": today.month, "agreed_on-year": today.year}
            | {"agreement_method": "signed"},
            "support_plans:plan_copy": version,
            "support_plans:plan_sign_off": version,
            "support_plans:plan_revise": {"reason": "Change in needs"},
            "support_plans:review_start": {"kind": "unplanned", "reason": "safeguarding"},
            "support_plans:review": {
                "persons_view": "Much better",
                "achieved_1": "partly",
                "outcome": "no_change",
                "version": self.extra.get("review_version", ""),
            },
            "support_plans:review_complete": {"version": self.extra.get("review_version", "")},
            "support_plans:provider_review_submit": {
                "achieved": "partly",
                "outcome_view": "Dressing takes longer on bad days",
                "hours_change": "more",
                "change_reason": "Half an hour more each morning",
            },
            "support_plans:provider_review_check": {"decision": "accept"},
        }

    def _directory_forms(self) -> dict[str, dict[str, Any]]:
        """Curation forms the pages accept: a new service, a changed one, a status confirmed."""
        service = {
            "organisation": self.extra.get("directory_organization_id", ""),
            "name": "Friday Lunch Club",
            "description": "A hot lunch on Fridays",
            "cost": "free",
            "categories": ["lunch-clubs"],
        }
        return {
            "directory:manage_service_add": service | {"status": "active"},
            "directory:manage_service_edit": service,
            "directory:manage_service_status": {"status": "defunct", "confirm": "yes"},
        }


# The world takes about a second to build and the matrix has nearly two thousand cells, so it is
# built once for the module, inside a transaction rolled back when the module ends. Each test still
# runs in its own savepoint inside it (pytest-django's `db`), so whatever a test writes is undone
# before the next one starts: every cell sees exactly the world a fresh build would give it.
_SHARED = (
    "organisation",
    "team",
    "other_team",
    "partner",
    "practitioner",
    "manager",
    "business_support",
    "administrator",
    "care_provider_organisation",
    "care_provider",
    "person",
    "warning",
    "network_member",
    "restricted_person",
    "world",
)


def _world_build() -> dict[str, Any]:
    """What tests/conftest.py's fixtures and the world would make for one test, made in the same order."""
    organisation = Organisation.objects.create(name="Wirral Council", kind=OrganisationKind.COUNCIL)
    team = Team.objects.create(name="Birkenhead locality team", kind=TeamKind.LOCALITY, organisation=organisation)
    made: dict[str, Any] = {"organisation": organisation, "team": team}
    for key, username, role, first_name, last_name in (
        ("practitioner", "practitioner", P, "Priya", "Shah"),
        ("manager", "manager", M, "Martin", "Hughes"),
        ("business_support", "support", B, "Bea", "Walsh"),
    ):
        made[key] = staff_make(
            username=username,
            role=role,
            organisation=organisation,
            teams=[team],
            first_name=first_name,
            last_name=last_name,
        )
    made["administrator"] = staff_make(
        username="administrator", role=S, organisation=organisation, first_name="Ade", last_name="Adams"
    )
    made["care_provider_organisation"] = Organisation.objects.create(
        name="Wirral Home Care Ltd", kind=OrganisationKind.CARE_PROVIDER
    )
    made["care_provider"] = staff_make(
        username="provider",
        role=C,
        organisation=made["care_provider_organisation"],
        first_name="Chloe",
        last_name="Dunn",
    )
    staff = {
        A: None,
        P: made["practitioner"],
        M: made["manager"],
        B: made["business_support"],
        S: made["administrator"],
        C: made["care_provider"],
    }
    person = person_make(
        given_name="Mary",
        family_name="Smith",
        date_of_birth=date(1948, 3, 12),
        nhs_number="9434765919",
        address_line_1="12 Grange Road",
        town="Birkenhead",
        postcode="CH41 2AB",
    )
    warning = warning_make(person=person, raised_by=staff[P])
    network_member = network_member_make(person=person, added_by=staff[P])
    restricted_person = person_make(
        given_name="Rowan", family_name="Trelawney", date_of_birth=date(1971, 9, 2), nhs_number="9449307946"
    )
    record_restrict(person=restricted_person, teams=[team], reason="Works in the locality team", actor=staff[M])
    other_team = Team.objects.create(name="Wallasey locality team", kind=TeamKind.LOCALITY, organisation=organisation)
    partner = Organisation.objects.create(name="Wirral Community Health Trust", kind=OrganisationKind.NHS_TRUST)
    made |= {
        "person": person,
        "warning": warning,
        "network_member": network_member,
        "restricted_person": restricted_person,
        "other_team": other_team,
        "partner": partner,
    }

    duplicate = person_make(given_name="Mary", family_name="Smith", date_of_birth=person.date_of_birth)
    visitor = staff_make(
        username="visitor", role=Role.PRACTITIONER, organisation=other_team.organisation, teams=[other_team]
    )
    grant = glass_break(person=restricted_person, reason="Hospital discharge planning today", actor=visitor)
    # A change to the restriction made by someone other than the manager, so the manager may review it.
    change = RestrictionChange.objects.create(
        person=restricted_person,
        kind=RestrictionChangeKind.CHANGED,
        teams_before=team.name,
        teams_after=team.name,
        reason="Still works in the locality team",
        changed_by=visitor,
        changed_at=clock.now(),
    )
    extra = _front_door_world(person, staff)
    extra["change_id"] = change.pk
    extra |= _directory_world(staff)
    extra |= _assessments_world(person, staff)
    extra |= support_plans_world(person, staff[P])
    extra |= provider_world(person, staff[P], staff[C])
    extra |= safeguarding_world(person, staff)
    extra |= workforce_world(person, staff)
    made["world"] = World(
        person=person,
        warning=warning,
        network_member=network_member,
        duplicate=duplicate,
        grant=grant,
        team_id=team.pk,
        partner_id=partner.pk,
        password=PASSWORD,
        extra=extra,
    )
    return made


@pytest.fixture(scope="module")
def _built(django_db_setup: None, django_db_blocker: Any) -> Iterator[dict[str, Any]]:
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            # As the autouse fixtures would have it for a test: fast hashing, no cached directory words.
            postcodes.place_cache_clear()
            search_index.vocabulary_cache_clear()
            with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
                made = _world_build()
        except BaseException:
            outer.__exit__(*sys.exc_info())
            raise
    yield made
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)


def _shared_fixture(name: str) -> Any:
    @pytest.fixture(name=name)
    def shared(_built: dict[str, Any], db: None) -> Any:
        return _built[name]

    return shared


for _name in _SHARED:
    globals()[f"_{_name}_shared"] = _shared_fixture(_name)


def _directory_world(staff: dict[str, User | None]) -> dict[str, Any]:
    """A directory entry staff curate, added through the curation service."""
    service = curated_service_make(staff[P])
    return {"service_uuid": service.id, "directory_organization_id": str(service.organization_id)}


def _assessments_world(person: Person, staff: dict[str, User | None]) -> dict[str, Any]:
    """A needs assessment of the person, completed by the practitioner and found eligible (version 3),
    and an unpaid carer in the person's network with a record of their own."""
    practitioner = staff[P]
    assert practitioner is not None
    assessment = assessment_services.assessment_start(
        person=person, started_from="review", requested_on=clock.today() - timedelta(days=7), actor=practitioner
    )
    unable = {"a": "unable_without_assistance", "b": "significantly_longer"}
    answers = assessment_services.AssessmentAnswers(
        persons_account="I want to stay at home",
        arises_from_impairment_or_illness=True,
        impairment_reason="Parkinson's disease",
        significant_impact_on_wellbeing=True,
        wellbeing_reason="She has stopped going out",
        findings=tuple(
            assessment_services.FindingAnswers(code=code, achievement=unable.get(code, "achieves"))
            for code in assessment_services.CODES
        ),
    )
    assessment_services.assessment_save(assessment=assessment, answers=answers, version=1, actor=practitioner)
    assessment_services.assessment_complete(assessment=assessment, version=2, actor=practitioner)
    # Someone who cares for the person, with a record of their own, for a carer's assessment.
    carer = Person.objects.create(given_name="John", family_name="Smith")
    NetworkMember.objects.create(
        person=person,
        name="John Smith",
        relationship=Relationship.SPOUSE_OR_PARTNER,
        is_unpaid_carer=True,
        linked_person=carer,
        added_by=practitioner,
    )
    return {"assessment_uuid": assessment.uuid, "carer_uuid": str(carer.uuid)}


def _front_door_world(person: Person, staff: dict[str, User | None]) -> dict[str, Any]:
    """A contact about the person, with a service on its list and a call planned."""
    practitioner = staff[P]
    assert practitioner is not None
    front_door = Team.objects.create(
        name="Wirral front door", kind=TeamKind.FRONT_DOOR, organisation=practitioner.organisation
    )
    for user in staff.values():
        if user is not None:
            Membership.objects.create(user=user, team=front_door)
    contact = front_door_services.contact_record(
        details=front_door_services.ContactDetails(
            source=ContactSource.SELF, route=ContactRoute.PHONE, reason="Struggling with the stairs"
        ),
        person=person,
        actor=practitioner,
    )
    lunch_club = Service.objects.create(name="Hoylake lunch club", status=ServiceStatus.ACTIVE)
    befriending = Service.objects.create(name="Wirral befriending", status=ServiceStatus.ACTIVE)
    [signposting] = front_door_services.signposting_add(contact=contact, services=[lunch_club], actor=practitioner)
    follow_up = front_door_services.follow_up_add(
        contact=contact, due_on=clock.today(), note="", assigned_to=None, actor=practitioner
    )
    Contact.objects.filter(pk=contact.pk).update(version=1)
    return {
        "contact_uuid": contact.uuid,
        "signposting_uuid": signposting.uuid,
        "follow_up_uuid": follow_up.uuid,
        "befriending_id": str(befriending.id),
        "practitioner_uuid": str(practitioner.uuid),
    }


# Refusals that write, with the rows they add and why (tests/tables.py compares every other row).
WRITES_ON_REFUSAL: dict[tuple[str, int], dict[str, int]] = {
    # A wrong code shows the set-up page again with the QR code of the unconfirmed device it keeps
    # (made on the first visit), so the next code is checked against the key the person scanned.
    ("identity:second_factor_setup", 400): {"otp_totp.TOTPDevice": 1},
}


def check(response: Any, outcome: Any, path: str) -> None:
    if isinstance(outcome, int):
        assert response.status_code == outcome
    elif outcome == "sign_in":
        assert response.status_code == 302
        assert response["Location"] == f"{reverse(settings.LOGIN_URL)}?next={path}"
    else:
        _, target = outcome.split(":", 1)
        assert response.status_code == 302
        assert resolve(urlsplit(response["Location"]).path).view_name == target


def cells(table: dict[str, dict[str, Any]]) -> list[Any]:
    return [
        pytest.param(name, role, outcome, id=f"{name}-{role}")
        for name, outcomes in table.items()
        for role, outcome in outcomes.items()
    ]


def test_the_get_table_has_a_row_for_every_url_and_a_cell_for_every_role():
    assert sorted(GET) == sorted(URLS)
    assert all(list(outcomes) == list(ROLES) for outcomes in GET.values())


def test_the_post_table_has_a_row_for_every_url_and_a_cell_for_every_role():
    assert sorted(POST) == sorted(URLS)
    assert all(list(outcomes) == list(ROLES) for outcomes in POST.values())


@pytest.mark.parametrize(("name", "role", "outcome"), cells(GET))
def test_get(name: str, role: str, outcome: Any, world: World, client_for: Callable[[str], Client]):
    path = world.url(name)

    response = client_for(role).get(path)

    check(response, outcome, path)


@pytest.mark.parametrize(("name", "role", "outcome"), cells(POST))
def test_post(name: str, role: str, outcome: Any, world: World, client_for: Callable[[str], Client]):
    path = world.url(name)
    client = client_for(role)
    saved = isinstance(outcome, str) and outcome.startswith("saved:")
    audited = AuditEvent.objects.count()
    tables = None if saved else Tables()

    response = client.post(path, world.form(name))

    check(response, outcome, path)
    if tables is None:
        assert AuditEvent.objects.count() > audited
    else:
        tables.assert_unchanged(added=WRITES_ON_REFUSAL.get((name, response.status_code)))


PERSON_URLS = [name for name, arguments in URLS.items() if "person_uuid" in arguments and name != "people:break_glass"]
POSTABLE_PERSON_URLS = [name for name in PERSON_URLS if str(POST[name][P]).startswith("saved:")]


@pytest.fixture
def restricted_world(world: World, restricted_person: Person, practitioner: User) -> World:
    """The same world, but every person URL names the restricted record (its warning and network member too)."""
    warning = HazardWarning.objects.create(
        person=restricted_person,
        category=WarningCategory.OTHER,
        description="Lone working",
        raised_by=practitioner,
        starts_on=clock.today(),
        review_on=clock.today() + timedelta(days=30),
    )
    member = NetworkMember.objects.create(
        person=restricted_person, name="Sam Trelawney", relationship=Relationship.SIBLING, added_by=practitioner
    )
    return World(
        person=restricted_person,
        warning=warning,
        network_member=member,
        duplicate=world.duplicate,
        grant=world.grant,
        team_id=world.team_id,
        partner_id=world.partner_id,
        password=world.password,
        extra=world.extra,
    )


def _to_break_glass(response: Any, person: Person, path: str) -> None:
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('people:break_glass', args=[person.uuid])}?next={path}"


@pytest.mark.parametrize("name", PERSON_URLS)
def test_get_a_restricted_record_from_outside_its_teams_is_sent_to_break_the_glass(
    name: str, restricted_world: World, outsider: User, client: Client
):
    client.force_login(outsider)
    path = restricted_world.url(name)

    response = client.get(path)

    _to_break_glass(response, restricted_world.person, path)


@pytest.mark.parametrize("name", POSTABLE_PERSON_URLS)
def test_post_to_a_restricted_record_from_outside_its_teams_changes_nothing(
    name: str, restricted_world: World, outsider: User, client: Client
):
    client.force_login(outsider)
    path = restricted_world.url(name)
    tables = Tables()

    response = client.post(path, restricted_world.form(name))

    _to_break_glass(response, restricted_world.person, path)
    tables.assert_unchanged()


@pytest.mark.parametrize("name", PERSON_URLS)
def test_get_a_restricted_record_as_a_member_of_its_team(
    name: str, restricted_world: World, manager: User, client: Client
):
    client.force_login(manager)

    response = client.get(restricted_world.url(name))

    assert response.status_code == 200


def test_the_break_glass_page_refuses_until_a_reason_is_given(
    restricted_person: Person, outsider: User, client: Client
):
    client.force_login(outsider)
    summary = reverse("people:summary", args=[restricted_person.uuid])
    path = f"{reverse('people:break_glass', args=[restricted_person.uuid])}?next={summary}"

    shown = client.get(path)
    without_reason = client.post(path, {"reason": ""})
    still_closed = client.get(summary)

    assert shown.status_code == 403
    assert without_reason.status_code == 400
    assert BreakGlass.objects.filter(user=outsider).count() == 0
    _to_break_glass(still_closed, restricted_person, summary)


def test_the_record_opens_once_a_reason_is_given(restricted_person: Person, outsider: User, client: Client):
    client.force_login(outsider)
    summary = reverse("people:summary", args=[restricted_person.uuid])
    path = f"{reverse('people:break_glass', args=[restricted_person.uuid])}?next={summary}"

    response = client.post(path, {"reason": "Hospital discharge planning today"})
    opened = client.get(summary)

    assert response.status_code == 302
    assert response["Location"] == summary
    assert opened.status_code == 200
    assert BreakGlass.objects.get(user=outsider).reason == "Hospital discharge planning today"
    assert AuditEvent.objects.filter(actor=outsider, action="access.glass.broken").count() == 1


def test_a_system_administrator_cannot_break_the_glass(restricted_person: Person, administrator: User, client: Client):
    client.force_login(administrator)
    tables = Tables()

    response = client.post(
        reverse("people:break_glass", args=[restricted_person.uuid]), {"reason": "Hospital discharge planning today"}
    )

    assert response.status_code == 404
    tables.assert_unchanged()
