"""The pressures a manager watches, team by team: each figure, and the cases behind it.

Caseload, waiting-list and establishment figures come from this app; assessments past the local
target, reviews overdue, safeguarding concerns overdue for triage and DoLS applications waiting
for assessors come from those apps' own selectors, so each figure means what its app means.
"""

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import Count, Min, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from tandem.access import scope
from tandem.assessments import selectors as assessments
from tandem.core import clock
from tandem.identity.actors import Actor
from tandem.safeguarding import selectors as safeguarding
from tandem.support_plans import review_selectors as reviews
from tandem.workforce import rules, selectors
from tandem.workforce.codes import AlertKind, CaseStatus, Rag
from tandem.workforce.models import Case, Post

Figures = dict[int, dict[str, int]]


def _by_team(rows: QuerySet[Any], into: Figures, kind: str) -> None:
    for row in rows.values("team_id").annotate(n=Count("id")).order_by():
        into[row["team_id"]][kind] = row["n"]


def figures_by_team(*, team_ids: Sequence[int], today: date, in_force: rules.Rules) -> Figures:
    """Every pressure figure for each team, in a fixed number of queries whatever the team sizes."""
    figures: Figures = defaultdict(lambda: dict.fromkeys(AlertKind.values, 0))
    for team_id in team_ids:
        figures[team_id]
    for team_id, share in selectors.caseload_shares(team_ids=team_ids, in_force=in_force):
        if rules.rag(in_force, share) == Rag.RED:
            figures[team_id][AlertKind.OVER_CAPACITY] += 1
    waiting = Case.objects.filter(team_id__in=team_ids, status=CaseStatus.WAITING)
    for row in (
        waiting.values("team_id")
        .annotate(n=Count("id"), oldest=Min("opened_at"), late=Count("id", filter=Q(next_contact_due__lt=today)))
        .order_by()
    ):
        figures[row["team_id"]][AlertKind.WAITING] = row["n"]
        figures[row["team_id"]][AlertKind.WAITING_OLDEST] = (today - timezone.localdate(row["oldest"])).days
        figures[row["team_id"]][AlertKind.KEEP_IN_TOUCH] = row["late"]
    _by_team(assessments.late_for_teams(team_ids=team_ids, today=today), figures, AlertKind.ASSESSMENTS_LATE)
    _by_team(reviews.overdue_for_teams(team_ids=team_ids, today=today), figures, AlertKind.REVIEWS_OVERDUE)
    _by_team(safeguarding.triage_overdue_for_teams(team_ids=team_ids, today=today), figures, AlertKind.SAFEGUARDING)
    _by_team(safeguarding.dols_unallocated_for_teams(team_ids=team_ids), figures, AlertKind.DOLS)
    _by_team(
        Post.objects.filter(team_id__in=team_ids, ended_on__isnull=True, holder__isnull=True),
        figures,
        AlertKind.VACANCIES,
    )
    return dict(figures)


def totals(figures: Figures) -> dict[str, int]:
    """Across teams: counts add up; the longest wait is the longest of any team."""
    out = dict.fromkeys(AlertKind.values, 0)
    for team in figures.values():
        for kind, value in team.items():
            out[kind] = max(out[kind], value) if kind == AlertKind.WAITING_OLDEST else out[kind] + value
    return out


# --- The waiting list's trend ---------------------------------------------------------------------


@dataclass(frozen=True)
class TrendPoint:
    on: date
    waiting: int
    oldest_days: int
    # The last point is now, counted as the figures count it (the cases waiting now).
    is_now: bool = False


def _week_ends(today: date, weeks: int) -> list[date]:
    """The last `weeks` Sundays before today, oldest first: weeks run Monday to Sunday (ISO 8601)."""
    last_sunday = today - timedelta(days=today.isoweekday() % 7 or 7)
    return [last_sunday - timedelta(weeks=n) for n in range(weeks - 1, -1, -1)]


def waiting_trend(*, team_ids: Sequence[int], today: date, weeks: int = 8) -> list[TrendPoint]:
    """The waiting list at the end of each of the last `weeks` complete weeks, from when each case
    joined the list and left it (one query of the cases waiting at some point since), then now.

    "Now" is the figure the dashboard shows beside it: the cases whose status is waiting, the
    longest wait counted to today. A case no longer waiting has left the list by now whatever
    its recorded time says (a time in the future, or none on an old row), so the two always agree.
    """
    days = _week_ends(today, weeks)
    ends = [timezone.make_aware(datetime.combine(d, time.max)) for d in days]
    rows = list(
        Case.objects.filter(team_id__in=team_ids)
        .filter(Q(status=CaseStatus.WAITING) | Q(opened_at__lte=ends[-1]))
        .filter(Q(status=CaseStatus.WAITING) | Q(left_waiting_at__isnull=True) | Q(left_waiting_at__gt=ends[0]))
        .values_list("opened_at", "left_waiting_at", "allocated_at", "closed_at", "status")
    )
    now = clock.now()
    spans = [
        (opened, None if status == CaseStatus.WAITING else min(t for t in (left, allocated, closed, now) if t))
        for opened, left, allocated, closed, status in rows
    ]

    def point(day: date, joined: list[datetime], *, is_now: bool = False) -> TrendPoint:
        oldest = min(joined, default=None)
        days_waited = (day - timezone.localdate(oldest)).days if oldest else 0
        return TrendPoint(on=day, waiting=len(joined), oldest_days=days_waited, is_now=is_now)

    points = [
        point(day, [opened for opened, left in spans if opened <= end and (left is None or left > end)])
        for day, end in zip(days, ends, strict=True)
    ]
    points.append(point(today, [opened for opened, left in spans if left is None], is_now=True))
    return points


