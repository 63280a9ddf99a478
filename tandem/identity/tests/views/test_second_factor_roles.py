"""A second factor required per role (TANDEM_SECOND_FACTOR_ROLES, ADR 0005 addendum)."""

import runpy
from typing import Any

import pytest
from django.conf import settings as settings_module
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from tandem.identity.checks import second_factor_roles_check
from tandem.identity.tests.views.test_second_factor import code_for

SIGN_IN = reverse("identity:sign_in")
SETUP = reverse("identity:second_factor_setup")
VERIFY = reverse("identity:verify")


@pytest.fixture
def managers_need_codes(settings):
    settings.TANDEM_SECOND_FACTOR_ROLES = frozenset({"team_manager", "system_administrator"})


def test_a_manager_without_a_device_is_sent_to_set_one_up_before_anything_else(
    client, managers_need_codes, manager, password, read
):
    signed_in = client.post(SIGN_IN, {"username": "manager", "password": password})
    held_back = [client.get(reverse(name)) for name in ("people:search", "identity:account", "workforce:home")]
    setup = client.get(SETUP)

    assert signed_in.status_code == 302
    assert [(r.status_code, r["Location"]) for r in held_back] == [(302, SETUP)] * 3
    assert setup.status_code == 200
    assert "Your role needs sign-in codes. Set up an authenticator app before you go on." in read(setup).text


def test_once_set_up_the_manager_goes_on_and_next_time_is_asked_for_a_code(
    client, managers_need_codes, manager, password
):
    client.post(SIGN_IN, {"username": "manager", "password": password})
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=manager)

    confirmed = client.post(SETUP, {"token": code_for(device)})
    through = client.get(reverse("people:search"))
    client.post(reverse("identity:sign_out"))
    again = client.post(SIGN_IN, {"username": "manager", "password": password})

    assert confirmed.status_code == 302
    assert through.status_code == 200
    assert again["Location"] == f"{VERIFY}?next=/people/my-work/"
    assert client.get(reverse("people:search"))["Location"] == VERIFY


def test_a_session_begun_before_it_was_required_is_asked_for_the_code_of_an_existing_device(
    client, managers_need_codes, manager
):
    TOTPDevice.objects.create(user=manager, name="Authenticator app", confirmed=True)
    client.force_login(manager)

    response = client.get(reverse("people:search"))

    assert response["Location"] == VERIFY
    assert client.get(VERIFY).status_code == 200


def test_other_roles_are_not_held_back(client, managers_need_codes, practitioner):
    client.force_login(practitioner)

    assert client.get(reverse("people:search")).status_code == 200


def test_a_manager_may_still_sign_out_without_setting_one_up(client, managers_need_codes, manager):
    client.force_login(manager)

    response = client.post(reverse("identity:sign_out"))

    assert response["Location"] == SIGN_IN


def test_an_unknown_role_in_the_setting_is_a_system_check_error(settings):
    settings.TANDEM_SECOND_FACTOR_ROLES = frozenset({"team_manger", "practitioner"})

    errors = second_factor_roles_check(None)

    assert [(e.id, e.msg) for e in errors] == [
        ("identity.E001", "TANDEM_SECOND_FACTOR_ROLES names roles that do not exist: team_manger")
    ]


# What a production environment sets besides its key (README), so these settings start as production's would.
PRODUCTION = {
    "TANDEM_ALLOWED_HOSTS": "tandem.example",
    "TANDEM_HTTPS": "true",
    "TANDEM_MAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
    "TANDEM_CACHE_URL": "redis://127.0.0.1:6379/1",
}


def _settings_with(monkeypatch, **environment: str) -> dict[str, Any]:
    """config/settings.py as it reads in that environment (it only reads; nothing connects)."""
    for name in ("TANDEM_SECRET_KEY", "TANDEM_DEBUG", "TANDEM_DEMO", "TANDEM_SECOND_FACTOR_ROLES", *PRODUCTION):
        monkeypatch.delenv(name, raising=False)
    for name, value in ((PRODUCTION if "TANDEM_SECRET_KEY" in environment else {}) | environment).items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(settings_module.BASE_DIR / "config" / "settings.py"))


def test_production_requires_it_of_managers_and_administrators_by_default(monkeypatch):
    key = "a-production-key-" + "x" * 40
    production = _settings_with(monkeypatch, TANDEM_SECRET_KEY=key)
    chosen = _settings_with(monkeypatch, TANDEM_SECRET_KEY=key, TANDEM_SECOND_FACTOR_ROLES="practitioner, team_manager")
    debug = _settings_with(monkeypatch, TANDEM_SECRET_KEY=key, TANDEM_DEBUG="true")
    demo = _settings_with(monkeypatch, TANDEM_SECRET_KEY=key, TANDEM_DEMO="true")

    assert production["TANDEM_SECOND_FACTOR_ROLES"] == {"team_manager", "system_administrator"}
    assert chosen["TANDEM_SECOND_FACTOR_ROLES"] == {"practitioner", "team_manager"}
    assert debug["TANDEM_SECOND_FACTOR_ROLES"] == frozenset()
    assert demo["TANDEM_SECOND_FACTOR_ROLES"] == frozenset()


def test_production_is_whatever_is_neither_debug_nor_the_demo_even_before_its_key_is_set(monkeypatch):
    # Such a server refuses to start for want of its key (tandem/core/deployment.py); its settings
    # still read as production's, so nothing is relaxed by leaving the key out.
    unset = _settings_with(monkeypatch)

    assert unset["TANDEM_SECOND_FACTOR_ROLES"] == {"team_manager", "system_administrator"}
