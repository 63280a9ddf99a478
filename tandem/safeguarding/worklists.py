"""What safeguarding staff have to do, for the "my work" page (core.registry): actions owed on the
enquiries they lead; for a manager, enquiries waiting for their sign-off; for the Safeguarding Adults
Unit, every open section 42 enquiry with its stage and age, and the concerns waiting for triage."""

from datetime import timedelta
from typing import Any

from django.db.models import Case, Exists, IntegerField, OuterRef, Q, QuerySet, Value, When
from django.urls import reverse
from django.utils import timezone

from tandem.access import scope
from tandem.core import clock, worklists
from tandem.core.presenters import format_date
from tandem.core.registry import WorkItem, WorkSection
from tandem.identity.actors import Actor
from tandem.identity.permissions import Permission
from tandem.people.models import Person
from tandem.safeguarding import policies, selectors
from tandem.safeguarding.models import Concern, Contribution, Enquiry, EnquiryAction, PlanningMeeting

# The unit sees more of its open enquiries at once: they are its whole caseload.
UNIT_SHOWN = 25
# How long a closed enquiry's outcome stays on the page of whoever raised or contributed to it.
OUTCOMES_DAYS = 30


def _enquiries(actor: Actor) -> QuerySet[Enquiry]:
    return Enquiry.objects.filter(concern__in=selectors.concerns_visible(actor).values("pk")).select_related(
        "concern__person", "lead"
    )


# Where an open enquiry stands, in the order the work is done (the Care Act 2014 s42 enquiry, with
# Making Safeguarding Personal first): the first step not yet done names the stage.
STAGES = (
    "Lead practitioner to be named",
    "The adult's outcomes to be asked",
    "Planning meeting to hold",
    "Safeguarding plan to write",
    "Actions under way",
    "Ready to conclude",
    "Concluded: waiting for a manager's sign-off",
)
# How the unit's full list may be ordered: the longest open first, or the earliest stage first.
SORTS = {"age": ("started_on", "id"), "stage": ("stage", "started_on", "id")}


def _stage() -> Case:
    """The index in STAGES of each enquiry's stage, worked out by the database so the list sorts on it."""
    return Case(
        When(concluded_on__isnull=False, then=Value(6)),
        When(lead__isnull=True, then=Value(0)),
        When(outcomes_asked="", then=Value(1)),
        When(has_meeting=False, then=Value(2)),
        When(plan="", then=Value(3)),
        When(has_open_action=True, then=Value(4)),
        default=Value(5),
        output_field=IntegerField(),
    )


def stage_of(enquiry: Any) -> str:
    """The stage's words for an enquiry read by `unit_open_enquiries` (which carries its `stage`)."""
    return STAGES[enquiry.stage]


def unit_open_enquiries(actor: Actor, *, sort: str = "age") -> QuerySet[Enquiry]:
    """Every section 42 enquiry the actor's safeguarding teams hold that is not yet signed off (still
    open, or concluded and waiting for a manager), with its `stage`; none unless the actor is in the
    Safeguarding Adults Unit and does safeguarding work."""
    if not may_see_unit_enquiries(actor):
        return Enquiry.objects.none()
    return (
        _enquiries(actor)
        .filter(Q(concluded_on__isnull=True) | Q(signed_off_at__isnull=True))
        .annotate(
            has_meeting=Exists(PlanningMeeting.objects.filter(enquiry=OuterRef("pk"))),
            has_open_action=Exists(EnquiryAction.objects.filter(enquiry=OuterRef("pk"), done_on__isnull=True)),
        )
        .annotate(stage=_stage())
        .order_by(*SORTS.get(sort, SORTS["age"]))
    )


def may_see_unit_enquiries(actor: Actor) -> bool:
    """Whoever the "open section 42 enquiries" section is shown to: the unit's safeguarding staff."""
    return bool(actor.can(Permission.SAFEGUARDING_WORK) and policies.safeguarding_team_ids(actor))


def _open_enquiry(enquiry: Enquiry) -> WorkItem:
    lead = enquiry.lead.get_full_name() if enquiry.lead else "no lead yet"
    return WorkItem(
        title=enquiry.concern.person.full_name,
        url=reverse("safeguarding:enquiry", args=[enquiry.uuid]),
        detail=f"{stage_of(enquiry)} (lead: {lead})",
        age_days=(clock.today() - enquiry.started_on).days,
    )


