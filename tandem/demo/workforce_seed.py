"""The demo borough's workforce: practitioners' profiles, each team's establishment with some
vacancies, caseloads of weighted cases, and waiting lists screened for risk, some with
keeping-in-touch contacts overdue. Written directly in bulk (it is the setting, not a journey
through the services), then the pressure alerts are checked once as the morning job would.
"""

import random
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from tandem.core import clock
from tandem.core.errors import DomainError
from tandem.identity.models import Profession, Team, TeamKind, User
from tandem.identity.permissions import Role
from tandem.people.models import GPPractice, Neighbourhood, Person
from tandem.workforce import rules
from tandem.workforce.codes import CaseEventKind, CaseStatus, FactorKind, Priority, WaitingFor, Warrant
from tandem.workforce.models import Alert, Case, CaseEvent, Post, PractitionerProfile, ProfileWarrant
from tandem.workforce.services import alerts_check

WAITING_PER_TEAM = {"small": 12, "medium": 30, "large": 45}
SUMMARIES = {
    "assessment": "Care Act assessment: struggling with personal care since a fall",
    "review": "Annual review of the care and support plan",
    "support": "Ongoing support: carer worried about managing at home",
    "hospital_discharge": "Home from hospital this week: needs support to settle back in",
    "mental_health_act": "Mental Health Act assessment requested by the GP",
    "section_42": "Section 42 enquiry: concerns about a paid carer",
}
_TYPES_BY_TEAM: dict[TeamKind, list[str]] = {
    TeamKind.LOCALITY: ["assessment", "review", "support", "review", "assessment"],
    TeamKind.MENTAL_HEALTH: ["mental_health_act", "support", "review", "assessment"],
    TeamKind.LEARNING_DISABILITY: ["review", "support", "assessment"],
    TeamKind.HOSPITAL_DISCHARGE: ["hospital_discharge", "assessment"],
    TeamKind.SAFEGUARDING: ["section_42"],
}
_COMPLEXITY = [f.code for f in rules.DEFAULT_FACTORS if f.kind == FactorKind.COMPLEXITY]
_RISKS = [f.code for f in rules.DEFAULT_FACTORS if f.kind == FactorKind.RISK]


def workforce_seed(*, size: str, seed: int) -> dict[str, int]:
    """Write the workforce demo records; the borough (people, staff and teams) must exist."""
    if size not in WAITING_PER_TEAM:
        raise DomainError(f"Size must be one of {', '.join(WAITING_PER_TEAM)}")
    rng = random.Random(seed * 6151 + 11)
    teams = list(Team.objects.exclude(kind=TeamKind.FRONT_DOOR).order_by("name"))
    today = clock.today()
    # Adults only (Care Act 2014 Part 1): the borough's children are carers' family, never cases.
    adult_born_by = date(today.year - 18, today.month, min(today.day, 28))
    people = list(
        Person.objects.filter(date_of_death__isnull=True, merged_into__isnull=True, date_of_birth__lte=adult_born_by)
        .order_by("pk")
        .values_list("pk", "neighbourhood_id")[:60_000]
    )
    if not teams or not people:
        raise DomainError("The borough has no teams or no people: seed the borough first")
    counts = {"profiles": 0, "posts": 0, "vacancies": 0, "cases allocated": 0, "waiting": 0}
    with transaction.atomic():
        # A reseed starts the workforce afresh (cases went with the people; profiles and posts stay otherwise).
        for model in (Alert, CaseEvent, Case, ProfileWarrant, PractitionerProfile, Post):
            model.objects.all().delete()
        cases: list[Case] = []
        for team in teams:
            cases += _team_seed(rng, team=team, people=people, size=size, counts=counts)
        _waiting_contacts(rng, cases)
        made = Case.objects.bulk_create(cases, batch_size=2_000)
        CaseEvent.objects.bulk_create(_events(made, counts), batch_size=5_000)
    raised, _ = alerts_check(today=clock.today())
    counts["alerts"] = len(raised)
    return counts


def _team_seed(
    rng: random.Random, *, team: Team, people: Sequence[tuple[int, int | None]], size: str, counts: dict[str, int]
) -> list[Case]:
    """Profiles and posts for the team's practitioners, caseloads near their capacity, and a waiting list."""
    in_force, now = rules.DEFAULT_RULES, clock.now()
    members = list(
        User.objects.filter(memberships__team=team, memberships__ended_on__isnull=True, is_active=True)
        .filter(role=Role.PRACTITIONER)
        .exclude(profession__in=[Profession.ADMINISTRATOR, Profession.MANAGER])
        .exclude(workforce_profile__isnull=False)  # someone in two teams carries one caseload, in the first
        .order_by("pk")
        .distinct()
    )
    home = Neighbourhood.objects.filter(name=team.neighbourhood).values_list("pk", flat=True).first()
    profiles = _profiles(rng, team=team, members=members, home=home, counts=counts)
    vacancies = rng.randint(1, 3)
    counts["posts"] += len(profiles) + vacancies
    counts["vacancies"] += vacancies
    Post.objects.bulk_create(
        [Post(team=team, title=_title(p.user), fte=p.fte, holder=p.user) for p in profiles]
        + [Post(team=team, title="Social Worker", fte=Decimal("1")) for _ in range(vacancies)]
    )
    kinds = _TYPES_BY_TEAM.get(TeamKind(team.kind), ["assessment"])
    local = [pk for pk, hood in people if home is None or hood == home] or [pk for pk, _ in people]
    cases = []
    for profile in profiles:
        cap = rules.capacity(in_force, fte=profile.fte, asye=profile.asye)
        # Most carry 60-100% of their capacity; a few are over it.
        target = cap * rng.choice([0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 1.05, 1.15])
        carried = 0
        while carried < target:
            case = _case(rng, team=team, person=rng.choice(local), kinds=kinds, now=now, waiting=False)
            case.allocated_at = case.opened_at + timedelta(days=rng.randint(1, 30))
            case.left_waiting_at = case.allocated_at
            case.allocated_to_id = profile.user_id
            case.status = CaseStatus.ALLOCATED
            cases.append(case)
            carried += case.weight
    for _ in range(WAITING_PER_TEAM[size]):
        cases.append(_case(rng, team=team, person=rng.choice(local), kinds=kinds, now=now, waiting=True))
    return cases


