"""The hospital discharge hub's board with 300 people on it: server time of the page and of the
rows it polls, as the hub coordinator sees them.

The referrals are written in bulk (they are the setting, not what is measured) for 300 different
adults in the borough, admitted over the last six weeks, most no longer meeting the criteria to
reside, each with a reason for the delay and a next action owned by a member of the hub. A rerun
reuses them; a demo seed's own referrals stay on the board beside them.
"""

import random
import time
from datetime import timedelta
from typing import Any

from django.db import connection, transaction
from django.test import Client
from django.urls import NoReverseMatch, reverse

from tandem.core import clock
from tandem.identity.models import User
from tandem.people.models import Person
from tandem.prevention.discharge.codes import DelayReason, Pathway, ReferralStatus
from tandem.prevention.discharge.models import DischargeReferral

SOURCE = "benchmark|hub|"
ON_BOARD = 300


def referrals_make(*, actor: User, seed: int = 2026) -> int:
    """Put 300 people on the board unless a previous run did; returns how many are on it."""
    have = DischargeReferral.objects.filter(source_key__startswith=SOURCE).count()
    if have < ON_BOARD:
        rng = random.Random(seed)
        busy = DischargeReferral.objects.filter(status=ReferralStatus.WAITING).values("person_id")
        today = clock.today()
        people = list(
            Person.objects.filter(
                merged_into__isnull=True,
                date_of_death__isnull=True,
                date_of_birth__lt=today.replace(year=today.year - 18),
            )
            .exclude(pk__in=busy)
            .order_by("pk")
            .values_list("pk", flat=True)[: ON_BOARD - have]
        )
        owners = list(User.objects.filter(role="practitioner", is_active=True).order_by("pk")[:12]) or [actor]
        reasons, pathways = list(DelayReason.values), list(Pathway.values)
        rows = []
        for n, person in enumerate(people, start=have):
            admitted = today - timedelta(days=rng.randint(2, 42))
            delayed = n % 5 != 0
            rows.append(
                DischargeReferral(
                    person_id=person,
                    source_key=f"{SOURCE}{n}",
                    hospital="Arrowe Park Hospital",
                    ward=f"Ward {10 + n % 24}",
                    admitted_on=admitted,
                    nctr_on=min(today, admitted + timedelta(days=rng.randint(1, 10))) if delayed else None,
                    pathway=pathways[n % len(pathways)],
                    what_matters="I want to get back to my own home",
                    referred_by=actor,
                    referred_at=clock.now() - timedelta(days=(today - admitted).days - 1),
                    delay_reason=reasons[n % len(reasons)] if delayed else "",
                    next_action="Chase the home care offer" if n % 3 else "",
                    action_owner=owners[n % len(owners)] if n % 3 else None,
                    action_due_on=today + timedelta(days=n % 4 - 1) if n % 3 else None,
                )
            )
        with transaction.atomic():
            DischargeReferral.objects.bulk_create(rows, batch_size=1_000)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("VACUUM (ANALYZE) prevention_dischargereferral")
    return DischargeReferral.objects.filter(status=ReferralStatus.WAITING).count()


def _times(client: Client, url: str, requests: int, **headers: Any) -> list[float]:
    times = []
    for _ in range(requests):
        start = time.perf_counter()
        client.get(url, **headers)
        times.append((time.perf_counter() - start) * 1000)
    return times


def hub_measure(*, requests: int) -> dict[str, Any]:
    try:
        board, rows = reverse("prevention:discharge_board"), reverse("prevention:discharge_board_rows")
    except NoReverseMatch:
        return {"missing": "The URL prevention:discharge_board does not exist yet"}
    actor = User.objects.filter(username__in=["hub", "practitioner"]).order_by("username").first()
    if actor is None:
        return {"missing": "Neither the hub nor the practitioner login is in this database"}
    on_board = referrals_make(actor=actor)
    client = Client()
    client.force_login(actor)
    for _ in range(5):  # warm-up: templates compiled, caches filled
        page = client.get(board)
    if page.status_code != 200:
        return {"missing": f"The board answered {page.status_code}"}
    return {
        "board_ms": _times(client, board, requests),
        "rows_ms": _times(client, rows, requests, HTTP_HX_REQUEST="true"),
        "on_board": on_board,
    }
