"""Reads of the person record that pages and APIs share. Every one starts from the access scope."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID

from django.db.models import Q, QuerySet
from django.http import Http404
from django.urls import reverse

from tandem.access import scope
from tandem.access.models import RecordRestriction
from tandem.audit.models import AuditEvent
from tandem.core import clock, probes, registry, worklists
from tandem.core.errors import DomainError
from tandem.identity.actors import Actor
from tandem.identity.permissions import Permission
from tandem.people.duplicates import SuspectedDuplicate, suspected_duplicates
from tandem.people.models import (
    ConsentToShare,
    GPPractice,
    HazardWarning,
    Neighbourhood,
    NetworkMember,
    Person,
    PreviousName,
    SearchListing,
)
from tandem.people.search import may_open, people_search

VIEW_ACTION = "people.person.viewed"


class RestrictedRecord(DomainError):
    """The record exists but is restricted; this actor may open it only by breaking the glass."""

    def __init__(self, person: Person) -> None:
        super().__init__("This record is restricted")
        self.person = person


def person_get(*, actor: Actor, uuid: UUID | str, allow_merged: bool = False) -> Person:
    """The person with this public id, if the actor may open it (404 if unknown, restricted if not allowed)."""
    if not actor.can(Permission.PERSON_VIEW):
        raise Http404
    # get(), not first(): ordering one row by the model's default order costs more than reading it.
    try:
        person = Person.objects.select_related("gp_practice", "neighbourhood", "restriction").get(uuid=uuid)
    except Person.DoesNotExist:
        raise Http404 from None
    if person.merged_into_id and not allow_merged:
        raise Http404
    if not scope.may_open(actor, person):
        raise RestrictedRecord(person)
    return person


def person_related(field: str = "person") -> tuple[str, str]:
    """What a record of another app loads with its person for `person_of_record`, in one query:
    `Record.objects.select_related(*person_related())`."""
    return (f"{field}__gp_practice", f"{field}__restriction")


def person_of_record(*, actor: Actor, person: Person) -> Person:
    """The person a record of another app is about, loaded with it (`person_related`), for its
    page: 404 unless the actor may open them."""
    if not scope.may_open(actor, person):
        raise Http404
    return person


def person_by_local_id_or_nhs(*, actor: Actor, value: str) -> Person | None:
    compact = "".join(value.split())
    if not compact.isdigit():
        return None
    qs = scope.visible(Person.objects.filter(merged_into__isnull=True), actor)
    if len(compact) == 10:
        found = qs.filter(nhs_number=compact).first()
        if found:
            return found
    return qs.filter(pk=int(compact)).first()


def warnings_active(*, person: Person, on: date | None = None) -> list[HazardWarning]:
    # Most people have never had a warning (about one in fifty has): a small check (core.probes)
    # spares them composing the read of active ones on every page of their record.
    if not probes.exist(probes.Rows(HazardWarning, equal={"person_id": person.pk}))[0]:
        return []
    return list(HazardWarning.objects.active_on(on or clock.today()).filter(person=person))


def active_warnings_by_person(people: Sequence[Person], *, on: date | None = None) -> dict[int, list[HazardWarning]]:
    """The active warnings of a page of people (search results): one small check (core.probes) of
    whether any of them has ever had one, then, only if so, one query for the active ones. About
    one person in fifty has had a warning, so most pages of results need only the check."""
    found: dict[int, list[HazardWarning]] = {}
    ids = [p.pk for p in people]
    if not ids or not probes.exist(probes.Rows(HazardWarning, among={"person_id": ids}))[0]:
        return found
    for warning in HazardWarning.objects.active_on(on or clock.today()).filter(person__in=ids):
        found.setdefault(warning.person_id, []).append(warning)
    return found


def warnings_due_for_review(*, actor: Actor, today: date) -> QuerySet[HazardWarning]:
    """Active warnings whose review date has come, on records the actor may open."""
    return (
        scope.visible(
            HazardWarning.objects.active_on(today).filter(review_on__lte=today, person__merged_into__isnull=True),
            actor,
            person_field="person",
        )
        .select_related("person", "raised_by")
        .order_by("review_on", "id")
    )


def my_work(actor: Any) -> list[registry.WorkSection]:
    """For the "my work" page: the hazard warnings the actor raised whose review date has come."""
    user: Actor = actor
    if not user.can(Permission.WARNING_RAISE):
        return []
    due = warnings_due_for_review(actor=user, today=clock.today()).filter(raised_by=user)
    return [
        worklists.section(
            due,
            key="people.warnings",
            title="Warnings I raised, due for review",
            item=lambda warning: registry.WorkItem(
                title=f"{warning.person.full_name}: {warning.get_category_display().lower()}",
                url=reverse("people:warning_review", args=[warning.person.uuid, warning.uuid]),
                due=warning.review_on,
                overdue=warning.review_on < clock.today(),
            ),
            more_url=reverse("people:warnings_due"),
            order=90,
            empty="None of the warnings you raised is due for review.",
        )
    ]


# The summary shows the first few people in the network (carers first); the network page shows all.
NETWORK_ON_SUMMARY = 10


@dataclass(frozen=True)
class PersonSummary:
    person: Person
    network: list[NetworkMember]
    more_network: bool
    consents: list[ConsentToShare]
    previous_names: list[tuple[str, date | None]]
    open_work: list[registry.OpenWorkItem]
    timeline: list[registry.TimelineEntry]


_NETWORK_SHOWN = (
    "uuid",
    "name",
    "relationship",
    "what_they_do",
    "contact",
    "is_unpaid_carer",
    "ended_on",
    "linked_person__uuid",
    "linked_person__restriction__id",
)


def network_of(*, person: Person, current: bool = True) -> QuerySet[NetworkMember]:
    """The person's network, carers first then by name: current members, or those who have left."""
    return (
        NetworkMember.objects.filter(person=person, ended_on__isnull=current)
        # The linked record's restriction comes in the same query: only a restricted one costs
        # a check of whether the viewer may open it (people.presenters.network_entries).
        .select_related("linked_person__restriction")
        .only(*_NETWORK_SHOWN)
        .order_by("-is_unpaid_carer", "name", "id")
    )


