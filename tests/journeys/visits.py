"""What the accessibility check's visits are written with, and the world they are made in.

Each app declares the visits to its own pages in its `tests/visits.py`: `VISITS` (a list of
`Visit`) and the URLs it has that are no page to check (`POST_ONLY`, `DOWNLOADS`, `JSON_API`).
The records its pages show are made by its `tests/world.py` (`world(person, staff)`, kept in the
world's `apps[<app label>]`), in the one world tests/world.py builds for the accessibility check
and the authorisation matrix alike. tests/journeys/test_accessibility.py collects them from every installed app.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from types import ModuleType
from typing import Any

from playwright.sync_api import Page, expect

from tandem.identity.permissions import Role
from tests.apps_collected import app_test_modules


@cache
def app_visits() -> dict[str, ModuleType]:
    """Every installed app's `tests/visits.py`, by app label."""
    return app_test_modules("visits")


@dataclass(frozen=True)
class Visit:
    """Open `path` as `who`, then (optionally) do something on the page before it is checked."""

    url_name: str
    who: str | None
    path: Callable[[Any], str]
    then: Callable[[Page, Any], None] | None = None
    variant: str = "shown"
    heading: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return f"{self.url_name}-{self.variant}"


def submit(button: str) -> Callable[[Page, Any], None]:
    def act(page: Page, world: Any) -> None:
        page.get_by_role("button", name=button).click()
        expect(page.get_by_role("alert").filter(has_text="There is a problem")).to_be_visible()

    return act


def fill_then_submit(label: str, value: str, button: str) -> Callable[[Page, Any], None]:
    def act(page: Page, world: Any) -> None:
        page.get_by_label(label, exact=True).fill(value)
        submit(button)(page, world)

    return act


def stale_then_submit(page: Page, world: Any) -> None:
    page.locator("input[name=version]").evaluate("input => input.value = '999'")
    submit("Save")(page, world)


def person_path(name: str) -> Callable[[Any], str]:
    return lambda world: f"/people/{world.person.uuid}/{name}"


P, M, OUTSIDER = Role.PRACTITIONER, Role.TEAM_MANAGER, "outsider"


def press(button: str) -> Callable[[Page, Any], None]:
    """Press the button with exactly this name, then wait for the problem to be shown."""

    def act(page: Page, world: Any) -> None:
        page.get_by_role("button", name=button, exact=True).click()
        expect(page.get_by_role("alert").filter(has_text="There is a problem")).to_be_visible()

    return act


def stale_then(button: str) -> Callable[[Page, Any], None]:
    """Send the form as someone who opened it before another save."""

    def act(page: Page, world: Any) -> None:
        page.locator("input[name=version]").evaluate("input => input.value = '999'")
        submit(button)(page, world)

    return act
