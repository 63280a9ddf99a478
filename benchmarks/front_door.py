"""Recording a contact at the front door: server time per request, as a worker does it.

Each round is the two requests of a fast contact: open the contact form for a person, then post
it (which records the contact, writes its audit event and redirects). Every post makes a real
contact in the benchmark database, about a different person, so the queue grows as it would.
"""

import time
from typing import Any

from django.test import Client
from django.urls import reverse

from tandem.identity.models import Membership, Team, TeamKind, User
from tandem.people.models import Person


def _front_door_member(user: User) -> None:
    team = Team.objects.filter(kind=TeamKind.FRONT_DOOR).order_by("name").first()
    if team is not None:
        Membership.objects.get_or_create(user=user, team=team)


def contact_measure(*, requests: int, offset: int = 5000) -> dict[str, Any]:
    actor = User.objects.get(username="practitioner")
    _front_door_member(actor)
    client = Client()
    client.force_login(actor)
    people = list(
        Person.objects.filter(pk__gte=offset, merged_into__isnull=True, date_of_death__isnull=True)
        .exclude(restriction__isnull=False)
        .order_by("pk")
        .values_list("uuid", flat=True)[: requests + 5]
    )
    if len(people) < requests + 5:
        return {"missing": "Not enough people in the borough"}
    form = {
        "source": "family_or_friend",
        "caller_name": "Ann Example",
        "caller_relationship": "Daughter",
        "caller_phone": "0151 496 0000",
        "route": "phone",
        "reason": "Mum has fallen twice this month and is frightened to go out.",
        "urgency": "soon",
    }
    base = reverse("front_door:contact_new")
    shown: list[float] = []
    saved: list[float] = []
    for n, person in enumerate(people):
        url = f"{base}?person={person}"
        start = time.perf_counter()
        page = client.get(url)
        middle = time.perf_counter()
        response = client.post(url, form)
        end = time.perf_counter()
        if page.status_code != 200 or response.status_code != 302:
            return {"missing": f"Recording a contact answered {page.status_code}/{response.status_code}"}
        if n >= 5:  # the first few warm the templates and caches
            shown.append((middle - start) * 1000)
            saved.append((end - middle) * 1000)
    return {"form_ms": shown, "record_ms": saved}
