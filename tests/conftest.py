"""Fixtures for the architecture, authorisation, journey and page tests.

The personas (staff in each role, Mary Smith, her warning and network member, the restricted
record) are the root conftest.py's, built by tests/personas.py: one name, one persona, in every
test. Here: the builders as fixtures, the page reader, the audit watch and the table photograph.
The page tests under tandem/*/tests/views/ import these fixtures too.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from html import unescape
from html.parser import HTMLParser
from typing import Any

import pytest
from django.db.models import Max

from tandem.audit.models import AuditEvent
from tandem.identity.models import User
from tandem.people.models import HazardWarning, NetworkMember, Person
from tests.personas import PASSWORD, network_member_make, person_make, staff_make, warning_make
from tests.tables import Tables

__all__ = [
    "PASSWORD",
    "AuditWatch",
    "Page",
    "audit",
    "fast_password_hashing",
    "network_member_make",
    "network_member_make_fixture",
    "no_second_factor_required",
    "open_page_fixture",
    "page_open",
    "page_read",
    "person_make",
    "person_make_fixture",
    "problem_fixture",
    "problem_read",
    "read_fixture",
    "staff_make",
    "staff_make_fixture",
    "tables",
    "warning_make",
    "warning_make_fixture",
]


@pytest.fixture(autouse=True)
def fast_password_hashing(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def no_second_factor_required(settings: Any) -> None:
    """Staff sign in without codes unless a test requires them of a role (even where the
    environment looks like production to config/settings.py)."""
    settings.TANDEM_SECOND_FACTOR_ROLES = frozenset()


@pytest.fixture(name="staff_make")
def staff_make_fixture(db: None) -> Callable[..., User]:
    """`staff_make(username=..., role=..., organisation=..., teams=[...])`: another member of staff."""
    return staff_make


@pytest.fixture(name="person_make")
def person_make_fixture(db: None) -> Callable[..., Person]:
    """`person_make(given_name=..., family_name=..., ...)`: another person, in the search index."""
    return person_make


@pytest.fixture(name="warning_make")
def warning_make_fixture(db: None) -> Callable[..., HazardWarning]:
    """`warning_make(person=..., raised_by=...)`: an active hazard warning, reviewed in 90 days."""
    return warning_make


@pytest.fixture(name="network_member_make")
def network_member_make_fixture(db: None) -> Callable[..., NetworkMember]:
    """`network_member_make(person=..., added_by=...)`: someone in the person's network."""
    return network_member_make


@dataclass
class Page:
    """What a person sees on a page: its title, what the form holds and the error messages."""

    title: str = ""
    values: dict[str, Any] = field(default_factory=dict)
    error_summary: list[str] = field(default_factory=list)
    field_errors: list[str] = field(default_factory=list)
    text: str = ""


