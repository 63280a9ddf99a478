"""Roles and permissions (ADR 0003): the one table that says what each role may do."""

import pytest

from tandem.identity.permissions import ROLE_PERMISSIONS, Permission, Role, role_has


@pytest.mark.parametrize(
    ("role", "permission", "allowed"),
    [
        (Role.PRACTITIONER, Permission.PERSON_VIEW, True),
        (Role.PRACTITIONER, Permission.WARNING_RAISE, True),
        (Role.PRACTITIONER, Permission.PERSON_MERGE, False),
        (Role.PRACTITIONER, Permission.BREAK_GLASS_REVIEW, False),
        (Role.TEAM_MANAGER, Permission.PERSON_VIEW, True),
        (Role.TEAM_MANAGER, Permission.PERSON_MERGE, True),
        (Role.TEAM_MANAGER, Permission.PERSON_RESTRICT, True),
        (Role.TEAM_MANAGER, Permission.BREAK_GLASS_REVIEW, True),
        (Role.BUSINESS_SUPPORT, Permission.PERSON_CREATE, True),
        (Role.BUSINESS_SUPPORT, Permission.STAFF_VIEW, True),
        (Role.BUSINESS_SUPPORT, Permission.WARNING_RAISE, False),
        (Role.BUSINESS_SUPPORT, Permission.HISTORY_VIEW, False),
        (Role.SYSTEM_ADMINISTRATOR, Permission.STAFF_VIEW, True),
        (Role.SYSTEM_ADMINISTRATOR, Permission.PERSON_VIEW, False),
        (Role.SYSTEM_ADMINISTRATOR, Permission.PERSON_CREATE, False),
        (Role.CARE_PROVIDER, Permission.PROVIDER_REVIEW_SUBMIT, True),
        (Role.CARE_PROVIDER, Permission.PERSON_VIEW, False),
        (Role.CARE_PROVIDER, Permission.PLAN_RECORD, False),
        (Role.PRACTITIONER, Permission.PROVIDER_REVIEW_SUBMIT, False),
    ],
)
def test_each_role_has_only_its_permissions(role, permission, allowed):
    assert role_has(role, permission) is allowed


def test_the_role_may_be_given_as_its_stored_text():
    assert role_has("team_manager", Permission.PERSON_MERGE) is True


def test_a_team_manager_may_do_everything_a_practitioner_may():
    assert ROLE_PERMISSIONS[Role.PRACTITIONER] < ROLE_PERMISSIONS[Role.TEAM_MANAGER]


def test_an_unknown_role_is_refused_loudly():
    with pytest.raises(ValueError, match="'superuser' is not a valid Role"):
        role_has("superuser", Permission.PERSON_VIEW)
