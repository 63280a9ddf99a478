"""Every page about a person goes through the record-page kit (`tandem.people.record_page`).

A URL whose first id names a person's record (the person, or a document of theirs) must be served
by a view decorated with `record_page`, so the banner and warnings follow the person and every
view is logged, by construction. Read from the URL configuration, so a new page is covered the
moment it is routed.
"""

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver

pytestmark = pytest.mark.django_db(databases=[])

# The URL keywords that name a person's record or a document of theirs.
RECORD_KWARGS = {
    "person_uuid",
    "contact_uuid",
    "assessment_uuid",
    "plan_uuid",
    "review_uuid",
    "package_uuid",
    "provider_review_uuid",
    "concern_uuid",
    "enquiry_uuid",
    "application_uuid",
    "case_uuid",
}

# Pages under a record URL that are not a page of the record, each with the reason.
NOT_RECORD_PAGES = {
    "people:break_glass": "the door to a restricted record: it shows only the reason asked for, and logs the grant",
}


def _patterns(resolver: URLResolver, prefix: str = "", namespace: str = "") -> Iterator[tuple[str, str, object]]:
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}:{entry.namespace}" if namespace and entry.namespace else entry.namespace or namespace
            yield from _patterns(entry, prefix + str(entry.pattern), inner or "")
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}" if namespace else str(entry.name)
            yield prefix + str(entry.pattern), name, entry.callback


def _record_urls() -> list[tuple[str, str, object]]:
    found = []
    for route, name, view in _patterns(get_resolver()):
        keywords = re.findall(r"<(?:\w+:)?(\w+)>", route)
        if keywords and keywords[0] in RECORD_KWARGS:
            found.append((route, name, view))
    return found


def test_there_are_record_pages_to_check():
    assert len(_record_urls()) > 50


def _id(value: object) -> str:
    # A view's repr carries its address, which differs between test workers: name it instead.
    return value if isinstance(value, str) else getattr(value, "__name__", str(value))


@pytest.mark.parametrize(("route", "name", "view"), _record_urls(), ids=_id)
def test_a_page_about_a_person_goes_through_the_kit(route, name, view):
    if name in NOT_RECORD_PAGES:
        return
    assert getattr(view, "record_page", None), (
        f"{name} ({route}) is a page about a person's record but is not decorated with record_page"
    )


def test_the_lists_of_exceptions_name_real_pages():
    names = {name for _, name, _ in _record_urls()}
    assert set(NOT_RECORD_PAGES) <= names


# A page that starts something new about a person names them in the query string
# (`?person=<uuid>`): `record_page.query_record_page` reads, checks and logs that person, so a
# view never reads the parameter itself.
QUERY_PERSON = "person"
VIEW_MODULES = sorted(
    path
    for config in apps.get_app_configs()
    if config.name.startswith("tandem.")
    for path in [
        *Path(config.path).glob("views.py"),
        *Path(config.path).glob("*_views.py"),
        *Path(config.path).glob("views/**/*.py"),
    ]
)


def _reads_the_person_from_the_query(tree: ast.AST) -> list[int]:
    """Lines reading `request.GET.get("person")` or `request.GET["person"]`."""
    found = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "get"
            and isinstance(node.func.value, ast.Attribute)
            and node.func.value.attr == "GET"
            and node.args
        ):
            key = node.args[0]
        elif isinstance(node, ast.Subscript) and isinstance(node.value, ast.Attribute) and node.value.attr == "GET":
            key = node.slice
        else:
            continue
        if isinstance(key, ast.Constant) and key.value == QUERY_PERSON:
            found.append(node.lineno)
    return sorted(found)


def test_there_are_view_modules_to_read():
    assert len(VIEW_MODULES) > 10


@pytest.mark.parametrize("path", VIEW_MODULES, ids=lambda path: str(path.relative_to(path.parents[2])))
def test_a_view_never_loads_the_person_from_the_query_string_itself(path: Path):
    tree = ast.parse(path.read_text(), filename=str(path))

    assert _reads_the_person_from_the_query(tree) == [], "use record_page.query_record_page (or query_person)"


def test_the_query_string_check_finds_a_view_that_reads_the_person():
    tree = ast.parse('def view(request):\n    a = request.GET.get("person")\n    b = request.GET["person"]\n')

    assert _reads_the_person_from_the_query(tree) == [2, 3]


@pytest.mark.parametrize("name", ["front_door:contact_new", "safeguarding:concern_new", "safeguarding:dols_receive"])
def test_a_page_about_the_person_in_the_query_string_goes_through_the_kit(name: str):
    views = {url_name: view for _, url_name, view in _patterns(get_resolver())}

    assert getattr(views[name], "record_page", None)
