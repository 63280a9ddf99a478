"""Shaping safeguarding records for pages: summary-list rows, due tags, the returns as tables."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from django.urls import reverse

from tandem.core.presenters import format_date, format_datetime
from tandem.safeguarding import selectors
from tandem.safeguarding.returns import Figure, Return

if TYPE_CHECKING:
    from tandem.identity.models import User
    from tandem.safeguarding.models import Concern, DolsApplication

NOT_GIVEN = "Not recorded"


def _row(key: str, value: str) -> dict[str, Any]:
    return {"key": {"text": key}, "value": {"text": value or NOT_GIVEN}}


def user_name(user: User | None) -> str:
    if user is None:
        return ""
    return str(user.get_full_name() or user.username)


def raised_by(concern: Concern) -> str:
    parts = [concern.get_raised_by_kind_display() if concern.raised_by_kind else ""]
    who = ", ".join(p for p in (concern.raiser_name, concern.raiser_organisation) if p)
    if who:
        parts.append(f"({who})")
    return " ".join(p for p in parts if p) or NOT_GIVEN


def abuse_types(concern: Concern) -> str:
    return ", ".join(a.get_kind_display() for a in concern.abuse_types.all())


@dataclass(frozen=True)
class DueTag:
    text: str
    classes: str


def due_tag(concern: Concern) -> DueTag | None:
    """Working days left, or overdue, for a concern awaiting triage."""
    due = selectors.triage_due(concern)
    if due.working_days_left is None:
        return None
    days = due.working_days_left
    if due.overdue:
        late = -days
        if late < 1:  # due on Friday, looked at on Saturday: late, but not yet by a working day
            return DueTag("Overdue", "govuk-tag--red")
        return DueTag(f"Overdue by {late} working day{'s' if late != 1 else ''}", "govuk-tag--red")
    if days == 0:
        return DueTag("Due today", "govuk-tag--orange")
    return DueTag(f"{days} working day{'s' if days != 1 else ''} left", "govuk-tag--grey")


def _kinds(related: Any) -> str:
    """The kinds a concern records (types, locations, sources of risk), in the collection's order."""
    order = [value for value, _ in related.model._meta.get_field("kind").choices]
    items = sorted(related.all(), key=lambda item: order.index(item.kind))
    return ", ".join(item.get_kind_display() for item in items)


def concern_rows(concern: Concern) -> list[dict[str, Any]]:
    source = _kinds(concern.risk_sources)
    if concern.provider_name:
        source = f"{source} ({concern.provider_name})"
    return [
        _row("Status", concern.get_status_display()),
        _row("Team", concern.team.name if concern.team else "Any safeguarding team"),
        _row("Raised by", raised_by(concern)),
        _row("Received", format_date(concern.received_on)),
        _row("Triage due", format_date(concern.triage_due_on)),
        _row("The concern", concern.summary),
        _row("Types of abuse or neglect", abuse_types(concern)),
        _row("Where the risk is", _kinds(concern.locations)),
        _row("Source of risk", source),
        _row("The adult's view", concern.adults_view),
        _row(
            "Lacks capacity regarding the concern",
            concern.get_lacks_capacity_display() if concern.lacks_capacity else "",
        ),
        _row(
            "Supported by an advocate, family or friend",
            concern.get_advocate_display() if concern.advocate else "",
        ),
        _row(
            "Primary support reason",
            concern.get_primary_support_reason_display() if concern.primary_support_reason else "",
        ),
    ]


def triage_rows(concern: Concern) -> list[dict[str, Any]]:
    if not concern.triage_decision:
        return []

    def answer(value: bool | None) -> str:
        return "Not recorded" if value is None else ("Yes" if value else "No")

    return [
        _row("Has care and support needs (s42(1)(a))", answer(concern.s42_care_needs)),
        _row("Experiencing or at risk of abuse or neglect (s42(1)(b))", answer(concern.s42_abuse_or_risk)),
        _row("Unable to protect themselves because of those needs (s42(1)(c))", answer(concern.s42_unable_to_protect)),
        _row("Decision", concern.get_triage_decision_display()),
        _row("Reason", concern.triage_reason),
        _row("Decided by", user_name(concern.triaged_by)),
    ]


