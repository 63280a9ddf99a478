"""The accessibility check's visits to the sign-in, second-factor and account pages."""

from collections.abc import Callable
from typing import Any

from django.urls import reverse
from playwright.sync_api import Page, expect

from tandem.identity.models import Membership, Team, User
from tandem.identity.permissions import Role
from tests.journeys.visits import P, Visit, fill_then_submit, submit

# Signing out, and the administrator's buttons, only take a POST.
POST_ONLY = {
    "identity:sign_out",
    "identity:staff_reactivate",
    "identity:staff_unlock",
    "identity:staff_password_change_force",
}
ADMIN = Role.SYSTEM_ADMINISTRATOR


def staff_path(name: str) -> Callable[[Any], str]:
    """An administrator's page about the practitioner's account (or their first membership)."""

    def path(world: Any) -> str:
        practitioner = User.objects.get(username="practitioner")
        if name == "membership_end":
            return reverse("identity:membership_end", args=[Membership.objects.filter(user=practitioner)[0].pk])
        return reverse(f"identity:{name}", args=[practitioner.uuid])

    return path


def first_team_path(world: Any) -> str:
    return reverse("identity:team_edit", args=[Team.objects.order_by("name")[0].uuid])


def first_organisation_path(world: Any) -> str:
    return reverse("identity:organisation_edit", args=[Team.objects.order_by("name")[0].organisation.uuid])


ADMINISTRATION_VISITS = [
    Visit("identity:password_change", P, lambda w: "/account/password/"),
    Visit("identity:password_change", P, lambda w: "/account/password/", submit("Change password"), "errors"),
    Visit("identity:staff_list", ADMIN, lambda w: "/administration/staff/"),
    Visit("identity:staff_list", ADMIN, lambda w: "/administration/staff/?q=nobody", variant="none-found"),
    Visit("identity:staff_create", ADMIN, lambda w: "/administration/staff/new/"),
    Visit("identity:staff_create", ADMIN, lambda w: "/administration/staff/new/", submit("Create account"), "errors"),
    Visit("identity:staff_detail", ADMIN, staff_path("staff_detail")),
    Visit("identity:staff_edit", ADMIN, staff_path("staff_edit")),
    Visit("identity:staff_deactivate", ADMIN, staff_path("staff_deactivate")),
    Visit("identity:staff_deactivate", ADMIN, staff_path("staff_deactivate"), submit("Deactivate account"), "errors"),
    Visit("identity:staff_second_factor_reset", ADMIN, staff_path("staff_second_factor_reset")),
    Visit("identity:staff_organisation_account", ADMIN, staff_path("staff_organisation_account")),
    Visit(
        "identity:staff_organisation_account",
        ADMIN,
        staff_path("staff_organisation_account"),
        fill_then_submit("Issuer", "not a web address", "Save organisation account"),
        "errors",
    ),
    Visit("identity:membership_add", ADMIN, staff_path("membership_add")),
    Visit("identity:membership_add", ADMIN, staff_path("membership_add"), submit("Add to team"), "errors"),
    Visit("identity:membership_end", ADMIN, staff_path("membership_end")),
    Visit("identity:organisation_list", ADMIN, lambda w: "/administration/organisations/"),
    Visit("identity:organisation_create", ADMIN, lambda w: "/administration/organisations/new/"),
    Visit(
        "identity:organisation_create", ADMIN, lambda w: "/administration/organisations/new/", submit("Save"), "errors"
    ),
    Visit("identity:organisation_edit", ADMIN, first_organisation_path),
    Visit("identity:team_create", ADMIN, lambda w: "/administration/teams/new/"),
    Visit("identity:team_create", ADMIN, lambda w: "/administration/teams/new/", submit("Save"), "errors"),
    Visit("identity:team_edit", ADMIN, first_team_path),
]


def sign_in_owing_a_code(page: Page, world: Any) -> None:
    page.get_by_label("Username").fill("manager")
    page.get_by_label("Password").fill(world.password)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Enter the 6-digit code from your authenticator app")


def wrong_code(page: Page, world: Any) -> None:
    sign_in_owing_a_code(page, world)
    fill_then_submit("Enter the 6-digit code from your authenticator app", "000000", "Continue")(page, world)


def lock_out(page: Page, world: Any) -> None:
    for attempt in range(5):
        page.get_by_label("Username").fill("practitioner")
        page.get_by_label("Password").fill(f"wrong-{attempt}")
        page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your account is locked")


VISITS = [
    Visit("identity:sign_in", None, lambda w: "/"),
    Visit("identity:sign_in", None, lambda w: "/", submit("Sign in"), "errors"),
    Visit("identity:sign_in", None, lambda w: "/", lock_out, "locked-out"),
    Visit("identity:verify", None, lambda w: "/", sign_in_owing_a_code),
    Visit("identity:verify", None, lambda w: "/", wrong_code, "errors"),
    Visit("identity:account", P, lambda w: "/account/"),
    Visit("identity:second_factor_setup", P, lambda w: "/account/second-factor/"),
    Visit(
        "identity:second_factor_setup",
        P,
        lambda w: "/account/second-factor/",
        submit("Turn on sign-in codes"),
        "errors",
    ),
    Visit("identity:accessibility", None, lambda w: "/accessibility/"),
    # Off unless configured: the page saying so. Turned on, the sign-in page's button and the refusals
    # are checked in tests/journeys/test_single_sign_on.py against the test provider.
    Visit("identity:organisation_sign_in", None, lambda w: "/sign-in/organisation/"),
    Visit("identity:organisation_sign_in_return", None, lambda w: "/sign-in/organisation/return/"),
    *ADMINISTRATION_VISITS,
]
