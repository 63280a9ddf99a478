"""The service navigation across the top of every signed-in page.

The links someone sees depend only on their role's permissions, which page is open and their
name, so the markup is rendered once for each combination through the design system's macro
and kept: rendering the macro afresh cost more than any other component on most pages.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from django.urls import reverse
from jinja2 import Environment, pass_environment
from markupsafe import Markup


@dataclass(frozen=True)
class _Link:
    permission: str
    url_name: str
    text: str
    active: Callable[[str], bool]


def _is(*names: str) -> Callable[[str], bool]:
    return lambda view_name: view_name in names


def _under(prefix: str) -> Callable[[str], bool]:
    return lambda view_name: view_name.startswith(prefix)


# Permissions are named by value: core imports nothing from the apps that define them.
LINKS = (
    _Link("person.view", "people:search", "Find a person", _is("people:search", "people:create")),
    _Link("person.view", "people:warnings_due", "Warnings to review", _is("people:warnings_due")),
    _Link("contact.record", "front_door:queue", "Front door", _under("front_door:")),
    _Link("safeguarding.work", "safeguarding:triage_queue", "Safeguarding", _under("safeguarding:")),
    _Link("plan.record", "support_plans:reviews_due", "Reviews due", _is("support_plans:reviews_due")),
    _Link("workforce.view", "workforce:home", "Workforce", _under("workforce:")),
    _Link(
        "provider_review.submit",
        "support_plans:provider_packages",
        "Your packages",
        _is("support_plans:provider_packages", "support_plans:provider_review_submit"),
    ),
    _Link("directory.curate", "directory:manage", "Directory", _under("directory:manage")),
    _Link(
        "break_glass.review",
        "access:break_glass_list",
        "Break-glass access",
        _is("access:break_glass_list", "access:restriction_change_list"),
    ),
    _Link(
        "staff.manage",
        "identity:staff_list",
        "Administration",
        lambda name: name.startswith(
            ("identity:staff_", "identity:organisation_", "identity:team_", "identity:membership_")
        ),
    ),
)
_ACCOUNT = _Link("", "identity:account", "", _under("identity:"))

_TEMPLATE = (
    '{% from "govuk_frontend_jinja/components/service-navigation/macro.html" import govukServiceNavigation %}'
    '{{ govukServiceNavigation({"navigation": nav, "navigationLabel": "Menu"}) }}'
)


@pass_environment
def service_navigation(env: Environment, request: Any) -> Markup:
    """The navigation for this request's user and page."""
    user = request.user
    view_name = request.resolver_match.view_name if request.resolver_match else ""
    shown = tuple(i for i, link in enumerate(LINKS) if user.can(link.permission))
    active = next((i for i in shown if LINKS[i].active(view_name)), -1)
    if active == -1 and _ACCOUNT.active(view_name):
        active = len(LINKS)
    return _rendered(env, shown, active, user.get_full_name() or user.username)


@lru_cache(maxsize=1024)
def _rendered(env: Environment, shown: tuple[int, ...], active: int, name: str) -> Markup:
    nav = [{"href": reverse(LINKS[i].url_name), "text": LINKS[i].text, "active": i == active} for i in shown]
    nav.append({"href": reverse(_ACCOUNT.url_name), "text": name, "active": active == len(LINKS)})
    return Markup(env.from_string(_TEMPLATE).render(nav=nav))  # noqa: S704 - the design system's macro escapes
