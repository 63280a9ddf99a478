"""Sign-in codes: set up an authenticator app from the account page; then signing in asks for a code."""

import pytest
from django.contrib.auth import SESSION_KEY
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

SETUP = reverse("identity:second_factor_setup")
VERIFY = reverse("identity:verify")


def code_for(device: TOTPDevice, *, steps_ahead: int = 0) -> str:
    """The code the authenticator app shows now (or that many 30-second steps from now)."""
    return f"{
        totp(
            device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=device.drift + steps_ahead
        ):06d}"


def test_the_account_page_offers_sign_in_codes(client, practitioner, read):
    client.force_login(practitioner)

    response = client.get(reverse("identity:account"))

    page = read(response)
    assert response.status_code == 200
    assert "Priya Shah" in page.text
    assert "Birkenhead locality team" in page.text
    assert f'href="{SETUP}"' in response.content.decode()


def test_the_setup_page_shows_a_qr_code_and_the_key(client, practitioner, read):
    client.force_login(practitioner)

    response = client.get(SETUP)

    page = read(response)
    device = TOTPDevice.objects.get(user=practitioner)
    assert response.status_code == 200
    assert page.title == "Turn on sign-in codes – Tandem"
    assert device.confirmed is False
    assert "<svg" in response.content.decode()
    assert page.values == {"token": ""}


def test_a_wrong_code_is_a_problem_and_keeps_what_was_typed(client, practitioner, read, audit, tables):
    client.force_login(practitioner)
    client.get(SETUP)
    tables.mark()

    response = client.post(SETUP, {"token": "12345"})

    page = read(response)
    assert response.status_code == 400
    assert "There is a problem" in page.text
    assert page.error_summary == ["Enter the 6-digit code from your authenticator app"]
    assert page.values == {"token": "12345"}
    assert TOTPDevice.objects.get(user=practitioner).confirmed is False
    assert audit.actions() == []
    tables.assert_unchanged()


def test_the_right_code_turns_sign_in_codes_on(client, practitioner, audit, read):
    client.force_login(practitioner)
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=practitioner)

    response = client.post(SETUP, {"token": code_for(device)})

    assert response.status_code == 302
    assert response["Location"] == reverse("identity:account")
    assert TOTPDevice.objects.get(user=practitioner).confirmed is True
    assert audit.actions() == ["identity.second_factor.added"]
    assert "Sign-in codes from an authenticator app are turned on." in read(client.get(response["Location"])).text


@pytest.fixture
def signed_in_owing_a_code(client, practitioner, password):
    """The practitioner turned sign-in codes on, signed out, and has just given their password again."""
    client.force_login(practitioner)
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=practitioner)
    client.post(SETUP, {"token": code_for(device)})
    # Verifying can record a drift (when the code was made in one 30-second step and checked in the
    # next); later codes must follow the device as saved, or a test fails at a step boundary.
    device.refresh_from_db()
    client.post(reverse("identity:sign_out"))
    response = client.post(reverse("identity:sign_in"), {"username": "practitioner", "password": password})
    return response, device


def test_once_turned_on_signing_in_asks_for_the_code(client, signed_in_owing_a_code):
    signed_in, _ = signed_in_owing_a_code

    held_back = client.get(reverse("people:search"))

    assert signed_in.status_code == 302
    assert signed_in["Location"] == f"{VERIFY}?next=/people/my-work/"
    assert held_back.status_code == 302
    assert held_back["Location"] == VERIFY


# django-otp slows down guessing: each wrong code counts, and the next try must wait a little longer.
THROTTLED = {
    "otp_totp.TOTPDevice": {
        "throttling_failure_count": "a wrong code counts towards the device's throttle (django-otp)",
        "throttling_failure_timestamp": "the time of that failure, from which the wait is counted",
    }
}


def test_a_wrong_sign_in_code_is_a_problem(client, signed_in_owing_a_code, read, audit, tables):
    audit.mark()
    tables.mark()

    response = client.post(f"{VERIFY}?next=/people/my-work/", {"token": "000000"})
    held_back = client.get(reverse("people:search"))

    page = read(response)
    assert response.status_code == 400
    assert "There is a problem" in page.text
    assert page.error_summary == ["The code is not right: try the newest code from your app"]
    assert page.values["token"] == "000000"
    assert audit.actions() == ["identity.second_factor.failed"]
    assert held_back.status_code == 302
    # The confirmed device is still there, still confirmed, with the same key: only the throttle moved.
    tables.assert_unchanged(audited=["identity.second_factor.failed"], may_change=THROTTLED)


def test_the_right_sign_in_code_lets_them_in(client, practitioner, signed_in_owing_a_code, audit):
    _, device = signed_in_owing_a_code
    audit.mark()

    # The code used to turn codes on may not be used again, so this is the next one the app shows.
    response = client.post(f"{VERIFY}?next=/people/my-work/", {"token": code_for(device, steps_ahead=1)})
    through = client.get(reverse("people:search"))

    assert response.status_code == 302
    assert response["Location"] == "/people/my-work/"
    assert audit.actions() == ["identity.second_factor.verified"]
    assert through.status_code == 200
    assert client.session[SESSION_KEY] == str(practitioner.pk)


def test_signing_out_is_allowed_before_the_code(client, signed_in_owing_a_code):
    response = client.post(reverse("identity:sign_out"))

    assert response.status_code == 302
    assert response["Location"] == reverse("identity:sign_in")
    assert SESSION_KEY not in client.session
