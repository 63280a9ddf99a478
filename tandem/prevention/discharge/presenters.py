"""Display shaping for the hub's board: its table rows, built here rather than in the template,
because the daily meeting's board holds hundreds of people and must answer in well under 100 ms
(docs/performance.md)."""

from typing import Any

from django.urls import reverse
from markupsafe import Markup, escape

from tandem.core.presenters import format_date
from tandem.prevention.discharge.selectors import Board

_NIL = "00000000-0000-0000-0000-000000000000"
SORTED = Markup('<span class="govuk-visually-hidden"> (sorted{})</span> <span aria-hidden="true">{}</span>')


def sort_heading(key: str, text: str, *, sort: str, descending: bool) -> Markup:
    """A column heading that sorts the board by it (again to reverse it): a link, so it works without JavaScript."""
    here = sort == key
    order = "asc" if here and descending else ("desc" if here else "asc")
    link = Markup('<a class="govuk-link" href="?sort={}&amp;order={}">{}</a>').format(key, order, text)
    if here:
        link += SORTED.format(" in reverse" if descending else "", "▲" if descending else "▼")
    return link


def board_rows(board: Board, *, can_work: bool) -> list[list[dict[str, Any]]]:
    """The board's table: person, ward, pathway, days, reason for the delay, next action and owner.
    Every value is escaped here (`escape`); the markup around them is fixed."""
    base = reverse("prevention:discharge_referral", args=[_NIL])
    prefix = base.split(_NIL)[0]
    meets = Markup('<span class="govuk-body-s">Meets the criteria</span>')
    none = '<span class="govuk-body-s">None recorded</span>'
    overdue = ' <strong class="govuk-tag govuk-tag--red">Overdue</strong>'
    rows = []
    for row in board.rows:
        url = f"{prefix}{row.uuid}/"
        family, given = escape(row.family_name), escape(row.given_name)
        name = Markup(  # noqa: S704 - every value in it is escaped or a date we format
            f'<a class="govuk-link" href="{url}">{family.upper()}, {given}</a>'
            f'<br><span class="govuk-body-s">{format_date(row.date_of_birth)}</span>'
        )
        if row.next_action:
            action = str(escape(row.next_action))
            if row.owner:
                action += f'<br><span class="govuk-body-s">{escape(row.owner)}</span>'
            if row.action_due_on:
                action += f'<br><span class="govuk-body-s">by {format_date(row.action_due_on)}</span>'
                action += overdue if row.overdue else ""
        else:
            action = none
        if can_work:
            action += (
                f'<br><a class="govuk-link govuk-body-s" href="{url}update/">Update'
                f'<span class="govuk-visually-hidden"> {given} {family}</span></a>'
            )
        cells: list[dict[str, Any]] = [
            {"html": name},
            {"text": f"{row.ward}, {row.hospital}"},
            {"text": row.pathway},
            {"html": meets if row.days is None else str(row.days), "format": "numeric"},
            {"text": "" if row.days is None else (row.reason_label or "Not recorded")},
            {"html": Markup(action)},  # noqa: S704 - every value in it is escaped
        ]
        rows.append(cells)
    return rows


def board_head(*, sort: str, descending: bool) -> list[dict[str, Any]]:
    columns = [
        ("name", "Person", ""),
        ("ward", "Ward", ""),
        ("pathway", "Pathway", ""),
        ("days", "Days since no longer meeting the criteria", "numeric"),
        ("reason", "Reason for delay", ""),
        ("owner", "Next action and owner", ""),
    ]
    return [
        {"html": sort_heading(key, text, sort=sort, descending=descending), **({"format": fmt} if fmt else {})}
        for key, text, fmt in columns
    ]
