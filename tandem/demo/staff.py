"""The workforce of the synthetic borough: organisations, teams, staff and the demo logins.

Staff are made idempotently (found by username, created when missing) because audit events
protect the users they name: a reseed can empty the person tables but never delete staff.
"""

import random
import unicodedata
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password

from tandem.demo.names import NamePools
from tandem.identity.models import Membership, Organisation, OrganisationKind, Profession, RegistrationBody, Team, User
from tandem.identity.models import TeamKind as Kind
from tandem.identity.permissions import Role

DEMO_PASSWORD = "tandem-demo-2026"  # noqa: S105 - the published password of the synthetic demo accounts

COUNCIL = "Wirral Borough Council (demo)"
COMMUNITY_TRUST = "Wirral Community Health NHS Trust (demo)"
MENTAL_HEALTH_TRUST = "Mersey and Wirral Mental Health NHS Trust (demo)"
# The home care agency on the system: its `provider` login reviews the packages it delivers.
CARE_PROVIDER = "Wirral Home Care (demo)"
_ORGANISATIONS = (
    (COUNCIL, OrganisationKind.COUNCIL, "ZW001"),
    (COMMUNITY_TRUST, OrganisationKind.NHS_TRUST, "ZW002"),
    (MENTAL_HEALTH_TRUST, OrganisationKind.NHS_TRUST, "ZW003"),
    ("Wirral Carers Together (demo)", OrganisationKind.VOLUNTARY, "ZW004"),
    ("Age Well Wirral (demo)", OrganisationKind.VOLUNTARY, "ZW005"),
    (CARE_PROVIDER, OrganisationKind.CARE_PROVIDER, "ZW006"),
)

P = Profession
# Who works in each kind of team, by profession and weight, and how many (before scaling).
_TEAM_MIX: dict[str, tuple[int, tuple[tuple[str, int], ...]]] = {
    Kind.FRONT_DOOR: (14, ((P.CARE_NAVIGATOR, 5), (P.SOCIAL_WORKER, 3), (P.OCCUPATIONAL_THERAPIST, 2))),
    Kind.LOCALITY: (
        16,
        (
            (P.SOCIAL_WORKER, 8),
            (P.OCCUPATIONAL_THERAPIST, 4),
            (P.NURSE, 3),
            (P.COMMUNITY_CARE_WORKER, 3),
            (P.CARE_NAVIGATOR, 2),
        ),
    ),
    Kind.MENTAL_HEALTH: (12, ((P.SOCIAL_WORKER, 5), (P.NURSE, 4), (P.OCCUPATIONAL_THERAPIST, 1))),
    Kind.LEARNING_DISABILITY: (10, ((P.SOCIAL_WORKER, 5), (P.NURSE, 2), (P.COMMUNITY_CARE_WORKER, 3))),
    Kind.SAFEGUARDING: (8, ((P.SOCIAL_WORKER, 1),)),
    Kind.HOSPITAL_DISCHARGE: (
        12,
        ((P.NURSE, 4), (P.SOCIAL_WORKER, 3), (P.OCCUPATIONAL_THERAPIST, 2), (P.HEALTH_PRACTITIONER, 1)),
    ),
}
_JOB_TITLES: dict[str, str] = {
    P.SOCIAL_WORKER: "Social Worker",
    P.OCCUPATIONAL_THERAPIST: "Occupational Therapist",
    P.NURSE: "Community Nurse",
    P.CARE_NAVIGATOR: "Care Navigator",
    P.COMMUNITY_CARE_WORKER: "Community Care Worker",
    P.MANAGER: "Team Manager",
    P.ADMINISTRATOR: "Business Support Officer",
    P.HEALTH_PRACTITIONER: "Physiotherapist",
    P.PRINCIPAL_SOCIAL_WORKER: "Principal Social Worker",
}


@dataclass(frozen=True)
class DemoLogin:
    username: str
    role: str
    team: str


@dataclass(frozen=True)
class Staffing:
    practitioner_ids: list[int]
    teams: dict[str, Team]
    safeguarding_team: Team
    safeguarding_manager_id: int
    demo_logins: list[DemoLogin]
    password_hash: str


