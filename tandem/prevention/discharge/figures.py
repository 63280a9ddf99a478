"""The discharge hub's figures: people waiting and their delayed days over time, delays by
reason, the share of discharges home, readmissions within 30 days, and ASCOF 2D part 1. Each is
counted over every referral (counts name no one) and drills down to the referrals behind it that
the viewer may open.

ASCOF 2D part 1 (Adult Social Care Outcomes Framework, 2023-24 onwards): of people aged 65 and
over discharged from hospital into reablement, the share still at home 91 days after discharge.
DHSC's method for the national figure (ASC-CLD-LA-Dashboard, `ASCOF_measures/Create_ASCOF_2D.sql`)
links reablement starting between 3 days before and 7 days after discharge and counts as not at
home anyone readmitted as an emergency, dead, or admitted to residential or nursing care in the
follow-up. Tandem counts the readmissions from health events and deaths from the person's record.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from tandem.core.presenters import age_on
from tandem.identity.actors import Actor
from tandem.prevention.discharge import selectors
from tandem.prevention.discharge.codes import HOME_PATHWAYS, DelayReason, ReferralStatus
from tandem.prevention.discharge.models import DischargeReferral

ASCOF_2D_DAYS = 91
ASCOF_2D_AGE = 65
# DHSC links a reablement start to a discharge from 7 days before it to 3 days after: reablement
# starting 3 days before discharge at the earliest and 7 days after at the latest.
REABLEMENT_LINK_BEFORE, REABLEMENT_LINK_AFTER = 3, 7
WEEKS = 12
MONTHS = 12


@dataclass
class Point:
    on: date
    waiting: int
    delayed: int
    delayed_days: int
    is_now: bool = False


@dataclass
class Share:
    label: str
    numerator: int
    denominator: int

    @property
    def percent(self) -> float | None:
        return round(100 * self.numerator / self.denominator, 1) if self.denominator else None


@dataclass
class Figures:
    today: date
    since: date
    trend: list[Point]
    by_reason: list[tuple[str, str, int, int]]  # code, label, people, delayed days
    home_by_month: list[Share]
    home: Share
    readmissions: Share
    readmission_pending: int
    ascof: Share
    ascof_pending: int
    behind: dict[str, list[DischargeReferral]] = field(default_factory=dict)


def _month_start(day: date, back: int) -> date:
    month = day.month - 1 - back
    return date(day.year + month // 12, month % 12 + 1, 1)


def _waiting_on(referral: DischargeReferral, day: date) -> bool:
    referred = selectors.local_day(referral.referred_at)
    return referred <= day and (referral.closed_on is None or referral.closed_on > day)


def _delayed_days_on(referral: DischargeReferral, day: date) -> int | None:
    if referral.nctr_on is None or referral.nctr_on > day:
        return None
    return (day - referral.nctr_on).days


def _in_ascof_cohort(referral: DischargeReferral) -> bool:
    """Discharged, 65 or over on the day, with reablement linked to the discharge."""
    if referral.status != ReferralStatus.DISCHARGED or referral.discharged_on is None:
        return False
    if (age_on(referral.person.date_of_birth, referral.discharged_on) or 0) < ASCOF_2D_AGE:
        return False
    started = referral.reablement_started_on
    return started is not None and (
        referral.discharged_on - timedelta(days=REABLEMENT_LINK_BEFORE)
        <= started
        <= referral.discharged_on + timedelta(days=REABLEMENT_LINK_AFTER)
    )


def ascof_2d_case(referral: DischargeReferral, *, admissions: list[date], today: date) -> str:
    """Where one discharge stands in ASCOF 2D part 1: "out" (not in the denominator), "pending"
    (the 91 days have not passed), "home" (numerator) or "not_home" (died, or readmitted as an
    emergency, in the 91 days)."""
    if not _in_ascof_cohort(referral) or referral.discharged_on is None:
        return "out"
    discharged = referral.discharged_on
    end = discharged + timedelta(days=ASCOF_2D_DAYS)
    if end > today:
        return "pending"
    died = referral.person.date_of_death
    readmitted = any(discharged < day <= end for day in admissions)
    return "not_home" if readmitted or (died is not None and discharged <= died <= end) else "home"


Put = Callable[[str, DischargeReferral], None]


def _trend(referrals: list[DischargeReferral], today: date) -> list[Point]:
    """People waiting and their delayed days at the end of each of the last 12 weeks (Sunday), and now."""
    last_sunday = today - timedelta(days=(today.weekday() + 1) % 7)
    days = [last_sunday - timedelta(weeks=n) for n in range(WEEKS - 1, -1, -1)]
    if days[-1] == today:
        days.pop()
    trend = []
    for day in [*days, today]:
        waiting = [r for r in referrals if _waiting_on(r, day)]
        delays = [d for d in (_delayed_days_on(r, day) for r in waiting) if d is not None]
        trend.append(
            Point(on=day, waiting=len(waiting), delayed=len(delays), delayed_days=sum(delays), is_now=day == today)
        )
    return trend


def _reasons(waiting: list[DischargeReferral], today: date, put: Put) -> list[tuple[str, str, int, int]]:
    """Everyone delayed now, by the reason recorded for their delay."""
    reasons: dict[str, list[int]] = {}
    for r in waiting:
        delay = _delayed_days_on(r, today)
        if delay is None:
            continue
        code = r.delay_reason or "none"
        counts = reasons.setdefault(code, [0, 0])
        counts[0] += 1
        counts[1] += delay
        put(f"reason-{code}", r)
    labels = {**{c.value: c.label for c in DelayReason}, "none": "No reason recorded"}
    return [
        (code, labels[code], reasons[code][0], reasons[code][1])
        for code in [*DelayReason.values, "none"]
        if code in reasons
    ]


def _home(discharged: list[DischargeReferral], today: date, put: Put) -> list[Share]:
    """Discharges home (pathways 0 and 1) by month."""
    shares = []
    for back in range(MONTHS - 1, -1, -1):
        month = _month_start(today, back)
        in_month = [r for r in discharged if r.discharged_on and r.discharged_on.replace(day=1) == month]
        shares.append(Share(f"{month:%B %Y}", sum(r.pathway in HOME_PATHWAYS for r in in_month), len(in_month)))
    for r in discharged:
        put("home" if r.pathway in HOME_PATHWAYS else "not-home", r)
    return shares


def _readmissions(
    discharged: list[DischargeReferral], admissions: dict[int, list[date]], today: date, put: Put
) -> tuple[Share, int]:
    """Discharges whose 30 days have passed or that were readmitted, and those readmitted."""
    readmitted = followed = pending = 0
    for r in discharged:
        if selectors.readmission_on(r, admissions.get(r.person_id, [])) is not None:
            readmitted += 1
            followed += 1
            put("readmitted", r)
        elif r.discharged_on and r.discharged_on + timedelta(days=selectors.READMISSION_DAYS) > today:
            pending += 1
            put("readmission-pending", r)
        else:
            followed += 1
            put("not-readmitted", r)
    return Share("Readmitted as an emergency within 30 days", readmitted, followed), pending


def _ascof(
    referrals: list[DischargeReferral], admissions: dict[int, list[date]], today: date, since: date, put: Put
) -> tuple[Share, int]:
    """ASCOF 2D part 1 for the discharges whose 91 days ended in the last 12 months."""
    counts = {"home": 0, "not_home": 0, "pending": 0}
    for r in referrals:
        case = ascof_2d_case(r, admissions=admissions.get(r.person_id, []), today=today)
        if case == "out" or r.discharged_on is None:
            continue
        if case != "pending" and r.discharged_on + timedelta(days=ASCOF_2D_DAYS) < since:
            continue
        counts[case] += 1
        put(f"ascof-{case.replace('_', '-')}", r)
    share = Share(
        "Still at home 91 days after discharge into reablement (65 and over)",
        counts["home"],
        counts["home"] + counts["not_home"],
    )
    return share, counts["pending"]


def figures(*, today: date) -> Figures:
    """Every figure of the hub over the last 12 months, from three queries."""
    since = _month_start(today, MONTHS - 1)
    start = min(since - timedelta(days=ASCOF_2D_DAYS), today - timedelta(days=7 * WEEKS))
    referrals = list(
        DischargeReferral.objects.exclude(closed_on__lt=start)
        .select_related("person")
        .only(
            "uuid",
            "status",
            "referred_at",
            "closed_on",
            "nctr_on",
            "admitted_on",
            "discharged_on",
            "pathway",
            "delay_reason",
            "reablement_started_on",
            "person__uuid",
            "person__date_of_birth",
            "person__date_of_death",
            "person__given_name",
            "person__family_name",
        )
    )
    admissions = selectors.emergency_admissions((r.person_id for r in referrals if r.discharged_on), since=start)
    behind: dict[str, list[DischargeReferral]] = {}

    def put(key: str, referral: DischargeReferral) -> None:
        behind.setdefault(key, []).append(referral)

    for r in referrals:
        if _waiting_on(r, today):
            put("waiting", r)
    discharged = [
        r for r in referrals if r.status == ReferralStatus.DISCHARGED and r.discharged_on and r.discharged_on >= since
    ]
    home_by_month = _home(discharged, today, put)
    readmissions, readmission_pending = _readmissions(discharged, admissions, today, put)
    ascof, ascof_pending = _ascof(referrals, admissions, today, since, put)
    return Figures(
        today=today,
        since=since,
        trend=_trend(referrals, today),
        by_reason=_reasons(behind.get("waiting", []), today, put),
        home_by_month=home_by_month,
        home=Share("Discharges home (pathways 0 and 1)", sum(s.numerator for s in home_by_month), len(discharged)),
        readmissions=readmissions,
        readmission_pending=readmission_pending,
        ascof=ascof,
        ascof_pending=ascof_pending,
        behind=behind,
    )


DRILL_DOWNS: dict[str, str] = {
    "waiting": "People on the board now",
    **{f"reason-{c.value}": f"Delayed now: {c.label.lower()}" for c in DelayReason},
    "reason-none": "Delayed now: no reason recorded",
    "home": "Discharged home (pathways 0 and 1) in the last 12 months",
    "not-home": "Discharged to a bed or a care home (pathways 2 and 3) in the last 12 months",
    "readmitted": "Readmitted as an emergency within 30 days of discharge",
    "not-readmitted": "Not readmitted within 30 days of discharge",
    "readmission-pending": "Discharged less than 30 days ago",
    "ascof-home": "ASCOF 2D: still at home 91 days after discharge into reablement",
    "ascof-not-home": "ASCOF 2D: not at home 91 days after discharge into reablement",
    "ascof-pending": "ASCOF 2D: discharged into reablement less than 91 days ago",
}


def drill_down(
    *, actor: Actor, key: str, today: date, compute: Callable[..., Figures] = figures
) -> tuple[list[Any], int]:
    """The referrals behind one figure that the actor may open, and how many others there are."""
    behind = compute(today=today).behind.get(key, [])
    ids = {r.pk for r in behind}
    openable = set(selectors.referrals_visible(actor).filter(pk__in=ids).values_list("pk", flat=True))
    shown = sorted((r for r in behind if r.pk in openable), key=lambda r: (r.person.family_name, r.person.given_name))
    return shown, len(behind) - len(shown)
