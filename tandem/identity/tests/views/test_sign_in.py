"""Signing in: the username and password, the lock-out after five wrong passwords, and signing out."""

from django.contrib.auth import SESSION_KEY
from django.urls import reverse

SIGN_IN = reverse("identity:sign_in")
WRONG = "The username or password is not right"
# What a failed sign-in writes beside its audit row: the attempt counted towards the lock-out, and an
# empty session, which django-axes creates to note a hash of its key with the attempt.
FAILURE_WRITES = {"axes.AccessAttempt": 1, "sessions.Session": 1}


def test_it_shows_the_form(client, read):
    response = client.get(SIGN_IN)

    page = read(response)
    assert response.status_code == 200
    assert page.title == "Sign in – Tandem"
    assert page.values == {"next": "", "username": "", "password": ""}


def test_a_wrong_password_is_a_problem_and_keeps_the_username_only(client, practitioner, problem, audit, tables):
    response = client.post(SIGN_IN, {"username": "practitioner", "password": "not-the-password"})

    page = problem(response, "Sign in", [WRONG])
    assert page.values["username"] == "practitioner"
    assert page.values["password"] == ""
    assert "not-the-password" not in response.content.decode()
    assert SESSION_KEY not in client.session
    # Audited as a failed sign-in (tests/test_sign_in_throttle.py), never with the password.
    assert audit.actions() == ["identity.user.sign_in_failed"]
    assert "not-the-password" not in str(audit.events()[0].changes)
    # Nothing else changed but the failure counted towards the lock-out.
    tables.assert_unchanged(audited=["identity.user.sign_in_failed"], added=FAILURE_WRITES)


def test_missing_details_are_a_problem(client, read, tables):
    response = client.post(SIGN_IN, {"username": "", "password": ""})

    page = read(response)
    assert response.status_code == 400
    assert page.error_summary == ["Enter your username", "Enter your password"]
    tables.assert_unchanged()


def test_the_right_password_signs_in_with_one_audit_event(client, practitioner, password, audit):
    response = client.post(SIGN_IN, {"username": "practitioner", "password": password})

    assert response.status_code == 302
    assert response["Location"] == "/people/my-work/"
    assert client.session[SESSION_KEY] == str(practitioner.pk)
    [event] = audit.events()
    assert (event.action, event.actor) == ("identity.user.signed_in", practitioner)


def test_it_goes_on_to_the_page_asked_for(client, practitioner, password):
    response = client.post(SIGN_IN, {"username": "practitioner", "password": password, "next": "/people/new/"})

    assert response["Location"] == "/people/new/"


def test_it_never_goes_on_to_another_site(client, practitioner, password):
    response = client.post(SIGN_IN, {"username": "practitioner", "password": password, "next": "https://evil.example/"})

    assert response["Location"] == "/people/my-work/"


def test_five_wrong_passwords_lock_the_username(client, practitioner, password, read, tables):
    answers = [
        client.post(SIGN_IN, {"username": "practitioner", "password": f"wrong-{n}"}).status_code for n in range(5)
    ]
    tables.mark()

    locked = client.post(SIGN_IN, {"username": "practitioner", "password": password})

    assert answers == [400, 400, 400, 400, 429]
    assert locked.status_code == 429
    assert read(locked).title == "Your account is locked – Tandem"
    assert SESSION_KEY not in client.session
    tables.assert_unchanged(audited=["identity.user.sign_in_failed"], added={"sessions.Session": 1})


def test_the_lock_is_for_that_username_only(client, practitioner, manager, password):
    for n in range(5):
        client.post(SIGN_IN, {"username": "practitioner", "password": f"wrong-{n}"})

    response = client.post(SIGN_IN, {"username": "manager", "password": password})

    assert response.status_code == 302
    assert client.session[SESSION_KEY] == str(manager.pk)


def test_signing_out_by_post_ends_the_session_with_one_audit_event(client, practitioner, audit):
    client.force_login(practitioner)

    response = client.post(reverse("identity:sign_out"))
    after = client.get(reverse("people:search"))

    assert response.status_code == 302
    assert response["Location"] == SIGN_IN
    assert SESSION_KEY not in client.session
    assert after.status_code == 302
    [event] = audit.events()
    assert (event.action, event.actor) == ("identity.user.signed_out", practitioner)


def test_signing_out_by_get_is_refused(client, practitioner, audit, tables):
    client.force_login(practitioner)
    tables.mark()

    response = client.get(reverse("identity:sign_out"))

    assert response.status_code == 405
    assert client.session[SESSION_KEY] == str(practitioner.pk)
    assert audit.actions() == []
    tables.assert_unchanged()


def test_a_next_that_looks_like_a_view_name_is_only_a_relative_address(client, practitioner, password):
    response = client.post(SIGN_IN, {"username": "practitioner", "password": password, "next": "abc"})
    verify = client.get(reverse("identity:verify"), {"next": "abc"})
    again = client.get(SIGN_IN, {"next": "people:search"})

    assert (response.status_code, response["Location"]) == (302, "abc")
    assert (verify.status_code, verify["Location"]) == (302, "abc")
    assert (again.status_code, again["Location"]) == (302, "/people/my-work/")  # "people:" reads as a scheme