def person_summary(*, person: Person, actor: Actor, timeline_limit: int = 10) -> PersonSummary:
    """Everything on the summary page, in a fixed number of queries whatever the history's length."""
    # Most people have no network, consents or previous names, and no work in most apps: one small
    # query (core.probes) asks which there are, with every app's own question (registry.summary_for),
    # and only those are read (composing each read costs far more than the check).
    contributions = registry.summary_for(
        person,
        actor,
        limit=timeline_limit,
        also=(
            probes.Rows(NetworkMember, equal={"person_id": person.pk}, missing=["ended_on"]),
            probes.Rows(ConsentToShare, equal={"person_id": person.pk}, missing=["withdrawn_on"]),
            probes.Rows(PreviousName, equal={"person_id": person.pk}),
        ),
    )
    has_network, has_consents, has_previous_names = contributions.also
    # Only what the page shows: wide rows cost more to turn into objects than to fetch.
    network = list(network_of(person=person)[: NETWORK_ON_SUMMARY + 1]) if has_network else []
    consents = (
        list(
            ConsentToShare.objects.filter(person=person, withdrawn_on__isnull=True)
            .select_related("organisation")
            .only("decision", "decided_on", "organisation__name")
        )
        if has_consents
        else []
    )
    previous_names = (
        person.previous_names.order_by("id").values_list("given_name", "family_name", "used_until")
        if has_previous_names
        else []
    )
    return PersonSummary(
        person=person,
        network=network[:NETWORK_ON_SUMMARY],
        more_network=len(network) > NETWORK_ON_SUMMARY,
        consents=consents,
        previous_names=[(f"{given} {family}".strip(), until) for given, family, until in previous_names],
        open_work=contributions.open_work,
        timeline=contributions.timeline,
    )


def _events_about(person: Person) -> QuerySet[AuditEvent]:
    """The events about this record and about every record merged into it (a merge never
    rewrites the log: the kept record carries the public ids of those it absorbed)."""
    uuids = person.record_uuids
    if len(uuids) == 1:
        return AuditEvent.objects.filter(person_uuid=uuids[0])
    return AuditEvent.objects.filter(person_uuid__in=uuids)


def changes_for_person(*, person: Person) -> QuerySet[AuditEvent]:
    """The change history of a record, a merged duplicate's included: every write, newest first
    (views are in the access log)."""
    return _events_about(person).exclude(action=VIEW_ACTION).order_by("-id")


def access_log_for_person(*, person: Person) -> QuerySet[AuditEvent]:
    """Every event about the record, a merged duplicate's included, views and the searches that
    listed it too: who looked, when, from where and why.

    Two indexed reads joined by UNION (an OR across them would make the database read every
    search ever logged to find the few that listed this record).
    """
    uuids = person.record_uuids
    listed = SearchListing.objects.filter(person_uuid__in=uuids).values("event_id")
    searches = AuditEvent.objects.filter(id__in=listed).order_by()
    return _events_about(person).order_by().union(searches).order_by("-id")


def timeline_from_audit(person: Any, actor: Actor, limit: int) -> list[registry.TimelineEntry]:
    """The person app's own contribution to the timeline: recent changes to the record."""
    # Other apps put their own work on the timeline (with links); this shows the record's own changes.
    own = changes_for_person(person=person).filter(Q(action__startswith="people.") | Q(action__startswith="access."))
    events = own.values_list("at", "summary", "action", "actor_name")[:limit]
    return [
        registry.TimelineEntry(at=at, title=summary or action, detail="", by=by) for at, summary, action, by in events
    ]


