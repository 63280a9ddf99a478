"""The page tests share the fixtures in tests/conftest.py: staff in each role, Mary Smith and her warning."""

from tests.conftest import *  # noqa: F403
