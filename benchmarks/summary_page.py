"""The person summary page: server time and query count for a short and a long history.

History is made through the real services (warnings raised and ended, network members added
and removed, previous names, consent decisions), each of which writes its audit event, so the
page reads the same rows and events a busy record has in production. Many people of each kind
are given a history and the requests go round them, so the figure is the page's, not one
record's; every person's page must make the same number of queries.

Beside the page's time, the database floor: the very queries one request of that person's page
made (captured with their parameters), replayed alone on the same connection in a transaction
that is rolled back. The ratio of the two is what Django and rendering add to the database.
"""

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from django.db import connection, transaction
from django.test import Client
from django.urls import NoReverseMatch, reverse

from tandem.access.models import RecordRestriction
from tandem.audit.models import AuditEvent
from tandem.core import clock
from tandem.identity.models import Organisation, User
from tandem.people import services
from tandem.people.codes import ConsentDecision, Relationship, WarningCategory
from tandem.people.models import Person

# How many people are given each history (a long history takes a few seconds to make).
PEOPLE = {10: 25, 1000: 5}

# (raise, end) warnings, (add, end) network members, previous names, consent decisions.
_PLANS: dict[int, tuple[tuple[int, int], tuple[int, int], int, int]] = {
    10: ((3, 2), (2, 1), 1, 1),
    1000: ((450, 445), (50, 20), 25, 10),
}


def fresh_person(offset: int) -> Person:
    """A living, unrestricted person nobody has touched yet: each run takes new ones, so earlier
    runs' page views do not pile onto the history being measured."""
    touched = AuditEvent.objects.filter(person_uuid__isnull=False).values("person_uuid")
    restricted = RecordRestriction.objects.values("person_id")
    person = (
        Person.objects.filter(pk__gte=offset, date_of_death__isnull=True, merged_into__isnull=True)
        .exclude(uuid__in=touched)
        .exclude(pk__in=restricted)
        .order_by("pk")
        .first()
    )
    if person is None:
        raise RuntimeError("No untouched person left to build a history on")
    return person


def history_make(*, person: Person, events: int, actor: User) -> int:
    """Give the person `events` audited changes through the services; return how many were written."""
    (raised, ended), (added, removed), previous, consents = _PLANS[events]
    organisation = Organisation.objects.order_by("pk").first()
    assert organisation is not None
    today = clock.today()
    before = AuditEvent.objects.filter(person_uuid=person.uuid).count()
    with transaction.atomic():
        warnings = [
            services.warning_raise(
                person=person,
                category=WarningCategory.ANIMALS,
                description=f"Dog at the property ({n + 1}); ask for it to be shut away.",
                starts_on=today,
                review_on=today,
                actor=actor,
            )
            for n in range(raised)
        ]
        for warning in warnings[:ended]:
            services.warning_end(warning=warning, reason="The dog has been rehomed.", actor=actor)
        members = [
            services.network_member_add(
                person=person,
                name=f"Neighbour {n + 1}",
                relationship=Relationship.NEIGHBOUR,
                what_they_do="Pops in most days.",
                contact="",
                is_unpaid_carer=False,
                linked_person=None,
                actor=actor,
            )
            for n in range(added)
        ]
        for member in members[:removed]:
            services.network_member_end(member=member, actor=actor)
        for n in range(previous):
            services.previous_name_add(
                person=person, given_name=person.given_name, family_name=f"Formerly{n}", used_until=None, actor=actor
            )
        for n in range(consents):
            services.consent_record(
                person=person,
                organisation=organisation,
                decision=ConsentDecision.GIVEN if n % 2 == 0 else ConsentDecision.REFUSED,
                decided_on=today,
                note="",
                actor=actor,
            )
    return AuditEvent.objects.filter(person_uuid=person.uuid).count() - before


def _timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = fn()
    return (time.perf_counter() - start) * 1000, result


Statement = tuple[str, Any]


@contextmanager
def _captured() -> Iterator[list[Statement]]:
    """The statements the connection sends inside the block, with their parameters."""
    statements: list[Statement] = []

    def keep(execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any) -> Any:
        statements.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(keep):
        yield statements


def replay(statements: list[Statement]) -> float:
    """Milliseconds the database takes to run these statements alone, rows fetched, nothing kept."""
    with transaction.atomic():
        with connection.cursor() as wrapper:
            cursor = wrapper.cursor  # the driver's own cursor: no Django in the way
            start = time.perf_counter()
            for sql, params in statements:
                cursor.execute(sql, params)
                if cursor.description is not None:
                    cursor.fetchall()
            ms = (time.perf_counter() - start) * 1000
        transaction.set_rollback(True)
    return ms


def summary_measure(*, requests: int, offset: int = 1000) -> dict[str, Any]:
    """Time GETs of the summary page for many people with 10 and many with 1,000 history events,
    `requests` of each kind, going round the people, each followed by its SQL replayed alone."""
    try:
        reverse("people:summary", args=["00000000-0000-4000-8000-000000000000"])
    except NoReverseMatch:
        return {"missing": "The URL people:summary does not exist yet"}
    from tandem.audit import services as audit_services

    audit_services.SEAL_EVERY = 10**9  # sealing the audit chain is a worker's job, not the page's
    actor = User.objects.get(username="practitioner")
    client = Client()
    client.force_login(actor)
    out: dict[str, Any] = {}
    for events in sorted(_PLANS):
        urls: list[str] = []
        statements: list[list[Statement]] = []
        counts: set[int] = set()
        made = 0
        for _ in range(PEOPLE[events]):
            person = fresh_person(offset + events)  # each one touched now, so the next is another
            made += history_make(person=person, events=events, actor=actor)
            url = reverse("people:summary", args=[person.uuid])
            for _ in range(3):  # warm-up: templates compiled, caches filled, statements prepared
                client.get(url)
            with _captured() as sent:
                response = client.get(url)
            if response.status_code != 200:
                return {"missing": f"The summary page answered {response.status_code} for {url}"}
            urls.append(url)
            statements.append(sent)
            counts.add(len(sent))
        times: list[float] = []
        floor: list[float] = []
        for n in range(requests):
            which = n % len(urls)
            ms, response = _timed(lambda: client.get(urls[which]))  # noqa: B023 - called at once
            if response.status_code != 200:
                return {"missing": f"The summary page answered {response.status_code} for {urls[which]}"}
            times.append(ms)
            floor.append(replay(statements[which]))
        audit_services.chain_seal()  # leave no backlog of unsealed events for the next benchmark to seal
        out[str(events)] = {
            "events": made // len(urls),
            "people": len(urls),
            "query_counts": sorted(counts),
            "times_ms": times,
            "floor_ms": floor,
        }
    return out
