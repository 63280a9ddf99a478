"""One section of a member of staff's own work ("my work", core.registry), read in a bounded number
of queries: the first few rows, and the whole count only when there are more than those."""

from collections.abc import Callable

from django.db.models import Model, QuerySet

from tandem.core.registry import WorkItem, WorkSection

# Each section shows this many items; the count and the link to the full list say the rest.
SHOWN = 10


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
    first = list(rows[: shown + 1])
    count = len(first) if len(first) <= shown else rows.order_by().count()
    return WorkSection(
        key=key,
        title=title,
        items=[item(row) for row in first[:shown]],
        count=count,
        more_url=more_url,
        order=order,
        audience=audience,
        **({"empty": empty} if empty else {}),
    )
