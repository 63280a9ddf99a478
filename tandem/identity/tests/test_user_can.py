"""A member of staff may do what their role allows, and nothing once their account is inactive."""

from tandem.identity.permissions import Permission


def test_an_active_user_may_do_what_their_role_allows(practitioner, manager):
    assert practitioner.can(Permission.PERSON_VIEW) is True
    assert practitioner.can(Permission.PERSON_MERGE) is False
    assert manager.can(Permission.PERSON_MERGE) is True


def test_an_inactive_user_may_do_nothing(practitioner, manager):
    practitioner.is_active = False
    manager.is_active = False

    assert practitioner.can(Permission.PERSON_VIEW) is False
    assert manager.can(Permission.PERSON_MERGE) is False


def test_a_system_administrator_may_see_staff_but_not_people(admin_user):
    assert admin_user.can(Permission.STAFF_VIEW) is True
    assert admin_user.can(Permission.PERSON_VIEW) is False


def test_being_a_django_superuser_grants_nothing_extra(admin_user):
    admin_user.is_superuser = True

    assert admin_user.can(Permission.PERSON_VIEW) is False
