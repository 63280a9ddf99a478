"""Reads for partner systems (the FHIR API): the care and support plans in force of people a
partner may see. The caller narrows `people` (a queryset of person ids) to those shared with it."""

from collections.abc import Sequence
from datetime import date
from typing import Any

from django.db.models import Exists, F, OuterRef, Prefetch, QuerySet

from tandem.support_plans.codes import CommissionedKind
from tandem.support_plans.models import CommissionedService, PersonalOutcome, SupportPlan


def _versions_in_force() -> QuerySet[SupportPlan]:
    later = SupportPlan.objects.filter(
        lineage=OuterRef("lineage"), in_force_from__isnull=False, number__gt=OuterRef("number")
    )
    return SupportPlan.objects.filter(in_force_from__isnull=False).exclude(Exists(later))


def plans_in_force(*, people: QuerySet[Any]) -> QuerySet[SupportPlan]:
    """Each plan's version now in force (agreed, and signed off where that is needed), never a
    draft nor a version a later one replaced."""
    return (
        _versions_in_force()
        .filter(person__in=people)
        .select_related("person")
        .prefetch_related(Prefetch("outcomes", queryset=PersonalOutcome.objects.order_by("position", "pk")))
    )


def outcomes_in_force(*, people: QuerySet[Any]) -> QuerySet[PersonalOutcome]:
    """The personal outcomes ("I" statements) of those plans."""
    plans = plans_in_force(people=people).values("pk")
    return PersonalOutcome.objects.filter(plan__in=plans).select_related("plan__person")


def plan_teams_in_force(*, person_ids: Sequence[int]) -> dict[int, list[Any]]:
    """The teams holding a plan in force for each of these people (who arranged the care package)."""
    plans = _versions_in_force().filter(person_id__in=person_ids).select_related("team").order_by("pk")
    teams: dict[int, list[Any]] = {}
    for plan in plans:
        if plan.team not in teams.setdefault(plan.person_id, []):
            teams[plan.person_id].append(plan.team)
    return teams


# --- For the risk score (prevention): plans as rows to join ---------------------------------------


def people_with_plan_in_force() -> QuerySet[SupportPlan, Any]:
    """Everyone with a care and support plan in force (`person_id`), for a join."""
    return _versions_in_force().values("person_id")


def people_with_any_plan() -> QuerySet[SupportPlan, Any]:
    return SupportPlan.objects.values("person_id")


def people_with_first_plan_between(*, after: date, until: date) -> QuerySet[SupportPlan, Any]:
    """People whose first care and support plan (a new package of care) came into force after one
    day and on or before another (`person_id`)."""
    earlier = SupportPlan.objects.filter(person=OuterRef("person"), in_force_from__lte=after)
    return (
        SupportPlan.objects.filter(in_force_from__gt=after, in_force_from__lte=until)
        .exclude(Exists(earlier))
        .values("person_id")
    )


CARE_HOME_KINDS = (CommissionedKind.RESIDENTIAL_CARE, CommissionedKind.NURSING_CARE)


def people_moved_to_care_home_between(*, after: date, until: date) -> QuerySet[CommissionedService, Any]:
    """People whose plan in force from a day in the window commissions residential or nursing care
    (a care home move, `person_id`)."""
    return CommissionedService.objects.filter(
        kind__in=CARE_HOME_KINDS,
        outcome__plan__in_force_from__gt=after,
        outcome__plan__in_force_from__lte=until,
    ).values(person_id=F("outcome__plan__person_id"))
