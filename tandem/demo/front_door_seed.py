"""Six months of front-door activity for the synthetic borough, ending now.

Contacts about the borough's adults (older people more often), in the callers' own words, with
conversations, outcomes in the proportions a front door that resolves most things sees (advice,
signposting, equipment, reablement; some passed on to a team as requests for support; a few
safeguarding concerns), signposting to the demo directory's services when there are any,
keeping-in-touch follow-ups (some overdue), repeat contacts, and a handful of new contacts
waiting in today's queue. Everything is drawn from one seeded `random.Random`, relative to `now`:
the same seed on the same day gives the same rows. Rows are written as tuples with the
borough's bulk writer (`bulk.TableWriter`: COPY on PostgreSQL, one prepared INSERT on SQLite).
"""

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from uuid import UUID

from django.db import connection, transaction
from django.db.models import Model, Q
from django.utils import timezone

from tandem.core import clock
from tandem.core.errors import DomainError
from tandem.core.working_days import working_days_add
from tandem.demo.borough import SIZES
from tandem.demo.bulk import Row, TableWriter, analyse, next_id, sequences_reset, uuid_from
from tandem.demo.front_door_catalogue import (
    CONVERSATION,
    FOLLOW_UPS,
    NO_ACTION,
    PROFESSIONALS,
    RELATIONS,
    THEMES,
    Theme,
)
from tandem.demo.names import NamePools, name_pools_build
from tandem.directory.categories import CATEGORIES
from tandem.directory.models import Attribute, ServiceStatus
from tandem.front_door.codes import ContactRoute, ContactSource, ContactStatus, OutcomeKind, RequestStatus, Urgency
from tandem.front_door.models import Contact, ContactOutcome, Conversation, FollowUp, Signposting, SupportRequest
from tandem.front_door.services import REFERENCE_ALPHABET
from tandem.identity.models import Team, TeamKind, User
from tandem.identity.permissions import Permission
from tandem.people.models import Person
from tandem.safeguarding.codes import ConcernStatus, TriageDecision
from tandem.safeguarding.models import Concern

# Contacts in six months: a borough the size of Wirral (medium) hears from about 30,000 a year.
CONTACTS = {"small": 3_000, "medium": 15_000, "large": 45_000}
DAYS = 182
_STAMPS = ("id", "uuid", "created_at", "updated_at")
# In the order they are written (each refers only to those before it): the name counted by, and
# the columns each row gives (any other column takes its field's default).
_WRITTEN: tuple[tuple[type[Model], str, tuple[str, ...]], ...] = (
    (
        Contact,
        "contacts",
        (
            *_STAMPS,
            "reference", "person_id", "source", "route", "reason", "urgency", "caller_name", "caller_relationship",
            "received_at", "recorded_by_id", "team_id", "allocated_to_id", "allocated_at", "status", "closed_at",
            "closed_by_id", "version", "submission",
        ),
    ),
    (
        Conversation,
        "conversations",
        (
            *_STAMPS,
            "contact_id", "conversation_type", "what_matters", "what_is_working", "who_is_around", "what_would_help",
            "held_at", "held_by_id",
        ),
    ),
    (
        SupportRequest,
        "requests",
        (
            *_STAMPS,
            "person_id", "team_id", "contact_id", "reason", "urgency", "requested_at", "requested_by_id", "status",
        ),
    ),
    (
        ContactOutcome,
        "outcomes",
        (
            *_STAMPS,
            "contact_id", "kind", "note", "recorded_at", "recorded_by_id", "support_request_id", "concern_reference",
        ),
    ),
    (Signposting, "signpostings", (*_STAMPS, "contact_id", "service_id", "service_name", "given_at", "given_by_id")),
    (
        FollowUp,
        "follow_ups",
        (
            *_STAMPS,
            "contact_id", "due_on", "note", "assigned_to_id", "created_by_id", "done_at", "done_by_id", "what_happened",
        ),
    ),
    (
        Concern,
        "concerns",
        (
            *_STAMPS,
            "person_id", "summary", "raised_at", "raised_by_id", "source", "source_reference", "status",
            "team_id", "received_on", "triage_due_on", "triage_decision", "triage_reason", "triaged_at",
            "triaged_by_id",
        ),
    ),
)  # fmt: skip
# About one contact in seven is someone getting in touch again (some repeats would fall after now).
REPEATS = 0.17
AGAIN = 0.2  # the chance each contact is followed by another from the same person
S, R, K = ContactSource, ContactRoute, OutcomeKind


