"""No 500 for bad input: odd values posted to every form field and sent in every query parameter
of every URL in the authorisation matrix, by a role that may use the page.

The world, the URLs and who may use each page are the authorisation matrix's
(tests/authorisation/test_matrix.py). For each URL, one or two requests send an odd value in
every field at once, then hypothesis puts odd values in one or two fields of the page's valid
form (or in a few query parameters) a few more times; any 5xx, or any exception a view lets
escape, fails. One test a URL and method, so `-n 2` shares them out; the example counts keep the
file to a minute or two on two workers.
"""

# pytest hands a test its fixtures as positional arguments, however many it needs.

from collections.abc import Callable
from html.parser import HTMLParser
from typing import Any

import pytest
from django import forms as django_forms
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tandem.directory import forms as directory_forms
from tandem.identity.permissions import Role
from tests.authorisation import test_matrix as matrix
from tests.authorisation.test_matrix import GET, POST, URLS, World

# The matrix's world, built once for this module as the matrix builds it for its own.
_built = matrix._built
for _name in matrix._SHARED:
    globals()[f"_{_name}_shared"] = matrix._shared_fixture(_name)

A, P, M, B, S, C = (
    "anonymous",
    Role.PRACTITIONER,
    Role.TEAM_MANAGER,
    Role.BUSINESS_SUPPORT,
    Role.SYSTEM_ADMINISTRATOR,
    Role.CARE_PROVIDER,
)

ODD = [
    "",
    " ",
    "x" * 5000,
    "abc",
    "1e400",
    "-1e400",
    "NaN",
    "inf",
    "-1",
    "0",
    "1.5",
    "99999999999999999999",
    "-99999999999999999999",
    "9" * 5000,
    "٣٤",  # Arabic-Indic digits: int() reads them
    "Zoë Ó'Brien 🙂 ﷽",
    "\x00",
    "a\x00b",
    "2026-02-30",
    "31/02/2026",
    "0000-00-00T99:99",
    "not-a-uuid",
    "00000000-0000-0000-0000-00000000000g",
    "<script>alert(1)</script>",
    "'; DROP TABLE people_person; --",
]

odd_values = st.one_of(
    st.sampled_from(ODD),
    st.text(max_size=40),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.dates().map(str),
    st.uuids().map(str),
)

# Query parameters the views read from request.GET by name, besides the fields of their GET forms.
QUERY = ["page", "person", "next", "show", "team", "sort", "format", "change", "cell", "q"]
# The ORUK API's parameters are the fields of the directory's query forms.
ORUK_QUERY = sorted(
    {
        name
        for form in vars(directory_forms).values()
        if isinstance(form, type)
        and issubclass(form, django_forms.Form)
        and form.__name__.endswith(("Query", "Format"))
        for name in form.base_fields
    }
)

# Who tries each page: the first role the matrix lets use it (a page shown, a form saved or
# refused with a message), else one it sends on elsewhere (which may still read the parameters).
ORDER = [P, M, B, S, C, A]


def _role(outcomes: dict[str, Any], wanted: Callable[[Any], bool]) -> str | None:
    return next((role for role in ORDER if wanted(outcomes[role])), None)


def _get_role(name: str) -> str | None:
    outcomes = GET[name]
    return _role(outcomes, lambda o: o == 200) or _role(outcomes, lambda o: str(o).startswith("moved:"))


def _post_role(name: str) -> str | None:
    outcomes = POST[name]
    return (
        _role(outcomes, lambda o: str(o).startswith("saved:"))
        or _role(outcomes, lambda o: o in (200, 400))
        or _role(outcomes, lambda o: str(o).startswith("moved:"))
    )


GET_CASES = [pytest.param(name, role, id=name) for name in sorted(URLS) if (role := _get_role(name))]
POST_CASES = [pytest.param(name, role, id=name) for name in sorted(URLS) if (role := _post_role(name))]


