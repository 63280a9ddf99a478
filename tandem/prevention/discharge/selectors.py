"""Reads of the discharge hub: the board, a referral and its packages and offers, and the day
counts every page and figure shares."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any
from uuid import UUID

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone

from tandem.access import scope
from tandem.identity.actors import Actor
from tandem.identity.models import Membership, Organisation, OrganisationKind, User
from tandem.identity.permissions import Role
from tandem.prevention.codes import EventKind
from tandem.prevention.discharge import policies
from tandem.prevention.discharge.codes import DelayReason, ReferralStatus
from tandem.prevention.discharge.models import DischargeReferral, PackageSought, ProviderOffer, ReferralEvent
from tandem.prevention.models import HealthEvent
from tandem.support_plans import selectors as plan_selectors
from tandem.support_plans.codes import PlanStatus

# An emergency admission this many days after discharge or fewer is a readmission (the discharge
# day is day 0): NHS Outcomes Framework indicator 3b, "emergency readmissions within 30 days of
# discharge from hospital".
READMISSION_DAYS = 30


# --- Day counts ------------------------------------------------------------------------------------


def days_since_nctr(referral: DischargeReferral, on: date) -> int | None:
    """Whole days since the person no longer met the criteria to reside: 0 on that day itself,
    1 the next day; None while they still meet them. A discharged referral stops counting on the
    day it left the board."""
    if referral.nctr_on is None or referral.nctr_on > on:
        return None
    end = min(on, referral.closed_on) if referral.closed_on else on
    return max((end - referral.nctr_on).days, 0)


def local_day(moment: Any) -> date:
    """The day an event happened, in the service's time zone (an admission at 00:30 BST is that day)."""
    day: date = timezone.localtime(moment).date()
    return day


def readmission_on(
    referral: DischargeReferral, admissions: Sequence[date], *, within: int = READMISSION_DAYS
) -> date | None:
    """The first emergency admission from the day of discharge to `within` days after it (day 30
    counts, day 31 does not); the stay's own admission is not one."""
    if referral.discharged_on is None:
        return None
    last = referral.discharged_on + timedelta(days=within)
    for day in sorted(admissions):
        if referral.discharged_on <= day <= last and day > referral.admitted_on:
            return day
    return None


def emergency_admissions(person_ids: Iterable[int], *, since: date) -> dict[int, list[date]]:
    """The days of each person's emergency admissions received from health since `since` (one query)."""
    found: dict[int, list[date]] = {}
    rows = HealthEvent.objects.filter(
        person_id__in=list(set(person_ids)), kind=EventKind.EMERGENCY_ADMISSION, occurred_at__date__gte=since
    ).values_list("person_id", "occurred_at")
    for person_id, occurred_at in rows:
        found.setdefault(person_id, []).append(local_day(occurred_at))
    return found


# --- Scope ---------------------------------------------------------------------------------------


def referrals_visible(actor: Actor) -> QuerySet[DischargeReferral]:
    """Referrals about people the actor may open, if their role works with records."""
    if not policies.can_see(actor):
        return DischargeReferral.objects.none()
    return scope.visible(DischargeReferral.objects.all(), actor, person_field="person")


def referral_get(*, actor: Actor, uuid: UUID | str) -> DischargeReferral:
    found = referrals_visible(actor).select_related("person", "referred_by", "action_owner").filter(uuid=uuid).first()
    if found is None:
        raise Http404
    return found


def package_get(*, actor: Actor, uuid: UUID | str) -> PackageSought:
    found = (
        PackageSought.objects.filter(referral__in=referrals_visible(actor), uuid=uuid)
        .select_related("referral__person")
        .first()
    )
    if found is None:
        raise Http404
    return found


def offer_get(*, actor: Actor, uuid: UUID | str) -> ProviderOffer:
    found = (
        ProviderOffer.objects.filter(package__referral__in=referrals_visible(actor), uuid=uuid)
        .select_related("package__referral__person", "provider", "plan")
        .first()
    )
    if found is None:
        raise Http404
    return found


def person_of(obj: Any) -> Any:
    """The person a referral, a package sought or an offer is about (for the record-page kit)."""
    if isinstance(obj, ProviderOffer):
        return obj.package.referral.person
    if isinstance(obj, PackageSought):
        return obj.referral.person
    return obj.person


def open_referral_of(*, person_id: int) -> DischargeReferral | None:
    return DischargeReferral.objects.filter(person_id=person_id, status=ReferralStatus.WAITING).first()


# --- The board -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class BoardRow:
    """One person on the board, read as plain values (300 rows are read in one query, no models)."""

    uuid: UUID
    family_name: str
    given_name: str
    date_of_birth: date | None
    hospital: str
    ward: str
    pathway: str
    admitted_on: date
    delay_reason: str
    next_action: str
    owner: str
    action_due_on: date | None
    days: int | None  # since no longer meeting the criteria to reside; None while they still meet them
    overdue: bool  # the next action's due date has passed

    @property
    def reason_label(self) -> str:
        return DelayReason(self.delay_reason).label if self.delay_reason else ""


SORTS = {
    "days": "Days since no longer meeting the criteria to reside",
    "name": "Name",
    "ward": "Ward",
    "pathway": "Pathway",
    "reason": "Reason for delay",
    "owner": "Next action owner",
    "due": "Next action due",
}

