"""The session slides forward as staff work, saved at most once a minute, and ends when idle."""

from django.contrib.sessions.models import Session
from django.urls import reverse

from tandem.identity import middleware


def _expiry(client):
    return Session.objects.get(session_key=client.session.session_key).expire_date


def test_a_page_soon_after_the_last_save_does_not_write_the_session(client, practitioner, monkeypatch):
    monkeypatch.setattr(middleware.time, "time", lambda: 1_000_000)
    client.force_login(practitioner)
    client.get(reverse("identity:account"))
    saved = _expiry(client)

    monkeypatch.setattr(middleware.time, "time", lambda: 1_000_030)
    client.get(reverse("identity:account"))

    assert _expiry(client) == saved
    assert client.session[middleware._REFRESHED_AT] == 1_000_000


def test_a_page_a_minute_later_slides_the_expiry_forward(client, practitioner, monkeypatch):
    monkeypatch.setattr(middleware.time, "time", lambda: 1_000_000)
    client.force_login(practitioner)
    client.get(reverse("identity:account"))
    saved = _expiry(client)

    monkeypatch.setattr(middleware.time, "time", lambda: 1_000_061)
    client.get(reverse("identity:account"))

    assert _expiry(client) > saved
    assert client.session[middleware._REFRESHED_AT] == 1_000_061


def test_an_expired_session_sends_the_user_back_to_sign_in(client, practitioner):
    client.force_login(practitioner)
    Session.objects.filter(session_key=client.session.session_key).update(expire_date="2000-01-01T00:00:00Z")

    response = client.get(reverse("identity:account"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("identity:sign_in"))


def test_the_idle_time_out_is_thirty_minutes_by_default(settings):
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
