"""Where a request came from, kept for the length of the request so services need not pass it."""

from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse

from tandem.core.client_address import client_address


@dataclass(frozen=True)
class Origin:
    ip_address: str | None
    user_agent: str


_origin: ContextVar[Origin | None] = ContextVar("audit_origin", default=None)


def current_origin() -> Origin | None:
    return _origin.get()


class AuditOriginMiddleware:
    """Record the client address and browser of each request for the audit log."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # Behind a proxy, the address it received the request from (tandem/core/client_address.py).
        token = _origin.set(
            Origin(
                ip_address=client_address(request),
                user_agent=request.META.get("HTTP_USER_AGENT", "")[:300],
            )
        )
        try:
            return self.get_response(request)
        finally:
            _origin.reset(token)
