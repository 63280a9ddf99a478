"""Request-wide middleware: the request id and its log line, the security headers, and 403 pages."""

import logging
import re
import time
import uuid
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.functional import empty

from tandem.core.errors import NotPermitted
from tandem.core.logging import current_request_id

request_logger = logging.getLogger("tandem.request")

REQUEST_ID_HEADER = "X-Request-ID"
# An id from the proxy is kept when it looks like one (a UUID, or the proxy's own token); anything
# else (too long, or with characters that could forge a log line) is replaced with a new one.
_REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")


class RequestIdMiddleware:
    """Give the request an id, answer with it, put it in every log line, and log the request."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        given = request.headers.get(REQUEST_ID_HEADER, "")
        request_id = given if _REQUEST_ID.fullmatch(given) else uuid.uuid4().hex
        request.request_id = request_id  # type: ignore[attr-defined]  # read by views that report it
        token = current_request_id.set(request_id)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response[REQUEST_ID_HEADER] = request_id
            # The path only: a query string can hold what staff searched for (a person's name).
            request_logger.info(
                "%s %s %s",
                request.method,
                request.path,
                response.status_code,
                extra={
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                    "user_id": _user_id(request),
                },
            )
            return response
        finally:
            current_request_id.reset(token)


def _user_id(request: HttpRequest) -> int | None:
    """The signed-in user's id if the request looked them up; never a database read of its own."""
    user = getattr(request, "user", None)
    if user is None or getattr(user, "_wrapped", None) is empty:
        return None
    return user.pk if user.is_authenticated else None


class SecurityHeadersMiddleware:
    """Permissions-Policy on every page, and no caching of pages that may hold personal data.

    Every page for signed-in staff is `Cache-Control: no-store`, whatever the view said, so neither a
    shared cache nor the browser's history keeps a person's details (UK GDPR Article 32; NCSC
    guidance on browser caching). A public page is no-store too unless its view chose otherwise: the
    ask-for-help journey shows back what the person typed.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.TANDEM_PERMISSIONS_POLICY)
        user = getattr(request, "user", None)
        signed_in = user is not None and user.is_authenticated
        if signed_in or "Cache-Control" not in response:
            response["Cache-Control"] = "no-store"
        return response


class NotPermittedMiddleware:
    """Turn a refused action into a 403 page rather than a server error."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, NotPermitted):
            return render(request, "errors/403.html", {"message": exception.message}, status=403)
        return None
