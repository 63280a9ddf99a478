"""One section of a member of staff's own work ("my work", core.registry), read in a bounded number
of queries: the first few rows, and the whole count only when there are more than those."""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.db.models import Model, QuerySet

from tandem.core.registry import WorkItem, WorkSection

# Each section shows this many items; the count and the link to the full list say the rest.
SHOWN = 10


@dataclass(frozen=True)
class Window:
    """One page of one section's whole list: the full-list page behind "See them all"."""

    key: str
    offset: int
    limit: int


_window: ContextVar[Window | None] = ContextVar("worklist_window", default=None)


@contextmanager
def full_list(key: str, *, offset: int, limit: int) -> Iterator[None]:
    """While inside, `section` reads one page of the section named `key` (its whole count and the
    rows from `offset`) and no other section's rows at all, so the full list costs two queries
    however many sections the member of staff has."""
    token = _window.set(Window(key, offset, limit))
    try:
        yield
    finally:
        _window.reset(token)


def section[M: Model](
    rows: QuerySet[M],
    *,
    key: str,
    title: str,
    item: Callable[[M], WorkItem],
    more_url: str | None = None,
    order: int = 100,
    audience: str = "mine",
    empty: str = "",
    shown: int = SHOWN,
) -> WorkSection:
    """The section: one query for the first `shown` rows, a second to count them only if there are more."""
    window = _window.get()
    if window is None:
        first = list(rows[: shown + 1])
        count = len(first) if len(first) <= shown else rows.order_by().count()
        listed = first[:shown]
    elif window.key == key:
        # The full-list page: this section's whole count and one page of its rows.
        count = rows.order_by().count()
        listed = list(rows[window.offset : window.offset + window.limit]) if count else []
    else:
        count, listed = 0, []  # the full list of another section: nothing of this one is read
    return WorkSection(
        key=key,
        title=title,
        items=[item(row) for row in listed],
        count=count,
        more_url=more_url,
        order=order,
        audience=audience,
        **({"empty": empty} if empty else {}),
    )
