"""Reads for partner systems (the FHIR API): the care and support plans in force of people a
partner may see. The caller narrows `people` (a queryset of person ids) to those shared with it."""

from collections.abc import Sequence
from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, QuerySet

from tandem.support_plans.models import PersonalOutcome, SupportPlan


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