def _waiting_contacts(rng: random.Random, cases: list[Case]) -> None:
    """A contact was made along the way for most people waiting; for some the next is now overdue."""
    today = clock.today()
    for case in cases:
        if case.status != CaseStatus.WAITING:
            continue
        due = rules.next_contact_due(rules.DEFAULT_RULES, case.priority, since=timezone.localdate(case.opened_at))
        while due < today - timedelta(days=rng.choice([0, 0, 0, 3, 10])):
            due = rules.next_contact_due(rules.DEFAULT_RULES, case.priority, since=due)
        case.next_contact_due = due


def _events(made: list[Case], counts: dict[str, int]) -> list[CaseEvent]:
    events = []
    for case in made:
        events.append(
            CaseEvent(
                case=case, kind=CaseEventKind.OPENED, version=1, at=case.opened_at, detail="Added to the waiting list"
            )
        )
        if case.screened_at:
            events.append(
                CaseEvent(
                    case=case,
                    kind=CaseEventKind.SCREENED,
                    version=case.version,
                    at=case.screened_at,
                    detail=f"Score {case.risk_score}",
                )
            )
        if case.allocated_to_id and case.allocated_at:
            events.append(
                CaseEvent(
                    case=case,
                    kind=CaseEventKind.ALLOCATED,
                    version=case.version,
                    at=case.allocated_at,
                    worker_id=case.allocated_to_id,
                    reason="Allocated at the team's allocation meeting",
                )
            )
            counts["cases allocated"] += 1
        else:
            counts["waiting"] += 1
    return events


def _title(user: User) -> str:
    return user.job_title or user.get_profession_display()


def _profiles(
    rng: random.Random, *, team: Team, members: list[User], home: int | None, counts: dict[str, int]
) -> list[PractitionerProfile]:
    practices = list(GPPractice.objects.filter(neighbourhood_id=home).values_list("pk", flat=True)) if home else []
    profiles = []
    for user in members:
        profile = PractitionerProfile.objects.create(
            user=user,
            team=team,
            fte=rng.choice([Decimal("1"), Decimal("1"), Decimal("1"), Decimal("0.8"), Decimal("0.6")]),
            asye=user.profession == Profession.SOCIAL_WORKER and rng.random() < 0.15,
            agency=rng.random() < 0.08,
            qualifications=_qualification(user),
        )
        if home is not None:
            profile.neighbourhoods.set([home])
        if practices:
            profile.gp_practices.set(rng.sample(practices, min(2, len(practices))))
        warrants = []
        if user.profession == Profession.SOCIAL_WORKER and not profile.asye:
            if team.kind == TeamKind.MENTAL_HEALTH and rng.random() < 0.6:
                warrants.append(Warrant.AMHP)
            if rng.random() < 0.2:
                warrants.append(Warrant.BIA)
            if rng.random() < 0.15:
                warrants.append(Warrant.PRACTICE_EDUCATOR)
        ProfileWarrant.objects.bulk_create([ProfileWarrant(profile=profile, kind=w) for w in warrants])
        profile.user = user
        profiles.append(profile)
        counts["profiles"] += 1
    return profiles


def _qualification(user: User) -> str:
    return {
        Profession.SOCIAL_WORKER: "BA (Hons) Social Work",
        Profession.OCCUPATIONAL_THERAPIST: "BSc (Hons) Occupational Therapy",
        Profession.NURSE: "BSc (Hons) Adult Nursing",
    }.get(Profession(user.profession), "")


def _case(rng: random.Random, *, team: Team, person: int, kinds: list[str], now: datetime, waiting: bool) -> Case:
    in_force = rules.DEFAULT_RULES
    kind = rng.choice(kinds)
    factors = [kind, *rng.sample(_COMPLEXITY, rng.choice([0, 0, 1, 1, 2, 3]))]
    risks = rng.sample(_RISKS, rng.choice([0, 1, 1, 2, 2, 3]))
    opened = timezone.make_aware(
        datetime.combine((now - timedelta(days=rng.randint(1, 120 if waiting else 500))).date(), time(9, 30))
    )
    screened = rng.random() < 0.85
    score = rules.risk_score(in_force, risks) if screened else 0
    weight = rules.case_weight(in_force, factors)
    return Case(
        person_id=person,
        team=team,
        summary=SUMMARIES[kind],
        waiting_for=WaitingFor.REVIEW if kind == "review" else WaitingFor.ALLOCATION,
        opened_at=opened,
        priority=rules.priority_of(in_force, score) if screened else Priority.MEDIUM,
        risk_score=score,
        screened_at=opened + timedelta(days=1) if screened else None,
        factors=factors,
        risks=risks if screened else [],
        skills_needed=[Warrant.AMHP] if kind == "mental_health_act" else [],
        computed_weight=weight,
        weight=weight,
    )
