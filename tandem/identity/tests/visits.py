"""The accessibility check's visits to the sign-in, second-factor and account pages."""

from typing import Any

from playwright.sync_api import Page, expect

from tests.journeys.visits import P, Visit, fill_then_submit, submit

# Signing out only takes a POST.
POST_ONLY = {"identity:sign_out"}


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
]
