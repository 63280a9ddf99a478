"""The system administrator's pages: accounts created, edited, deactivated (never deleted), unlocked,
second factors reset, new passwords required; organisations, teams and memberships; all audited."""

from datetime import date

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from tandem.identity.models import Membership, Organisation, OrganisationKind, Team, TeamKind, User
from tandem.identity.permissions import Role

NEW_PASSWORD = "wooden-harbour-lantern-42"


def test_the_staff_list_searches_by_name_and_pages(admin_client, practitioner, manager, staff_make, organisation):
    for n in range(30):
        staff_make(username=f"worker{n:02}", role=Role.PRACTITIONER, organisation=organisation, last_name="Zed")

    found = admin_client.get(reverse("identity:staff_list"), {"q": "shah"})
    first = admin_client.get(reverse("identity:staff_list"))
    second = admin_client.get(reverse("identity:staff_list"), {"page": 2})

    assert found.status_code == 200
    assert "Priya Shah" in found.content.decode()
    assert "Martin Hughes" not in found.content.decode()
    assert first.content.decode().count("/administration/staff/") - 1 > 20
    assert "worker29" in second.content.decode()


def test_a_nul_character_in_the_staff_search_is_dropped_not_a_server_error(admin_client, practitioner):
    # PostgreSQL refuses NUL in a text value; the search reads as if it had not been typed.
    found = admin_client.get(reverse("identity:staff_list"), {"q": "sh\x00ah"})

    assert found.status_code == 200
    assert "Priya Shah" in found.content.decode()


def test_an_administrator_creates_an_account_that_must_change_its_password(admin_client, organisation, audit, read):
    response = admin_client.post(
        reverse("identity:staff_create"),
        {
            "first_name": "Nia",
            "last_name": "Evans",
            "username": "nia.evans",
            "email": "nia.evans@example.gov.uk",
            "role": Role.PRACTITIONER,
            "organisation": organisation.pk,
            "password": NEW_PASSWORD,
        },
    )

    user = User.objects.get(username="nia.evans")
    assert response.status_code == 302
    assert response["Location"] == reverse("identity:staff_detail", args=[user.uuid])
    assert user.must_change_password
    assert user.check_password(NEW_PASSWORD)
    assert audit.actions() == ["identity.staff.created"]


def test_creating_an_account_explains_each_problem(admin_client, practitioner, read):
    response = admin_client.post(
        reverse("identity:staff_create"),
        {"first_name": "", "last_name": "Evans", "username": "practitioner", "role": "", "password": "short"},
    )

    page = read(response)
    assert response.status_code == 400
    assert "Enter their first name" in page.error_summary
    assert "Select the role" in page.error_summary
    assert "Select the organisation" in page.error_summary


def test_a_weak_or_taken_username_or_password_is_refused(admin_client, practitioner, organisation, read):
    form = {
        "first_name": "Nia",
        "last_name": "Evans",
        "username": "Practitioner",
        "role": Role.PRACTITIONER,
        "organisation": organisation.pk,
        "password": NEW_PASSWORD,
    }
    taken = read(admin_client.post(reverse("identity:staff_create"), form))
    weak = read(admin_client.post(reverse("identity:staff_create"), form | {"username": "nia", "password": "short"}))

    assert taken.error_summary == ["Someone already has that username: choose another"]
    assert "too short" in weak.error_summary[0]
    assert not User.objects.filter(username="nia").exists()


def test_an_administrator_edits_an_account(admin_client, practitioner, partner, audit):
    response = admin_client.post(
        reverse("identity:staff_edit", args=[practitioner.uuid]),
        {
            "first_name": "Priya",
            "last_name": "Shah-Jones",
            "email": "",
            "role": Role.TEAM_MANAGER,
            "organisation": partner.pk,
            "job_title": "Senior practitioner",
        },
    )

    practitioner.refresh_from_db()
    assert response.status_code == 302
    assert (practitioner.last_name, practitioner.role, practitioner.organisation) == (
        "Shah-Jones",
        Role.TEAM_MANAGER,
        partner,
    )
    [event] = audit.events()
    assert event.action == "identity.staff.updated"
    assert event.changes["last name"] == ["Shah", "Shah-Jones"]


