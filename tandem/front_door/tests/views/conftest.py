"""The page tests share the fixtures in tests/conftest.py: staff in each role, Mary Smith and her warning."""

import pytest
from django.test import Client

from tandem.identity.models import Team, User
from tests.conftest import *  # noqa: F403


@pytest.fixture
def signed_in(client: Client, practitioner: User, front_door_team: Team) -> Client:
    """A front-door practitioner, signed in."""
    client.force_login(practitioner)
    return client
