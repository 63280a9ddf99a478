"""The safeguarding triage queue with 10,000 open concerns: server time of the page, as a worker sees it.

Concerns are written in bulk (they are the setting, not what is measured) for 10,000 different
people in the borough, held by one safeguarding team the `practitioner` login is made a member
of, received over the last 30 days with their triage due two working days later, a quarter of
them already triaged into open enquiries so the queue filters them out. A rerun reuses them.
"""

import random
import time
from datetime import datetime, timedelta
from typing import Any

from django.db import connection, transaction
from django.test import Client
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from tandem.core import clock
from tandem.core.working_days import working_days_add
from tandem.identity.models import Membership, Organisation, Team, TeamKind, User
from tandem.people.models import Person
from tandem.safeguarding.codes import AbuseType, ConcernStatus, RaisedBy, RiskLocation, RiskSource
from tandem.safeguarding.models import Concern, ConcernAbuse, ConcernLocation, ConcernRiskSource

SOURCE = "benchmark"
OPEN = 10_000


def _team(actor: User) -> Team:
    team = Team.objects.filter(kind=TeamKind.SAFEGUARDING).order_by("name").first()
    if team is None:
        organisation = Organisation.objects.order_by("pk").first()
        assert organisation is not None
        team = Team.objects.create(
            name="Safeguarding Adults Unit", kind=TeamKind.SAFEGUARDING, organisation=organisation
        )
    Membership.objects.get_or_create(user=actor, team=team)
    return team


def concerns_make(*, team: Team, actor: User, seed: int = 2026) -> int:
    """Write the open concerns unless a previous run did; returns how many are open."""
    have = Concern.objects.filter(source=SOURCE).exclude(status=ConcernStatus.CLOSED).count()
    if have >= OPEN:
        return Concern.objects.filter(source=SOURCE, status=ConcernStatus.AWAITING_TRIAGE).count()
    rng = random.Random(seed)
    people = list(
        Person.objects.filter(merged_into__isnull=True).order_by("pk").values_list("pk", flat=True)[: OPEN + 2_500]
    )
    kinds, places, raisers = list(AbuseType.values), list(RiskLocation.values), list(RaisedBy.values)
    sources = list(RiskSource.values)
    today = clock.today()
    rows = []
    for n, person in enumerate(people):
        received = today - timedelta(days=rng.randrange(30))
        enquiry = n >= OPEN  # the extra quarter: triaged, so not in the queue
        rows.append(
            Concern(
                person_id=person,
                team=team,
                summary="Neighbour reports the adult has not been seen for several days and the curtains stay shut.",
                raised_at=timezone.make_aware(datetime.combine(received, datetime.min.time())) + timedelta(hours=9),
                raised_by=actor,
                received_on=received,
                source=SOURCE,
                raised_by_kind=rng.choice(raisers),
                raiser_organisation="Merseyside Police" if n % 5 == 0 else "",
                provider_name="Wirral Homecare" if n % 7 == 0 else "",
                provider_key="wirral homecare" if n % 7 == 0 else "",
                triage_due_on=working_days_add(received, 2),
                status=ConcernStatus.ENQUIRY if enquiry else ConcernStatus.AWAITING_TRIAGE,
                triage_decision="other_enquiry" if enquiry else "",
                triage_reason="Criteria met" if enquiry else "",
                triaged_at=timezone.now() if enquiry else None,
            )
        )
    with transaction.atomic():
        made = Concern.objects.bulk_create(rows, batch_size=2_000)
        ConcernAbuse.objects.bulk_create(
            [ConcernAbuse(concern=c, kind=kinds[i % len(kinds)]) for i, c in enumerate(made)], batch_size=5_000
        )
        ConcernLocation.objects.bulk_create(
            [ConcernLocation(concern=c, kind=places[i % len(places)]) for i, c in enumerate(made)], batch_size=5_000
        )
        ConcernRiskSource.objects.bulk_create(
            [ConcernRiskSource(concern=c, kind=sources[i % len(sources)]) for i, c in enumerate(made)],
            batch_size=5_000,
        )
    if connection.vendor == "postgresql":
        # As autovacuum soon would: statistics for the planner, and the visibility map that lets
        # the queue's covering index be read without the table.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM (ANALYZE) safeguarding_concern")
    return Concern.objects.filter(source=SOURCE, status=ConcernStatus.AWAITING_TRIAGE).count()


def queue_measure(*, requests: int) -> dict[str, Any]:
    try:
        url = reverse("safeguarding:triage_queue")
    except NoReverseMatch:
        return {"missing": "The URL safeguarding:triage_queue does not exist yet"}
    actor = User.objects.get(username="practitioner")
    team = _team(actor)
    open_now = concerns_make(team=team, actor=actor)
    client = Client()
    client.force_login(actor)
    for _ in range(5):  # warm-up: templates compiled, caches filled
        page = client.get(url)
    if page.status_code != 200:
        return {"missing": f"The triage queue answered {page.status_code}"}
    times = []
    for _ in range(requests):
        start = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - start) * 1000)
    return {"times_ms": times, "open": open_now}
