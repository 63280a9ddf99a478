"""Staff who have set up a second factor must use it before they see anything."""

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
