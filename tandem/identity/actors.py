"""Who is acting: the typed actor that services, selectors and policies take, and the typed request.

Every write and read on behalf of staff names its actor. It is always a signed-in member of staff
(`User`): public pages (the online self-assessment, the directory) act with no actor at all and
say so with `None`, never with an anonymous user.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest

from tandem.identity.models import User

__all__ = ["Actor", "StaffRequest"]

type Actor = User


if TYPE_CHECKING:

    class StaffRequest(HttpRequest):
        """A request from signed-in staff (the sign-in middleware refuses any other on staff pages)."""

        user: User

else:
    StaffRequest = HttpRequest
