"""Sign-in throttles (ADR 0005 addendum): per username at an address, per address, per username
everywhere; the client address behind trusted proxies; and every failed sign-in audited."""

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import SESSION_KEY
from django.test import Client
from django.urls import reverse

from tandem.core.client_address import client_address

SIGN_IN = reverse("identity:sign_in")
OFFICE, ATTACKER, HOME = "192.0.2.10", "198.51.100.66", "203.0.113.5"


def attempt(client: Client, username: str, password: str, address: str, **headers: str) -> int:
    response = client.post(SIGN_IN, {"username": username, "password": password}, REMOTE_ADDR=address, **headers)
    return response.status_code


def test_a_locked_username_still_signs_in_from_another_address(client, practitioner, password):
    answers = [attempt(client, "practitioner", f"wrong-{n}", ATTACKER) for n in range(5)]

    at_the_attacker = attempt(Client(), "practitioner", password, ATTACKER)
    at_home = Client()
    home = attempt(at_home, "practitioner", password, HOME)

    assert answers == [400, 400, 400, 400, 429]
    assert at_the_attacker == 429
    assert home == 302
    assert at_home.session[SESSION_KEY] == str(practitioner.pk)


@pytest.fixture
def limits(settings):
    settings.TANDEM_SIGN_IN_ADDRESS_FAILURES = 8
    settings.TANDEM_SIGN_IN_USERNAME_FAILURES = 6
    return settings


def test_one_password_against_many_usernames_from_one_address_is_stopped(
    client, limits, practitioner, manager, password, read
):
    answers = [attempt(client, f"user{n}", "Summer2026!", ATTACKER) for n in range(10)]
    # Even the right password of a real user is refused from that address now ...
    refused = client.post(SIGN_IN, {"username": "practitioner", "password": password}, REMOTE_ADDR=ATTACKER)
    # ... but staff elsewhere sign in.
    elsewhere = Client()
    office = attempt(elsewhere, "manager", password, OFFICE)

    assert answers == [400] * 7 + [429] * 3
    assert refused.status_code == 429
    assert read(refused).title == "Too many failed sign-ins – Tandem"
    assert SESSION_KEY not in client.session
    assert office == 302
    assert elsewhere.session[SESSION_KEY] == str(manager.pk)


def test_an_address_already_throttled_adds_nothing_to_anyone_s_count(client, limits, practitioner, password):
    for n in range(8):
        attempt(client, f"user{n}", "wrong", ATTACKER)
    counted = sum(a.failures_since_start for a in AccessAttempt.objects.all())

    # Hammering one real username from the throttled address cannot lock it out anywhere.
    answers = [attempt(client, "practitioner", f"wrong-{n}", ATTACKER) for n in range(10)]
    home = attempt(Client(), "practitioner", password, HOME)

    assert answers == [429] * 10
    assert sum(a.failures_since_start for a in AccessAttempt.objects.all()) == counted
    assert not AccessAttempt.objects.filter(username="practitioner").exists()
    assert home == 302


def test_one_username_guessed_from_many_addresses_is_locked_everywhere(client, limits, practitioner, password, read):
    addresses = [f"198.51.100.{n}" for n in range(1, 7)]
    answers = [attempt(Client(), "practitioner", "wrong", address) for address in addresses]

    fresh = Client().post(SIGN_IN, {"username": "practitioner", "password": password}, REMOTE_ADDR=HOME)

    assert answers == [400] * 5 + [429]
    assert fresh.status_code == 429
    assert read(fresh).title == "Your account is locked – Tandem"


def test_a_success_clears_that_username_s_failures_at_that_address(client, limits, practitioner, password):
    for n in range(4):
        attempt(client, "practitioner", f"wrong-{n}", OFFICE)

    signed_in = attempt(client, "practitioner", password, OFFICE)

    assert signed_in == 302
    assert not AccessAttempt.objects.filter(username="practitioner").exists()


# The client address: REMOTE_ADDR, unless it is a trusted proxy.


