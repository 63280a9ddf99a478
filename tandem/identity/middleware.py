"""Staff who have set up a second factor must use it before they see anything."""

import time
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import Resolver404, resolve

SECOND_FACTOR_PENDING = "tandem_second_factor_pending"
# Pages that a signed-in user who still owes a code may reach.
_ALLOWED_PENDING = {"identity:verify", "identity:sign_out"}


class SecondFactorRequiredMiddleware:
    """Sign-in sets a flag in the session when the user has a confirmed device; until the code
    is checked every page but the code page and sign-out redirects there."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated and request.session.get(SECOND_FACTOR_PENDING):
            try:
                view_name = resolve(request.path_info).view_name
            except Resolver404:
                view_name = ""
            if view_name not in _ALLOWED_PENDING:
                return redirect("identity:verify")
        return self.get_response(request)


class IdleTimeoutMiddleware:
    """Slide the session's expiry forward as staff work, without a database write on every page.

    The session ends SESSION_COOKIE_AGE seconds after it was last saved; saving it at most once a
    minute keeps the idle time-out within a minute of its setting and spares each page three
    round trips to the database.
    """

    REFRESH_SECONDS = 60

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and hasattr(request, "session"):
            now = int(time.time())
            if now - int(request.session.get(_REFRESHED_AT, 0)) >= self.REFRESH_SECONDS:
                request.session[_REFRESHED_AT] = now
        return response


_REFRESHED_AT = "tandem_session_refreshed_at"
