"""The `oidc_provider` fixture: the test OpenID Connect provider in a process of its own, and
Tandem's settings pointed at it (single sign-on on) for the test that asks for it."""

import json
import os
import select
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tandem.identity import single_sign_on

CLIENT_ID = "tandem-tests"
CLIENT_SECRET = "provider-secret-for-tests-only"
ORGANISATION_PASSWORD = "organisation-password-7"
# The provider's people: Nia and Lee sign in with a password; Mo with more than one factor.
PEOPLE = [
    {"username": "nia.evans", "email": "nia.evans@wirral.example", "first_name": "Nia", "last_name": "Evans"},
    {"username": "lee.hughes", "email": "lee.hughes@wirral.example", "first_name": "Lee", "last_name": "Hughes"},
    {"username": "mo.khan", "email": "mo.khan@wirral.example", "first_name": "Mo", "last_name": "Khan"},
]
MULTI_FACTOR = ["mo.khan"]
ROOT = Path(__file__).resolve().parents[3]
START_SECONDS = 120  # a loaded machine (CI runs the suite on two workers) starts it slowly


@dataclass(frozen=True)
class Provider:
    """A running provider: its issuer, and the subject (`sub`) it gives each of its people."""

    issuer: str
    subjects: dict[str, str]
    password: str = ORGANISATION_PASSWORD


def _started(process: subprocess.Popen[str]) -> int:
    """The port the provider printed once it was ready."""
    assert process.stdout is not None
    ready, _, _ = select.select([process.stdout], [], [], START_SECONDS)
    line = process.stdout.readline() if ready else ""
    if not line.strip().isdigit():
        process.kill()
        raise RuntimeError(f"the test OpenID Connect provider did not start: {line!r}")
    return int(line)


@pytest.fixture(scope="session")
def oidc_provider_process(live_server: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Provider]:
    """Start the provider once for the test run, with Tandem's live server as its client's redirect."""
    environment = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "PROVIDER_DATABASE": str(tmp_path_factory.mktemp("oidc_provider") / "provider.sqlite3"),
        "PROVIDER_USERS": json.dumps([person | {"password": ORGANISATION_PASSWORD} for person in PEOPLE]),
        "PROVIDER_MULTI_FACTOR_USERS": ",".join(MULTI_FACTOR),
        "PROVIDER_CLIENT_ID": CLIENT_ID,
        "PROVIDER_CLIENT_SECRET": CLIENT_SECRET,
        "PROVIDER_REDIRECT_URIS": f"{live_server.url}/sign-in/organisation/return/",
    }
    environment.pop("DJANGO_SETTINGS_MODULE", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.single_sign_on.provider.serve"],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        port = _started(process)
        # The provider numbers its users in the order they were made: `sub` is that number.
        subjects = {person["username"]: str(number) for number, person in enumerate(PEOPLE, start=1)}
        yield Provider(issuer=f"http://127.0.0.1:{port}/o", subjects=subjects)
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def oidc_provider(oidc_provider_process: Provider, settings: Any) -> Iterator[Provider]:
    """Single sign-on turned on, with the running provider."""
    settings.TANDEM_OIDC_ISSUER = oidc_provider_process.issuer
    settings.TANDEM_OIDC_DISCOVERY_URL = f"{oidc_provider_process.issuer}/.well-known/openid-configuration"
    settings.TANDEM_OIDC_CLIENT_ID = CLIENT_ID
    settings.TANDEM_OIDC_CLIENT_SECRET = CLIENT_SECRET
    settings.TANDEM_OIDC_SCOPES = ("openid", "profile", "email")
    settings.TANDEM_OIDC_ACR_VALUES = ""
    settings.TANDEM_OIDC_LINK_BY_EMAIL = False
    yield oidc_provider_process
    single_sign_on.forget_clients()