class _Fields(HTMLParser):
    """The names of the fields in a page's forms, by the form's method."""

    def __init__(self) -> None:
        super().__init__()
        self.method = ""
        self.names: dict[str, set[str]] = {"get": set(), "post": set()}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "form":
            self.method = (found.get("method") or "get").lower()
        elif tag in ("input", "select", "textarea", "button") and self.method in self.names and found.get("name"):
            self.names[self.method].add(str(found["name"]))

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.method = ""


def page_fields(client: Client, path: str) -> dict[str, set[str]]:
    response = client.get(path)
    parser = _Fields()
    if response.status_code == 200 and "html" in response.get("Content-Type", ""):
        parser.feed(response.content.decode())
    parser.names["post"].discard("csrfmiddlewaretoken")
    return parser.names


def fail_on_5xx(response: Any, method: str, path: str, sent: dict[str, Any]) -> None:
    assert response.status_code < 500, f"{method} {path} answered {response.status_code} to {sent!r}"[:2000]


def _valid_form(world: World, name: str, fields: set[str]) -> dict[str, Any]:
    form = world.form(name)
    return {field: form.get(field, "") for field in sorted(set(form) | fields)}


def _oddly(form: dict[str, Any], odd: dict[str, str]) -> dict[str, Any]:
    """The form with some values replaced (a list of choices by a list of the odd value)."""
    return {
        field: ([odd[field]] if isinstance(value, list) else odd[field]) if field in odd else value
        for field, value in form.items()
    }


def _rotation(fields: list[str], turn: int) -> dict[str, str]:
    """Every field an odd value, a different one in each field and each turn."""
    return {field: ODD[(7 * index + 13 * turn) % len(ODD)] for index, field in enumerate(fields)}


_SETTINGS: dict[str, Any] = {
    "deadline": None,
    "derandomize": True,
    "database": None,
    "suppress_health_check": [HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
}
POST_SETTINGS = settings(max_examples=5, **_SETTINGS)
GET_SETTINGS = settings(max_examples=2, **_SETTINGS)
# Pages that take seconds each (a PDF drawn): one request with every parameter odd is enough.
SLOW = {"support_plans:plan_document_pdf"}


@pytest.mark.parametrize(("name", "role"), POST_CASES)
def test_odd_values_in_any_form_field_are_never_a_server_error(
    name: str, role: str, world: World, client_for: Callable[[str], Client]
):
    path = world.url(name)
    client = client_for(role)
    form = _valid_form(world, name, page_fields(client, path)["post"])
    if not form:
        pytest.skip("the page posts no fields")

    fields = sorted(form)
    for odd in (
        _rotation(fields, 0),
        _rotation(fields, 1),
        dict.fromkeys(fields, "1e400"),
        dict.fromkeys(fields, "9" * 30),
    ):
        sent = _oddly(form, odd)
        fail_on_5xx(client.post(path, sent), "POST", path, sent)

    # Mostly one or two fields odd and the rest valid, so the odd value gets past the form's
    # other checks to wherever it is used.
    @POST_SETTINGS
    @given(st.dictionaries(st.sampled_from(sorted(form)), odd_values, min_size=1, max_size=2))
    def mixed(odd: dict[str, str]) -> None:
        sent = _oddly(form, odd)
        fail_on_5xx(client.post(path, sent), "POST", path, sent)

    mixed()


@pytest.mark.parametrize(("name", "role"), GET_CASES)
def test_odd_values_in_any_query_parameter_are_never_a_server_error(
    name: str, role: str, world: World, client_for: Callable[[str], Client]
):
    path = world.url(name)
    client = client_for(role)
    shown = page_fields(client, path)["get"] if name not in SLOW else set()
    names = sorted(shown | set(QUERY) | (set(ORUK_QUERY) if ":oruk_" in name else set()))

    for sent in (_rotation(names, 0), dict.fromkeys(names, "99999999999999999999"), dict.fromkeys(names, "a\x00b")):
        fail_on_5xx(client.get(path, sent), "GET", path, sent)
        if name in SLOW:
            return

    @GET_SETTINGS
    @given(st.dictionaries(st.sampled_from(names), odd_values, min_size=1, max_size=3))
    def mixed(odd: dict[str, str]) -> None:
        fail_on_5xx(client.get(path, odd), "GET", path, odd)

    mixed()