def dols_rows(application: DolsApplication) -> list[dict[str, Any]]:
    deadlines = selectors.dols_deadlines(application)
    rows = [
        _row("Status", application.get_status_display()),
        _row("From", f"{application.managing_authority} ({application.get_setting_display().lower()})"),
        _row("CQC location", application.cqc_location),
        _row("Received", format_date(application.received_on)),
        _row("Kind", "Urgent" if application.urgent else "Standard"),
        _row("Priority", application.get_priority_display()),
        _row("Reason for the priority", application.priority_reason),
    ]
    if deadlines.decision_due_on != deadlines.standard_due_on:
        rows.append(
            _row("Decision due", f"{format_date(deadlines.decision_due_on)}, when the urgent authorisation ends")
        )
    else:
        rows.append(_row("Standard authorisation due", format_date(deadlines.standard_due_on)))
    if deadlines.urgent_expires_at:
        given = selectors.urgent_given_at(application)
        if deadlines.urgent_given_known:
            rows.append(_row("Urgent authorisation given", format_datetime(given)))
        extended = " (extended)" if application.urgent_extended else ""
        counted = (
            ""
            if deadlines.urgent_given_known
            else " (counted from the date received: when it was given is not recorded)"
        )
        rows.append(
            _row("Urgent authorisation ends", format_datetime(deadlines.urgent_expires_at) + extended + counted)
        )
    rows += [
        _row("Best Interests Assessor", user_name(application.best_interests_assessor)),
        _row("Mental health assessor", user_name(application.mental_health_assessor)),
    ]
    if application.rpr_name:
        rows.append(
            _row("Relevant person's representative", f"{application.rpr_name} ({application.rpr_relationship})")
        )
    if application.decided_on:
        rows.append(_row("Decided", format_date(application.decided_on)))
        rows.append(_row("Date of the last assessment", format_date(application.last_assessed_on)))
    if application.authorised_from:
        period = f"{format_date(application.authorised_from)} to {format_date(application.authorised_to)}"
        rows += [_row("Authorised", period), _row("Conditions", application.conditions or "None")]
        if deadlines.renewal_due_on:
            rows.append(_row("Renewal due", format_date(deadlines.renewal_due_on)))
    if application.decision_reason:
        rows.append(_row("Reason", application.decision_reason))
    return rows


def dols_due(application: DolsApplication, today: date) -> dict[str, Any]:
    """The statutory date that matters now: the urgent authorisation's end, else the last of the 21 days."""
    deadlines = selectors.dols_deadlines(application)
    due = deadlines.urgent_expires_on or deadlines.standard_due_on
    return {
        "due_on": due,
        "overdue": due < today,
        "days_waiting": (today - application.received_on).days,
    }


# --- Returns --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    text: str
    href: str


@dataclass(frozen=True)
class Table:
    name: str
    columns: list[str]
    rows: list[tuple[str, list[Cell | None]]]


def figure_href(collection: str, year: int, figure: Figure) -> str:
    base = reverse("safeguarding:returns_figure", args=[collection, year])
    return f"{base}?{urlencode({'cell': figure.key})}"


def return_tables(result: Return, collection: str) -> list[Table]:
    tables = []
    for name, figures in result.tables().items():
        columns = list(dict.fromkeys(f.column for f in figures))
        row_names = list(dict.fromkeys(f.row for f in figures))
        by_key = {(f.row, f.column): f for f in figures}
        rows = []
        for row in row_names:
            cells: list[Cell | None] = []
            for column in columns:
                figure = by_key.get((row, column))
                cells.append(
                    Cell(f"{figure.value:g}", figure_href(collection, result.year, figure)) if figure else None
                )
            rows.append((row, cells))
        tables.append(Table(name=name, columns=columns, rows=rows))
    return tables
