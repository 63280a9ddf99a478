"""Reads at the front door that pages share. Contacts about a person follow the access rule."""

from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID

from django.db.models import Case, CharField, F, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import Cast, Coalesce, Concat
from django.http import Http404
from django.urls import reverse

from tandem.access import scope
from tandem.core import clock, probes, registry
from tandem.directory.models import CostOption, Service, ServiceStatus
from tandem.front_door import policies
from tandem.front_door.codes import (
    URGENCY_RANK,
    ContactRoute,
    ContactSource,
    ContactStatus,
    ConversationType,
    OutcomeKind,
    RequestStatus,
)
from tandem.front_door.models import Contact, ContactOutcome, Conversation, FollowUp, Signposting, SupportRequest
from tandem.identity.actors import Actor
from tandem.identity.models import Team, TeamKind, User
from tandem.identity.permissions import Permission


def contacts_visible(actor: Actor) -> QuerySet[Contact]:
    """Contacts this actor may see: any not yet about a person, and those about people they may open."""
    if not policies.can_record_contacts(actor):
        return Contact.objects.none()
    return scope.visible(Contact.objects.all(), actor, person_field="person")


def contact_get(*, actor: Actor, uuid: UUID | str) -> Contact:
    contact = (
        contacts_visible(actor)
        .select_related("person", "team", "allocated_to", "recorded_by", "closed_by")
        .filter(uuid=uuid)
        .first()
    )
    if contact is None:
        raise Http404
    return contact


@dataclass(frozen=True)
class ContactRecord:
    contact: Contact
    conversations: list[Conversation]
    outcomes: list[ContactOutcome]
    signpostings: list[Signposting]
    follow_ups: list[FollowUp]
    requests: list[SupportRequest]


def contact_record(*, contact: Contact) -> ContactRecord:
    return ContactRecord(
        contact=contact,
        conversations=list(contact.conversations.select_related("held_by")),
        outcomes=list(contact.outcomes.select_related("recorded_by", "support_request__team")),
        signpostings=list(contact.signpostings.select_related("given_by", "service")),
        follow_ups=list(contact.follow_ups.select_related("assigned_to", "done_by")),
        requests=list(contact.support_requests.select_related("team")),
    )


def front_door_teams() -> QuerySet[Team]:
    return Team.objects.filter(kind=TeamKind.FRONT_DOOR).order_by("name")


def teams_to_connect() -> QuerySet[Team]:
    """Teams a contact can be handed on to: every team but the front door."""
    return Team.objects.exclude(kind=TeamKind.FRONT_DOOR).order_by("name")


def team_workers(*, team: Team) -> list[User]:
    """Active members of a team who record contacts, by name."""
    today = clock.today()
    users = (
        User.objects.filter(is_active=True, memberships__team=team)
        .filter(Q(memberships__ended_on__isnull=True) | Q(memberships__ended_on__gt=today))
        .order_by("last_name", "first_name", "username")
        .distinct()
    )
    return [u for u in users if u.can(Permission.CONTACT_RECORD)]


def default_team_for(actor: Actor) -> Team | None:
    teams = front_door_teams()
    return teams.filter(memberships__user=actor).first() or teams.first()


_URGENCY_ORDER = Case(
    *[When(urgency=urgency, then=Value(rank)) for urgency, rank in URGENCY_RANK.items()],
    default=Value(9),
    output_field=IntegerField(),
)


@dataclass(frozen=True)
class QueueFilter:
    team: Team | None
    allocated: str = "anyone"  # "anyone", "me", "unallocated"
    urgency: str = ""


def queue_contacts(*, actor: Actor, filters: QueueFilter) -> QuerySet[Contact]:
    """Open contacts, the most urgent first, then the longest waiting."""
    qs = contacts_visible(actor).filter(status=ContactStatus.OPEN)
    if filters.team is not None:
        qs = qs.filter(team=filters.team)
    if filters.allocated == "me":
        qs = qs.filter(allocated_to=actor)
    elif filters.allocated == "unallocated":
        qs = qs.filter(allocated_to__isnull=True)
    if filters.urgency:
        qs = qs.filter(urgency=filters.urgency)
    return (
        qs.select_related("person", "allocated_to")
        .annotate(urgency_rank=_URGENCY_ORDER)
        .order_by("urgency_rank", "received_at", "pk")
    )


