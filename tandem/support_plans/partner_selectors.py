"""Reads for partner systems (the FHIR API): the care and support plans in force of people a
partner may see. The caller narrows `people` (a queryset of person ids) to those shared with it."""

from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, QuerySet

from tandem.support_plans.models import PersonalOutcome, SupportPlan


def plans_in_force(*, people: QuerySet[Any]) -> QuerySet[SupportPlan]:
    """Each plan's version now in force (agreed, and signed off where that is needed), never a
    draft nor a version a later one replaced."""
    later = SupportPlan.objects.filter(
        lineage=OuterRef("lineage"), in_force_from__isnull=False, number__gt=OuterRef("number")
    )
    return (
        SupportPlan.objects.filter(person__in=people, in_force_from__isnull=False)
        .exclude(Exists(later))
        .select_related("person")
        .prefetch_related(Prefetch("outcomes", queryset=PersonalOutcome.objects.order_by("position", "pk")))
    )


def outcomes_in_force(*, people: QuerySet[Any]) -> QuerySet[PersonalOutcome]:
    """The personal outcomes ("I" statements) of those plans."""
    plans = plans_in_force(people=people).values("pk")
    return PersonalOutcome.objects.filter(plan__in=plans).select_related("plan__person")