def _registration(rng: random.Random, profession: str) -> tuple[str, str]:
    """The register a profession is regulated by, and a made-up number in its format."""
    if profession in (P.SOCIAL_WORKER, P.PRINCIPAL_SOCIAL_WORKER, P.MANAGER):
        return RegistrationBody.SOCIAL_WORK_ENGLAND, f"SW{rng.randrange(10000, 160000)}"
    if profession == P.OCCUPATIONAL_THERAPIST:
        return RegistrationBody.HCPC, f"OT{rng.randrange(10000, 99999)}"
    if profession == P.HEALTH_PRACTITIONER:
        return RegistrationBody.HCPC, f"PH{rng.randrange(10000, 99999)}"
    if profession == P.NURSE:
        letters = "ABCDEFGHJKLMNPRSTUVWXY"
        pin = f"{rng.randrange(80, 99)}{rng.choice(letters)}{rng.randrange(1000, 9999)}{rng.choice(letters)}"
        return RegistrationBody.NMC, pin
    return RegistrationBody.NONE, ""


def _ascii(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKD", text).lower() if ch.isalnum())


class _Roster:
    """Collects staff to create, keeping usernames unique and deterministic."""

    def __init__(self, rng: random.Random, pools: NamePools, password_hash: str) -> None:
        self.rng = rng
        self.pools = pools
        self.password_hash = password_hash
        self.users: dict[str, User] = {}
        self.memberships: list[tuple[str, Team]] = []

    def add(
        self,
        *,
        profession: str,
        role: str,
        team: Team | None,
        username: str = "",
        first_name: str = "",
        last_name: str = "",
        job_title: str = "",
        organisation: Organisation | None = None,
    ) -> str:
        female = self.rng.random() < 0.7  # the care workforce is mostly women
        first = first_name or (self.pools.given_female if female else self.pools.given_male).draw(self.rng)
        last = last_name or self.pools.surnames.draw(self.rng)
        if not username:
            base = f"{_ascii(first)}.{_ascii(last)}"
            username, n = base, 1
            while username in self.users or username in (
                "practitioner",
                "manager",
                "admin",
                "support",
                "nurse",
                "hub",
                "safeguarding",
                "sgmanager",
                "principal",
                "provider",
            ):
                n += 1
                username = f"{base}{n}"
        body, number = _registration(self.rng, profession)
        self.users[username] = User(
            username=username,
            first_name=first,
            last_name=last,
            email=f"{username}@example.org",
            password=self.password_hash,
            profession=profession,
            role=role,
            registration_body=body,
            registration_number=number,
            job_title=job_title or _JOB_TITLES.get(profession, ""),
            organisation_id=team.organisation_id if team else organisation.pk if organisation else None,
        )
        if team is not None:
            self.memberships.append((username, team))
        return username

    def save(self) -> dict[str, User]:
        existing = set(User.objects.filter(username__in=self.users).values_list("username", flat=True))
        User.objects.bulk_create([u for name, u in self.users.items() if name not in existing], batch_size=500)
        saved = {u.username: u for u in User.objects.filter(username__in=self.users)}
        Membership.objects.bulk_create(
            [Membership(user=saved[name], team=team) for name, team in self.memberships], ignore_conflicts=True
        )
        return saved


def _teams_ensure(neighbourhoods: list[str]) -> tuple[dict[str, Team], dict[str, Organisation]]:
    orgs: dict[str, Organisation] = {}
    for name, kind, ods in _ORGANISATIONS:
        orgs[name], _ = Organisation.objects.update_or_create(name=name, defaults={"kind": kind, "ods_code": ods})
    wanted = [
        ("Front Door", Kind.FRONT_DOOR, COUNCIL, ""),
        *((f"{hood} Locality Team", Kind.LOCALITY, COMMUNITY_TRUST, hood) for hood in neighbourhoods),
        ("Mental Health Team", Kind.MENTAL_HEALTH, MENTAL_HEALTH_TRUST, ""),
        ("Learning Disability Team", Kind.LEARNING_DISABILITY, COUNCIL, ""),
        ("Safeguarding Adults Unit", Kind.SAFEGUARDING, COUNCIL, ""),
        ("Hospital Discharge Team", Kind.HOSPITAL_DISCHARGE, COMMUNITY_TRUST, ""),
    ]
    teams: dict[str, Team] = {}
    for name, team_kind, org, hood in wanted:
        teams[name], _ = Team.objects.update_or_create(
            name=name, defaults={"kind": team_kind, "organisation": orgs[org], "neighbourhood": hood}
        )
    return teams, orgs


def staffing_build(seed: int, pools: NamePools, neighbourhoods: list[str], *, scale: int = 1) -> Staffing:
    """Organisations, teams, a manager and business support in each, practitioners, and the demo logins."""
    rng = random.Random(seed * 104729 + 3)
    # One hash for every synthetic account: hashing is deliberately slow, and they share a password.
    password_hash = make_password(DEMO_PASSWORD)
    teams, organisations = _teams_ensure(neighbourhoods)
    roster = _Roster(rng, pools, password_hash)
    home = teams[f"{neighbourhoods[0]} Locality Team"]
    demo = [
        DemoLogin(
            roster.add(username="practitioner", profession=P.SOCIAL_WORKER, role=Role.PRACTITIONER, team=home),
            Role.PRACTITIONER.label,
            home.name,
        ),
        DemoLogin(
            roster.add(username="manager", profession=P.MANAGER, role=Role.TEAM_MANAGER, team=home),
            Role.TEAM_MANAGER.label,
            home.name,
        ),
        DemoLogin(
            roster.add(
                username="admin",
                profession=P.ADMINISTRATOR,
                role=Role.SYSTEM_ADMINISTRATOR,
                team=None,
                job_title="Systems Administrator",
            ),
            Role.SYSTEM_ADMINISTRATOR.label,
            "none",
        ),
        DemoLogin(
            roster.add(
                username="support", profession=P.ADMINISTRATOR, role=Role.BUSINESS_SUPPORT, team=teams["Front Door"]
            ),
            Role.BUSINESS_SUPPORT.label,
            "Front Door",
        ),
        DemoLogin(
            roster.add(
                username="nurse", profession=P.NURSE, role=Role.PRACTITIONER, team=teams["Hospital Discharge Team"]
            ),
            Role.PRACTITIONER.label,
            "Hospital Discharge Team",
        ),
        # The hospital discharge hub's coordinator: runs the daily board and the brokerage.
        DemoLogin(
            roster.add(
                username="hub",
                profession=P.SOCIAL_WORKER,
                role=Role.PRACTITIONER,
                team=teams["Hospital Discharge Team"],
                job_title="Discharge Hub Coordinator",
            ),
            Role.PRACTITIONER.label,
            "Hospital Discharge Team",
        ),
        # Safeguarding records are for the safeguarding team only: this login shows them.
        DemoLogin(
            roster.add(
                username="safeguarding",
                profession=P.SOCIAL_WORKER,
                role=Role.PRACTITIONER,
                team=teams["Safeguarding Adults Unit"],
            ),
            Role.PRACTITIONER.label,
            "Safeguarding Adults Unit",
        ),
    ]
    # The demo practitioner and manager also work at the front door, to show its queue and figures.
    roster.memberships += [("practitioner", teams["Front Door"]), ("manager", teams["Front Door"])]
    practitioners: list[str] = ["practitioner", "nurse"]
    safeguarding_manager = ""
    for team in teams.values():
        size, mix = _TEAM_MIX[team.kind]
        if team != home:
            # The Safeguarding Adults Unit's manager is a demo login: signs off enquiries, allocates DoLS assessors.
            unit = team.kind == Kind.SAFEGUARDING
            manager = roster.add(
                profession=P.MANAGER, role=Role.TEAM_MANAGER, team=team, username="sgmanager" if unit else ""
            )
            if unit:
                safeguarding_manager = manager
                demo.append(DemoLogin(manager, Role.TEAM_MANAGER.label, team.name))
        # The front door answers the phones, so it has more business support (one is `support`).
        for _ in range(2 if team.kind == Kind.FRONT_DOOR else 1):
            roster.add(profession=P.ADMINISTRATOR, role=Role.BUSINESS_SUPPORT, team=team)
        professions = [p for p, _ in mix]
        weights = [w for _, w in mix]
        for profession in rng.choices(professions, weights=weights, k=size * scale):
            practitioners.append(roster.add(profession=profession, role=Role.PRACTITIONER, team=team))
    # The principal social worker owns the workforce weighting rules; they manage in the home team.
    demo.append(
        DemoLogin(
            roster.add(
                username="principal",
                profession=P.PRINCIPAL_SOCIAL_WORKER,
                role=Role.TEAM_MANAGER,
                team=home,
                job_title="Principal Social Worker",
            ),
            "Principal social worker",
            home.name,
        )
    )
    # A trusted care provider's member of staff: in no team, sees only the packages their agency delivers.
    demo.append(
        DemoLogin(
            roster.add(
                username="provider",
                profession=P.COMMUNITY_CARE_WORKER,
                role=Role.CARE_PROVIDER,
                team=None,
                job_title="Care Coordinator",
                organisation=organisations[CARE_PROVIDER],
            ),
            Role.CARE_PROVIDER.label,
            CARE_PROVIDER,
        )
    )
    saved = roster.save()
    return Staffing(
        practitioner_ids=sorted(saved[name].pk for name in practitioners),
        teams=teams,
        safeguarding_team=teams["Safeguarding Adults Unit"],
        safeguarding_manager_id=saved[safeguarding_manager].pk,
        demo_logins=demo,
        password_hash=password_hash,
    )
