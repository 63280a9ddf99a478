"""Scoring every adult at once, in SQL: one statement reads the health events, the conditions sent,
what assessments and screenings found and each person's network, computes the points and band
with the rules in force, and writes every score (an upsert). No loop over people in Python, so
the nightly batch scores 300,000 people with 5,000,000 events in seconds (docs/performance.md).

The same statement, without the write, scores everyone as at a day in the past for the
evaluation. `rules.points` computes the same points in Python from a row's facts, and the tests
check that the two agree.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db import connection
from django.utils import timezone

from tandem.assessments import partner_selectors as assessment_partners
from tandem.core import clock
from tandem.people import selectors as people_selectors
from tandem.people.models import Person
from tandem.prevention.models import HealthEvent
from tandem.prevention.risk import rules
from tandem.prevention.risk.codes import BAND_ORDER, SCORED_KINDS, WINDOWS, Band
from tandem.prevention.risk.conditions import CONDITIONS
from tandem.prevention.risk.models import RiskCondition, RiskScore
from tandem.workforce import selectors as workforce_selectors

# The columns of RiskScore holding each kind's counts, in the order of WINDOWS.
PREFIX = {
    "emergency_admission": "emergency",
    "fall": "falls",
    "ae_attendance": "ae",
    "gp_contact": "gp",
    "telecare_alert": "telecare",
}
COUNT_COLUMNS = [f"{PREFIX[kind]}_{window}" for kind in SCORED_KINDS for window in WINDOWS]
FACT_COLUMNS = [
    *COUNT_COLUMNS,
    "last_emergency_at",
    "conditions",
    "sensory",
    "mobility",
    "daily_living",
    "lives_alone",
    "carer_breakdown",
]
# How far back an assessment's or a carer's assessment's findings still count.
FINDINGS_DAYS = 730


def adult_born_by(today: date) -> date:
    """The latest date of birth of someone 18 or over today. Someone born on 29 February is 18 on
    1 March in a year without one (their 28 February is still 17); on a 29 February, the latest
    date of birth is 28 February, the 29th not having existed 18 years before."""
    try:
        return today.replace(year=today.year - 18)
    except ValueError:
        return date(today.year - 18, 2, 28)


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _sql(queryset: Any) -> tuple[str, list[Any]]:
    sql, params = queryset.query.sql_with_params()
    return sql, list(params)


def _facts_sql(*, as_at: datetime, person_ids: Sequence[int] | None) -> tuple[str, list[Any]]:
    """One row a living, unmerged adult: the facts the score counts, as at a moment."""
    today = timezone.localdate(as_at)
    starts = {window: _start_of(today - timedelta(days=window)) for window in WINDOWS}
    sums = []
    sum_params: list[Any] = []
    for kind in SCORED_KINDS:
        for window in WINDOWS:
            sums.append(
                f"SUM(CASE WHEN kind = '{kind}' AND occurred_at >= %s THEN 1 ELSE 0 END) AS {PREFIX[kind]}_{window}"
            )
            sum_params.append(starts[window])
    only = ""
    only_params: list[Any] = []
    if person_ids is not None:
        only = f" AND person_id IN ({', '.join(['%s'] * len(person_ids))})"
        only_params = list(person_ids)
    events = (
        f"SELECT person_id, {', '.join(sums)},"  # noqa: S608 (names and numbers ours, values bound)
        " MAX(CASE WHEN kind = 'emergency_admission' THEN occurred_at END) AS last_emergency_at"
        f" FROM {HealthEvent._meta.db_table} WHERE occurred_at >= %s AND occurred_at <= %s{only}"
        " GROUP BY person_id"
    )
    events_params = [*sum_params, starts[max(WINDOWS)], as_at, *only_params]

    sensory = ", ".join(f"'{c.code}'" for c in CONDITIONS if c.sensory)
    conditions = (
        f"SELECT person_id, SUM(CASE WHEN condition IN ({sensory}) THEN 0 ELSE 1 END) AS conditions,"  # noqa: S608 (names and numbers ours, values bound)
        f" SUM(CASE WHEN condition IN ({sensory}) THEN 1 ELSE 0 END) AS sensory"
        f" FROM {RiskCondition._meta.db_table} WHERE first_sent_at <= %s{only} GROUP BY person_id"
    )
    conditions_params = [as_at, *only_params]

    since = today - timedelta(days=FINDINGS_DAYS)
    found_sql, found_params = _sql(assessment_partners.difficulties_found(since=since, until=today))
    screened_alone, p1 = _sql(workforce_selectors.people_screened_with("lives_alone", until=as_at))
    with_carer, p2 = _sql(people_selectors.people_with_unpaid_carer())
    breaking, p3 = _sql(assessment_partners.carers_at_breaking_point(since=since, until=today))
    screened_carer, p4 = _sql(workforce_selectors.people_screened_with("carer_at_risk", until=as_at))
    person = Person._meta.db_table
    sql = (
        "SELECT p.id AS person_id, p.neighbourhood_id AS neighbourhood_id, p.gp_practice_id AS gp_practice_id,"  # noqa: S608 (names and numbers ours, values bound)
        f" {', '.join(f'COALESCE(e.{c}, 0) AS {c}' for c in COUNT_COLUMNS)},"
        " e.last_emergency_at AS last_emergency_at,"
        " COALESCE(c.conditions, 0) AS conditions, COALESCE(c.sensory, 0) AS sensory,"
        " (COALESCE(d.mobility, 0) > 0) AS mobility, COALESCE(d.daily_living, 0) AS daily_living,"
        f" (p.id IN ({screened_alone}) AND p.id NOT IN ({with_carer})) AS lives_alone,"
        f" (p.id IN ({breaking}) OR p.id IN ({screened_carer})) AS carer_breakdown"
        f" FROM {person} p"
        f" LEFT JOIN ({events}) e ON e.person_id = p.id"
        f" LEFT JOIN ({conditions}) c ON c.person_id = p.id"
        f" LEFT JOIN ({found_sql}) d ON d.person_id = p.id"
        " WHERE p.merged_into_id IS NULL AND (p.date_of_death IS NULL OR p.date_of_death > %s)"
        " AND p.date_of_birth <= %s"
    )
    # In the order the placeholders appear: the select list, the joins, then the WHERE.
    params = [*p1, *p2, *p3, *p4, *events_params, *conditions_params, *found_params, today, adult_born_by(today)]
    if person_ids is not None:
        sql += f" AND p.id IN ({', '.join(['%s'] * len(person_ids))})"
        params += list(person_ids)
    return sql, params


def _adapted(params: list[Any]) -> list[Any]:
    """Datetimes and dates as the database stores them (SQLite keeps naive UTC text)."""
    ops = connection.ops
    out: list[Any] = []
    for value in params:
        if isinstance(value, datetime):
            out.append(ops.adapt_datetimefield_value(value))
        elif isinstance(value, date):
            out.append(ops.adapt_datefield_value(value))
        else:
            out.append(value)
    return out


def _capped(column: str, most: int) -> str:
    return f"(CASE WHEN f.{column} > {int(most)} THEN {int(most)} ELSE f.{column} END)"


def _points_sql(in_force: rules.RiskRules) -> str:
    """The points, as SQL over the facts' columns (the same sums as `rules.points`)."""
    terms = []
    for kind in SCORED_KINDS:
        rule = in_force.event(kind)
        for n, window in enumerate(WINDOWS):
            if rule.points[n] <= 0 or rule.most <= 0:
                continue
            column = f"{PREFIX[kind]}_{window}"
            terms.append(
                f"(CASE WHEN f.{column} >= {max(int(rule.at_least), 1)}"
                f" THEN {int(rule.points[n])} * {_capped(column, rule.most)} ELSE 0 END)"
            )
    for column, code in (("conditions", "condition"), ("sensory", "sensory"), ("daily_living", "daily_living")):
        counted = in_force.deficit(code)
        if counted.points > 0 and counted.most > 0:
            terms.append(f"({int(counted.points)} * {_capped(column, counted.most)})")
    for code in ("mobility", "lives_alone", "carer_breakdown"):
        flag = in_force.deficit(code)
        if flag.points > 0 and flag.most > 0:
            terms.append(f"(CASE WHEN f.{code} THEN {int(flag.points)} ELSE 0 END)")
    return " + ".join(terms) or "0"