def follow_ups_due(*, actor: Actor, filters: QueueFilter, on: date | None = None) -> QuerySet[FollowUp]:
    """Keeping-in-touch calls due on or before the day, not yet done."""
    on = on or clock.today()
    visible = contacts_visible(actor)
    if filters.team is not None:
        visible = visible.filter(team=filters.team)
    qs = FollowUp.objects.filter(done_at__isnull=True, due_on__lte=on, contact__in=visible)
    if filters.allocated == "me":
        qs = qs.filter(assigned_to=actor)
    elif filters.allocated == "unallocated":
        qs = qs.filter(assigned_to__isnull=True)
    return qs.select_related("contact__person", "assigned_to").order_by("due_on", "pk")


def contacts_for_person(*, person: Any, actor: Actor) -> QuerySet[Contact]:
    return contacts_visible(actor).filter(person=person).order_by("-received_at")


def _full_name(prefix: str) -> Any:
    return Concat(F(f"{prefix}__first_name"), Value(" "), F(f"{prefix}__last_name"), output_field=CharField())


def open_work_rows(person: Any) -> list[probes.Rows]:
    """The rows that must exist for the person to have open front-door work: an open contact or request."""
    return [
        probes.Rows(Contact, equal={"person_id": person.pk, "status": ContactStatus.OPEN}),
        probes.Rows(SupportRequest, equal={"person_id": person.pk}, unequal={"status": RequestStatus.CLOSED}),
    ]


def timeline_rows(person: Any) -> list[probes.Rows]:
    """The rows that must exist for the person to have a front-door timeline: any contact."""
    return [probes.Rows(Contact, equal={"person_id": person.pk})]


def open_work_for_person(person: Any, actor: Actor) -> list[registry.OpenWorkItem]:
    """Open contacts and requests waiting in a team, for the person summary (one query, after a
    small read or two: most people have neither, and the union costs far more to compile)."""
    if not any(probes.exist(*open_work_rows(person))):
        return []
    contacts = Contact.objects.filter(person_id=person.pk, status=ContactStatus.OPEN).annotate(
        w_kind=Value("contact"),
        w_ref=F("reference"),
        w_team=F("team__name"),
        w_status=F("status"),
        w_who=_full_name("allocated_to"),
        w_at=F("received_at"),
        w_contact=F("uuid"),
    )
    requests = (
        SupportRequest.objects.filter(person_id=person.pk)
        .exclude(status=RequestStatus.CLOSED)
        .annotate(
            w_kind=Value("request"),
            w_ref=Value(""),
            w_team=F("team__name"),
            w_status=F("status"),
            w_who=Value(""),
            w_at=F("requested_at"),
            w_contact=F("contact__uuid"),
        )
    )
    columns = ("w_kind", "w_ref", "w_team", "w_status", "w_who", "w_at", "w_contact")
    rows = (
        contacts.order_by()
        .values_list(*columns)
        .union(requests.order_by().values_list(*columns), all=True)
        .order_by("-w_at")[:20]
    )
    items = []
    for kind, ref, team, status, who, at, contact_uuid in rows:
        url = reverse("front_door:contact", args=[contact_uuid]) if contact_uuid else None
        if kind == "contact":
            shown = f"Allocated to {who.strip()}" if who and who.strip() else "Not allocated"
            items.append(registry.OpenWorkItem(f"Front-door contact {ref}", team, shown, at, url))
        else:
            items.append(registry.OpenWorkItem("Request for support", team, RequestStatus(status).label, at, url))
    return items


_TIMELINE_COLUMNS = ("t_kind", "t_code", "t_at", "t_text", "t_extra", "t_by", "t_contact")


def _timeline_part(
    rows: QuerySet[Any, Any],
    kind: str,
    *,
    code: Any,
    at: str,
    text: Any,
    by: str,
    contact: str = "contact__uuid",
    extra: Any = None,
) -> QuerySet[Any, Any]:
    """One kind of front-door row as timeline columns, ready to be UNIONed with the others."""
    part: QuerySet[Any, Any] = (
        rows.annotate(
            t_kind=Value(kind),
            t_code=code,
            t_at=F(at),
            t_text=text,
            t_extra=Value("") if extra is None else extra,
            t_by=_full_name(by),
            t_contact=F(contact),
        )
        .order_by()
        .values_list(*_TIMELINE_COLUMNS)
    )
    return part