class _PageReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self._capture: list[str] | None = None
        self._into: str = ""
        self._textarea: str = ""
        self._select: str = ""
        self._depth: dict[str, int] = {}
        self._in_summary_list = False
        self._text: list[str] = []

    def _set(self, name: str, value: str, *, many: bool = False) -> None:
        if many:
            self.page.values.setdefault(name, []).append(value)
        else:
            self.page.values[name] = value

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        classes = a.get("class", "").split()
        if tag == "title" and not self.page.title:
            self._capture, self._into = [], "title"
        elif tag == "input" and a.get("name") and a.get("name") != "csrfmiddlewaretoken":
            kind = a.get("type", "text")
            if kind in {"radio", "checkbox"}:
                if "checked" in a:
                    self._set(a["name"], a.get("value", "on"), many=kind == "checkbox")
            else:
                self._set(a["name"], a.get("value", ""))
        elif tag == "textarea":
            self._textarea, self._capture, self._into = a.get("name", ""), [], "textarea"
        elif tag == "select":
            self._select = a.get("name", "")
            self.page.values.setdefault(self._select, "")
        elif tag == "option" and self._select and "selected" in a:
            self.page.values[self._select] = a.get("value", "")
        elif tag == "ul" and "govuk-error-summary__list" in classes:
            self._in_summary_list = True
        elif tag == "li" and self._in_summary_list:
            self._capture, self._into = [], "summary"
        elif tag == "p" and "govuk-error-message" in classes:
            self._capture, self._into = [], "field_error"

    def handle_endtag(self, tag: str) -> None:
        if self._capture is None:
            if tag == "ul":
                self._in_summary_list = False
            elif tag == "select":
                self._select = ""
            return
        text = "".join(self._capture)
        if tag == "title" and self._into == "title":
            self.page.title = " ".join(text.split())
        elif tag == "textarea" and self._into == "textarea":
            self._set(self._textarea, text.removeprefix("\n"))
        elif tag == "li" and self._into == "summary":
            self.page.error_summary.append(" ".join(text.split()))
        elif tag == "p" and self._into == "field_error":
            self.page.field_errors.append(" ".join(text.split()).removeprefix("Error: "))
        else:
            return
        self._capture = None

    def handle_data(self, data: str) -> None:
        if self._capture is not None:
            self._capture.append(data)
        self._text.append(data)

    def close(self) -> None:
        super().close()
        self.page.text = " ".join(unescape(" ".join(self._text)).split())


def page_read(response: Any) -> Page:
    reader = _PageReader()
    reader.feed(response.content.decode())
    reader.close()
    return reader.page


@pytest.fixture(name="read")
def read_fixture() -> Callable[[Any], Page]:
    """`read(response)`: the page's title, form values (by field name), error summary and field errors."""
    return page_read


def problem_read(response: Any, title: str | None, errors: list[str], *, field_errors: list[str] | None = None) -> Page:
    """A form shown again with its problems: 400, "Error: <title>" heading the page title (unless
    `title` is None), "There is a problem", `errors` in the summary and by the fields (or
    `field_errors` there). The page, for what else the test reads."""
    page = page_read(response)
    assert response.status_code == 400
    if title is not None:
        assert page.title == f"Error: {title} – Tandem"
    assert "There is a problem" in page.text
    assert page.error_summary == errors
    assert page.field_errors == (errors if field_errors is None else field_errors)
    return page


def page_open(client: Any, user: Any, url: str, title: str, *, status: int = 200) -> Page:
    """The page at `url` as `user` sees it: answered with `status`, with `title` heading its page title."""
    client.force_login(user)
    response = client.get(url)
    page = page_read(response)
    assert response.status_code == status
    assert page.title == f"{title} – Tandem"
    return page


@pytest.fixture(name="open_page")
def open_page_fixture() -> Callable[..., Page]:
    """`open_page(client, user, url, title)`: the page as that member of staff sees it (`page_open`)."""
    return page_open


@pytest.fixture(name="problem")
def problem_fixture() -> Callable[..., Page]:
    """`problem(response, title, errors)`: the form shown again with these problems (`problem_read`)."""
    return problem_read


class AuditWatch:
    """`audit.mark()` before the request, `audit.actions()` after: the audit events it wrote."""

    def __init__(self) -> None:
        self.mark()

    def mark(self) -> None:
        self.last = AuditEvent.objects.aggregate(last=Max("id"))["last"] or 0

    def events(self) -> list[AuditEvent]:
        return list(AuditEvent.objects.filter(id__gt=self.last).order_by("id"))

    def actions(self) -> list[str]:
        return [event.action for event in self.events()]


@pytest.fixture
def audit(db: None) -> AuditWatch:
    return AuditWatch()


@pytest.fixture
def tables(db: None) -> Tables:
    """Every row of every table, photographed now: `tables.mark()` again after the set-up, then
    `tables.assert_unchanged(audited=[...])` after a refused request (tests/tables.py)."""
    return Tables()