_KEYS: dict[str, Any] = {
    "name": lambda row: (row.family_name.lower(), row.given_name.lower()),
    "ward": lambda row: (row.hospital.lower(), row.ward.lower()),
    "pathway": lambda row: row.pathway,
    "reason": lambda row: (row.delay_reason == "", row.reason_label),
    "owner": lambda row: (row.owner == "", row.owner.lower()),
    "due": lambda row: (row.action_due_on is None, row.action_due_on or date.max),
}


def _sort_key(sort: str) -> Any:
    """Each column sorts by itself, then the longest delayed first; by default the longest delayed
    first, those still meeting the criteria to reside last."""
    first = _KEYS.get(sort)

    def key(row: BoardRow) -> Any:
        delay = (row.days is None, -(row.days or 0), row.admitted_on)
        return (first(row), delay) if first is not None else delay

    return key


@dataclass(frozen=True)
class Board:
    rows: list[BoardRow]
    delayed: int
    delayed_days: int


_BOARD_FIELDS = (
    "uuid",
    "person__family_name",
    "person__given_name",
    "person__date_of_birth",
    "hospital",
    "ward",
    "pathway",
    "admitted_on",
    "nctr_on",
    "delay_reason",
    "next_action",
    "action_owner__first_name",
    "action_owner__last_name",
    "action_owner__username",
    "action_due_on",
)


def board(*, actor: Actor, today: date, sort: str = "days", descending: bool = False) -> Board:
    """Everyone on the hub's board the actor may open (one query, after the actor's teams), sorted for
    the daily meeting."""
    found = referrals_visible(actor).filter(status=ReferralStatus.WAITING).values_list(*_BOARD_FIELDS)
    rows = []
    for (
        uuid,
        family,
        given,
        born,
        hospital,
        ward,
        pathway,
        admitted,
        nctr,
        reason,
        action,
        first,
        last,
        user,
        due,
    ) in found:
        days = (today - nctr).days if nctr is not None and nctr <= today else None
        owner = f"{first} {last}".strip() or (user or "")
        rows.append(
            BoardRow(
                uuid=uuid,
                family_name=family,
                given_name=given,
                date_of_birth=born,
                hospital=hospital,
                ward=ward,
                pathway=pathway,
                admitted_on=admitted,
                delay_reason=reason,
                next_action=action,
                owner=owner,
                action_due_on=due,
                days=days,
                overdue=bool(due and due < today),
            )
        )
    sort = sort if sort in SORTS else "days"
    rows.sort(key=_sort_key(sort), reverse=descending)
    delayed = [row.days for row in rows if row.days is not None]
    return Board(rows=rows, delayed=len(delayed), delayed_days=sum(delayed))


# --- A referral's page ---------------------------------------------------------------------------


def packages_of(*, referral: DischargeReferral) -> list[PackageSought]:
    """The packages sought for the referral, each with its offers (two queries)."""
    offers = ProviderOffer.objects.select_related("provider", "plan").order_by("recorded_at", "id")
    return list(
        PackageSought.objects.filter(referral=referral)
        .prefetch_related(Prefetch("offers", queryset=offers))
        .order_by("sought_at", "id")
    )


def events_of(*, referral: DischargeReferral) -> list[ReferralEvent]:
    return list(ReferralEvent.objects.filter(referral=referral).select_related("by").order_by("-version", "-id"))


def readmission_of(*, referral: DischargeReferral) -> date | None:
    if referral.discharged_on is None:
        return None
    found = emergency_admissions([referral.person_id], since=referral.discharged_on)
    return readmission_on(referral, found.get(referral.person_id, []))


def care_providers() -> list[Organisation]:
    """The care providers on the system: the organisations the hub seeks packages and beds from."""
    return list(Organisation.objects.filter(kind=OrganisationKind.CARE_PROVIDER).order_by("name"))


def care_provider_of(*, uuid: str) -> Organisation | None:
    return Organisation.objects.filter(uuid=uuid, kind=OrganisationKind.CARE_PROVIDER).first()


def owners_for(actor: Actor) -> list[User]:
    """Who may own a next action: the actor and the members of their teams who work with records."""
    team_ids = scope.team_ids(actor)
    member_ids = Membership.objects.filter(team_id__in=team_ids).values("user_id")
    members = (
        User.objects.filter(is_active=True, pk__in=member_ids)
        .exclude(role__in=[Role.SYSTEM_ADMINISTRATOR, Role.CARE_PROVIDER])
        .order_by("first_name", "last_name", "username")
    )
    found = list(members)
    if actor not in found:
        found.insert(0, actor)
    return found


def owner_of(*, actor: Actor, uuid: str) -> User | None:
    return next((user for user in owners_for(actor) if str(user.uuid) == uuid), None)


@dataclass(frozen=True)
class PlanChoice:
    """A care and support plan an accepted package may join: its latest version, and whether that
    is a draft (the package joins it) or agreed (a revision is started for it)."""

    plan: Any
    outcomes: list[Any]

    @property
    def is_draft(self) -> bool:
        return bool(self.plan.status == PlanStatus.DRAFT)


def plans_for(*, actor: Actor, person_id: int) -> list[PlanChoice]:
    """The latest version of each of the person's care and support plans the actor may write."""
    plans = plan_selectors.plans_visible(actor).filter(person_id=person_id).order_by("lineage", "-number")
    latest: dict[Any, Any] = {}
    for plan in plans:
        latest.setdefault(plan.lineage, plan)
    return [PlanChoice(plan=plan, outcomes=plan_selectors.outcomes_of(plan=plan)) for plan in latest.values()]
