"""Reads for partner systems (the FHIR API): the statements of needs of people a partner may see.
The caller narrows `people` (a queryset of person ids) to those shared with it."""

from datetime import date
from typing import Any

from django.db.models import Count, F, Q, QuerySet

from tandem.access import scope
from tandem.assessments.eligibility import Achievement
from tandem.assessments.models import AssessmentKind, AssessmentStatus, NeedsAssessment, OutcomeFinding


def statements_of(*, people: QuerySet[Any]) -> QuerySet[NeedsAssessment]:
    """Completed assessments (each has its statement of needs). A carer's assessment names the
    person cared for, so one whose record is restricted is never shared."""
    completed = NeedsAssessment.objects.filter(person__in=people).exclude(status=AssessmentStatus.DRAFT)
    return scope.unrestricted(completed, person_field="cared_for").select_related(
        "person", "practitioner", "team", "cared_for"
    )


# --- For the risk score (prevention): what completed assessments found, as rows to join -----------

# Regulation 2(2) of the Care and Support (Eligibility Criteria) Regulations 2014: (e) making use
# of the home safely is where mobility about the home shows; (a) to (d) are daily living tasks.
MOBILITY_OUTCOME = "e"
DAILY_LIVING_OUTCOMES = ("a", "b", "c", "d")
_ABLE = (Achievement.ACHIEVES.value, Achievement.NOT_APPLICABLE.value, "")


def difficulties_found(*, since: date, until: date) -> QuerySet[Any]:
    """For each adult assessed (completed between the two days), whether moving about the home is
    hard (`mobility` above 0) and how many daily living tasks they cannot do without help or only
    with pain, danger or taking far longer (`daily_living`): rows of `person_id`, one a person."""
    return (
        OutcomeFinding.objects.filter(
            assessment__kind=AssessmentKind.ADULT,
            assessment__completed_on__gt=since,
            assessment__completed_on__lte=until,
        )
        .exclude(achievement__in=_ABLE)
        .values(person_id=F("assessment__person_id"))
        .annotate(
            mobility=Count("code", filter=Q(code=MOBILITY_OUTCOME), distinct=True),
            daily_living=Count("code", filter=Q(code__in=DAILY_LIVING_OUTCOMES), distinct=True),
        )
        .order_by()
    )


def carers_at_breaking_point(*, since: date, until: date) -> QuerySet[NeedsAssessment, Any]:
    """The people cared for (`cared_for_id`) whose carer's assessment, completed between the two
    days, found the carer's health is, or is at risk of, deteriorating (regulation 3(1)(b))."""
    return (
        NeedsAssessment.objects.filter(
            kind=AssessmentKind.CARER, health_at_risk=True, completed_on__gt=since, completed_on__lte=until
        )
        .exclude(status=AssessmentStatus.DRAFT)
        .values("cared_for_id")
    )


def people_assessed() -> QuerySet[NeedsAssessment, Any]:
    """Everyone with a needs assessment of their own, in any state (`person_id`): known to social care."""
    return NeedsAssessment.objects.values("person_id")
