"""Reads of assessments that pages share. Every one follows the access rule for the person."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any
from uuid import UUID

from django.conf import settings
from django.db.models import CharField, F, Q, QuerySet, Value
from django.db.models.functions import Concat
from django.http import Http404
from django.urls import reverse

from tandem.access import scope
from tandem.assessments import policies
from tandem.assessments.models import (
    AssessmentEvent,
    AssessmentKind,
    AssessmentStatus,
    EventKind,
    NeedsAssessment,
    OutcomeFinding,
)
from tandem.core import clock, probes, registry
from tandem.core.care_act import ADULT_BY_CODE, ADULT_OUTCOMES, CARER_BY_CODE, CARER_OUTCOMES, Outcome
from tandem.front_door import selectors as front_door_selectors
from tandem.identity.actors import Actor
from tandem.people import selectors as people_selectors


def assessments_visible(actor: Actor) -> QuerySet[NeedsAssessment]:
    """Assessments of people this actor may open, if their role works with assessments."""
    if not policies.can_see(actor):
        return NeedsAssessment.objects.none()
    return scope.visible(NeedsAssessment.objects.all(), actor, person_field="person")


def assessment_get(*, actor: Actor, uuid: UUID | str) -> NeedsAssessment:
    """The assessment with this id, if the actor's role assesses and they may open the person (404 otherwise).

    One read of plain joins, with the access rule applied to the person in hand: the scope's
    subqueries in the query took longer to plan than every other read on the page together.
    """
    if not policies.can_see(actor):
        raise Http404
    try:
        # get(), not first(): ordering one row by the model's default order cost a quarter of the read.
        assessment = NeedsAssessment.objects.select_related(
            "team", "practitioner", *people_selectors.person_related()
        ).get(uuid=uuid)
    except NeedsAssessment.DoesNotExist:
        raise Http404 from None
    people_selectors.person_of_record(actor=actor, person=assessment.person)
    return assessment


def findings_of(*, assessment: NeedsAssessment) -> list[OutcomeFinding]:
    return list(assessment.findings.order_by("code"))


def events_of(*, assessment: NeedsAssessment) -> list[AssessmentEvent]:
    return list(assessment.events.select_related("by").order_by("version", "id"))


def completed_by_id(*, assessment: NeedsAssessment) -> int | None:
    return (
        assessment.events.filter(kind=EventKind.COMPLETED).order_by("-version").values_list("by_id", flat=True).first()
    )


@dataclass(frozen=True)
class StartingPoints:
    """What an assessment of this person can start from: open requests, and self-assessments not yet used."""

    requests: list[Any]
    self_assessments: list[Any]


def starting_points(*, person: Any) -> StartingPoints:
    used_requests = NeedsAssessment.objects.filter(support_request__isnull=False).values("support_request_id")
    used_contacts = NeedsAssessment.objects.filter(contact__isnull=False).values("contact_id")
    requests = front_door_selectors.open_requests_of(person=person).exclude(pk__in=used_requests)
    contacts = front_door_selectors.self_assessments_of(person=person).exclude(pk__in=used_contacts)
    return StartingPoints(requests=list(requests[:20]), self_assessments=list(contacts[:20]))


def joint_assessments(*, assessment: NeedsAssessment, actor: Actor) -> list[NeedsAssessment]:
    """The assessments done together with this one: the carers' of a needs assessment, or the
    needs assessment a carer's is joint with (only those the actor may see)."""
    if not policies.can_see(actor):
        return []
    rows = NeedsAssessment.objects.select_related("person__restriction")
    if assessment.joint_with_id is not None:
        found = list(rows.filter(pk=assessment.joint_with_id))
    elif NeedsAssessment.objects.filter(joint_with=assessment).values("pk").exists():
        found = list(rows.filter(joint_with=assessment).order_by("started_on", "id"))
    else:  # a small read first: most needs assessments have no carer's assessment alongside
        return []
    # Almost always none; the access rule is applied to each one found, not planned into the query.
    return [a for a in found if scope.may_open(actor, a.person)]


def open_adult_drafts(*, person: Any) -> list[NeedsAssessment]:
    """The person's needs assessments still in draft, which a carer's assessment may be done jointly with."""
    return list(
        NeedsAssessment.objects.filter(person_id=person.pk, kind=AssessmentKind.ADULT, status=AssessmentStatus.DRAFT)
        .select_related("practitioner")
        .order_by("-started_on", "-id")[:10]
    )


def assessments_for_person(*, person: Any, actor: Actor) -> QuerySet[NeedsAssessment]:
    return assessments_visible(actor).filter(person=person).select_related("team", "practitioner")


@dataclass(frozen=True)
class Timeliness:
    """Days from the request to the completed assessment (or to today), against the local target."""

    days: int
    target: int
    completed: bool

    @property
    def over(self) -> bool:
        return self.days > self.target


FINISHED = (AssessmentStatus.COMPLETED, AssessmentStatus.AUTHORISED)


def finished_assessments_probe(*, person_id: int) -> probes.Rows:
    """The person's completed or authorised assessments, as a probe asked in one query with others."""
    return probes.Rows(NeedsAssessment, equal={"person_id": person_id}, among={"status": FINISHED})


