"""Sign-in throttles: per username at one address, per address, and per username everywhere (ADR 0005).

django-axes records every failed sign-in as a row per username, client address and browser. Its
own rule locks a username at one address after AXES_FAILURE_LIMIT failures; this handler adds two
counts over the same rows and the same cool-off window:

- an address that has had TANDEM_SIGN_IN_ADDRESS_FAILURES failures, whatever usernames were tried,
  is refused (so one password tried against many usernames is stopped);
- a username that has had TANDEM_SIGN_IN_USERNAME_FAILURES failures, from any addresses, is
  refused everywhere (so guessing one password from many addresses is stopped too).

A sign-in refused by a throttle is not counted again, so an address already throttled cannot go
on adding to other usernames' counts: one address can lock no one out but itself.

The client address is read as everywhere else in Tandem (tandem/core/client_address.py): through
X-Forwarded-For only from the proxies in TANDEM_TRUSTED_PROXIES.
"""

from typing import Any

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from axes.signals import user_locked_out
from django.conf import settings
from django.db.models import QuerySet, Sum

# Kept on the request for the page and the audit event: which limit was reached ("username" or
# "address"), and whether the sign-in was refused before its password was checked.
LOCKED_BY = "tandem_sign_in_locked_by"
REFUSED = "tandem_sign_in_refused"
ADDRESS = "address"
USERNAME = "username"


def _failures(attempts: "QuerySet[AccessAttempt]") -> int:
    return int(attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0)


class SignInThrottleHandler(AxesDatabaseHandler):  # type: ignore[misc]
    """axes' database handler with the per-address and everywhere-per-username counts added."""

    def _refused_by(self, request: Any, credentials: dict[str, Any] | None) -> str | None:
        since = get_cool_off_threshold(request)
        recent = AccessAttempt.objects.filter(attempt_time__gte=since)
        address = getattr(request, "axes_ip_address", None)
        if address and _failures(recent.filter(ip_address=address)) >= settings.TANDEM_SIGN_IN_ADDRESS_FAILURES:
            return ADDRESS
        username = get_client_username(request, credentials)
        if username and _failures(recent.filter(username=username)) >= settings.TANDEM_SIGN_IN_USERNAME_FAILURES:
            return USERNAME
        return None

    def is_locked(self, request: Any, credentials: dict[str, Any] | None = None) -> bool:
        locked_by = USERNAME if super().is_locked(request, credentials) else self._refused_by(request, credentials)
        if locked_by:
            setattr(request, LOCKED_BY, locked_by)
            setattr(request, REFUSED, True)
        return locked_by is not None

    def user_login_failed(self, sender: Any, credentials: dict[str, Any], request: Any = None, **kwargs: Any) -> None:
        super().user_login_failed(sender, credentials, request, **kwargs)
        if request is None or getattr(request, "axes_locked_out", False):
            return
        # This failure may have reached the address's or the username's limit: refuse it now, as
        # axes refuses the failure that reaches its own limit.
        locked_by = self._refused_by(request, credentials)
        if locked_by:
            setattr(request, LOCKED_BY, locked_by)
            request.axes_locked_out = True
            request.axes_credentials = credentials
            user_locked_out.send(
                "axes",
                request=request,
                username=get_client_username(request, credentials),
                ip_address=request.axes_ip_address,
            )
