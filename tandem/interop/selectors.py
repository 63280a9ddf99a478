"""Reads for the FHIR API: only what a partner may see, through the people app's partner reads."""

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import F, Q, QuerySet

from tandem.core import clock
from tandem.interop.models import ExportJob, ExportStatus, Partner
from tandem.interop.search import Criteria, postcode_compact_annotation
from tandem.people import partner_selectors
from tandem.support_plans import partner_selectors as plan_selectors


@dataclass(frozen=True)
class Found:
    """One page of a search and how many match in all."""

    rows: list[Any]
    total: int


def _page(queryset: QuerySet[Any], criteria: Criteria) -> Found:
    for condition in criteria.filters:
        queryset = queryset.filter(condition)
    if criteria.needs_distinct:
        queryset = queryset.distinct()
    total = queryset.count()
    start = criteria.paging.offset
    rows = list(queryset[start : start + criteria.paging.count]) if criteria.paging.count else []
    return Found(rows=rows, total=total)


def _uuid(value: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(value)
    except ValueError:
        return None


def patients_search(*, partner: Partner, criteria: Criteria) -> Found:
    people = partner_selectors.people_shared_with(organisation_id=partner.organisation_id)
    people = people.annotate(**postcode_compact_annotation()).order_by("family_name", "given_name", "pk")
    return _page(people, criteria)


def patient_get(*, partner: Partner, resource_id: str) -> Any | None:
    """The person with this id if the partner may see them; None otherwise (whether or not they exist)."""
    found = _uuid(resource_id)
    if found is None:
        return None
    return partner_selectors.people_shared_with(organisation_id=partner.organisation_id).filter(uuid=found).first()


def flag_status_filter(status: str) -> Q:
    """A Flag status as a filter on hazard warnings: active from its start until the day it ends."""
    today = clock.today()
    active = Q(starts_on__lte=today) & (Q(ends_on__isnull=True) | Q(ends_on__gt=today))
    return {"active": active, "inactive": ~active, "entered-in-error": Q(pk__in=[])}[status]


def flags_search(*, partner: Partner, criteria: Criteria) -> Found:
    warnings = partner_selectors.warnings_shared_with(organisation_id=partner.organisation_id)
    return _page(warnings.order_by("-starts_on", "pk"), criteria)


def flag_get(*, partner: Partner, resource_id: str) -> Any | None:
    found = _uuid(resource_id)
    if found is None:
        return None
    return partner_selectors.warnings_shared_with(organisation_id=partner.organisation_id).filter(uuid=found).first()


def patients_by_pk(*, partner: Partner, pks: set[int]) -> list[Any]:
    """The people a page of Flags points at (for `_include=Flag:patient`), as the partner may see them."""
    people = partner_selectors.people_shared_with(organisation_id=partner.organisation_id)
    return list(people.filter(pk__in=pks).order_by("family_name", "given_name", "pk"))


def related_people_search(*, partner: Partner, criteria: Criteria) -> Found:
    network = partner_selectors.network_shared_with(organisation_id=partner.organisation_id)
    return _page(network.order_by("person__family_name", "person_id", "-is_unpaid_carer", "name", "pk"), criteria)


def related_person_get(*, partner: Partner, resource_id: str) -> Any | None:
    found = _uuid(resource_id)
    if found is None:
        return None
    return partner_selectors.network_shared_with(organisation_id=partner.organisation_id).filter(uuid=found).first()


def _shared_ids(partner: Partner) -> QuerySet[Any]:
    return partner_selectors.person_ids_shared_with(organisation_id=partner.organisation_id)


def care_plans_search(*, partner: Partner, criteria: Criteria) -> Found:
    plans = plan_selectors.plans_in_force(people=_shared_ids(partner))
    return _page(plans.order_by("-in_force_from", "pk"), criteria)


def care_plan_get(*, partner: Partner, resource_id: str) -> Any | None:
    found = _uuid(resource_id)
    if found is None:
        return None
    return plan_selectors.plans_in_force(people=_shared_ids(partner)).filter(uuid=found).first()


def goals_search(*, partner: Partner, criteria: Criteria) -> Found:
    outcomes = plan_selectors.outcomes_in_force(people=_shared_ids(partner))
    return _page(outcomes.order_by("plan_id", "position", "pk"), criteria)


def goal_get(*, partner: Partner, resource_id: str) -> Any | None:
    found = _uuid(resource_id)
    if found is None:
        return None
    return plan_selectors.outcomes_in_force(people=_shared_ids(partner)).filter(uuid=found).first()


def rows_about(*, partner: Partner, kind: str, person: Any) -> list[Any]:
    """Every Flag, RelatedPerson, CarePlan or Goal row about one person the partner may see (for `$everything`)."""
    organisation_id = partner.organisation_id
    if kind == "CarePlan":
        return list(plan_selectors.plans_in_force(people=_shared_ids(partner)).filter(person=person))
    if kind == "Goal":
        goals = plan_selectors.outcomes_in_force(people=_shared_ids(partner)).filter(plan__person=person)
        return list(goals.order_by("plan_id", "position", "pk"))
    if kind == "Flag":
        warnings = partner_selectors.warnings_shared_with(organisation_id=organisation_id)
        return list(warnings.filter(person=person).order_by("-starts_on", "pk"))
    network = partner_selectors.network_shared_with(organisation_id=organisation_id)
    return list(network.filter(person=person).order_by("-is_unpaid_carer", "name", "pk"))


def page(queryset: QuerySet[Any], criteria: Criteria) -> Found:
    """One page of a search over `queryset` (for the resource modules beside this one)."""
    return _page(queryset, criteria)


def by_id(queryset: QuerySet[Any], resource_id: str) -> Any | None:
    """The row with this public id in `queryset`; None for an id Tandem never gave out."""
    found = _uuid(resource_id)
    return None if found is None else queryset.filter(uuid=found).first()


def page_across(
    tables: list[QuerySet[Any]], criteria: Criteria, *, key: Callable[[Any], Any], order: list[str] | None
) -> Found:
    """One page of a search over several tables served as one resource type (an organisation and a
    team are both Organizations), each table filtered alike and the rows sorted by `key`.

    With `order` (the database's order of the same key, such as a date), only the rows up to the
    end of the page are read from each table; without it (names, which databases collate in their
    own way) every matching row is read, so use it only for small tables.
    """
    total = 0
    candidates: list[Any] = []
    end = criteria.paging.offset + criteria.paging.count
    for table in tables:
        rows = table
        for condition in criteria.filters:
            rows = rows.filter(condition)
        total += rows.count()
        if order is None:
            candidates += list(rows)
        elif end:
            candidates += list(rows.order_by(*order)[:end])
    return Found(rows=sorted(candidates, key=key)[criteria.paging.offset : end], total=total)


def shared_ids(partner: Partner) -> QuerySet[Any]:
    """The ids of the people shared with the partner (for the resource modules beside this one)."""
    return _shared_ids(partner)


def partners_all() -> QuerySet[Partner]:
    """Every partner system, current ones first, for the administrator's list."""
    partners = Partner.objects.select_related("organisation", "application", "registered_by")
    return partners.order_by(F("revoked_at").asc(nulls_first=True), "name", "pk")


def partner_one(*, uuid: Any) -> Partner | None:
    return by_id(Partner.objects.select_related("organisation", "application"), str(uuid))


def exports_unfinished(*, partner: Partner) -> int:
    """How many of the partner's bulk exports are waiting or running."""
    unfinished = ExportJob.objects.filter(partner=partner, status__in=[ExportStatus.ACCEPTED, ExportStatus.RUNNING])
    return unfinished.filter(expires_at__gt=clock.now()).count()


def export_job(*, partner: Partner, job_id: str) -> ExportJob | None:
    """The partner's own export job with this id; None for another partner's or an unknown id."""
    return by_id(ExportJob.objects.filter(partner=partner).select_related("partner__organisation"), job_id)
