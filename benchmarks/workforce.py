"""The team caseload view and the manager's pressures dashboard for a service of 300 practitioners.

The medium borough's staff are made up to 300 practitioners (extra synthetic ones, `bench-*`,
spread over the teams that hold cases), the demo workforce is seeded over them once (profiles,
posts with vacancies, caseloads near capacity and waiting lists), and a head of service who
manages every team opens each team's caseload view in turn and the dashboard across all teams.
A rerun reuses what it finds.
"""

import time
from typing import Any

from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.test import Client
from django.urls import reverse

from tandem.demo.workforce_seed import workforce_seed
from tandem.identity.models import Membership, Profession, Team, TeamKind, User
from tandem.identity.permissions import Role
from tandem.workforce.models import Case, PractitionerProfile

PRACTITIONERS = 300
SEED = 2026


def _teams() -> list[Team]:
    return list(Team.objects.exclude(kind=TeamKind.FRONT_DOOR).order_by("name"))


def practitioners_ensure(teams: list[Team]) -> int:
    """Add synthetic practitioners until the teams hold PRACTITIONERS of them; returns how many there are."""
    have = User.objects.filter(role=Role.PRACTITIONER, memberships__team__in=teams).distinct().count()
    missing = max(PRACTITIONERS - have, 0)
    start = User.objects.filter(username__startswith="bench-").count()
    made = User.objects.bulk_create(
        [
            User(
                username=f"bench-{start + n:03d}",
                first_name="Bench",
                last_name=f"Worker {start + n:03d}",
                password=UNUSABLE_PASSWORD_PREFIX,  # synthetic staff who never sign in
                role=Role.PRACTITIONER,
                profession=Profession.SOCIAL_WORKER,
            )
            for n in range(missing)
        ]
    )
    Membership.objects.bulk_create([Membership(user=user, team=teams[n % len(teams)]) for n, user in enumerate(made)])
    return have + missing


def head_of_service(teams: list[Team]) -> User:
    head, _ = User.objects.get_or_create(
        username="bench-head-of-service",
        defaults={
            "first_name": "Head",
            "last_name": "of Service",
            "role": Role.TEAM_MANAGER,
            "profession": Profession.MANAGER,
        },
    )
    for team in teams:
        Membership.objects.get_or_create(user=head, team=team)
    return head


def workforce_measure(*, requests: int) -> dict[str, Any]:
    teams = _teams()
    practitioners = practitioners_ensure(teams)
    if PractitionerProfile.objects.count() < PRACTITIONERS:
        workforce_seed(size="medium", seed=SEED)
    head = head_of_service(teams)
    client = Client()
    client.force_login(head)
    team_urls = [reverse("workforce:team_caseloads", args=[t.uuid]) for t in teams]
    dashboard = reverse("workforce:dashboard")
    for url in [*team_urls, dashboard, dashboard]:  # warm-up: templates compiled, caches filled
        page = client.get(url)
        if page.status_code != 200:
            return {"missing": f"{url} answered {page.status_code}"}
    team_ms, dashboard_ms = [], []
    for n in range(requests):
        start = time.perf_counter()
        client.get(team_urls[n % len(team_urls)])
        middle = time.perf_counter()
        client.get(dashboard)
        end = time.perf_counter()
        team_ms.append((middle - start) * 1000)
        dashboard_ms.append((end - middle) * 1000)
    return {
        "team_ms": team_ms,
        "dashboard_ms": dashboard_ms,
        "practitioners": practitioners,
        "profiles": PractitionerProfile.objects.count(),
        "open_cases": Case.objects.exclude(status="closed").count(),
        "largest_team": max(PractitionerProfile.objects.filter(team=t).count() for t in teams),
    }
