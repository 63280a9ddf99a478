"""Views reach data only through selectors and services; platform apps never import feature apps.

Read from the source with `ast`, so it runs in milliseconds (import-linter checks the second rule
too, but only when someone runs it).
"""

import ast
from pathlib import Path

import pytest

TANDEM = Path(__file__).resolve().parents[2] / "tandem"
VIEW_MODULES = sorted([*TANDEM.glob("*/views.py"), *TANDEM.glob("*/*_views.py"), *TANDEM.glob("*/views/*.py")])
PLATFORM_APPS = ("core", "identity", "audit", "access")
FEATURE_PACKAGES = ("tandem.people", "tandem.demo", "tandem.directory", "tandem.front_door", "tandem.safeguarding")
MANAGER_ATTRIBUTES = {"objects", "_default_manager", "_base_manager"}


def _name(path: Path) -> str:
    return str(path.relative_to(TANDEM.parent))


def _is_type_checking_block(node: ast.AST) -> bool:
    test = getattr(node, "test", None)
    return isinstance(node, ast.If) and (
        (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING")
        or (isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")
    )


def _runtime_nodes(tree: ast.AST) -> list[ast.AST]:
    """Every node that runs at import or call time: `if TYPE_CHECKING:` blocks are only for the type checker."""
    found: list[ast.AST] = []
    pending: list[ast.AST] = [tree]
    while pending:
        node = pending.pop()
        found.append(node)
        if _is_type_checking_block(node):
            pending.extend(node.orelse)  # type: ignore[attr-defined]
            continue
        pending.extend(ast.iter_child_nodes(node))
    return found


def _model_imports(tree: ast.AST) -> list[str]:
    problems = []
    for node in _runtime_nodes(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[-1] == "models":
            problems.append(f"line {node.lineno}: from {node.module} import {', '.join(a.name for a in node.names)}")
        elif isinstance(node, ast.ImportFrom) and any(alias.name == "models" for alias in node.names):
            problems.append(f"line {node.lineno}: from {node.module} import models")
        elif isinstance(node, ast.Import) and any(a.name.split(".")[-1] == "models" for a in node.names):
            problems.append(f"line {node.lineno}: import {', '.join(a.name for a in node.names)}")
    return sorted(problems, key=lambda problem: int(problem.split(":")[0].removeprefix("line ")))


def _manager_uses(tree: ast.AST) -> list[str]:
    return sorted(
        (
            f"line {node.lineno}: .{node.attr}"
            for node in _runtime_nodes(tree)
            if isinstance(node, ast.Attribute) and node.attr in MANAGER_ATTRIBUTES
        ),
        key=lambda problem: int(problem.split(":")[0].removeprefix("line ")),
    )


def _feature_imports(tree: ast.AST) -> list[str]:
    """Imports of a feature app, including `from tandem import people` (which names the module)."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            modules = [node.module, *(f"{node.module}.{alias.name}" for alias in node.names)]
        else:
            continue
        found.extend(
            f"line {node.lineno}: {module}"
            for module in modules
            if any(module == package or module.startswith(f"{package}.") for package in FEATURE_PACKAGES)
        )
    return found


def test_every_app_with_pages_is_checked():
    assert [_name(path) for path in VIEW_MODULES] == [
        "tandem/access/views.py",
        "tandem/assessments/views.py",
        "tandem/core/views.py",
        "tandem/directory/views.py",
        "tandem/front_door/views/__init__.py",
        "tandem/front_door/views/contacts.py",
        "tandem/front_door/views/figures.py",
        "tandem/front_door/views/public.py",
        "tandem/front_door/views/signposting.py",
        "tandem/identity/admin_views.py",
        "tandem/identity/views.py",
        "tandem/people/views.py",
        "tandem/safeguarding/views/__init__.py",
        "tandem/safeguarding/views/_pages.py",
        "tandem/safeguarding/views/concerns.py",
        "tandem/safeguarding/views/dols.py",
        "tandem/safeguarding/views/enquiries.py",
        "tandem/safeguarding/views/returns.py",
        "tandem/support_plans/provider_views.py",
        "tandem/support_plans/review_views.py",
        "tandem/support_plans/views.py",
        "tandem/workforce/views.py",
    ]


@pytest.mark.parametrize("path", VIEW_MODULES, ids=_name)
def test_a_view_module_never_uses_a_model_manager(path):
    tree = ast.parse(path.read_text(), filename=str(path))

    assert _manager_uses(tree) == [], "views must read through selectors and write through services"


@pytest.mark.parametrize("path", VIEW_MODULES, ids=_name)
def test_a_view_module_never_imports_a_model(path):
    tree = ast.parse(path.read_text(), filename=str(path))

    assert _model_imports(tree) == [], "views must read through selectors (import models only under TYPE_CHECKING)"


def test_the_checks_catch_a_view_that_queries_directly():
    tree = ast.parse(
        "from tandem.people.models import Person\n"
        "from tandem.people import models\n"
        "def summary(request, pk):\n"
        "    return Person.objects.get(pk=pk)\n"
    )

    assert _model_imports(tree) == [
        "line 1: from tandem.people.models import Person",
        "line 2: from tandem.people import models",
    ]
    assert _manager_uses(tree) == ["line 4: .objects"]


def test_the_checks_allow_model_imports_for_the_type_checker_alone():
    tree = ast.parse(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from tandem.people.models import Person\n"
    )

    assert _model_imports(tree) == []


PLATFORM_MODULES = sorted(path for app in PLATFORM_APPS for path in (TANDEM / app).rglob("*.py"))


@pytest.mark.parametrize("path", PLATFORM_MODULES, ids=_name)
def test_a_platform_module_never_imports_a_feature_app(path):
    tree = ast.parse(path.read_text(), filename=str(path))

    assert _feature_imports(tree) == [], "platform apps (core, identity, audit, access) never import feature apps"


def test_the_platform_check_catches_a_feature_import():
    tree = ast.parse(
        "from tandem.people.selectors import person_get\nimport tandem.demo.names\nfrom tandem import people\n"
    )

    assert _feature_imports(tree) == [
        "line 1: tandem.people.selectors",
        "line 1: tandem.people.selectors.person_get",
        "line 2: tandem.demo.names",
        "line 3: tandem.people",
    ]
