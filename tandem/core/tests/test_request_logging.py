"""Structured logs: one JSON line for each request, and the request's id in every line it logs."""

import io
import json
import logging
import re

import pytest
from django.test import Client

from tandem.core.logging import JsonFormatter, RequestIdFilter


@pytest.fixture
def log_lines(settings):
    """The JSON lines logged through the settings' handler set-up, parsed."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RequestIdFilter())
    root = logging.getLogger()
    root.addHandler(handler)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    root.removeHandler(handler)


def test_the_settings_log_json_lines_with_the_request_id(settings):
    handler = settings.LOGGING["handlers"]["console"]
    assert settings.LOGGING["formatters"][handler["formatter"]]["()"] == "tandem.core.logging.JsonFormatter"
    assert handler["filters"] == ["request_id"]
    assert settings.LOGGING["loggers"]["tandem.request"]["level"] == "INFO"


def test_a_request_gets_an_id_and_answers_with_it(log_lines):
    response = Client().get("/healthz")

    request_id = response["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", request_id)
    [line] = [line for line in log_lines() if line["logger"] == "tandem.request"]
    assert line["request_id"] == request_id
    assert line["method"] == "GET"
    assert line["path"] == "/healthz"
    assert line["status"] == 200
    assert line["duration_ms"] >= 0
    assert line["level"] == "INFO"
    assert line["user_id"] is None


def test_the_proxy_s_request_id_is_kept():
    response = Client().get("/healthz", headers={"X-Request-ID": "lb-7f3a.9c21"})

    assert response["X-Request-ID"] == "lb-7f3a.9c21"


@pytest.mark.parametrize("given", ["", "a" * 129, 'x" injected', "line\nbreak", "<script>"])
def test_a_request_id_that_could_forge_a_log_line_is_replaced(given):
    response = Client().get("/healthz", headers={"X-Request-ID": given})

    assert re.fullmatch(r"[0-9a-f]{32}", response["X-Request-ID"])


@pytest.mark.django_db
def test_every_line_logged_during_a_request_carries_its_id(settings, log_lines):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"  # nothing answers: the view logs a warning

    response = Client().get("/readyz", headers={"X-Request-ID": "req-42"})

    assert response.status_code == 503
    lines = log_lines()
    warning = next(line for line in lines if line["logger"] == "tandem.core.health")
    assert warning["request_id"] == "req-42"
    assert warning["level"] == "WARNING"
    assert "broker" in warning["message"]
    assert "exception" in warning  # the traceback, as one JSON string
    assert {line["request_id"] for line in lines} == {"req-42"}


@pytest.mark.django_db
def test_the_request_line_names_the_signed_in_user_by_id_and_never_the_query(client, practitioner, log_lines):
    client.force_login(practitioner)

    client.get("/people/?q=Smith")

    [line] = [line for line in log_lines() if line["logger"] == "tandem.request"]
    assert line["user_id"] == practitioner.pk
    assert line["path"] == "/people/"
    assert "Smith" not in json.dumps(line)


def test_a_line_logged_outside_a_request_has_an_empty_id(log_lines):
    logging.getLogger("tandem.test").warning("outside %s", "any request", extra={"count": 3})

    [line] = log_lines()
    assert line["request_id"] == ""
    assert line["message"] == "outside any request"
    assert line["count"] == 3


@pytest.mark.django_db
def test_django_s_line_for_a_refused_request_carries_the_id_but_not_the_query(client, practitioner, log_lines):
    client.force_login(practitioner)

    client.get("/people/00000000-0000-0000-0000-000000000000/?q=Smith", headers={"X-Request-ID": "req-43"})

    [line] = [line for line in log_lines() if line["logger"] == "django.request"]
    assert line["request_id"] == "req-43"
    assert line["status_code"] == 404
    assert "Smith" not in json.dumps(line)