def test_an_administrator_cannot_change_their_own_role(admin_client, administrator, organisation, read):
    page = read(
        admin_client.post(
            reverse("identity:staff_edit", args=[administrator.uuid]),
            {"first_name": "Ade", "last_name": "Adams", "role": Role.PRACTITIONER, "organisation": organisation.pk},
        )
    )

    administrator.refresh_from_db()
    assert page.error_summary == ["You cannot change your own role: ask another administrator"]
    assert administrator.role == Role.SYSTEM_ADMINISTRATOR


def test_deactivating_a_leaver_asks_first_then_keeps_their_history(admin_client, practitioner, team, audit, read):
    url = reverse("identity:staff_deactivate", args=[practitioner.uuid])
    confirm = admin_client.get(url)
    no_reason = read(admin_client.post(url, {"reason": ""}))
    done = admin_client.post(url, {"reason": "Left the council"})

    practitioner.refresh_from_db()
    assert confirm.status_code == 200
    assert "Nothing they recorded is deleted" in confirm.content.decode()
    assert no_reason.error_summary == ["Enter why the account is being deactivated"]
    assert done.status_code == 302
    assert not practitioner.is_active
    assert User.objects.filter(pk=practitioner.pk).exists()
    assert Membership.objects.get(user=practitioner, team=team).ended_on is not None
    assert audit.actions() == ["identity.staff.deactivated"]


def test_a_deactivated_account_cannot_sign_in(client, practitioner, password, admin_client):
    admin_client.post(reverse("identity:staff_deactivate", args=[practitioner.uuid]), {"reason": "Left"})

    response = client.post(reverse("identity:sign_in"), {"username": "practitioner", "password": password})

    assert response.status_code == 400


def test_an_administrator_cannot_deactivate_themselves(admin_client, administrator, read):
    page = read(admin_client.post(reverse("identity:staff_deactivate", args=[administrator.uuid]), {"reason": "x"}))

    administrator.refresh_from_db()
    assert page.error_summary == ["You cannot deactivate your own account"]
    assert administrator.is_active


def test_unlocking_clears_the_lock_out(admin_client, practitioner, password, audit):
    for n in range(5):
        Client().post(reverse("identity:sign_in"), {"username": "practitioner", "password": f"wrong-{n}"})
    locked = Client().post(reverse("identity:sign_in"), {"username": "practitioner", "password": password})
    audit.mark()

    response = admin_client.post(reverse("identity:staff_unlock", args=[practitioner.uuid]))
    again = Client().post(reverse("identity:sign_in"), {"username": "practitioner", "password": password})

    assert locked.status_code == 429
    assert response.status_code == 302
    assert not AccessAttempt.objects.filter(username="practitioner").exists()
    assert again.status_code == 302
    assert audit.actions()[0] == "identity.staff.unlocked"


def test_resetting_the_second_factor_asks_first_and_removes_the_device(admin_client, manager, audit):
    TOTPDevice.objects.create(user=manager, name="Authenticator app", confirmed=True)
    url = reverse("identity:staff_second_factor_reset", args=[manager.uuid])

    confirm = admin_client.get(url)
    response = admin_client.post(url)

    assert confirm.status_code == 200
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=manager).exists()
    assert audit.actions() == ["identity.staff.second_factor_reset"]


