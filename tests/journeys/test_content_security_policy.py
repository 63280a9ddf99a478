"""Under the Content-Security-Policy the browser refuses nothing Tandem's pages need: GOV.UK
Frontend starts from files, and no page has an inline script or style the policy would block."""

import re

import pytest
from playwright.sync_api import ConsoleMessage, Page, expect

pytestmark = pytest.mark.browser


def _watch(page: Page) -> list[str]:
    """Every console error and page error from now on (a refused script or style is one)."""
    problems: list[str] = []

    def console(message: ConsoleMessage) -> None:
        if message.type in {"error", "warning"}:
            problems.append(message.text)

    page.on("console", console)
    page.on("pageerror", lambda error: problems.append(str(error)))
    return problems


def _gov_uk_frontend_started(page: Page) -> None:
    body = page.locator("body")
    expect(body).to_have_class(re.compile(r"\bjs-enabled\b.*\bgovuk-frontend-supported\b"))
    expect(page.locator("[data-module='govuk-skip-link'], [data-module='govuk-button']").first).to_be_attached()


def test_signed_in_pages_break_no_rule_of_the_policy(new_context, practitioner, person):
    page = new_context(practitioner).new_page()
    problems = _watch(page)

    response = page.goto("/people/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    _gov_uk_frontend_started(page)
    page.get_by_label("Name, date of birth, NHS number or postcode").fill("Mary Smith")
    page.get_by_role("button", name="Search").click()
    page.get_by_role("link", name="SMITH, Mary").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mary Smith")
    _gov_uk_frontend_started(page)
    # A component GOV.UK Frontend's JavaScript starts marks itself as started.
    expect(
        page.locator("[data-module][data-govuk-skip-link-init], [data-module][data-govuk-button-init]").first
    ).to_be_attached()

    assert problems == []


def test_the_public_pages_break_no_rule_of_the_policy(page):
    problems = _watch(page)

    for path in ("/", "/ask-for-help/", "/directory/"):
        response = page.goto(path)
        assert response.status == 200, path
        assert "script-src 'self'" in response.headers["content-security-policy"]
        _gov_uk_frontend_started(page)

    assert problems == []


def test_an_inline_script_would_be_refused_and_reported(page):
    """The check above can fail: the browser reports what the policy blocks in its console."""
    problems = _watch(page)
    page.goto("/")

    page.evaluate("""() => {
        const script = document.createElement('script');
        script.textContent = 'document.title = "changed"';
        document.body.appendChild(script);
    }""")

    expect(page).not_to_have_title("changed")
    assert any("Content Security Policy" in problem for problem in problems)