def scored_sql(
    *, as_at: datetime, in_force: rules.RiskRules, person_ids: Sequence[int] | None = None
) -> tuple[str, list[Any]]:
    """Every fact column, `points`, `band` and `band_rank` for each adult, as at a moment."""
    facts, params = _facts_sql(as_at=as_at, person_ids=person_ids)
    band = (
        f"CASE WHEN g.points >= {int(in_force.severe_from)} THEN '{Band.SEVERE}'"
        f" WHEN g.points >= {int(in_force.moderate_from)} THEN '{Band.MODERATE}'"
        f" WHEN g.points >= {int(in_force.mild_from)} THEN '{Band.MILD}' ELSE '{Band.FIT}' END"
    )
    rank = (
        f"CASE WHEN g.points >= {int(in_force.severe_from)} THEN {BAND_ORDER[Band.SEVERE]}"
        f" WHEN g.points >= {int(in_force.moderate_from)} THEN {BAND_ORDER[Band.MODERATE]}"
        f" WHEN g.points >= {int(in_force.mild_from)} THEN {BAND_ORDER[Band.MILD]} ELSE 0 END"
    )
    sql = (
        f"SELECT g.*, {band} AS band, {rank} AS band_rank FROM"  # noqa: S608 (names and numbers ours, values bound)
        f" (SELECT f.*, {_points_sql(in_force)} AS points FROM ({facts}) f) g"
    )
    return sql, params


