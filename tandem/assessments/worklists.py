"""What an assessor and their manager have to do in this app, for the "my work" page (core.registry)."""

from datetime import timedelta
from typing import Any

from django.urls import reverse

from tandem.access import scope
from tandem.assessments import policies, selectors
from tandem.assessments.models import AssessmentKind, AssessmentStatus, NeedsAssessment
from tandem.core import worklists
from tandem.core.presenters import format_date
from tandem.core.registry import WorkItem, WorkSection
from tandem.identity.actors import Actor


def _draft(assessment: NeedsAssessment) -> WorkItem:
    kept = selectors.timeliness(requested_on=assessment.requested_on, completed_on=None)
    due = assessment.requested_on + timedelta(days=kept.target)
    return WorkItem(
        title=f"{assessment.person.full_name}: {AssessmentKind(assessment.kind).label.lower()}",
        url=reverse("assessments:assessment", args=[assessment.uuid]),
        detail=f"Started {format_date(assessment.started_on)}; {kept.days} days since it was asked for",
        due=due,
        overdue=kept.over,
    )


def _to_authorise(assessment: NeedsAssessment) -> WorkItem:
    return WorkItem(
        title=f"{assessment.person.full_name}: {AssessmentKind(assessment.kind).label.lower()}",
        url=reverse("assessments:assessment", args=[assessment.uuid]),
        detail=f"Completed {format_date(assessment.completed_on)} by {assessment.practitioner.get_full_name()}",
    )


def my_work(actor: Any) -> list[WorkSection]:
    """Assessments in draft that the actor is doing; for a manager, those of their teams waiting for authorisation."""
    sections: list[WorkSection] = []
    user: Actor = actor
    visible = selectors.assessments_visible(user).select_related("person")
    if policies.can_record(user):
        drafts = visible.filter(practitioner=user, status=AssessmentStatus.DRAFT).order_by("requested_on", "id")
        sections.append(
            worklists.section(
                drafts,
                key="assessments.drafts",
                title="Assessments in draft",
                item=_draft,
                order=30,
                empty="You have no assessments in draft.",
            )
        )
    if policies.can_authorise(user):
        waiting = (
            visible.filter(status=AssessmentStatus.COMPLETED, team_id__in=scope.team_ids(user))
            .select_related("practitioner")
            .order_by("completed_on", "id")
        )
        sections.append(
            worklists.section(
                waiting,
                key="assessments.to_authorise",
                title="Assessments waiting for authorisation",
                item=_to_authorise,
                order=110,
                audience="team",
                empty="No assessments in your teams are waiting for authorisation.",
            )
        )
    return sections
