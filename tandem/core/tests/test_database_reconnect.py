"""A dropped database connection costs a reconnect, not a 500 (CONN_HEALTH_CHECKS).

A web worker keeps its connection between requests (CONN_MAX_AGE). When the database restarts, or
a pooler or firewall drops the connection, the next request must check it and open a new one.
"""

from io import BytesIO

import psycopg
import pytest
from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler
from django.db import connection
from django.urls import reverse

pytestmark = pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
    reason="terminating a server backend needs PostgreSQL; SQLite has no connection to drop",
)


def _get(handler: WSGIHandler, path: str) -> tuple[str, bytes]:
    """A request as gunicorn makes it: request_started and request_finished fire as in production."""
    answer: list[str] = []
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "wsgi.url_scheme": "http",
        "wsgi.input": BytesIO(),
    }
    body = handler(environ, lambda status, headers, exc_info=None: answer.append(status))
    try:
        content = b"".join(body)
    finally:
        body.close()  # fires request_finished, which keeps or closes the connection
    return answer[0], content


def test_the_connection_settings_check_a_kept_connection_before_reusing_it():
    assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True
    assert (settings.DATABASES["default"]["CONN_MAX_AGE"] or 0) > 0


@pytest.mark.django_db(transaction=True)
def test_the_next_request_after_the_connection_is_dropped_succeeds():
    handler = WSGIHandler()
    status, _ = _get(handler, reverse("directory:oruk_services"))
    assert status.startswith("200")
    with connection.cursor() as cursor:  # the same connection the request used, kept for the next
        cursor.execute("SELECT pg_backend_pid()")
        backend = cursor.fetchone()[0]

    # From a second connection, as a database restart or a dropped TCP connection would.
    with psycopg.connect(**connection.get_connection_params(), autocommit=True) as other:
        other.execute("SELECT pg_terminate_backend(%s)", [backend])

    status, content = _get(handler, reverse("directory:oruk_services"))

    assert status.startswith("200"), content[:300]
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        assert cursor.fetchone()[0] != backend
