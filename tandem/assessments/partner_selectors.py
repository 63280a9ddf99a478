"""Reads for partner systems (the FHIR API): the statements of needs of people a partner may see.
The caller narrows `people` (a queryset of person ids) to those shared with it."""

from typing import Any

from django.db.models import QuerySet

from tandem.access import scope
from tandem.assessments.models import AssessmentStatus, NeedsAssessment


def statements_of(*, people: QuerySet[Any]) -> QuerySet[NeedsAssessment]:
    """Completed assessments (each has its statement of needs). A carer's assessment names the
    person cared for, so one whose record is restricted is never shared."""
    completed = NeedsAssessment.objects.filter(person__in=people).exclude(status=AssessmentStatus.DRAFT)
    return scope.unrestricted(completed, person_field="cared_for").select_related(
        "person", "practitioner", "team", "cared_for"
    )