def _to_sign_off(enquiry: Enquiry) -> WorkItem:
    by = enquiry.concluded_by.get_full_name() if enquiry.concluded_by else "the lead"
    return WorkItem(
        title=enquiry.concern.person.full_name,
        url=reverse("safeguarding:enquiry", args=[enquiry.uuid]),
        detail=f"Concluded {format_date(enquiry.concluded_on)} by {by}",
        age_days=(clock.today() - enquiry.started_on).days,
    )


def _action(action: EnquiryAction) -> WorkItem:
    return WorkItem(
        title=f"{action.enquiry.concern.person.full_name}: {action.description[:100]}",
        url=reverse("safeguarding:enquiry", args=[action.enquiry.uuid]),
        detail=f"For {action.owner}",
        due=action.due_on,
        overdue=action.due_on < clock.today(),
    )


def _concern(concern: Concern) -> WorkItem:
    due = selectors.triage_due(concern)
    return WorkItem(
        title=concern.person.full_name,
        url=reverse("safeguarding:concern", args=[concern.uuid]),
        detail=f"Received {format_date(concern.received_on)}",
        due=due.due_on,
        overdue=due.overdue,
    )


def _outcome(enquiry: Enquiry) -> WorkItem:
    return WorkItem(
        title=enquiry.concern.person.full_name,
        url=reverse("safeguarding:enquiry_outcome", args=[enquiry.uuid]),
        detail=f"Signed off {format_date(timezone.localdate(enquiry.signed_off_at))}" if enquiry.signed_off_at else "",
    )


def _outcomes_to_read(user: Actor) -> WorkSection:
    """Enquiries closed in the last weeks about concerns the actor raised or contributed to: how they ended."""
    since = clock.now() - timedelta(days=OUTCOMES_DAYS)
    contributed = Contribution.objects.filter(staff_id=user.pk).values("enquiry_id")
    closed = (
        Enquiry.objects.filter(Q(concern__raised_by_id=user.pk) | Q(pk__in=contributed), signed_off_at__gte=since)
        .filter(concern__person__in=scope.visible(Person.objects.all(), user))
        .select_related("concern__person")
        .order_by("-signed_off_at", "id")
    )
    return worklists.section(
        closed,
        key="safeguarding.outcomes",
        title="Outcomes of concerns I raised or contributed to",
        item=_outcome,
        order=85,
        empty=f"No enquiry you raised or contributed to has closed in the last {OUTCOMES_DAYS} days.",
    )


def my_work(actor: Any) -> list[WorkSection]:
    user: Actor = actor
    sections: list[WorkSection] = []
    if user.can(Permission.CONCERN_RAISE):
        sections.append(_outcomes_to_read(user))
    if not user.can(Permission.SAFEGUARDING_WORK):
        return sections
    open_enquiries = _enquiries(user).filter(concluded_on__isnull=True)
    actions = (
        EnquiryAction.objects.filter(done_on__isnull=True, enquiry__in=open_enquiries.filter(lead=user).values("pk"))
        .select_related("enquiry__concern__person")
        .order_by("due_on", "id")
    )
    sections.append(
        worklists.section(
            actions,
            key="safeguarding.actions",
            title="Actions owed on enquiries I lead",
            item=_action,
            order=80,
            empty="No actions are outstanding on enquiries you lead.",
        )
    )
    if user.can(Permission.ENQUIRY_SIGN_OFF):
        waiting = (
            _enquiries(user)
            .filter(
                concluded_on__isnull=False,
                signed_off_at__isnull=True,
                concern__team_id__in=policies.team_ids(user),
            )
            .exclude(concluded_by=user)
            .select_related("concluded_by")
            .order_by("concluded_on", "id")
        )
        sections.append(
            worklists.section(
                waiting,
                key="safeguarding.to_sign_off",
                title="Enquiries waiting for sign-off",
                item=_to_sign_off,
                order=130,
                audience="team",
                empty="No concluded enquiries in your teams are waiting for your sign-off.",
            )
        )
    if may_see_unit_enquiries(user):
        unit = unit_open_enquiries(user)
        sections.append(
            worklists.section(
                unit,
                key="safeguarding.open_enquiries",
                title="Open section 42 enquiries",
                item=_open_enquiry,
                order=140,
                audience="unit",
                empty="The unit has no open section 42 enquiries.",
                more_url=reverse("safeguarding:open_enquiries"),
                shown=UNIT_SHOWN,
            )
        )
        triage = selectors.triage_queue(actor=user)
        sections.append(
            worklists.section(
                triage,
                key="safeguarding.triage",
                title="Concerns waiting for triage",
                item=_concern,
                more_url=reverse("safeguarding:triage_queue"),
                order=150,
                audience="unit",
                empty="No concerns are waiting for triage.",
            )
        )
    return sections
