"""Reads of safeguarding records: what each team may see, the triage queue, repeats, DoLS lists.

Safeguarding records are seen by the members of the team that holds them (and a concern held
by no team by every safeguarding team), always within the person-record access rule.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any, cast
from uuid import UUID

from django.core.paginator import Page, Paginator
from django.db.models import Case, Count, IntegerField, Model, Q, QuerySet, Value, When, Window
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from tandem.access import scope
from tandem.core import clock, probes, registry
from tandem.core.working_days import working_days_between
from tandem.identity.actors import Actor
from tandem.identity.permissions import Permission
from tandem.people import selectors as people_selectors
from tandem.people.models import Person
from tandem.safeguarding import policies
from tandem.safeguarding.codes import DOLS_DECIDED, ConcernStatus, DolsPriority, DolsStatus
from tandem.safeguarding.models import Concern, Contribution, DolsApplication, Enquiry

# The Mental Capacity Act 2005, Schedule A1, and the Mental Capacity (Deprivation of Liberty:
# Standard Authorisations, Assessments and Ordinary Residence) Regulations 2008 (SI 2008/1858).
URGENT_DAYS = 7  # Sch A1 para 78(2): the managing authority's urgent authorisation, at most 7 days
URGENT_EXTENSION_DAYS = 7  # Sch A1 paras 77(3)-(4) and 84-86: extended once, by the supervisory body
# Reg 13(1) SI 2008/1858: the assessments are completed "within the period of 21 days beginning with
# the date" the request is received, so the day received is day 1 and the last day is received + 20.
STANDARD_DAYS = 21
RENEWAL_NOTICE_DAYS = 28  # a renewal is asked for in the last 28 days of an authorisation


def _concerns_held(actor: Actor | None) -> QuerySet[Concern]:
    """The concerns the actor's safeguarding teams hold (and those held by no team), before the access rule."""
    if actor is None or not actor.is_authenticated or not actor.can(Permission.SAFEGUARDING_WORK):
        return Concern.objects.none()
    held = Q(team_id__in=policies.team_ids(actor))
    if policies.safeguarding_team_ids(actor):
        held |= Q(team__isnull=True)
    return Concern.objects.filter(held)


def concerns_visible(actor: Actor | None) -> QuerySet[Concern]:
    return scope.visible(_concerns_held(actor), actor, person_field="person")


def _opened(actor: Actor, person: Person) -> None:
    """A document of a restricted record this actor may open only by breaking the glass is refused
    with `RestrictedRecord`, so the page sends them to do so (ADR 0003)."""
    if not actor.can(Permission.PERSON_VIEW):
        raise Http404
    if not scope.may_open(actor, person):
        raise people_selectors.RestrictedRecord(person)


def _the_one[M: Model](found: QuerySet[M], *, actor: Actor, person: Callable[[M], Person], missing: str) -> M:
    """The one document found (404 if none), once the actor may open its person's record."""
    document = found.first()
    if document is None:
        raise Http404(missing)
    _opened(actor, person(document))
    return document


def concern_get(*, actor: Actor, uuid: UUID | str) -> Concern:
    """The concern, if the actor's team holds it (404 otherwise); a restricted record: `RestrictedRecord`."""
    found = _concerns_held(actor).filter(uuid=uuid)
    found = found.select_related("team", "raised_by", "triaged_by", *people_selectors.person_related())
    return _the_one(found, actor=actor, person=lambda concern: concern.person, missing="No such concern")


@dataclass(frozen=True)
class Due:
    """Where a piece of work stands against its timescale."""

    due_on: date | None
    overdue: bool
    working_days_left: int | None


def triage_due(concern: Concern, today: date | None = None) -> Due:
    today = today or clock.today()
    due = concern.triage_due_on
    if due is None or concern.status != ConcernStatus.AWAITING_TRIAGE:
        return Due(due_on=due, overdue=False, working_days_left=None)
    if due < today:
        return Due(due_on=due, overdue=True, working_days_left=-working_days_between(due, today))
    return Due(due_on=due, overdue=False, working_days_left=working_days_between(today, due))


