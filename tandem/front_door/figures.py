"""Front-door figures for managers: contacts by source, route and outcome over time, and what came of them.

Every figure is counted in the database with a fixed number of aggregate queries, whatever the
number of contacts, and every figure can be turned back into the contacts behind it
(`contacts_behind`) with the very same condition, so a drill-down always lists what was counted.

Contacts fall in a period by the local date they were received (Europe/London): weeks start on a
Monday. Counts are over every contact, whoever may open the person's record: an aggregate holds
no personal data. The lists behind them are narrowed to what the reader may see by the caller.
"""

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import cached_property
from typing import Any

from django.db import models
from django.db.models import Case, Count, DateField, Exists, OuterRef, Q, QuerySet, Value, When
from django.utils import timezone

from tandem.core.errors import DomainError
from tandem.core.presenters import format_date
from tandem.front_door.codes import ALTERNATIVES, PASSED_ON, ContactRoute, ContactSource, ContactStatus, OutcomeKind
from tandem.front_door.models import Contact, ContactOutcome, FollowUp


class Grain(models.TextChoices):
    WEEK = "week", "By week"
    MONTH = "month", "By month"


DEFAULT_PERIODS = 12
# Periods are the columns of every table: more than this is unreadable, and a year of weeks or
# three years of months is what a manager compares.
MAX_PERIODS = {Grain.WEEK: 53, Grain.MONTH: 36}
REPEAT_WINDOWS = (30, 90)


def period_start(day: date, grain: str) -> date:
    """The first day of the week (a Monday) or month that holds `day`."""
    if grain == Grain.WEEK:
        return day - timedelta(days=day.weekday())
    return day.replace(day=1)