def gp_practice_choices() -> list[tuple[int, str]]:
    return list(GPPractice.objects.order_by("name").values_list("id", "name"))


def neighbourhood_choices() -> list[tuple[int, str]]:
    return list(Neighbourhood.objects.order_by("name").values_list("id", "name"))


def search(*, actor: Actor, text: str) -> Any:
    return people_search(actor=actor, text=text)


def openable_ids(*, actor: Actor, people: Sequence[Person]) -> set[int]:
    """Of these people, the ones the actor may open without breaking the glass."""
    return may_open(actor, people)


def duplicates_suspected(*, actor: Actor) -> list[SuspectedDuplicate]:
    """Pairs of records the actor may open that may be the same person (`people.duplicates`)."""
    return suspected_duplicates(actor=actor)


def possible_duplicates(
    *, actor: Actor, given_name: str, family_name: str, date_of_birth: date | None, nhs_number: str
) -> list[Person]:
    """Records that may be the same person as the one about to be created."""
    found: dict[int, Person] = {}
    if nhs_number:
        for person in Person.objects.filter(nhs_number=nhs_number, merged_into__isnull=True):
            found[person.pk] = person
    text = f"{given_name} {family_name}"
    if date_of_birth:
        text += f" {date_of_birth:%d/%m/%Y}"
    try:
        results = people_search(actor=actor, text=text, limit=10)
    except DomainError:
        results = None
    if results:
        for person in results.people:
            found.setdefault(person.pk, person)
    if date_of_birth:
        # Same birthday and surname but a different first name is worth a look too.
        for person in Person.objects.filter(
            date_of_birth=date_of_birth, family_name__iexact=family_name, merged_into__isnull=True
        )[:10]:
            found.setdefault(person.pk, person)
    return list(found.values())


def restricted_to_team_ids(*, person: Person) -> list[int]:
    """The teams named on a restricted record (empty when it is not restricted)."""
    return list(
        RecordRestriction.objects.filter(person=person, teams__isnull=False).values_list("teams__id", flat=True)
    )


def merged_into_uuid(person: Person) -> UUID:
    assert person.merged_into_id is not None
    return Person.objects.values_list("uuid", flat=True).get(pk=person.merged_into_id)


def network_member_of(*, person: Person, uuid: UUID) -> NetworkMember | None:
    return (
        NetworkMember.objects.filter(person=person, uuid=uuid, ended_on__isnull=True)
        .select_related("linked_person__restriction")
        .first()
    )


def warning_of(*, person: Person, uuid: UUID) -> HazardWarning | None:
    return HazardWarning.objects.filter(person=person, uuid=uuid).first()


ADULT_AGE = 18


def is_child(person: Person, on: date) -> bool:
    """Under 18 on the day: adult social care (Care Act 2014 Part 1) is for adults, children are
    served by children's services; the exception is a transition assessment (Care Act 2014 ss58-59)
    for a young person likely to have needs for care and support at 18. An unknown date of birth
    is not taken for a child."""
    age = person.age(on)
    return age is not None and age < ADULT_AGE


# --- For the risk score (prevention) ---------------------------------------------------------------


def people_with_unpaid_carer() -> QuerySet[NetworkMember, Any]:
    """Person ids (`person_id`) whose current network names an unpaid carer: one query, for a join."""
    today = clock.today()
    return (
        NetworkMember.objects.filter(is_unpaid_carer=True)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=today))
        .values("person_id")
    )


def people_in_area(*, neighbourhood: str = "", gp_practice_id: int | None = None) -> QuerySet[Person, Any]:
    """Person ids in a neighbourhood (by its name, as a locality team names it) or registered with a
    GP practice, for the proactive worklist."""
    people = Person.objects.all()
    if neighbourhood:
        people = people.filter(neighbourhood__name=neighbourhood)
    if gp_practice_id is not None:
        people = people.filter(gp_practice_id=gp_practice_id)
    return people.values("pk")


def gp_practice_get(pk: int) -> GPPractice | None:
    return GPPractice.objects.filter(pk=pk).select_related("neighbourhood").first()


def gp_practices_in(neighbourhoods: Sequence[str]) -> list[tuple[int, str]]:
    """(id, name) of the GP practices in these neighbourhoods (by name), by name."""
    return list(
        GPPractice.objects.filter(neighbourhood__name__in=list(neighbourhoods))
        .order_by("name")
        .values_list("pk", "name")
    )


def neighbourhood_id_of(name: str) -> int | None:
    """The id of the neighbourhood a locality team names."""
    return Neighbourhood.objects.filter(name=name).values_list("pk", flat=True).first()