_Someone = tuple[int, str | None] | None  # a person's id and neighbourhood, or nobody known yet


def _pick[T](rng: random.Random, pairs: Sequence[tuple[T, int]]) -> T:
    return rng.choices([v for v, _ in pairs], weights=[w for _, w in pairs])[0]


@dataclass
class _Place:
    workers: list[int]
    front_door: Team
    locality: dict[str, int]
    teams: dict[str, int]
    services: dict[str, list[tuple[Any, str]]]  # by category code


def _place() -> _Place:
    front_door = Team.objects.filter(kind=TeamKind.FRONT_DOOR).order_by("name").first()
    if front_door is None:
        raise DomainError("There is no front-door team to give the contacts to")
    members = User.objects.filter(is_active=True, memberships__team=front_door).order_by("pk")
    workers = [u.pk for u in members if u.can(Permission.CONTACT_RECORD)]
    if not workers:
        raise DomainError("Nobody in the front-door team records contacts")
    teams = list(Team.objects.exclude(kind=TeamKind.FRONT_DOOR).order_by("pk"))
    if not teams:
        raise DomainError("There is no team but the front door to connect people to")
    by_kind: dict[str, int] = {}
    for team in teams:
        by_kind.setdefault(team.kind, team.pk)
    codes = {category.term_id: category.code for category in CATEGORIES}
    tagged = (
        Attribute.objects.filter(service__status=ServiceStatus.ACTIVE, taxonomy_term_id__in=codes)
        .order_by("service__name", "service_id")
        .values_list("taxonomy_term_id", "service_id", "service__name")
    )
    services: dict[str, list[tuple[Any, str]]] = {}
    for term_id, service_id, name in tagged:
        services.setdefault(codes[term_id], []).append((service_id, name))
    return _Place(
        workers=workers,
        front_door=front_door,
        locality={t.neighbourhood: t.pk for t in teams if t.kind == TeamKind.LOCALITY},
        teams=by_kind,
        services=services,
    )