def period_shift(start: date, grain: str, n: int) -> date:
    """The start of the period `n` periods after (or, negative, before) the one starting on `start`."""
    if grain == Grain.WEEK:
        return start + timedelta(weeks=n)
    months = start.year * 12 + start.month - 1 + n
    return date(months // 12, months % 12 + 1, 1)


@dataclass(frozen=True)
class Span:
    """Whole weeks or months, from the period starting `first` to the one starting `last`."""

    grain: str
    first: date
    last: date

    @cached_property
    def periods(self) -> list[date]:
        found, at = [], self.first
        while at <= self.last:
            found.append(at)
            at = period_shift(at, self.grain, 1)
        return found

    @property
    def end(self) -> date:
        """The day after the span (the start of the period after the last)."""
        return period_shift(self.last, self.grain, 1)

    @property
    def last_day(self) -> date:
        return self.end - timedelta(days=1)

    def period_end(self, start: date) -> date:
        return period_shift(start, self.grain, 1) - timedelta(days=1)

    def label(self, start: date) -> str:
        """A column heading: "3 Nov 2026" (the Monday) or "Nov 2026"."""
        return f"{start.day} {start:%b %Y}" if self.grain == Grain.WEEK else f"{start:%b %Y}"

    def words(self, start: date) -> str:
        return f"the week beginning {format_date(start)}" if self.grain == Grain.WEEK else f"{start:%B %Y}"

    def describe(self) -> str:
        count = len(self.periods)
        unit = ("week" if self.grain == Grain.WEEK else "month") + ("s" if count != 1 else "")
        return f"the {count} {unit} from {format_date(self.first)} to {format_date(self.last_day)}"


def span_default(grain: str, today: date) -> Span:
    """The last 12 weeks or 12 months, the current one (so far) included."""
    last = period_start(today, grain)
    return Span(grain=grain, first=period_shift(last, grain, 1 - DEFAULT_PERIODS), last=last)


def span_between(grain: str, start: date | None, end: date | None, *, today: date) -> Span:
    """The whole periods covering `start` to `end`; either may be left out (then 12 periods, to today)."""
    if grain not in Grain.values:
        raise DomainError("Select whether to show figures by week or by month", field="grain")
    if end is not None and end > today:
        raise DomainError("The end date must be today or in the past", field="end")
    if start is not None and start > today:
        raise DomainError("The start date must be today or in the past", field="start")
    last = period_start(end or today, grain)
    first = period_start(start, grain) if start else period_shift(last, grain, 1 - DEFAULT_PERIODS)
    if first > last:
        raise DomainError("The start date must be on or before the end date", field="start")
    span = Span(grain=grain, first=first, last=last)
    limit = MAX_PERIODS[Grain(grain)]
    if len(span.periods) > limit:
        unit = "weeks" if grain == Grain.WEEK else "months"
        raise DomainError(f"Choose a range of {limit} {unit} or fewer", field="start")
    return span


def _moment(day: date) -> datetime:
    """Midnight at the start of `day`, local time."""
    return timezone.make_aware(datetime.combine(day, time.min))


def _period_of(field: str, span: Span) -> Case:
    """The start of the period a time falls in, worked out by the database.

    The boundaries are the local midnights that start each period, the very ones a drill-down
    filters by, so a contact is in the same column on the page and in its list. Plain comparisons
    work alike on PostgreSQL and SQLite (where `Trunc` calls back into Python for every row and
    costs four times as much).
    """
    whens = [
        When(**{f"{field}__lt": _moment(span.period_end(p) + timedelta(days=1))}, then=Value(p)) for p in span.periods
    ]
    return Case(*whens, default=None, output_field=DateField())


# What each figure counts, as a condition on a contact. The same condition makes the aggregate
# and the drill-down, so a list always holds exactly the contacts counted.
def _has_outcome(kinds: Collection[str] | None = None) -> Exists:
    outcomes = ContactOutcome.objects.filter(contact=OuterRef("pk"))
    return Exists(outcomes.filter(kind__in=kinds) if kinds is not None else outcomes)


def _earlier_contact(days: int) -> Exists:
    """An earlier contact about the same person received at most `days` days (to the minute) before."""
    return Exists(
        Contact.objects.filter(
            person=OuterRef("person"),
            received_at__lt=OuterRef("received_at"),
            received_at__gte=OuterRef("received_at") - timedelta(days=days),
        )
    )


MEASURES: dict[str, str] = {
    "received": "Contacts received",
    "linked": "About a known person",
    "closed": "Closed",
    "resolved": "Resolved at the front door",
    "with_outcome": "With an outcome recorded",
    "alternatives": "Alternatives to long-term support",
    "repeat_30": "Repeat contacts within 30 days",
    "repeat_90": "Repeat contacts within 90 days",
}
# A share is the first figure over the second.
SHARES: dict[str, tuple[str, str, str]] = {
    "resolved": ("Share resolved at the front door", "resolved", "closed"),
    "alternatives": ("Share signposted to alternatives", "alternatives", "with_outcome"),
    "repeat_30": ("Share that are repeats within 30 days", "repeat_30", "linked"),
    "repeat_90": ("Share that are repeats within 90 days", "repeat_90", "linked"),
}
OVERDUE = "overdue"
NO_OUTCOME = "outcome:none"


def _conditions() -> dict[str, Q]:
    found: dict[str, Q] = {
        "received": Q(),
        "linked": Q(person__isnull=False),
        "closed": Q(status=ContactStatus.CLOSED),
        "resolved": Q(status=ContactStatus.CLOSED) & ~Q(_has_outcome(PASSED_ON)),
        "with_outcome": Q(_has_outcome()),
        "alternatives": Q(_has_outcome(ALTERNATIVES)) & ~Q(_has_outcome(PASSED_ON)),
        **{f"repeat_{days}": Q(_earlier_contact(days)) for days in REPEAT_WINDOWS},
        NO_OUTCOME: ~Q(_has_outcome()),
    }
    found.update({f"source:{code}": Q(source=code) for code in ContactSource.values})
    found.update({f"route:{code}": Q(route=code) for code in ContactRoute.values})
    found.update({f"outcome:{kind}": Q(_has_outcome([kind])) for kind in OutcomeKind.values})
    return found


def _alternatives_words() -> str:
    labels = [OutcomeKind(kind).label.lower() for kind in OutcomeKind.values if kind in ALTERNATIVES]
    return ", ".join(labels[:-1]) + " or " + labels[-1]


def figure_words(key: str) -> str:
    """What a figure counts, as the end of a sentence starting "Contacts received in …"."""
    kind, _, code = key.partition(":")
    if kind == "source":
        return f"where who made contact was ‘{ContactSource(code).label}’"
    if kind == "route":
        return f"that came by ‘{ContactRoute(code).label}’"
    if key == NO_OUTCOME:
        return "with no outcome recorded yet"
    if kind == "outcome":
        return f"with the outcome ‘{OutcomeKind(code).label}’"
    return {
        "received": "",
        "linked": "about a known person (linked to a record)",
        "closed": "that are closed",
        "resolved": "that are closed with no outcome connecting the person to a team (resolved at the front door)",
        "with_outcome": "with at least one outcome recorded",
        "alternatives": f"with an outcome of {_alternatives_words()}, and none connecting the person to a team",
        **{
            f"repeat_{days}": f"about a person who had an earlier contact in the {days} days before"
            for days in REPEAT_WINDOWS
        },
    }[key]


def figure_keys() -> list[str]:
    return [*_conditions(), OVERDUE]


@dataclass(frozen=True)
class Share:
    numerator: int
    denominator: int

    @property
    def percent(self) -> str:
        if not self.denominator:
            return "–"
        return f"{100 * self.numerator / self.denominator:.0f}%"


@dataclass(frozen=True)
class FigureRow:
    key: str
    label: str
    counts: tuple[int, ...]
    total: int


@dataclass(frozen=True)
class ShareRow:
    key: str
    label: str
    denominator_key: str
    shares: tuple[Share, ...]
    total: Share


@dataclass(frozen=True)
class Figures:
    span: Span
    today: date
    by_source: list[FigureRow]
    by_route: list[FigureRow]
    by_outcome: list[FigureRow]
    measures: list[FigureRow]
    shares: list[ShareRow]
    overdue_follow_ups: int
    overdue_contacts: int

    def measure(self, key: str) -> FigureRow:
        return next(row for row in self.measures if row.key == key)

    def share(self, key: str) -> ShareRow:
        return next(row for row in self.shares if row.key == key)

    @property
    def received(self) -> int:
        return self.measure("received").total


def _alias(key: str) -> str:
    return "n_" + key.replace(":", "_")


def _row(key: str, label: str, counts: dict[date, int], periods: list[date]) -> FigureRow:
    values = tuple(counts.get(p, 0) for p in periods)
    return FigureRow(key=key, label=label, counts=values, total=sum(values))


def _period_key(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value


def _adults(span: Span, via: str = "") -> Q:
    """Adult figures count adults (Care Act 2014 Part 1): a contact about someone under 18 at the
    end of the span is left out (one not yet linked to a person, or of unknown age, is counted)."""
    end = span.end
    born_by = date(end.year - 18, end.month, min(end.day, 28))
    return ~Q(**{f"{via}person__date_of_birth__gt": born_by})


def figures_compute(*, span: Span, today: date) -> Figures:
    """Every figure for the span, in three aggregate queries."""
    periods = span.periods
    conditions = _conditions()
    start, end = _moment(span.first), _moment(span.end)
    counted = [*MEASURES, *(f"source:{c}" for c in ContactSource.values), *(f"route:{c}" for c in ContactRoute.values)]
    aggregates = {
        _alias(key): Count("pk", filter=conditions[key]) if key != "received" else Count("pk") for key in counted
    }
    by_period = (
        Contact.objects.filter(received_at__gte=start, received_at__lt=end)
        .filter(_adults(span))
        .annotate(period=_period_of("received_at", span))
        .values("period")
        .annotate(**aggregates)
        .order_by()
    )
    counts: dict[str, dict[date, int]] = {key: {} for key in counted}
    for found in by_period:
        found_row: dict[str, Any] = dict(found)
        period = _period_key(found_row["period"])
        for key in counted:
            counts[key][period] = found_row[_alias(key)]
    outcomes = (
        ContactOutcome.objects.filter(contact__received_at__gte=start, contact__received_at__lt=end)
        .filter(_adults(span, via="contact__"))
        .annotate(period=_period_of("contact__received_at", span))
        .values("period", "kind")
        .annotate(contacts=Count("contact", distinct=True))
        .order_by()
    )
    by_kind: dict[str, dict[date, int]] = {kind: {} for kind in OutcomeKind.values}
    for found in outcomes:
        by_kind[found["kind"]][_period_key(found["period"])] = found["contacts"]
    no_outcome = {p: counts["received"].get(p, 0) - counts["with_outcome"].get(p, 0) for p in periods}
    overdue = FollowUp.objects.filter(done_at__isnull=True, due_on__lt=today).aggregate(
        follow_ups=Count("pk"), contacts=Count("contact", distinct=True)
    )
    measures = [_row(key, label, counts[key], periods) for key, label in MEASURES.items()]
    by_key = {row.key: row for row in measures}
    shares = []
    for key, (label, top, bottom) in SHARES.items():
        pairs = zip(by_key[top].counts, by_key[bottom].counts, strict=True)
        shares.append(
            ShareRow(
                key=key,
                label=label,
                denominator_key=bottom,
                shares=tuple(Share(n, d) for n, d in pairs),
                total=Share(by_key[top].total, by_key[bottom].total),
            )
        )
    return Figures(
        span=span,
        today=today,
        by_source=[_row(f"source:{c}", s.label, counts[f"source:{c}"], periods) for c, s in _members(ContactSource)],
        by_route=[_row(f"route:{c}", r.label, counts[f"route:{c}"], periods) for c, r in _members(ContactRoute)],
        by_outcome=[
            *(_row(f"outcome:{k}", o.label, by_kind[k], periods) for k, o in _members(OutcomeKind)),
            _row(NO_OUTCOME, "No outcome recorded yet", no_outcome, periods),
        ],
        measures=measures,
        shares=shares,
        overdue_follow_ups=overdue["follow_ups"],
        overdue_contacts=overdue["contacts"],
    )


def _members[C: models.TextChoices](choices: type[C]) -> list[tuple[str, C]]:
    return [(str(member.value), member) for member in choices]


@dataclass(frozen=True)
class Figure:
    """One figure on the page: what it counts, over which period (None: the whole span)."""

    key: str
    span: Span
    period: date | None
    today: date

    def describe(self) -> str:
        if self.key == OVERDUE:
            return (
                f"Contacts with a keeping-in-touch follow-up not yet done that was due before {format_date(self.today)}"
            )
        when = self.span.words(self.period) if self.period else self.span.describe()
        words = figure_words(self.key)
        return f"Contacts received in {when}" + (f" {words}" if words else "")


def figure_make(*, key: str, span: Span, period: date | None, today: date) -> Figure:
    """A figure from what a drill-down link says, refusing anything the page never links to."""
    if key not in figure_keys():
        raise DomainError("There is no such figure", field="figure")
    if period is not None and (period not in span.periods):
        raise DomainError("The period is not one of the columns of the figures", field="period")
    return Figure(key=key, span=span, period=period, today=today)


def contacts_behind(*, figure: Figure, among: QuerySet[Contact]) -> QuerySet[Contact]:
    """The contacts a figure counted, of those in `among` (the caller's scope)."""
    if figure.key == OVERDUE:
        overdue = FollowUp.objects.filter(contact=OuterRef("pk"), done_at__isnull=True, due_on__lt=figure.today)
        return among.filter(Exists(overdue))
    first = figure.period or figure.span.first
    end = figure.span.end if figure.period is None else period_shift(figure.period, figure.span.grain, 1)
    return (
        among.filter(received_at__gte=_moment(first), received_at__lt=_moment(end))
        .filter(_adults(figure.span))
        .filter(_conditions()[figure.key])
    )


def figure_count(*, figure: Figure) -> int:
    """How many contacts the figure counted, whoever may see them."""
    return contacts_behind(figure=figure, among=Contact.objects.all()).count()


def contacts_listed(*, figure: Figure, among: QuerySet[Contact], oldest_first: bool = False) -> QuerySet[Contact]:
    """The contacts behind a figure, for a page of the list: person and outcomes loaded with them."""
    order: list[str] = ["received_at", "pk"] if oldest_first else ["-received_at", "-pk"]
    return (
        contacts_behind(figure=figure, among=among)
        .select_related("person")
        .prefetch_related("outcomes")
        .order_by(*order)
    )