def eligible_assessments_of(*, person_id: int) -> QuerySet[NeedsAssessment]:
    """The person's completed or authorised assessments that found eligible needs: by the
    criteria, unless a practitioner's judgement over them says otherwise."""
    return NeedsAssessment.objects.filter(person_id=person_id, status__in=FINISHED).filter(
        Q(judgement_eligible=True) | Q(judgement_eligible__isnull=True, eligible_by_criteria=True)
    )


def practitioners_with(*, person_id: int) -> set[int]:
    """Staff who have assessed the person, or assessed their carer alongside them (for continuity
    when a case is allocated)."""
    return set(
        NeedsAssessment.objects.filter(Q(person_id=person_id) | Q(cared_for_id=person_id))
        .values_list("practitioner_id", flat=True)
        .distinct()
    )


def timeliness(*, requested_on: date, completed_on: date | None, today: date | None = None) -> Timeliness:
    end = completed_on or today or clock.today()
    return Timeliness(
        days=max((end - requested_on).days, 0),
        target=int(getattr(settings, "TANDEM_ASSESSMENT_TARGET_DAYS", 28)),
        completed=completed_on is not None,
    )


def _full_name(prefix: str) -> Any:
    return Concat(F(f"{prefix}__first_name"), Value(" "), F(f"{prefix}__last_name"), output_field=CharField())


def open_work_rows(person: Any) -> list[probes.Rows]:
    """The rows that must exist for the person to have open assessment work: an unauthorised assessment."""
    return [
        probes.Rows(NeedsAssessment, equal={"person_id": person.pk}, unequal={"status": AssessmentStatus.AUTHORISED})
    ]


def timeline_rows(person: Any) -> list[probes.Rows]:
    """The rows that must exist for the person to have assessment events: any assessment."""
    return [probes.Rows(NeedsAssessment, equal={"person_id": person.pk})]


def open_work_for_person(person: Any, actor: Actor) -> list[registry.OpenWorkItem]:
    """Assessments in draft, or completed and waiting to be authorised, for the person summary (one
    query, after a small read: most people have none, and the full read costs more to compile)."""
    if not any(probes.exist(*open_work_rows(person))):
        return []
    open_ones = NeedsAssessment.objects.filter(person_id=person.pk).exclude(status=AssessmentStatus.AUTHORISED)
    rows = (
        open_ones.annotate(team_name=F("team__name"), who=_full_name("practitioner"))
        .order_by("-started_on", "-id")
        .values_list("uuid", "kind", "status", "team_name", "who", "created_at", "requested_on")[:20]
    )
    items = []
    for uuid, kind, status, team, who, created_at, requested_on in rows:
        days = timeliness(requested_on=requested_on, completed_on=None)
        shown = (
            f"Draft with {who.strip()}, {days.days} days since the request (target {days.target})"
            if status == AssessmentStatus.DRAFT
            else "Completed, waiting to be authorised"
        )
        url = reverse("assessments:assessment", args=[uuid])
        items.append(registry.OpenWorkItem(AssessmentKind(kind).label, team, shown, created_at, url))
    return items


_TIMELINE_KINDS = {
    EventKind.STARTED: "{kind} started",
    EventKind.COMPLETED: "{kind} completed",
    EventKind.JUDGEMENT: "Eligibility: professional judgement recorded",
    EventKind.AUTHORISED: "{kind} authorised",
}


def timeline_for_person(person: Any, actor: Actor, limit: int) -> list[registry.TimelineEntry]:
    """Assessments started, completed, judged and authorised, newest first (one query; none for
    someone never assessed, found with a small read first)."""
    if not any(probes.exist(*timeline_rows(person))):
        return []
    rows = (
        AssessmentEvent.objects.filter(assessment__person_id=person.pk, kind__in=list(_TIMELINE_KINDS))
        .annotate(who=_full_name("by"), team_name=F("assessment__team__name"))
        .order_by("-at", "-id")
        .values_list("kind", "at", "who", "team_name", "assessment__uuid", "assessment__kind")[:limit]
    )
    return [
        registry.TimelineEntry(
            at=at,
            title=_TIMELINE_KINDS[EventKind(kind)].format(kind=AssessmentKind(assessment_kind).label),
            detail=team,
            by=(who or "").strip(),
            url=reverse("assessments:assessment", args=[uuid]),
        )
        for kind, at, who, team, uuid, assessment_kind in rows
    ]


def outcomes_for(kind: str) -> tuple[Outcome, ...]:
    """The specified outcomes an assessment of this kind is judged against."""
    return CARER_OUTCOMES if kind == AssessmentKind.CARER else ADULT_OUTCOMES


def outcome_of(kind: str, code: str) -> Outcome:
    return (CARER_BY_CODE if kind == AssessmentKind.CARER else ADULT_BY_CODE)[code]


def outcome_label(code: str, kind: str = AssessmentKind.ADULT) -> str:
    outcome = outcome_of(kind, code)
    return f"({outcome.mark}) {outcome.statutory[0].upper()}{outcome.statutory[1:]}"


def late_for_teams(*, team_ids: Sequence[int], today: date) -> QuerySet[NeedsAssessment]:
    """Assessments not yet completed whose request is older than the local target: pressure on
    a team, counted by the workforce dashboard (the target is never a gate on the work itself)."""
    target = int(getattr(settings, "TANDEM_ASSESSMENT_TARGET_DAYS", 28))
    return NeedsAssessment.objects.filter(
        team_id__in=team_ids, status=AssessmentStatus.DRAFT, requested_on__lt=today - timedelta(days=target)
    )
