"""The test data every installed app declares next to its own code (`<app>/tests/<name>.py`)."""

import importlib
from types import ModuleType

from django.apps import apps


def app_test_modules(name: str) -> dict[str, ModuleType]:
    """`<app>.tests.<name>` of every installed app that has one, by app label, in INSTALLED_APPS order."""
    found: dict[str, ModuleType] = {}
    for config in apps.get_app_configs():
        module = f"{config.name}.tests.{name}"
        try:
            found[config.label] = importlib.import_module(module)
        except ModuleNotFoundError as error:
            # The app has no such module (or no tests package); an import failing inside one is a bug.
            if error.name is None or not module.startswith(error.name):
                raise
    return found