def triage_queue(*, actor: Actor, team_id: int | None = None, overdue_only: bool = False) -> QuerySet[Concern]:
    """Concerns awaiting triage, the most overdue first, then the oldest received."""
    concerns = concerns_visible(actor).filter(status=ConcernStatus.AWAITING_TRIAGE)
    if team_id is not None:
        concerns = concerns.filter(team_id=team_id)
    if overdue_only:
        concerns = concerns.filter(triage_due_on__lt=clock.today())
    return concerns.select_related("person", "team").order_by("triage_due_on", "raised_at", "id")


class _Fetched:
    """A page of ids already read, with the queue's total, for Django's paginator (which would
    otherwise count the queue in one scan and read the page in another)."""

    def __init__(self, ids: list[int], total: int) -> None:
        self.ids, self.total = ids, total

    def count(self) -> int:
        return self.total

    def __len__(self) -> int:
        return self.total

    def __getitem__(self, window: slice) -> list[int]:
        return self.ids


def _window(queue: QuerySet[Concern], number: int, per_page: int) -> tuple[list[int], int]:
    """One page of the queue's ids and the queue's total, in one query (a window count)."""
    start = (number - 1) * per_page
    rows = list(queue.annotate(total=Window(Count("id"))).values_list("pk", "total")[start : start + per_page])
    return [pk for pk, _ in rows], (rows[0][1] if rows else 0)


_LAST_PAGE_ASKED = 1_000_000


