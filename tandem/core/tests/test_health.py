"""The load balancer's health checks: /healthz (the process answers) and /readyz (the database and
the broker answer), public and in JSON."""

import socket

import pytest
from django.db import OperationalError
from django.test import Client

from tandem.core import health


def _redis_answers() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.5):
            return True
    except OSError:
        return False


def test_healthz_answers_without_the_database_or_signing_in():
    # No database fixture: pytest-django fails any query this made.
    response = Client().get("/healthz")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"status": "ok"}


def test_healthz_answers_a_head_request_and_refuses_a_post():
    assert Client().head("/healthz").status_code == 200
    assert Client().post("/healthz").status_code == 405


@pytest.mark.django_db
def test_readyz_answers_when_the_database_answers_and_tasks_run_in_process(settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True

    response = Client().get("/readyz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "broker": "not used"}}


@pytest.mark.django_db
@pytest.mark.skipif(not _redis_answers(), reason="no Redis on 127.0.0.1:6379 to be the broker")
def test_readyz_answers_when_the_broker_answers(settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:6379/0"

    response = Client().get("/readyz")

    assert response.status_code == 200
    assert response.json()["checks"] == {"database": "ok", "broker": "ok"}


@pytest.mark.django_db
def test_readyz_is_unavailable_naming_the_broker_when_it_does_not_answer(settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1

    response = Client().get("/readyz")

    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["failed"] == ["broker"]
    assert body["checks"]["database"] == "ok"
    assert body["checks"]["broker"].startswith("failed: ")


@pytest.mark.django_db
def test_readyz_is_unavailable_naming_the_database_when_it_does_not_answer(settings, monkeypatch):
    settings.CELERY_TASK_ALWAYS_EAGER = True

    class Refusing:
        def cursor(self):
            raise OperationalError("connection refused")

    monkeypatch.setattr(health, "connection", Refusing())

    response = Client().get("/readyz")

    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "failed": ["database"],
        "checks": {"database": "failed: OperationalError", "broker": "not used"},
    }


@pytest.mark.django_db
def test_the_health_checks_answer_over_plain_http_when_https_is_required(settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.CELERY_TASK_ALWAYS_EAGER = True

    assert Client().get("/healthz").status_code == 200
    assert Client().get("/readyz").status_code == 200
    assert Client().get("/accessibility/").status_code == 301