def timeline_for_person(person: Any, actor: Actor, limit: int) -> list[registry.TimelineEntry]:
    """Contacts, conversations, outcomes, signposting and completed follow-ups, newest first (one
    query; none for someone never contacted, since all of these hang off their contacts)."""
    if not any(probes.exist(*timeline_rows(person))):
        return []
    about = {"contact__person_id": person.pk}
    first, *rest = [
        _timeline_part(
            Contact.objects.filter(person_id=person.pk),
            "contact",
            code=Concat(F("source"), Value(" "), F("route"), output_field=CharField()),
            at="received_at",
            text=F("reason"),
            by="recorded_by",
            contact="uuid",
        ),
        _timeline_part(
            Conversation.objects.filter(**about),
            "conversation",
            code=Cast("conversation_type", CharField()),
            at="held_at",
            text=F("what_matters"),
            by="held_by",
        ),
        _timeline_part(
            ContactOutcome.objects.filter(**about),
            "outcome",
            code=F("kind"),
            at="recorded_at",
            text=F("note"),
            by="recorded_by",
            extra=Coalesce(F("support_request__team__name"), Value("")),
        ),
        _timeline_part(
            Signposting.objects.filter(**about),
            "signposting",
            code=Value(""),
            at="given_at",
            text=Value(""),
            by="given_by",
            extra=F("service_name"),
        ),
        _timeline_part(
            FollowUp.objects.filter(done_at__isnull=False, **about),
            "follow_up",
            code=Value(""),
            at="done_at",
            text=F("what_happened"),
            by="done_by",
        ),
    ]
    rows = first.union(*rest, all=True).order_by("-t_at")[:limit]
    return [_timeline_entry(row) for row in rows]


def _timeline_entry(row: tuple[Any, ...]) -> registry.TimelineEntry:
    kind, code, at, text, extra, by, contact_uuid = row
    if kind == "contact":
        source, route = code.split(" ", 1)
        title = f"Contact from {ContactSource(source).label.lower()} by {ContactRoute(route).label.lower()}"
    elif kind == "conversation":
        title = ConversationType(int(code)).label
    elif kind == "outcome":
        title = f"Connected to {extra}" if code == OutcomeKind.CONNECTED_TO_TEAM and extra else OutcomeKind(code).label
    elif kind == "signposting":
        title = f"Signposted to {extra}"
    else:
        title = "Kept in touch"
    return registry.TimelineEntry(
        at=at,
        title=title,
        detail=(text or "")[:200],
        by=(by or "").strip() or "Online form",
        url=reverse("front_door:contact", args=[contact_uuid]),
    )


def worker_get(*, uuid: UUID | str) -> User | None:
    return User.objects.filter(uuid=uuid, is_active=True).first()


def follow_up_of(*, contact: Contact, uuid: UUID) -> FollowUp | None:
    return contact.follow_ups.filter(uuid=uuid).first()


def signposting_of(*, contact: Contact, uuid: UUID) -> Signposting | None:
    return contact.signpostings.select_related("contact").filter(uuid=uuid).first()


def _services_prefetched() -> QuerySet[Service]:
    return Service.objects.select_related("organization").prefetch_related(
        "service_at_locations__location", "contacts__phones", "schedules", "cost_options"
    )


def service_costs(*, ids: list[UUID]) -> dict[UUID, list[str]]:
    """Each service's cost options as a card words them (the option, else its amount), in one query."""
    costs: dict[UUID, list[str]] = {}
    rows = CostOption.objects.filter(service_id__in=ids).order_by("service_id", "id")
    for sid, option, amount in rows.values_list("service_id", "option", "amount_description"):
        costs.setdefault(sid, []).append(option or amount)
    return costs


def directory_services(*, ids: list[str]) -> list[Service]:
    """Active directory services by id, in the order given; unknown or malformed ids are left out."""
    valid = []
    for value in ids:
        try:
            valid.append(UUID(str(value)))
        except ValueError:
            continue
    found = {s.id: s for s in _services_prefetched().filter(pk__in=valid, status=ServiceStatus.ACTIVE)}
    return [found[i] for i in valid if i in found]


def signposted_services(*, contact: Contact) -> list[Service]:
    """The directory services on a contact's list, with everything a card shows (entries since removed are left out)."""
    ids = list(contact.signpostings.filter(service__isnull=False).values_list("service_id", flat=True))
    services = {s.id: s for s in _services_prefetched().filter(pk__in=ids)}
    return [services[i] for i in ids if i in services]


def open_requests_of(*, person: Any) -> QuerySet[SupportRequest]:
    """The person's requests for support not yet closed, newest first, with their teams."""
    return (
        SupportRequest.objects.filter(person=person)
        .exclude(status=RequestStatus.CLOSED)
        .select_related("team")
        .order_by("-requested_at")
    )


def self_assessments_of(*, person: Any) -> QuerySet[Contact]:
    """The contacts that brought the person's own online assessments, newest first."""
    return Contact.objects.filter(person=person, is_self_assessment=True).order_by("-received_at")
