"""An app reads another app's tables only through that app's selectors, services or registries.

A reverse relation (`person.needs_assessments`, `person.support_requests`) reads the table of the
app that holds the foreign key from inside another app, past that app's scopes and selectors, so
the owning app can no longer change its table alone. The relations are read from the installed
models, and the uses from the source with `ast`.
"""

import ast
from pathlib import Path

import pytest
from django.apps import apps

TANDEM_APPS = [config for config in apps.get_app_configs() if config.name.startswith("tandem.")]
PLATFORM_APPS = ("core", "identity", "audit", "access")
# Recorded in docs/adr/0003-the-access-rule.md: the access rule's tables hold the person they
# restrict, and the people app reads a record's restriction with the record itself (one query).
EXCEPTIONS = {("people", "restriction")}


def _reverse_accessors() -> dict[str, str]:
    """The name of every reverse relation into a model of another app, and the app that owns its table."""
    found: dict[str, str] = {}
    for model in apps.get_models():
        for relation in model._meta.related_objects:
            holder = relation.related_model._meta.app_label
            accessor = relation.get_accessor_name()
            if accessor and holder != model._meta.app_label and model.__module__.startswith("tandem."):
                found[accessor] = holder
    return found


ACCESSORS = _reverse_accessors()


def _reads(tree: ast.AST, accessors: dict[str, str], app: str) -> list[str]:
    """`x.<accessor>` and `select_related("<accessor>...")`-style lookups of another app's table."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and accessors.get(node.attr, app) != app:
            found.append(f"line {node.lineno}: .{node.attr}")
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in {"select_related", "prefetch_related"}
        ):
            for argument in node.args:
                if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
                    first = argument.value.split("__")[0]
                    if accessors.get(first, app) != app:
                        found.append(f"line {node.lineno}: {node.func.attr}({argument.value!r})")
    return sorted(found, key=lambda problem: int(problem.split(":")[0].removeprefix("line ")))


def _modules() -> list[tuple[str, Path]]:
    return sorted(
        (config.label, path)
        for config in TANDEM_APPS
        for path in Path(config.path).rglob("*.py")
        if not {"tests", "migrations"} & set(path.relative_to(config.path).parts)
    )


@pytest.mark.parametrize(("app", "path"), _modules(), ids=lambda value: str(value).rsplit("tandem/", 1)[-1])
def test_an_app_never_reads_another_apps_table_through_a_reverse_relation(app: str, path: Path):
    accessors = {name: owner for name, owner in ACCESSORS.items() if (app, name) not in EXCEPTIONS}

    assert _reads(ast.parse(path.read_text()), accessors, app) == [], "use a selector of the app that owns the table"


def test_the_relations_come_from_the_installed_models():
    assert ACCESSORS["needs_assessments"] == "assessments"
    assert ACCESSORS["support_requests"] == "front_door"


def test_the_check_catches_a_reverse_relation_read():
    tree = ast.parse(
        "def plans(person):\n"
        "    person.needs_assessments.filter(status='completed')\n"
        "    return Person.objects.prefetch_related('support_requests__team')\n"
    )

    assert _reads(tree, ACCESSORS, "support_plans") == [
        "line 2: .needs_assessments",
        "line 3: prefetch_related('support_requests__team')",
    ]
    assert _reads(tree, {"needs_assessments": "assessments"}, "assessments") == []


def test_no_platform_app_holds_a_foreign_key_to_a_feature_app_but_those_recorded():
    held = sorted(
        f"{model._meta.label}.{field.name} -> {field.related_model._meta.label}"
        for model in apps.get_models()
        if model._meta.app_label in PLATFORM_APPS
        for field in model._meta.get_fields()
        if field.is_relation
        and field.concrete
        and field.related_model is not None
        and field.related_model.__module__.startswith("tandem.")
        and field.related_model._meta.app_label not in PLATFORM_APPS
    )

    # Recorded in docs/adr/0003-the-access-rule.md: a restriction, a break-glass grant and a change
    # to a restriction are each about one person.
    assert held == [
        "access.BreakGlass.person -> people.Person",
        "access.RecordRestriction.person -> people.Person",
        "access.RestrictionChange.person -> people.Person",
    ]