class _Generator:
    def __init__(self, *, seed: int, now: datetime, place: _Place, pools: NamePools) -> None:
        self.rng = random.Random(seed * 7919 + 11)
        self.uuids = random.Random(seed * 104723 + 29)
        self.now, self.today, self.place, self.pools = now, clock.today(), place, pools
        self.references: set[str] = set()
        self.rows: dict[type[Model], list[Row]] = {model: [] for model, _, _ in _WRITTEN}
        self.columns = {model: columns for model, _, columns in _WRITTEN}
        self.ids = {model: next_id(model) for model, _, _ in _WRITTEN}
        unit = Team.objects.filter(kind=TeamKind.SAFEGUARDING).order_by("name").values_list("pk", flat=True)
        self.safeguarding_team: int | None = unit.first()

    def _new(self, model: type[Model], at: datetime, **fields: Any) -> tuple[int, UUID]:
        """Add a row made `at` (its created and updated time); returns its id and public id."""
        pk, uuid = self.ids[model], uuid_from(self.uuids.getrandbits(128))
        self.ids[model] += 1
        values = {"id": pk, "uuid": uuid, "created_at": at, "updated_at": at, **fields}
        self.rows[model].append(tuple(values[name] for name in self.columns[model]))
        return pk, uuid

    def _reference(self) -> str:
        while True:
            raw = "".join(self.rng.choice(REFERENCE_ALPHABET) for _ in range(8))
            if raw not in self.references:
                self.references.add(raw)
                return f"{raw[:4]}-{raw[4:]}"

    def _services(self, theme: Theme) -> list[tuple[Any, str]]:
        # The directory's own services when it has some that fit; otherwise names alone (as kept
        # when an entry is later removed from the directory).
        found = self.place.services.get(theme.services[0], [])
        if found:
            return self.rng.sample(found, min(len(found), self.rng.randint(1, 3)))
        names = [f"{name} (demo)" for name in theme.services[1:]]
        return [(None, name) for name in self.rng.sample(names, min(len(names), self.rng.randint(1, 2)))]

    def _team_for(self, theme: Theme, neighbourhood: str | None) -> int:
        kind = {"hospital": TeamKind.HOSPITAL_DISCHARGE, "mental_health": TeamKind.MENTAL_HEALTH}.get(theme.team)
        if theme.team == "learning_disability" and self.rng.random() < 0.5:
            kind = TeamKind.LEARNING_DISABILITY
        if kind and kind in self.place.teams and self.rng.random() < 0.8:
            return self.place.teams[kind]
        locality = self.place.locality.get(neighbourhood or "")
        return locality or next(iter(self.place.locality.values()), None) or next(iter(self.place.teams.values()))

    def contact(self, *, at: datetime, person: _Someone, queue: bool = False) -> None:
        rng = self.rng
        theme = _pick(rng, THEMES)
        source = _pick(rng, theme.sources) if person else rng.choice((S.ANONYMOUS, S.FAMILY_OR_FRIEND))
        if source == S.HOSPITAL:
            route = R.PHONE if rng.random() < 0.6 else R.EMAIL
        else:
            route = _pick(rng, ((R.PHONE, 60), (R.EMAIL, 12), (R.ONLINE_FORM, 18), (R.IN_PERSON, 10)))
        urgency = Urgency.URGENT if rng.random() < theme.urgent else (Urgency.SOON if rng.random() < 0.3 else "routine")
        relation = rng.choice(RELATIONS.get(source, ("",)))
        caller = ""
        if source not in (S.SELF, S.ANONYMOUS):
            name = f"{self.pools.given_female.draw(rng)} {self.pools.surnames.draw(rng)}"
            caller = name if source == S.FAMILY_OR_FRIEND else f"{name}, {PROFESSIONALS[source]}"
        age = (self.now - at).total_seconds() / 86400
        closing = not queue and (age > 10 or (age > 2 and rng.random() < 0.75) or rng.random() < 0.3)
        worker = None if queue else rng.choice(self.place.workers)
        done_at = min(self.now, at + timedelta(hours=rng.uniform(0.5, 24 * min(9, max(age, 0.1)))))
        reference, reason = self._reference(), rng.choice(theme.reasons)
        contact, _ = self._new(
            Contact,
            at,
            updated_at=done_at if worker else at,
            reference=reference,
            person_id=person[0] if person else None,
            source=source,
            route=route,
            reason=reason,
            urgency=urgency,
            caller_name=caller,
            caller_relationship=relation if source == S.FAMILY_OR_FRIEND else "",
            received_at=at,
            recorded_by_id=None if route == R.ONLINE_FORM else rng.choice(self.place.workers),
            team_id=self.place.front_door.pk,
            allocated_to_id=worker,
            allocated_at=at + (done_at - at) / 4 if worker else None,
            status=ContactStatus.CLOSED if closing else ContactStatus.OPEN,
            closed_at=done_at if closing else None,
            closed_by_id=worker if closing else None,
            version=3 if closing else (2 if worker else 1),
            submission="{}",
        )
        if queue or worker is None:
            return
        if rng.random() < (0.85 if person else 0.4):
            held = at + (done_at - at) / 2
            self._new(
                Conversation,
                held,
                contact_id=contact,
                conversation_type=_pick(rng, ((1, 85), (2, 10), (3, 5))),
                what_matters=rng.choice(CONVERSATION[0]),
                what_is_working=rng.choice(CONVERSATION[1]),
                who_is_around=rng.choice(CONVERSATION[2]),
                what_would_help=rng.choice(CONVERSATION[3]),
                held_at=held,
                held_by_id=worker,
            )
        if closing or rng.random() < 0.3:
            handed = _Contact(contact, reference, reason, urgency)
            self._outcomes(handed, theme, person, worker, done_at)

    def _outcomes(self, contact: "_Contact", theme: Theme, person: _Someone, worker: int, at: datetime) -> None:
        rng = self.rng
        kinds = [kind for kind, chance in theme.outcomes if rng.random() < chance]
        if person is None:
            kinds = [k for k in kinds if k not in (K.CONNECTED_TO_TEAM, K.SAFEGUARDING)]
        if rng.random() < 0.05 or not kinds:
            kinds = [K.NO_FURTHER_ACTION] if rng.random() < 0.5 or not theme.outcomes else [theme.outcomes[0][0]]
            if person is None and kinds[0] in (K.CONNECTED_TO_TEAM, K.SAFEGUARDING):
                kinds = [K.ADVICE]
        for kind in kinds:
            request, concern = None, None
            if kind == K.SIGNPOSTED:
                for service_id, name in self._services(theme):
                    self._new(
                        Signposting, at, contact_id=contact.pk, service_id=service_id, service_name=name,
                        given_at=at, given_by_id=worker,
                    )  # fmt: skip
            elif kind == K.CONNECTED_TO_TEAM and person is not None:
                old = (self.now - at).days > 28
                status = _pick(
                    rng,
                    ((RequestStatus.ALLOCATED, 60), (RequestStatus.CLOSED, 35), (RequestStatus.WAITING, 5))
                    if old
                    else ((RequestStatus.WAITING, 60), (RequestStatus.ALLOCATED, 40)),
                )
                request, _ = self._new(
                    SupportRequest,
                    at,
                    person_id=person[0],
                    team_id=self._team_for(theme, person[1]),
                    contact_id=contact.pk,
                    reason=contact.reason,
                    urgency=contact.urgency,
                    requested_at=at,
                    requested_by_id=worker,
                    status=status,
                )
            elif kind == K.SAFEGUARDING and person is not None:
                received = timezone.localdate(at)
                waiting = (self.now - at).days < 7
                # Older hand-overs were triaged by the unit's advice line (its own demo data has enquiries).
                _, concern = self._new(
                    Concern,
                    at,
                    person_id=person[0],
                    summary=contact.reason,
                    raised_at=at,
                    raised_by_id=worker,
                    source="front_door",
                    source_reference=contact.reference,
                    status=ConcernStatus.AWAITING_TRIAGE if waiting else ConcernStatus.CLOSED,
                    team_id=self.safeguarding_team,
                    received_on=received,
                    triage_due_on=working_days_add(received, 2),
                    triage_decision="" if waiting else TriageDecision.INFORMATION_AND_ADVICE,
                    triage_reason="" if waiting else "Advice given to the caller through the unit's advice line.",
                    triaged_at=None if waiting else at + timedelta(days=1),
                    triaged_by_id=None if waiting else worker,
                )
            self._new(
                ContactOutcome,
                at,
                contact_id=contact.pk,
                kind=kind,
                note=NO_ACTION if kind == K.NO_FURTHER_ACTION else "",
                recorded_at=at,
                recorded_by_id=worker,
                support_request_id=request,
                concern_reference=concern,
            )
        if rng.random() < 0.14 and K.NO_FURTHER_ACTION not in kinds:
            self._follow_up(contact.pk, worker, at)

    def _follow_up(self, contact: int, worker: int, at: datetime) -> None:
        rng = self.rng
        due = at.date() + timedelta(days=rng.randint(14, 42))
        done = None
        if due < self.today and rng.random() < 0.85:
            done = min(self.now, datetime.combine(due, at.timetz()) + timedelta(days=rng.randint(0, 3)))
        self._new(
            FollowUp,
            at,
            updated_at=done or at,
            contact_id=contact,
            due_on=due,
            note="Ring to see how things are going",
            assigned_to_id=worker,
            created_by_id=worker,
            done_at=done,
            done_by_id=worker if done else None,
            what_happened=rng.choice(FOLLOW_UPS) if done else "",
        )


