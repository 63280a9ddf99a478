"""The triage due tag never says a concern is late by nought working days."""

from datetime import date
from types import SimpleNamespace

from tandem.core import clock
from tandem.safeguarding import presenters
from tandem.safeguarding.codes import ConcernStatus


def _tag(monkeypatch, *, due: date, today: date) -> str:
    monkeypatch.setattr(clock, "today", lambda: today)
    concern = SimpleNamespace(triage_due_on=due, status=ConcernStatus.AWAITING_TRIAGE)
    tag = presenters.due_tag(concern)
    assert tag is not None
    return tag.text


def test_due_on_friday_and_seen_at_the_weekend_is_overdue_without_a_count_of_nought(monkeypatch):
    text = _tag(monkeypatch, due=date(2026, 12, 4), today=date(2026, 12, 5))

    assert text == "Overdue"


def test_late_by_a_working_day_says_so(monkeypatch):
    assert _tag(monkeypatch, due=date(2026, 12, 4), today=date(2026, 12, 7)) == "Overdue by 1 working day"