def triage_page(
    *, actor: Actor, team_id: int | None = None, overdue_only: bool = False, number: Any = 1, per_page: int = 25
) -> tuple[Page[Any], list[Concern]]:
    """One page of the triage queue: the page's ids are found on the concern table alone, then
    only those concerns are read with their person, team and abuse types.

    Ordering thousands of open concerns joined to their people, to keep 25, took most of the
    page's time; ordering their ids takes a few milliseconds.
    """
    queue = triage_queue(actor=actor, team_id=team_id, overdue_only=overdue_only).select_related(None)
    try:
        # Past any real queue: a bigger number would overflow the database's OFFSET (a 500).
        wanted = min(max(int(number), 1), _LAST_PAGE_ASKED)
    except (TypeError, ValueError):
        wanted = 1
    ids, total = _window(queue, wanted, per_page)
    if not ids and wanted > 1:  # past the end: show the last page, as Paginator.get_page does
        total = queue.count()
        wanted = max(-(-total // per_page), 1)
        ids, total = _window(queue, wanted, per_page) if total else ([], 0)
    # The paginator reads only count() and the page's slice, which _Fetched answers without a query.
    page: Page[int] = Paginator(cast(Any, _Fetched(ids, total)), per_page).get_page(wanted)
    found = Concern.objects.filter(pk__in=ids).select_related("person", "team").prefetch_related("abuse_types")
    by_id = {concern.pk: concern for concern in found}
    return page, [by_id[pk] for pk in ids if pk in by_id]


@dataclass(frozen=True)
class Repeats:
    """Earlier concerns about the same adult, and about the same provider, for triage to see."""

    same_adult: list[Concern]
    same_provider: list[Concern]
    same_adult_count: int
    same_provider_count: int


def repeats_for(*, concern: Concern, actor: Actor, within_days: int = 365, limit: int = 10) -> Repeats:
    since = clock.now() - timedelta(days=within_days)
    others = concerns_visible(actor).exclude(pk=concern.pk).filter(raised_at__gte=since)
    adult = others.filter(person_id=concern.person_id).order_by("-raised_at")
    provider = (
        others.filter(provider_key=concern.provider_key).order_by("-raised_at")
        if concern.provider_key
        else others.none()
    )
    return Repeats(
        same_adult=list(adult.select_related("team")[:limit]),
        same_provider=list(provider.select_related("person", "team")[:limit]),
        same_adult_count=adult.count(),
        same_provider_count=provider.count(),
    )


def enquiry_get(*, actor: Actor, uuid: UUID | str) -> Enquiry:
    """The enquiry, if the actor's team holds its concern (404 otherwise); a restricted record: `RestrictedRecord`."""
    found = Enquiry.objects.filter(uuid=uuid, concern__in=_concerns_held(actor).values("pk")).select_related(
        "concern", "concern__team", "lead", *people_selectors.person_related("concern__person")
    )
    return _the_one(found, actor=actor, person=lambda enquiry: enquiry.concern.person, missing="No such enquiry")


def enquiry_outcome_get(*, actor: Actor, uuid: UUID | str) -> Enquiry:
    """An enquiry's outcome, for its own team, for the member of staff who raised its concern (a
    locality worker, say) and for any of our staff named as having contributed to it: they hear how
    it ended (Care and Support Statutory Guidance ch. 14 expects feedback to the person who raised a
    concern, where it is safe and proportionate), without opening the enquiry's working record.
    404 for anyone else."""
    contributed = Contribution.objects.filter(staff_id=actor.pk).values("enquiry_id")
    raised = (
        Q(concern__raised_by_id=actor.pk) | Q(pk__in=contributed)
        if actor.can(Permission.CONCERN_RAISE)
        else Q(pk__in=[])
    )
    found = Enquiry.objects.filter(
        Q(concern__in=_concerns_held(actor).values("pk")) | raised, uuid=uuid
    ).select_related("concern", "signed_off_by", *people_selectors.person_related("concern__person"))
    return _the_one(found, actor=actor, person=lambda enquiry: enquiry.concern.person, missing="No such enquiry")


# --- DoLS ---------------------------------------------------------------------------------------


def _dols_held(actor: Actor | None) -> QuerySet[DolsApplication]:
    if actor is None or not actor.is_authenticated or not actor.can(Permission.DOLS_WORK):
        return DolsApplication.objects.none()
    return DolsApplication.objects.filter(team_id__in=policies.team_ids(actor))


def dols_visible(actor: Actor | None) -> QuerySet[DolsApplication]:
    return scope.visible(_dols_held(actor), actor, person_field="person")


def dols_get(*, actor: Actor, uuid: UUID | str) -> DolsApplication:
    """The application, if the actor's DoLS team holds it (404 otherwise); a restricted record: `RestrictedRecord`."""
    found = _dols_held(actor).filter(uuid=uuid)
    found = found.select_related(
        "team", "best_interests_assessor", "mental_health_assessor", "renews", *people_selectors.person_related()
    )
    return _the_one(found, actor=actor, person=lambda application: application.person, missing="No such application")


@dataclass(frozen=True)
class DolsDeadlines:
    urgent_expires_on: date | None
    standard_due_on: date
    renewal_due_on: date | None
    # The moment the urgent authorisation ends, and whether that is counted from the moment the
    # managing authority gave it (False for older records without it: from the date received).
    urgent_expires_at: datetime | None = None
    urgent_given_known: bool = True

    @property
    def decision_due_on(self) -> date:
        """When the assessments (and so the decision) are due: within 21 days (reg 13(1)), but with an
        urgent authorisation, while it is in force (the Mental Capacity (Deprivation of Liberty:
        Standard Authorisations, Assessments and Ordinary Residence) Regulations 2008 reg 13(2)),
        so never a standard due date past the urgent authorisation's end."""
        if self.urgent_expires_on is not None and self.urgent_expires_on < self.standard_due_on:
            return self.urgent_expires_on
        return self.standard_due_on


def standard_due_on(received_on: date) -> date:
    """The last day of the 21 days beginning with the day the request was received (reg 13(1))."""
    return received_on + timedelta(days=STANDARD_DAYS - 1)


def urgent_given_at(application: DolsApplication) -> datetime:
    """When the urgent authorisation was given; for older records without it, the start of the day received."""
    if application.urgent_given_at is not None:
        return application.urgent_given_at
    return timezone.make_aware(datetime.combine(application.received_on, time.min))


def dols_deadlines(application: DolsApplication) -> DolsDeadlines:
    """The statutory clocks: an urgent authorisation lasts at most 7 days from the moment the
    managing authority gave it (14 once extended); a standard request is decided within the 21 days
    beginning with the day it was received; a renewal is due 28 days before the end."""
    urgent_at = None
    if application.urgent:
        days = URGENT_DAYS + (URGENT_EXTENSION_DAYS if application.urgent_extended else 0)
        urgent_at = urgent_given_at(application) + timedelta(days=days)
    renewal = None
    if application.status == DolsStatus.GRANTED and application.authorised_to is not None:
        renewal = application.authorised_to - timedelta(days=RENEWAL_NOTICE_DAYS)
    return DolsDeadlines(
        urgent_expires_on=timezone.localtime(urgent_at).date() if urgent_at else None,
        standard_due_on=standard_due_on(application.received_on),
        renewal_due_on=renewal,
        urgent_expires_at=urgent_at,
        urgent_given_known=application.urgent_given_at is not None,
    )


_PRIORITY_ORDER = Case(
    When(priority=DolsPriority.HIGH, then=Value(0)),
    When(priority=DolsPriority.MEDIUM, then=Value(1)),
    default=Value(2),
    output_field=IntegerField(),
)


def dols_waiting_list(*, actor: Actor) -> QuerySet[DolsApplication]:
    """Applications not yet decided, by risk (high first), urgent before standard, then the longest waiting."""
    waiting = dols_visible(actor).exclude(status__in=DOLS_DECIDED)
    return (
        waiting.annotate(priority_rank=_PRIORITY_ORDER)
        .select_related("person", "best_interests_assessor", "mental_health_assessor")
        .order_by("priority_rank", "-urgent", "received_on", "id")
    )


def dols_renewals_due(*, actor: Actor, within_days: int = 28) -> QuerySet[DolsApplication]:
    """Granted authorisations ending within `within_days` (the renewal notice by default), not yet renewed."""
    today = clock.today()
    renewed = DolsApplication.objects.filter(renews__isnull=False).values("renews_id")
    return (
        dols_visible(actor)
        .filter(status=DolsStatus.GRANTED, authorised_to__gte=today)
        .filter(
            authorised_to__lte=today + timedelta(days=RENEWAL_NOTICE_DAYS + max(within_days - RENEWAL_NOTICE_DAYS, 0))
        )
        .exclude(pk__in=renewed)
        .select_related("person")
        .order_by("authorised_to", "id")
    )


# --- The person's summary -----------------------------------------------------------------------


def open_work_rows(person: Any) -> list[probes.Rows]:
    """The rows that must exist for the person to have open safeguarding work: a concern not closed."""
    return [probes.Rows(Concern, equal={"person_id": person.pk}, unequal={"status": ConcernStatus.CLOSED})]


def open_work_for_person(person: Person, actor: Actor) -> list[registry.OpenWorkItem]:
    """Concerns and enquiries not yet closed (one query). Anyone who may open the record sees that
    one is open and which team holds it, so no one works blind to it; the details stay with the team.
    Most people have none, found with a small check first (core.probes) that costs far less than
    composing the read."""
    if not any(probes.exist(*open_work_rows(person))):
        return []
    rows = (
        Concern.objects.filter(person_id=person.pk)
        .exclude(status=ConcernStatus.CLOSED)
        .order_by("-raised_at")
        .values_list("status", "team__name", "raised_at", "uuid", "team_id")[:10]
    )
    # The team holding it (or any safeguarding team, for one held by none) may follow the link.
    return [
        registry.OpenWorkItem(
            title="Safeguarding enquiry" if status == ConcernStatus.ENQUIRY else "Safeguarding concern",
            team=team or "Safeguarding",
            status=ConcernStatus(status).label,
            started=raised_at,
            url=reverse("safeguarding:concern", args=[uuid]) if policies.can_work_on(actor, team_id) else None,
        )
        for status, team, raised_at, uuid, team_id in rows
    ]


def enquiry_leads_for(*, person_id: int) -> set[int]:
    """Staff who have led a section 42 enquiry about the person (for continuity when a case is allocated)."""
    return set(
        Enquiry.objects.filter(concern__person_id=person_id, lead__isnull=False)
        .values_list("lead_id", flat=True)
        .distinct()
    )


def triage_overdue_for_teams(*, team_ids: Sequence[int], today: date) -> QuerySet[Concern]:
    """Concerns still awaiting triage past their triage date, for the workforce dashboard."""
    return Concern.objects.filter(team_id__in=team_ids, status=ConcernStatus.AWAITING_TRIAGE, triage_due_on__lt=today)


def dols_unallocated_for_teams(*, team_ids: Sequence[int]) -> QuerySet[DolsApplication]:
    """DoLS applications no assessor has been allocated to yet, for the workforce dashboard."""
    return DolsApplication.objects.filter(team_id__in=team_ids, status=DolsStatus.WAITING)
