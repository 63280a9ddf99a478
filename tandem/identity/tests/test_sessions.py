"""tandem.identity.sessions keeps Django's database sessions exactly, with a cheaper read."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.sessions.backends import db
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tandem.identity.sessions import SessionStore


def _saved(data: dict[str, object]) -> str:
    store = db.SessionStore()
    store.update(data)
    store.save()
    assert store.session_key is not None
    return store.session_key


def test_it_is_the_session_engine() -> None:
    assert settings.SESSION_ENGINE == "tandem.identity.sessions"


@pytest.mark.django_db
def test_a_live_session_reads_as_djangos_store_reads_it_in_one_query() -> None:
    key = _saved({"_auth_user_id": "7", "team": "front door", "n": [1, 2]})
    with CaptureQueriesContext(connection) as queries:
        ours = dict(SessionStore(key).items())
    assert ours == dict(db.SessionStore(key).items()) == {"_auth_user_id": "7", "team": "front door", "n": [1, 2]}
    assert len(queries.captured_queries) == 1


@pytest.mark.django_db
def test_an_expired_missing_or_malformed_session_is_forgotten_as_django_forgets_it() -> None:
    expired = _saved({"_auth_user_id": "7"})
    Session.objects.filter(session_key=expired).update(expire_date=timezone.now() - timedelta(seconds=1))
    for key in (expired, "x" * 32, "no such session", None):
        ours, theirs = SessionStore(key), db.SessionStore(key)
        assert dict(ours.items()) == dict(theirs.items()) == {}
        assert ours.session_key == theirs.session_key


@pytest.mark.django_db
def test_writes_and_expiry_are_djangos() -> None:
    store = SessionStore()
    store["seen"] = True
    store.save()
    row = Session.objects.get(session_key=store.session_key)
    assert db.SessionStore(store.session_key)["seen"] is True
    assert row.expire_date > timezone.now()
    store.flush()
    assert not Session.objects.filter(session_key=row.session_key).exists()