def test_a_forced_password_change_comes_before_anything_else(admin_client, practitioner, password, audit):
    admin_client.post(reverse("identity:staff_password_change_force", args=[practitioner.uuid]))
    client = Client()
    client.post(reverse("identity:sign_in"), {"username": "practitioner", "password": password})

    elsewhere = client.get(reverse("people:search"))
    mismatch = client.post(
        reverse("identity:password_change"), {"password": NEW_PASSWORD, "password_again": "something else"}
    )
    changed = client.post(
        reverse("identity:password_change"), {"password": NEW_PASSWORD, "password_again": NEW_PASSWORD}
    )
    after = client.get(reverse("people:search"))

    practitioner.refresh_from_db()
    assert elsewhere.status_code == 302
    assert elsewhere["Location"] == reverse("identity:password_change")
    assert mismatch.status_code == 400
    assert changed.status_code == 302
    assert after.status_code == 200
    assert not practitioner.must_change_password
    assert practitioner.check_password(NEW_PASSWORD)
    assert "identity.staff.password_change_forced" in audit.actions()
    assert "identity.user.password_changed" in audit.actions()


def test_memberships_start_and_end_with_dates(admin_client, practitioner, team, other_team, audit, read):
    added = admin_client.post(
        reverse("identity:membership_add", args=[practitioner.uuid]),
        {"team": other_team.pk, "started_on-day": "3", "started_on-month": "11", "started_on-year": "2026"},
    )
    again = read(admin_client.post(reverse("identity:membership_add", args=[practitioner.uuid]), {"team": team.pk}))
    membership = Membership.objects.get(user=practitioner, team=other_team)
    too_early = read(
        admin_client.post(
            reverse("identity:membership_end", args=[membership.pk]),
            {"ended_on-day": "1", "ended_on-month": "1", "ended_on-year": "2026"},
        )
    )
    ended = admin_client.post(
        reverse("identity:membership_end", args=[membership.pk]),
        {"ended_on-day": "30", "ended_on-month": "11", "ended_on-year": "2026"},
    )

    membership.refresh_from_db()
    assert added.status_code == 302
    assert again.error_summary == ["Priya Shah is already in Birkenhead locality team"]
    assert too_early.error_summary == ["The end date must be on or after the date they joined the team"]
    assert ended.status_code == 302
    assert (membership.started_on, membership.ended_on) == (date(2026, 11, 3), date(2026, 11, 30))
    assert audit.actions() == ["identity.membership.started", "identity.membership.ended"]


def test_organisations_and_teams_are_added_and_edited(admin_client, organisation, audit, read):
    admin_client.post(
        reverse("identity:organisation_create"),
        {"name": "Wirral Carers Trust", "kind": OrganisationKind.VOLUNTARY, "ods_code": ""},
    )
    trust = Organisation.objects.get(name="Wirral Carers Trust")
    duplicate = read(
        admin_client.post(
            reverse("identity:organisation_create"), {"name": "wirral council", "kind": OrganisationKind.COUNCIL}
        )
    )
    admin_client.post(
        reverse("identity:team_create"),
        {"name": "Carers team", "kind": TeamKind.OTHER, "organisation": trust.pk, "neighbourhood": ""},
    )
    team = Team.objects.get(name="Carers team")
    admin_client.post(
        reverse("identity:team_edit", args=[team.uuid]),
        {"name": "Carers support team", "kind": TeamKind.OTHER, "organisation": trust.pk},
    )
    listed = admin_client.get(reverse("identity:organisation_list")).content.decode()

    assert duplicate.error_summary == ["There is already an organisation with that name"]
    assert "Carers support team" in listed
    assert "Wirral Carers Trust" in listed
    assert audit.actions() == ["identity.organisation.created", "identity.team.created", "identity.team.updated"]


@pytest.mark.parametrize("role", [Role.PRACTITIONER, Role.TEAM_MANAGER, Role.BUSINESS_SUPPORT, Role.CARE_PROVIDER])
def test_no_other_role_may_administer(role, client_for, practitioner):
    client = client_for(role)

    assert client.get(reverse("identity:staff_list")).status_code == 403
    assert client.post(reverse("identity:staff_unlock", args=[practitioner.uuid])).status_code == 403


def test_the_administration_link_shows_only_to_administrators(admin_client, client_for):
    assert "Administration" in admin_client.get(reverse("identity:account")).content.decode()
    assert "Administration" not in client_for(Role.TEAM_MANAGER).get(reverse("identity:account")).content.decode()
