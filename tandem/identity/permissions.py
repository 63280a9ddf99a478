"""Roles and permissions as enums, and the one table that joins them (ADR 0003).

A role says what kind of work a member of staff does in the system; a permission is one thing
the system lets them do. Which *people* they may do it to is the access app's scoping rule.
"""

from enum import StrEnum

from django.db import models


class Role(models.TextChoices):
    PRACTITIONER = "practitioner", "Practitioner"
    TEAM_MANAGER = "team_manager", "Team manager"
    BUSINESS_SUPPORT = "business_support", "Business support"
    SYSTEM_ADMINISTRATOR = "system_administrator", "System administrator"
    CARE_PROVIDER = "care_provider", "Trusted care provider"


class Permission(StrEnum):
    PERSON_VIEW = "person.view"
    PERSON_CREATE = "person.create"
    PERSON_EDIT = "person.edit"
    PERSON_MERGE = "person.merge"
    PERSON_RESTRICT = "person.restrict"
    WARNING_RAISE = "warning.raise"
    WARNING_END = "warning.end"
    HISTORY_VIEW = "history.view"
    ACCESS_LOG_VIEW = "access_log.view"
    BREAK_GLASS_REVIEW = "break_glass.review"
    STAFF_VIEW = "staff.view"
    STAFF_MANAGE = "staff.manage"  # accounts, organisations, teams and memberships
    DIRECTORY_CURATE = "directory.curate"
    CONTACT_RECORD = "contact.record"
    CONTACT_ALLOCATE = "contact.allocate"
    FRONT_DOOR_FIGURES = "front_door.figures"
    CONCERN_RAISE = "safeguarding.concern.raise"
    SAFEGUARDING_WORK = "safeguarding.work"  # triage and enquiries, for the concern's own team only
    SAFEGUARDING_RETURNS = "safeguarding.returns"
    ENQUIRY_SIGN_OFF = "safeguarding.sign_off"  # close a concluded enquiry: a manager's sign-off
    DOLS_WORK = "dols.work"
    DOLS_ALLOCATE = "dols.allocate"
    ASSESSMENT_RECORD = "assessment.record"
    ASSESSMENT_AUTHORISE = "assessment.authorise"
    PLAN_RECORD = "plan.record"
    PLAN_SIGN_OFF = "plan.sign_off"
    PROVIDER_REVIEW_SUBMIT = "provider_review.submit"
    WORKFORCE_VIEW = "workforce.view"  # caseloads and waiting lists of one's own teams
    WAITING_LIST_WORK = "workforce.waiting"  # add to a waiting list, screen risk, keep in touch
    CASE_ALLOCATE = "workforce.allocate"
    WORKFORCE_MANAGE = "workforce.manage"  # profiles, establishment, weighting of cases, the dashboard
    WORKFORCE_RULES = "workforce.rules"  # the weighting rules: principal social workers only (policies)


_PRACTITIONER = {
    Permission.PERSON_VIEW,
    Permission.PERSON_CREATE,
    Permission.PERSON_EDIT,
    Permission.WARNING_RAISE,
    Permission.WARNING_END,
    Permission.HISTORY_VIEW,
    Permission.DIRECTORY_CURATE,
    Permission.CONTACT_RECORD,
    Permission.CONCERN_RAISE,
    Permission.ASSESSMENT_RECORD,
    Permission.SAFEGUARDING_WORK,
    Permission.DOLS_WORK,
    Permission.PLAN_RECORD,
    Permission.WORKFORCE_VIEW,
    Permission.WAITING_LIST_WORK,
}

ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.PRACTITIONER: frozenset(_PRACTITIONER),
    Role.TEAM_MANAGER: frozenset(
        _PRACTITIONER
        | {
            Permission.PERSON_MERGE,
            Permission.PERSON_RESTRICT,
            Permission.ACCESS_LOG_VIEW,
            Permission.BREAK_GLASS_REVIEW,
            Permission.STAFF_VIEW,
            Permission.CONTACT_ALLOCATE,
            Permission.FRONT_DOOR_FIGURES,
            Permission.ASSESSMENT_AUTHORISE,
            Permission.PLAN_SIGN_OFF,
            Permission.SAFEGUARDING_RETURNS,
            Permission.ENQUIRY_SIGN_OFF,
            Permission.DOLS_ALLOCATE,
            Permission.CASE_ALLOCATE,
            Permission.WORKFORCE_MANAGE,
            Permission.WORKFORCE_RULES,
        }
    ),
    Role.BUSINESS_SUPPORT: frozenset(
        {
            Permission.PERSON_VIEW,
            Permission.PERSON_CREATE,
            Permission.PERSON_EDIT,
            Permission.STAFF_VIEW,
            Permission.DIRECTORY_CURATE,
            Permission.CONTACT_RECORD,
            Permission.CONCERN_RAISE,
            Permission.WORKFORCE_VIEW,
            Permission.WAITING_LIST_WORK,
        }
    ),
    # Administrators run the system and its staff accounts; they do not work with people's records.
    Role.SYSTEM_ADMINISTRATOR: frozenset({Permission.STAFF_VIEW, Permission.STAFF_MANAGE}),
    # A care provider's staff see only the packages their organisation delivers, never the record.
    Role.CARE_PROVIDER: frozenset({Permission.PROVIDER_REVIEW_SUBMIT}),
}


def role_has(role: str, permission: Permission) -> bool:
    return permission in ROLE_PERMISSIONS.get(Role(role), frozenset())
