"""The page tests share the fixtures in tests/conftest.py: staff in each role, Mary Smith and her warning."""

import pytest
from django.test import Client

from tandem.identity.models import User
from tests.conftest import *  # noqa: F403


@pytest.fixture
def admin_client(administrator: User) -> Client:
    """A browser signed in as the system administrator."""
    client = Client()
    client.force_login(administrator)
    return client