@dataclass(frozen=True)
class _Contact:
    """What the outcomes of a contact need to know about it."""

    pk: int
    reference: str
    reason: str
    urgency: str


def _sqlite_uuid_keys(row: Row, columns: tuple[str, ...]) -> Row:
    if "service_id" not in columns:
        return row
    at = columns.index("service_id")
    service = row[at]
    return (*row[:at], service.hex if isinstance(service, UUID) else service, *row[at + 1 :])


def _moments(rng: random.Random, count: int, now: datetime) -> list[datetime]:
    """Times contacts arrive over the last six months (UK time): office hours, fewer at weekends."""
    days = [now.date() - timedelta(days=n) for n in range(1, DAYS)]
    weights = [0.25 if d.weekday() >= 5 else 1.0 for d in days]
    found = []
    for day in rng.choices(days, weights=weights, k=count):
        minutes = rng.randint(8 * 60 + 30, 17 * 60 + 30) if rng.random() < 0.9 else rng.randint(0, 24 * 60 - 1)
        midnight = timezone.make_aware(datetime.combine(day, datetime.min.time()))
        found.append(midnight + timedelta(minutes=minutes))
    return sorted(found)


def _years_before(day: date, years: int) -> date:
    return date(day.year - years, day.month, min(day.day, 28))


