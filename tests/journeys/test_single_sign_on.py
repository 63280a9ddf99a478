"""Signing in with an organisation account through the browser, against the real OpenID Connect
provider the tests start (tests/single_sign_on/provider): a member of staff whose organisation
account is not linked yet is refused and shown their reference; a system administrator links it;
they sign in with it and land on their work. The pages Tandem shows on the way pass axe's checks
at desktop and phone widths."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from tandem.audit.models import AuditEvent
from tests.journeys.test_accessibility import WCAG

pytestmark = [pytest.mark.browser, pytest.mark.slow]
AXE = Axe()
# Each sign-in crosses two servers (Tandem's and the provider's) and Tandem fetches the provider's
# discovery document and keys on the first: more time than one page of Tandem's needs.
TIMEOUT_MS = 20_000


def _page(new_context, user=None) -> Page:
    context = new_context(user)
    context.set_default_timeout(TIMEOUT_MS)
    return context.new_page()


def _no_violations(page: Page) -> None:
    """axe's WCAG 2.2 AA checks at desktop and phone widths; on a phone the page does not scroll sideways."""
    for width, height in [(375, 740), (1280, 800)]:
        page.set_viewport_size({"width": width, "height": height})
        results = AXE.run(page, options={"runOnly": {"type": "tag", "values": WCAG}, "resultTypes": ["violations"]})
        assert results.violations_count == 0, results.generate_report()
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def _sign_in_with_organisation_account(page: Page, username: str, password: str) -> None:
    page.goto("/")
    page.get_by_role("button", name="Sign in with your organisation account").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in to your organisation")
    page.get_by_label("Organisation username").fill(username)
    page.get_by_label("Organisation password").fill(password)
    page.get_by_role("button", name="Continue").click()


def test_a_member_of_staff_is_linked_then_signs_in_with_their_organisation_account(
    new_context, oidc_provider, administrator, practitioner
):
    staff = _page(new_context)
    staff.goto("/")
    expect(staff.get_by_role("button", name="Sign in with your organisation account")).to_be_visible()
    _no_violations(staff)

    _sign_in_with_organisation_account(staff, "nia.evans", oidc_provider.password)
    expect(staff.get_by_role("heading", level=1)).to_have_text(
        "Your organisation account is not linked to a Tandem account"
    )
    reference = staff.get_by_test_id("subject").inner_text()
    assert reference == oidc_provider.subjects["nia.evans"]
    _no_violations(staff)

    admin = _page(new_context, administrator)
    admin.goto("/administration/staff/?q=practitioner")
    admin.get_by_role("link", name=practitioner.get_full_name()).click()
    expect(admin.get_by_text("Not linked")).to_be_visible()
    admin.get_by_role("link", name="Link organisation account").click()
    expect(admin.get_by_label("Issuer")).to_have_value(oidc_provider.issuer)
    admin.get_by_label("Subject (their reference at the sign-in service)").fill(reference)
    admin.get_by_role("button", name="Save organisation account").click()
    expect(admin.get_by_text("Their organisation account is linked: they can sign in with it.")).to_be_visible()
    expect(admin.get_by_text(f"Linked: {reference} at {oidc_provider.issuer}")).to_be_visible()

    # Still signed in at their organisation, they are not asked for its password again.
    staff.goto("/")
    staff.get_by_role("button", name="Sign in with your organisation account").click()
    expect(staff.get_by_role("heading", level=1)).to_have_text("My work")
    expect(staff.get_by_role("link", name=practitioner.get_full_name())).to_be_visible()

    actions = list(AuditEvent.objects.order_by("pk").values_list("action", flat=True))
    assert (
        actions.index("identity.user.sign_in_failed")
        < actions.index("identity.staff.organisation_account_linked")
        < actions.index("identity.user.signed_in")
    )


def test_a_leaver_cannot_sign_in_with_their_organisation_account(new_context, oidc_provider, practitioner):
    practitioner.oidc_issuer, practitioner.oidc_subject = oidc_provider.issuer, oidc_provider.subjects["nia.evans"]
    practitioner.is_active = False
    practitioner.save()
    page = _page(new_context)

    _sign_in_with_organisation_account(page, "nia.evans", oidc_provider.password)

    expect(page.get_by_role("heading", level=1)).to_have_text("Your Tandem account is deactivated")
    _no_violations(page)