@dataclass(frozen=True)
class Scored:
    people: int
    changed: list[dict[str, Any]]  # person_id, band, previous_band and every fact, for the listeners


def scores_write(
    *, in_force: rules.RiskRules, person_ids: Sequence[int] | None = None, now: datetime | None = None
) -> Scored:
    """Score everyone (or these people) now and write the scores in one statement; rows of people
    no longer scored (died, merged, not yet 18) are removed. Answers whose band changed."""
    now = now or clock.now()
    sql, params = scored_sql(as_at=now, in_force=in_force, person_ids=person_ids)
    table = RiskScore._meta.db_table
    columns = ["person_id", "neighbourhood_id", "gp_practice_id", *FACT_COLUMNS, "points", "band", "band_rank"]
    names = ", ".join(columns)
    updates = ", ".join(f"{c} = excluded.{c}" for c in columns[1:])
    changed_band = f"{table}.band <> excluded.band"
    upsert = (
        f"INSERT INTO {table} ({names}, computed_at, rules_number, previous_band, band_changed_at)"  # noqa: S608 (names and numbers ours, values bound)
        f" SELECT {names}, %s, %s, '', %s FROM ({sql}) s WHERE 1 = 1"
        f" ON CONFLICT (person_id) DO UPDATE SET {updates}, computed_at = excluded.computed_at,"
        " rules_number = excluded.rules_number,"
        f" previous_band = CASE WHEN {changed_band} THEN {table}.band ELSE {table}.previous_band END,"
        f" band_changed_at = CASE WHEN {changed_band} THEN excluded.band_changed_at"
        f" ELSE {table}.band_changed_at END"
    )
    with connection.cursor() as cursor:
        cursor.execute(upsert, _adapted([now, in_force.number, now, *params]))
        people = cursor.rowcount
        stale = f"DELETE FROM {table} WHERE computed_at < %s"  # noqa: S608 (names and numbers ours, values bound)
        stale_params: list[Any] = [now]
        if person_ids is not None:
            stale += f" AND person_id IN ({', '.join(['%s'] * len(person_ids))})"
            stale_params += list(person_ids)
        cursor.execute(stale, _adapted(stale_params))
        cursor.execute(
            f"SELECT person_id, band, previous_band, points, {', '.join(FACT_COLUMNS)} FROM {table}"  # noqa: S608 (names and numbers ours, values bound)
            f" WHERE band_changed_at = %s AND NOT (previous_band = '' AND band = '{Band.FIT}')",
            _adapted([now]),
        )
        names_back = [d[0] for d in cursor.description]
        changed = [dict(zip(names_back, row, strict=True)) for row in cursor.fetchall()]
    return Scored(people=people, changed=changed)


def scores_as_at(*, as_at: datetime, in_force: rules.RiskRules) -> list[tuple[int, int, int]]:
    """(person id, points, band rank) for every adult as at a moment in the past (nothing written)."""
    sql, params = scored_sql(as_at=as_at, in_force=in_force)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT person_id, points, band_rank FROM ({sql}) t", _adapted(params))  # noqa: S608 (names and numbers ours, values bound)
        return [(int(a), int(b), int(c)) for a, b, c in cursor.fetchall()]


def facts_of(row: Any, condition_names: Sequence[str] = ()) -> rules.Facts:
    """A score's facts (a RiskScore, or a dict of its columns) for the rules' explanation."""

    def get(name: str) -> Any:
        return row[name] if isinstance(row, dict) else getattr(row, name)

    return rules.Facts(
        counts={
            kind: (
                int(get(f"{PREFIX[kind]}_30")),
                int(get(f"{PREFIX[kind]}_90")),
                int(get(f"{PREFIX[kind]}_365")),
            )
            for kind in SCORED_KINDS
        },
        last_emergency=_aware(get("last_emergency_at")),
        conditions=int(get("conditions")),
        condition_names=tuple(condition_names),
        sensory=int(get("sensory")),
        mobility=bool(get("mobility")),
        daily_living=int(get("daily_living")),
        lives_alone=bool(get("lives_alone")),
        carer_breakdown=bool(get("carer_breakdown")),
    )


def _aware(value: Any) -> datetime | None:
    if value is None:
        return None
    if isinstance(value, str):  # SQLite answers a raw query's datetimes as text
        value = datetime.fromisoformat(value)
    if timezone.is_naive(value):
        value = timezone.make_aware(value, timezone.get_fixed_timezone(0))
    return timezone.localtime(value)
