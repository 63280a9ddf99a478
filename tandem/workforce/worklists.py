"""What a practitioner and their manager have to do with cases, for the "my work" page (core.registry)."""

from typing import Any

from django.urls import reverse
from django.utils import timezone

from tandem.access import scope
from tandem.core import clock, worklists
from tandem.core.presenters import format_date
from tandem.core.registry import WorkItem, WorkSection
from tandem.identity.actors import Actor
from tandem.identity.permissions import Permission
from tandem.workforce import policies
from tandem.workforce.codes import CaseProgress, CaseStatus, Priority, WaitingFor
from tandem.workforce.models import Case

_NEXT_STEP = {
    CaseProgress.ASSESSING: "Complete the needs assessment",
    CaseProgress.ASSESSED: "The assessment is waiting for a manager to authorise it",
    CaseProgress.PLANNING: "Agree the care and support plan with the person",
}


def next_step(case: Case) -> str:
    """What happens next on the case, from how far the work has gone (moved on by the other apps)."""
    if case.status == CaseStatus.CLOSED:
        return "None: the case is closed"
    if case.status == CaseStatus.WAITING:
        return "Waiting for allocation"
    if case.progress:
        return _NEXT_STEP[CaseProgress(case.progress)]
    if case.waiting_for == WaitingFor.REVIEW:
        return "Review the care and support plan"
    return "Start the needs assessment"


def _case(case: Case) -> WorkItem:
    return WorkItem(
        title=case.person.full_name,
        url=reverse("workforce:case", args=[case.uuid]),
        detail=f"Next step: {next_step(case)}. Allocated {format_date(timezone.localdate(case.allocated_at))}"
        if case.allocated_at
        else f"Next step: {next_step(case)}",
    )


def _keep_in_touch(case: Case) -> WorkItem:
    return WorkItem(
        title=case.person.full_name,
        url=reverse("workforce:case", args=[case.uuid]),
        detail=f"{Priority(case.priority).label} priority, waiting in {case.team.name}",
        due=case.next_contact_due,
        overdue=case.next_contact_due is not None and case.next_contact_due < clock.today(),
    )


def _waiting(case: Case) -> WorkItem:
    waited = (clock.today() - timezone.localdate(case.opened_at)).days
    return WorkItem(
        title=case.person.full_name,
        url=reverse("workforce:case", args=[case.uuid]),
        detail=f"{Priority(case.priority).label} priority, {case.team.name}",
        age_days=waited,
    )


def _cases(actor: Actor) -> Any:
    return scope.visible(Case.objects.all(), actor, person_field="person").select_related("person", "team")


def my_work(actor: Any) -> list[WorkSection]:
    """The actor's cases with their next step; the keeping-in-touch calls due on their teams' waiting
    lists; for a manager, the cases waiting for allocation in their teams."""
    user: Actor = actor
    if not policies.can_view(user):
        return []
    sections: list[WorkSection] = []
    mine = _cases(user).filter(status=CaseStatus.ALLOCATED, allocated_to=user).order_by("allocated_at", "id")
    sections.append(
        worklists.section(
            mine,
            key="workforce.my_cases",
            title="My cases",
            item=_case,
            order=10,
            empty="No cases are allocated to you.",
        )
    )
    teams = scope.team_ids(user)
    if user.can(Permission.WAITING_LIST_WORK):
        due = (
            _cases(user)
            .filter(status=CaseStatus.WAITING, team_id__in=teams, next_contact_due__lte=clock.today())
            .order_by("next_contact_due", "priority", "id")
        )
        sections.append(
            worklists.section(
                due,
                key="workforce.keep_in_touch",
                title="Keeping-in-touch contacts due",
                item=_keep_in_touch,
                more_url=reverse("workforce:home"),
                order=70,
                empty="No one on your teams' waiting lists is due a keeping-in-touch contact.",
            )
        )
    if user.can(Permission.CASE_ALLOCATE):
        waiting = (
            _cases(user).filter(status=CaseStatus.WAITING, team_id__in=teams).order_by("priority", "opened_at", "id")
        )
        sections.append(
            worklists.section(
                waiting,
                key="workforce.to_allocate",
                title="Cases waiting for allocation",
                item=_waiting,
                more_url=reverse("workforce:home"),
                order=100,
                audience="team",
                empty="No one is waiting for allocation in your teams.",
            )
        )
    return sections
