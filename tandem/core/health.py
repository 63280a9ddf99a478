"""Health endpoints for load balancers and orchestrators, public and answered in JSON.

`/healthz`: the process answers (liveness); it touches neither the database nor the session.
`/readyz`: the database and the Celery broker answer (readiness); 503 naming what failed, so a
load balancer stops sending requests to a worker that could only fail them.
"""

import logging

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_safe
from kombu.connection import Connection

logger = logging.getLogger(__name__)

# Seconds to wait for the broker: a readiness probe must answer well inside the balancer's timeout.
BROKER_TIMEOUT = 2.0


@login_not_required
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


@login_not_required
@require_safe
def readyz(request: HttpRequest) -> JsonResponse:
    checks = {"database": _database(), "broker": _broker()}
    failed = [name for name, result in checks.items() if result not in {"ok", "not used"}]
    if failed:
        return JsonResponse({"status": "unavailable", "failed": failed, "checks": checks}, status=503)
    return JsonResponse({"status": "ok", "checks": checks})


def _database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        logger.warning("Readiness: the database did not answer", exc_info=True)
        return f"failed: {type(error).__name__}"
    return "ok"


def _broker() -> str:
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return "not used"  # tasks run in the web process (the demonstration)
    try:
        with Connection(  # type: ignore[no-untyped-call]  # kombu's constructor has no annotations
            settings.CELERY_BROKER_URL,
            connect_timeout=BROKER_TIMEOUT,
            transport_options={"socket_timeout": BROKER_TIMEOUT, "socket_connect_timeout": BROKER_TIMEOUT},
        ) as broker:
            broker.ensure_connection(max_retries=1, timeout=BROKER_TIMEOUT)
    except Exception as error:  # any failure to reach the broker means not ready
        logger.warning("Readiness: the broker did not answer", exc_info=True)
        return f"failed: {type(error).__name__}"
    return "ok"