def test_x_forwarded_for_is_ignored_from_an_untrusted_peer(rf, settings):
    settings.TANDEM_TRUSTED_PROXIES = ["10.0.0.0/8"]
    request = rf.post(SIGN_IN, REMOTE_ADDR=ATTACKER, HTTP_X_FORWARDED_FOR="192.0.2.99")

    assert client_address(request) == ATTACKER


def test_behind_a_trusted_proxy_the_client_is_the_nearest_untrusted_hop(rf, settings):
    settings.TANDEM_TRUSTED_PROXIES = ["10.0.0.0/8"]
    # The client forged the first address; the proxies appended the real one and each other's.
    request = rf.post(SIGN_IN, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=f"192.0.2.99, {ATTACKER}, 10.0.0.1")

    assert client_address(request) == ATTACKER


def test_a_malformed_forwarded_header_falls_back_to_the_last_trusted_hop(rf, settings):
    settings.TANDEM_TRUSTED_PROXIES = ["10.0.0.2"]
    request = rf.post(SIGN_IN, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="not-an-address")

    assert client_address(request) == "10.0.0.2"


def test_with_no_trusted_proxies_the_header_is_never_read(rf):
    request = rf.post(SIGN_IN, REMOTE_ADDR=OFFICE, HTTP_X_FORWARDED_FOR="192.0.2.99")

    assert client_address(request) == OFFICE


def test_behind_a_trusted_proxy_throttles_count_the_real_client(client, limits, practitioner, manager, password):
    limits.TANDEM_TRUSTED_PROXIES = ["10.0.0.1"]
    proxy = {"HTTP_X_FORWARDED_FOR": ATTACKER}
    answers = [attempt(client, f"user{n}", "wrong", "10.0.0.1", **proxy) for n in range(8)]

    office = attempt(Client(), "manager", password, "10.0.0.1", HTTP_X_FORWARDED_FOR=OFFICE)

    assert answers == [400] * 7 + [429]
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {ATTACKER}
    assert office == 302


# Every failed sign-in is audited: the username tried, the address and why; never the password.


def test_a_wrong_password_is_audited_with_the_user_as_target(client, practitioner, audit):
    attempt(client, "practitioner", "Secret-guess-1", OFFICE)

    [event] = audit.events()
    assert event.action == "identity.user.sign_in_failed"
    assert event.actor is None
    assert (event.target_type, event.target_id) == ("identity.user", str(practitioner.pk))
    assert event.summary == "Failed sign-in as practitioner: wrong password"
    assert event.changes == {"username": "practitioner", "client address": OFFICE, "reason": "wrong password"}
    assert "Secret-guess-1" not in f"{event.summary} {event.changes} {event.reason}"


def test_an_unknown_user_is_audited(client, audit, db):
    attempt(client, "nobody", "Secret-guess-1", OFFICE)

    [event] = audit.events()
    assert event.summary == "Failed sign-in as nobody: unknown user"
    assert (event.target_type, event.target_id) == ("", "")
    assert event.changes == {"username": "nobody", "client address": OFFICE, "reason": "unknown user"}


def test_a_locked_out_attempt_is_audited_and_the_attempt_that_locked_says_so(client, practitioner, password, audit):
    for n in range(5):
        attempt(client, "practitioner", f"wrong-{n}", OFFICE)
    attempt(client, "practitioner", password, OFFICE)

    events = audit.events()
    assert [e.changes["reason"] for e in events] == ["wrong password"] * 5 + ["locked out"]
    assert [e.changes.get("locked by") for e in events] == [None] * 4 + ["username", "username"]
    assert events[-1].summary == "Failed sign-in as practitioner: locked out"
    assert password not in str([(e.summary, e.changes) for e in events])


def test_a_form_with_nothing_in_it_is_not_a_sign_in_and_not_audited(client, audit, db):
    client.post(SIGN_IN, {"username": "", "password": ""})

    assert audit.actions() == []


def test_a_username_too_long_to_be_anyone_s_is_a_problem_not_an_error(client, read, audit, db):
    response = client.post(SIGN_IN, {"username": "u" * 151, "password": "x"})

    assert response.status_code == 400
    assert read(response).error_summary == ["Username must be 150 characters or fewer"]
    assert audit.actions() == []
