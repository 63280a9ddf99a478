"""Staff administration through the browser: a system administrator creates an account and puts it
in a team; the new starter must choose their own password at first sign-in; later the administrator
deactivates the leaver after confirming, and the account can no longer sign in."""

import pytest
from playwright.sync_api import expect

from tandem.audit.models import AuditEvent
from tandem.identity.models import Membership, User

pytestmark = pytest.mark.browser

FIRST_PASSWORD = "copper-meadow-falcon-17"
OWN_PASSWORD = "quiet-harbour-lantern-42"


def test_an_administrator_takes_a_member_of_staff_from_starter_to_leaver(new_context, administrator, team):
    admin = new_context(administrator).new_page()
    admin.goto("/administration/staff/")
    admin.get_by_role("button", name="Create a staff account").click()
    admin.get_by_label("First name").fill("Nia")
    admin.get_by_label("Last name").fill("Evans")
    admin.get_by_label("Username").fill("nia.evans")
    admin.get_by_label("Role").select_option(label="Practitioner")
    admin.get_by_label("Organisation").select_option(label="Wirral Council")
    admin.get_by_label("First password").fill(FIRST_PASSWORD)
    admin.get_by_role("button", name="Create account").click()
    expect(admin.get_by_role("heading", level=1)).to_have_text("Nia Evans")

    admin.get_by_role("link", name="Add to a team").click()
    admin.get_by_label("Team").select_option(label=team.name)
    admin.get_by_role("button", name="Add to team").click()
    expect(admin.get_by_role("table")).to_contain_text(team.name)

    starter = new_context().new_page()
    starter.goto("/")
    starter.get_by_label("Username").fill("nia.evans")
    starter.get_by_label("Password").fill(FIRST_PASSWORD)
    starter.get_by_role("button", name="Sign in").click()
    expect(starter.get_by_role("heading", level=1)).to_have_text("Choose a new password")
    starter.get_by_label("New password", exact=True).fill(OWN_PASSWORD)
    starter.get_by_label("Type the new password again").fill(OWN_PASSWORD)
    starter.get_by_role("button", name="Change password").click()
    expect(starter.get_by_text("Your password is changed.")).to_be_visible()

    admin.goto("/administration/staff/?q=evans")
    admin.get_by_role("link", name="Nia Evans").click()
    admin.get_by_role("button", name="Deactivate account").click()
    expect(admin.get_by_text("Nothing they recorded is deleted")).to_be_visible()
    admin.get_by_role("button", name="Deactivate account").click()
    expect(admin.get_by_role("alert")).to_contain_text("Enter why the account is being deactivated")
    admin.get_by_label("Why is the account being deactivated?").fill("Left the council")
    admin.get_by_role("button", name="Deactivate account").click()
    expect(admin.get_by_text("This account is deactivated")).to_be_visible()

    again = new_context().new_page()
    again.goto("/")
    again.get_by_label("Username").fill("nia.evans")
    again.get_by_label("Password").fill(OWN_PASSWORD)
    again.get_by_role("button", name="Sign in").click()
    expect(again.get_by_text("The username or password is not right").first).to_be_visible()

    nia = User.objects.get(username="nia.evans")
    assert not nia.is_active
    assert Membership.objects.get(user=nia).ended_on is not None
    assert set(AuditEvent.objects.filter(target_id=str(nia.pk)).values_list("action", flat=True)) >= {
        "identity.staff.created",
        "identity.staff.deactivated",
        "identity.user.password_changed",
    }


def test_an_administrator_unlocks_a_member_of_staff_locked_out_by_wrong_passwords(
    new_context, administrator, practitioner, password
):
    staff = new_context().new_page()
    staff.goto("/")
    for attempt in range(5):
        staff.get_by_label("Username").fill(practitioner.username)
        staff.get_by_label("Password").fill(f"not-my-password-{attempt}")
        staff.get_by_role("button", name="Sign in").click()
    expect(staff.get_by_role("heading", level=1)).to_have_text("Your account is locked")

    admin = new_context(administrator).new_page()
    admin.goto("/administration/staff/?q=practitioner")
    admin.get_by_role("link", name=practitioner.get_full_name()).click()
    expect(admin.get_by_text("5 recent")).to_be_visible()
    admin.get_by_role("button", name="Unlock account").click()
    expect(admin.get_by_text("The account is unlocked: they can sign in again.")).to_be_visible()
    expect(admin.get_by_text("None recent")).to_be_visible()

    staff.goto("/")
    staff.get_by_label("Username").fill(practitioner.username)
    staff.get_by_label("Password").fill(password)
    staff.get_by_role("button", name="Sign in").click()
    expect(staff.get_by_role("heading", level=1)).to_have_text("My work")
    assert AuditEvent.objects.filter(action="identity.staff.unlocked", target_id=str(practitioner.pk)).count() == 1
