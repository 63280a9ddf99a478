"""Display shaping for the hub's board: its table rows, built here rather than in the template,
because the daily meeting's board holds hundreds of people and must answer in well under 100 ms
(docs/performance.md)."""

from typing import Any

from django.urls import reverse
from markupsafe import Markup, escape

from tandem.core.presenters import format_date
from tandem.prevention.discharge.selectors import Board

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
    """The board's table: person, ward, pathway, days, reason for the delay, next action and owner."""
    base = reverse("prevention:discharge_referral", args=["00000000-0000-0000-0000-000000000000"])
    prefix = base.split("00000000-0000-0000-0000-000000000000")[0]
    rows = []
    for row in board.rows:
        url = f"{prefix}{row.uuid}/"
        name = Markup('<a class="govuk-link" href="{}">{}, {}</a><br><span class="govuk-body-s">{}</span>').format(
            url, row.family_name.upper(), row.given_name, format_date(row.date_of_birth)
        )
        if row.days is None:
            days = Markup('<span class="govuk-body-s">Meets the criteria</span>')
            reason = ""
        else:
            days = escape(str(row.days))
            reason = row.reason_label or "Not recorded"
        if row.next_action:
            action = escape(row.next_action)
            if row.owner:
                action += Markup('<br><span class="govuk-body-s">{}</span>').format(row.owner)
            if row.action_due_on:
                action += Markup('<br><span class="govuk-body-s">by {}</span>').format(format_date(row.action_due_on))
                if row.overdue:
                    action += Markup(' <strong class="govuk-tag govuk-tag--red">Overdue</strong>')
        else:
            action = Markup('<span class="govuk-body-s">None recorded</span>')
        if can_work:
            action += Markup(
                '<br><a class="govuk-link govuk-body-s" href="{}update/">Update'
                '<span class="govuk-visually-hidden"> {} {}</span></a>'
            ).format(url, row.given_name, row.family_name)
        rows.append(
            [
                {"html": name},
                {"text": f"{row.ward}, {row.hospital}"},
                {"text": row.pathway},
                {"html": days, "format": "numeric"},
                {"text": reason},
                {"html": action},
            ]
        )
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
