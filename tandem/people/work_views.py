"""The "my work" page: where staff land after signing in, with what each app says they have to do.

Every app registers a provider from its AppConfig (core.registry.register_my_work); this page asks
them all for the signed-in member of staff and shows their sections grouped by whose work it is:
their own, their teams' (a manager's), and the Safeguarding Adults Unit's.
"""

from dataclasses import dataclass

from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from tandem.core import clock, registry
from tandem.identity.actors import StaffRequest

_GROUPS = (
    ("mine", "My work"),
    ("team", "My teams"),
    ("unit", "Safeguarding Adults Unit"),
)


@dataclass(frozen=True)
class Group:
    key: str
    title: str
    sections: list[registry.WorkSection]

    @property
    def count(self) -> int:
        return sum(section.count for section in self.sections)


@require_http_methods(["GET"])
def my_work(request: StaffRequest) -> HttpResponse:
    sections = registry.my_work_for(request.user)
    groups = [Group(key, title, [section for section in sections if section.audience == key]) for key, title in _GROUPS]
    shown = [group for group in groups if group.sections]
    return render(request, "people/my_work.html", {"groups": shown, "today": clock.today()})