# --- What is behind each figure -------------------------------------------------------------------


@dataclass(frozen=True)
class Behind:
    person: str
    team: str
    what: str
    since: date | None
    url: str | None


def _person_name(row: Any) -> str:
    person = row.person
    return f"{person.given_name} {person.family_name}"


def _visible(rows: QuerySet[Any], actor: Actor) -> QuerySet[Any]:
    return scope.visible(rows, actor, person_field="person")


def _cases(
    rows: QuerySet[Case], what: Callable[[Case], str], since: Callable[[Case], date | None], actor: Actor
) -> list[Behind]:
    return [
        Behind(_person_name(c), c.team.name, what(c), since(c), reverse("workforce:case", args=[c.uuid]))
        for c in _visible(rows, actor).select_related("person", "team")[:500]
    ]


def _waiting(team_ids: Sequence[int], actor: Actor, today: date) -> list[Behind]:
    rows = Case.objects.filter(team_id__in=team_ids, status=CaseStatus.WAITING).order_by("opened_at")
    return _cases(
        rows,
        lambda c: f"Waiting for {c.get_waiting_for_display().lower()} ({c.get_priority_display().lower()} priority)",
        lambda c: timezone.localdate(c.opened_at),
        actor,
    )


def _keep_in_touch(team_ids: Sequence[int], actor: Actor, today: date) -> list[Behind]:
    rows = Case.objects.filter(team_id__in=team_ids, status=CaseStatus.WAITING, next_contact_due__lt=today)
    return _cases(
        rows.order_by("next_contact_due"),
        lambda c: "Keeping-in-touch contact overdue",
        lambda c: c.next_contact_due,
        actor,
    )


def _assessments_late(team_ids: Sequence[int], actor: Actor, today: date) -> list[Behind]:
    rows = _visible(assessments.late_for_teams(team_ids=team_ids, today=today), actor)
    return [
        Behind(
            _person_name(a),
            a.team.name,
            a.get_kind_display(),
            a.requested_on,
            reverse("assessments:assessment", args=[a.uuid]),
        )
        for a in rows.select_related("person", "team").order_by("requested_on")[:500]
    ]


def _reviews_overdue(team_ids: Sequence[int], actor: Actor, today: date) -> list[Behind]:
    rows = _visible(reviews.overdue_for_teams(team_ids=team_ids, today=today), actor)
    return [
        Behind(
            _person_name(r), r.team.name, "Planned review", r.due_on, reverse("support_plans:plan", args=[r.plan.uuid])
        )
        for r in rows.select_related("person", "team", "plan").order_by("due_on")[:500]
    ]


def _safeguarding(team_ids: Sequence[int], actor: Actor, today: date) -> list[Behind]:
    rows = _visible(safeguarding.triage_overdue_for_teams(team_ids=team_ids, today=today), actor)
    return [
        Behind(
            _person_name(c),
            c.team.name if c.team else "",
            "Concern awaiting triage",
            c.triage_due_on,
            reverse("safeguarding:concern", args=[c.uuid]),
        )
        for c in rows.select_related("person", "team").order_by("triage_due_on")[:500]
    ]


def _dols(team_ids: Sequence[int], actor: Actor, today: date) -> list[Behind]:
    rows = _visible(safeguarding.dols_unallocated_for_teams(team_ids=team_ids), actor)
    return [
        Behind(
            _person_name(a),
            a.team.name,
            "DoLS application waiting for assessors",
            a.received_on,
            reverse("safeguarding:dols_application", args=[a.uuid]),
        )
        for a in rows.select_related("person", "team").order_by("received_on")[:500]
    ]


_BEHIND: dict[str, Callable[[Sequence[int], Any, date], list[Behind]]] = {
    AlertKind.WAITING: _waiting,
    AlertKind.WAITING_OLDEST: _waiting,
    AlertKind.KEEP_IN_TOUCH: _keep_in_touch,
    AlertKind.ASSESSMENTS_LATE: _assessments_late,
    AlertKind.REVIEWS_OVERDUE: _reviews_overdue,
    AlertKind.SAFEGUARDING: _safeguarding,
    AlertKind.DOLS: _dols,
}


def behind(*, kind: str, team_ids: Sequence[int], actor: Actor, today: date | None = None) -> list[Behind] | None:
    """The cases a figure counts (at most 500), as far as the actor may see them; None for the
    figures whose drill-down is the team's practitioners or posts (over capacity, vacancies)."""
    found = _BEHIND.get(kind)
    return None if found is None else found(team_ids, actor, today or clock.today())
