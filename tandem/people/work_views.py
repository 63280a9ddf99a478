"""The "my work" page: where staff land after signing in, with what each app says they have to do.

Every app registers a provider from its AppConfig (core.registry.register_my_work); this page asks
them all for the signed-in member of staff and shows their sections grouped by whose work it is:
their own, their teams' (a manager's), and the Safeguarding Adults Unit's.
"""

from dataclasses import dataclass, replace

from django.core.paginator import Page, Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from tandem.core import clock, registry, worklists
from tandem.core.presenters import pagination
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
    sections = [_with_full_list(section) for section in registry.my_work_for(request.user)]
    groups = [Group(key, title, [section for section in sections if section.audience == key]) for key, title in _GROUPS]
    shown = [group for group in groups if group.sections]
    return render(request, "people/my_work.html", {"groups": shown, "today": clock.today()})


def _with_full_list(section: registry.WorkSection) -> registry.WorkSection:
    """A section that shows only its first items and has no list of its own elsewhere links to its
    full list here, so nothing on "my work" is out of reach."""
    if section.more_url or section.count <= len(section.items):
        return section
    return replace(section, more_url=reverse("people:my_work_section", args=[section.key]))


# The full list of one section, a page at a time.
PER_PAGE = 25


# Past any real list: a larger number is read as the last page, never as an offset the database refuses.
LAST_PAGE_ASKED = 100_000


def _page_number(raw: str | None) -> int:
    try:
        return min(max(1, int(raw or 1)), LAST_PAGE_ASKED)
    except ValueError:
        return 1


@require_http_methods(["GET"])
def my_work_section(request: StaffRequest, work_section: str) -> HttpResponse:
    """Every item of one "my work" section, 25 a page: read through the same providers as the
    page itself (so only work the member of staff has is listed), one section's rows only."""
    key = work_section
    number = _page_number(request.GET.get("page"))
    section = _section(request, key, number)
    last = max(1, -(-section.count // PER_PAGE))
    if number > last:  # a page past the end shows the last, as the other lists do
        number = last
        section = _section(request, key, number)
    # The page's numbers over the whole count; its items are the section's, read for this page only.
    page: Page[int] = Paginator(range(section.count), PER_PAGE).get_page(number)
    return render(
        request,
        "people/my_work_section.html",
        {"section": section, "page": page, "pages": pagination(page, request), "today": clock.today()},
    )


def _section(request: StaffRequest, key: str, number: int) -> registry.WorkSection:
    with worklists.full_list(key, offset=(number - 1) * PER_PAGE, limit=PER_PAGE):
        found = [section for section in registry.my_work_for(request.user) if section.key == key]
    if not found:
        raise Http404("You have no work under that name")
    return found[0]