def _people(today: date) -> tuple[list[tuple[int, str | None]], list[tuple[int, str | None]]]:
    """Living adults, by id: the over-65s, and the rest."""
    adults = (
        Person.objects.filter(Q(date_of_death__isnull=True), merged_into__isnull=True)
        .filter(date_of_birth__lte=_years_before(today, 18))
        .order_by("pk")
        .values_list("pk", "date_of_birth", "neighbourhood__name")
    )
    older_born = _years_before(today, 65)
    older: list[tuple[int, str | None]] = []
    younger: list[tuple[int, str | None]] = []
    for pk, born, hood in adults.iterator(chunk_size=20_000):
        (older if born is not None and born <= older_born else younger).append((pk, hood))
    if not older and not younger:
        raise DomainError("The borough has no adults to make contacts about: seed the people first")
    return older or younger, younger or older


def front_door_seed(
    *, size: str, seed: int, people: int | None = None, log: Callable[[str], None] = lambda _: None
) -> dict[str, int]:
    """Write six months of front-door activity; the borough (people and staff) must exist."""
    if size not in CONTACTS:
        raise DomainError(f"Size must be one of {', '.join(CONTACTS)}")
    if Contact.objects.exists():
        raise DomainError("Front-door contacts are already recorded in this database: use --reset to replace them")
    scale = (people / SIZES[size]) if people is not None else 1.0
    total = max(20, round(CONTACTS[size] * scale))
    queue = {"small": 8, "medium": 20, "large": 40}[size]
    now = timezone.localtime(clock.now()).replace(second=0, microsecond=0)
    rng = random.Random(seed * 3571 + 1)
    older, younger = _people(clock.today())
    everyone = older + younger
    generator = _Generator(seed=seed, now=now, place=_place(), pools=name_pools_build(seed, streets=1))

    rng.shuffle(older)
    rng.shuffle(younger)

    def someone() -> tuple[int, str | None] | None:
        """A person not yet in touch (repeats are made on purpose below), older people more often."""
        if rng.random() < 0.03:
            return None  # an anonymous call or an online form not yet linked to a record
        pool = older if rng.random() < 0.7 else younger
        pool = pool or older or younger
        return pool.pop() if pool else rng.choice(everyone)

    arrivals: list[tuple[datetime, tuple[int, str | None] | None]] = []
    for first in _moments(rng, round((total - queue) / (1 + REPEATS)), now):
        about = someone()
        arrivals.append((first, about))
        # Some people get in touch again: within days, within weeks, or months later.
        again = first
        while about is not None and rng.random() < AGAIN:
            gap = rng.choice((rng.randint(1, 30), rng.randint(31, 90), rng.randint(91, 150)))
            again += timedelta(days=gap, minutes=rng.randint(-120, 120))
            if again < now - timedelta(hours=1):
                arrivals.append((again, about))
    arrivals.sort(key=lambda pair: pair[0])
    for received, about in arrivals:
        generator.contact(at=received, person=about)
    since_midnight = max(10, int((now - now.replace(hour=0, minute=0)).total_seconds() // 60))
    for _ in range(queue):
        at = now - timedelta(minutes=rng.randint(1, min(since_midnight, 8 * 60)))
        generator.contact(at=at, person=someone(), queue=True)
    counts: dict[str, int] = {}
    models = [model for model, _, _ in _WRITTEN]
    with transaction.atomic():
        for model, name, columns in _WRITTEN:
            rows = generator.rows[model]
            if connection.vendor == "sqlite":
                # SQLite keeps a UUID primary key as hex text; the writer converts only UUID fields.
                rows = [_sqlite_uuid_keys(row, columns) for row in rows]
            TableWriter(model, columns).write(rows)
            counts[name] = len(rows)
        sequences_reset(models)
    analyse(models)
    log(f"  {counts['contacts']:>9,} front-door contacts")
    return counts
