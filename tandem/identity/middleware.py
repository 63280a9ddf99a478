"""Staff who have set up a second factor must use it before they see anything."""

import time
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import Resolver404, resolve

from tandem.identity import services

SECOND_FACTOR_PENDING = "tandem_second_factor_pending"
# Signed in with an organisation account (ADR 0010); and its provider said it checked more than one
# factor, which stands for Tandem's own second factor.
SIGNED_IN_WITH_ORGANISATION = "tandem_signed_in_with_organisation_account"
SECOND_FACTOR_BY_PROVIDER = "tandem_second_factor_by_provider"
# Pages that a signed-in user who still owes a code may reach.
_ALLOWED_PENDING = {"identity:verify", "identity:sign_out"}
# Pages that a user whose role requires a second factor, and who has none, may reach.
_ALLOWED_SETTING_UP = {"identity:second_factor_setup", "identity:sign_out", "identity:accessibility"}
# Pages that a user who must choose a new password (an administrator asked) may reach.
_ALLOWED_CHANGING_PASSWORD = {"identity:password_change", "identity:sign_out", "identity:accessibility"}


def _view_name(request: HttpRequest) -> str:
    try:
        return resolve(request.path_info).view_name
    except Resolver404:
        return ""


class SecondFactorRequiredMiddleware:
    """Sign-in sets a flag in the session when the user has a confirmed device; until the code
    is checked every page but the code page and sign-out redirects there.

    A user whose role is in TANDEM_SECOND_FACTOR_ROLES must have checked a code this session
    (ADR 0005 addendum): one with a device is asked for its code, one without is sent to set one
    up, before anything else; a sign-in with an organisation account whose provider checked more
    than one factor has given it (ADR 0010). Then a user an administrator asked to choose a new
    password (a new account's first sign-in, or `must_change_password` set) chooses one before
    anything else, unless they signed in with an organisation account rather than a password.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user: Any = request.user
        if user.is_authenticated:
            if request.session.get(SECOND_FACTOR_PENDING):
                if _view_name(request) not in _ALLOWED_PENDING:
                    return redirect("identity:verify")
            elif (
                services.second_factor_required(actor=user)
                and not user.is_verified()
                and not request.session.get(SECOND_FACTOR_BY_PROVIDER)
            ):
                if services.has_second_factor(actor=user):
                    request.session[SECOND_FACTOR_PENDING] = True
                    if _view_name(request) not in _ALLOWED_PENDING:
                        return redirect("identity:verify")
                elif _view_name(request) not in _ALLOWED_SETTING_UP:
                    return redirect("identity:second_factor_setup")
            elif (
                user.must_change_password
                # A password is for signing in with one: an organisation account does not use it.
                and not request.session.get(SIGNED_IN_WITH_ORGANISATION)
                and _view_name(request) not in _ALLOWED_CHANGING_PASSWORD
            ):
                return redirect("identity:password_change")
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
