"""A year and more of assessments, care and support plans and reviews for the demo borough.

Unlike the bulk seeds, every record here is made through the apps' own services, replayed on the
day it happened (`as_of`): the same checks, version history and audit events as a practitioner's
work, so the demo shows what the pages really produce. Each locality team works with older adults
of its own neighbourhood: needs assessments in draft, completed (some not eligible, some waiting
for a manager's authorisation), plans in draft, plans in force with personal budgets (a few above
the sign-off threshold waiting for a manager), planned reviews due soon and overdue, reviews done
and in progress, and home care packages delivered by the care provider on the system, whose
`provider` login has reviews waiting for a practitioner's check.
"""

import random
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from tandem.access.models import RecordRestriction
from tandem.assessments import services as assessing
from tandem.assessments.models import NeedsAssessment
from tandem.core import clock
from tandem.core.errors import DomainError
from tandem.demo.staff import CARE_PROVIDER
from tandem.identity.models import Organisation, Profession, Team, TeamKind, User
from tandem.identity.permissions import Role
from tandem.people.models import Neighbourhood, Person
from tandem.support_plans import provider_services, review_services
from tandem.support_plans import services as planning
from tandem.support_plans.codes import BudgetMethod
from tandem.support_plans.models import CommissionedService, SupportPlan

# Care histories per locality team (eight teams): 160 in the small demo. Each is replayed through
# the services (about a tenth of a second each), so the numbers stay modest at every size.
PER_TEAM = {"small": 20, "medium": 40, "large": 48}

# What happens to each history, in turn, so every stage is there however few are made.
STAGES = (
    "in_force",
    "review_overdue",
    "review_due",
    "provider",
    "in_force",
    "reviewed",
    "sign_off",
    "assessment_completed",
    "provider_waiting",
    "review_started",
    "plan_draft",
    "not_eligible",
    "in_force",
    "assessment_draft",
    "signed_off",
    "provider_waiting",
)

IMPAIRMENTS = (
    ("Parkinson's disease", "Falls at home; she has stopped going out"),
    ("Vascular dementia", "Forgets meals and medication; his wife is exhausted"),
    ("Heart failure and arthritis", "Breathless on the stairs; cannot manage a bath"),
    ("Stroke, with weakness down the left side", "Cannot dress or cook; lonely since the stroke"),
    ("Sight loss (macular degeneration)", "Cannot read her post or manage money; anxious going out"),
    ("Chronic obstructive pulmonary disease", "Too breathless to shop or clean; not seeing friends"),
)
ACCOUNTS = (
    "I want to stay in my own home, near my neighbours.",
    "I don't want to be a burden on my daughter.",
    "I'd like to get back to the bowls club on Thursdays.",
    "I want to be able to look after myself in the mornings.",
    "I miss my garden and going to church.",
)


@dataclass(frozen=True)
class Need:
    """A personal outcome, in the person's words, and the service commissioned to meet it."""

    statement: str
    network: str
    kind: str
    unit: str
    units: tuple[int, int]
    pence: tuple[int, int]
    provider: str


NEEDS = (
    Need(
        "I want to wash and dress myself each morning, with help when my hands are bad",
        "My son calls in on Sundays",
        "home_care",
        "hour",
        (5, 14),
        (2150, 2450),
        "",
    ),
    Need(
        "I want a hot meal every day and to take my tablets on time",
        "My neighbour Jean brings the paper and checks on me",
        "home_care",
        "visit",
        (7, 14),
        (1600, 1900),
        "",
    ),
    Need(
        "I want to get out and see people at least twice a week",
        "My daughter drives me to church on Sundays",
        "day_opportunities",
        "day",
        (1, 3),
        (4800, 6200),
        "Meadowbank Day Centre",
    ),
    Need(
        "I want my husband to have a proper break so he can keep looking after me",
        "Our daughter stays over once a month",
        "short_breaks",
        "night",
        (1, 2),
        (11000, 13500),
        "Seaview Short Breaks",
    ),
    Need(
        "I want someone I know to help me with shopping and appointments",
        "My grandson sorts out my phone and online shopping",
        "personal_assistant",
        "hour",
        (4, 10),
        (1450, 1700),
        "A personal assistant the person employs",
    ),
)
# Above the sign-off threshold (£500 a week): a care home place.
CARE_HOME = Need(
    "I want to feel safe and have people around me day and night",
    "My family visit every weekend",
    "residential_care",
    "day",
    (7, 7),
    (9000, 11000),
    "Oak House Care Home",
)
OTHER_PROVIDERS = ("Riverside Care Services", "Seaview Home Support", "Wirral Community Carers")
REVIEW_VIEWS = (
    "The carers are kind and come on time; I feel more settled.",
    "Some mornings are rushed, but I'm managing much better.",
    "I'm getting out again and have made a friend at the centre.",
)


@contextmanager
def as_of(day: date, hour: int = 11) -> Iterator[None]:
    """The services see `day` as today (at `hour`, never later than now): a history is replayed in order.
    It swaps the process's clock, so it belongs to the seed command alone, never to a running server."""
    moment = min(timezone.make_aware(datetime.combine(day, time(hour))), clock.now() - timedelta(minutes=5))
    saved = clock.now, clock.today
    # The replay's clock, put back below; the services read `clock.now()` and `clock.today()`.
    clock.now = lambda: moment
    clock.today = lambda: timezone.localdate(moment)
    try:
        yield
    finally:
        clock.now, clock.today = saved


_ASSESSORS = (Profession.SOCIAL_WORKER, Profession.OCCUPATIONAL_THERAPIST)


@dataclass
class _Team:
    team: Team
    workers: list[User]
    managers: list[User]
    people: list[Person]


def _teams(rng: random.Random, today: date) -> list[_Team]:
    restricted = set(RecordRestriction.objects.values_list("person_id", flat=True))
    older = date(today.year - 66, today.month, min(today.day, 28))
    found = []
    for team in Team.objects.filter(kind=TeamKind.LOCALITY).order_by("name"):
        members = (
            User.objects.filter(memberships__team=team, memberships__ended_on__isnull=True, is_active=True)
            .order_by("pk")
            .distinct()
        )
        workers = [u for u in members if u.role == Role.PRACTITIONER and u.profession in _ASSESSORS]
        workers = workers or [u for u in members if u.role == Role.PRACTITIONER]
        # The demo's own practitioner has the most work of their team, to show on their pages.
        demo = [u for u in workers if u.username == "practitioner"]
        managers = [u for u in members if u.role == Role.TEAM_MANAGER]
        hood = Neighbourhood.objects.filter(name=team.neighbourhood).first()
        people = list(
            Person.objects.filter(
                neighbourhood=hood,
                date_of_death__isnull=True,
                merged_into__isnull=True,
                date_of_birth__lte=older,
            )
            .exclude(pk__in=restricted)
            .order_by("pk")[:5_000]
        )
        if workers and people:
            rng.shuffle(people)
            found.append(_Team(team, demo * 3 + workers, managers, people))
    return found


def care_seed(*, size: str, seed: int, per_team: int | None = None) -> dict[str, int]:
    """Replay the care histories through the services; the borough (people and staff) must exist.
    `per_team` overrides the size's number of histories in each locality team (for tests)."""
    if size not in PER_TEAM:
        raise DomainError(f"Size must be one of {', '.join(PER_TEAM)}")
    if NeedsAssessment.objects.exists():
        raise DomainError("Assessments are already in this database: use --reset to replace them")
    provider_org = Organisation.objects.filter(name=CARE_PROVIDER).first()
    provider = User.objects.filter(username="provider").first()
    if provider_org is None or provider is None:
        raise DomainError("The borough has no care provider: seed the borough first")
    rng = random.Random(seed * 31337 + 11)
    today = clock.today()
    teams = _teams(rng, today)
    if not teams:
        raise DomainError("The borough has no locality teams or older people: seed the borough first")
    history = _History(rng, today, provider_org, provider)
    with transaction.atomic():
        for place in teams:
            for n, person in enumerate(place.people[: per_team or PER_TEAM[size]]):
                history.replay(STAGES[n % len(STAGES)], person=person, place=place)
    return history.counts


class _History:
    def __init__(self, rng: random.Random, today: date, provider_org: Organisation, provider: User) -> None:
        self.rng = rng
        self.today = today
        self.provider_org = provider_org
        self.provider = provider
        self.counts = {"assessments": 0, "plans": 0, "reviews": 0, "provider reviews": 0}

    def replay(self, stage: str, *, person: Person, place: _Team) -> None:
        rng = self.rng
        worker = rng.choice(place.workers)
        # When the plan took effect, working back from the stage the history has reached today.
        in_force_ago = {
            "review_overdue": rng.randint(372, 420),
            "review_due": rng.randint(312, 362),
            "reviewed": rng.randint(430, 520),
            "review_started": rng.randint(330, 370),
            "sign_off": rng.randint(2, 9),
            "provider_waiting": rng.randint(60, 300),
        }.get(stage, rng.randint(14, 300))
        agreed = self.today - timedelta(days=in_force_ago)
        asked = agreed - timedelta(days=rng.randint(30, 60))
        if stage in ("assessment_draft", "assessment_completed", "not_eligible", "plan_draft"):
            asked = self.today - timedelta(days=rng.randint(10, 40))
        assessment = self._assess(
            person, worker, asked, eligible=stage != "not_eligible", draft=stage == "assessment_draft"
        )
        if assessment is None or stage in ("assessment_completed", "not_eligible"):
            return
        manager = next((m for m in place.managers if m.pk != worker.pk), None)
        if manager is not None:
            completed = assessment.completed_on or self.today
            with as_of(min(completed + timedelta(days=rng.randint(1, 4)), self.today)):
                assessment = assessing.assessment_authorise(
                    assessment=assessment, version=assessment.version, actor=manager
                )
        need = CARE_HOME if stage in ("sign_off", "signed_off") else rng.choice(NEEDS)
        if stage in ("provider", "provider_waiting"):
            need = rng.choice(NEEDS[:2])  # home care, which the agency on the system delivers
        with_provider = stage in ("provider", "provider_waiting") or (need.kind == "home_care" and rng.random() < 0.4)
        plan = self._plan(
            assessment, worker, need, start=min(asked + timedelta(days=20), agreed), provider=with_provider
        )
        if stage == "plan_draft":
            return
        with as_of(agreed):
            plan = planning.plan_complete(
                plan=plan,
                agreement=planning.Agreement(agreed_on=agreed, method=rng.choice(("signed", "signed", "spoken"))),
                version=plan.version,
                actor=worker,
            )
        if stage == "signed_off" and manager is not None:
            with as_of(min(agreed + timedelta(days=3), self.today)):
                plan = planning.plan_sign_off(plan=plan, version=plan.version, actor=manager)
        if stage == "reviewed":
            self._review(plan, worker, agreed + timedelta(days=rng.randint(330, 364)), complete=True)
        elif stage == "review_started":
            self._review(plan, worker, self.today - timedelta(days=rng.randint(0, 6)), complete=False)
        elif stage == "provider_waiting":
            self._provider_review(plan)

    def _assess(
        self, person: Person, worker: User, asked: date, *, eligible: bool, draft: bool
    ) -> NeedsAssessment | None:
        rng = self.rng
        started = asked + timedelta(days=rng.randint(1, 7))
        impairment, impact = rng.choice(IMPAIRMENTS)
        unable = dict.fromkeys(rng.sample(assessing.CODES, 3), "unable_without_assistance") if eligible else {}
        answers = assessing.AssessmentAnswers(
            persons_account=rng.choice(ACCOUNTS),
            arises_from_impairment_or_illness=True,
            impairment_reason=impairment,
            significant_impact_on_wellbeing=eligible,
            wellbeing_reason=impact if eligible else "Manages with a little help from family",
            findings=tuple(
                assessing.FindingAnswers(code=code, achievement=unable.get(code, "achieves"))
                for code in assessing.CODES
            ),
        )
        with as_of(started, 10):
            assessment = assessing.assessment_start(
                person=person, started_from="review", requested_on=asked, actor=worker
            )
            assessment = assessing.assessment_save(
                assessment=assessment, answers=answers, version=assessment.version, actor=worker
            )
        self.counts["assessments"] += 1
        if draft:
            return None
        with as_of(min(started + timedelta(days=rng.randint(3, 12)), self.today), 15):
            return assessing.assessment_complete(assessment=assessment, version=assessment.version, actor=worker)

    def _plan(
        self, assessment: NeedsAssessment, worker: User, need: Need, *, start: date, provider: bool
    ) -> SupportPlan:
        rng = self.rng
        start = max(start, assessment.completed_on or start)
        with as_of(start, 14):
            plan = planning.plan_start(assessment=assessment, actor=worker)
            plan = planning.plan_save(
                plan=plan,
                details=planning.PlanDetails(
                    budget_method=rng.choice(list(BudgetMethod.values)),
                    contingency="If the carers cannot come, the agency rings the family and sends cover the same day.",
                ),
                version=plan.version,
                actor=worker,
            )
            outcome = planning.outcome_add(
                plan=plan,
                answers=planning.OutcomeAnswers(statement=need.statement, by_person_and_network=need.network),
                version=plan.version,
                actor=worker,
            )
            plan.refresh_from_db()
            name = need.provider or rng.choice(OTHER_PROVIDERS)
            planning.commissioned_add(
                plan=plan,
                outcome=outcome,
                details=planning.CommissionedDetails(
                    kind=need.kind,
                    provider_name="" if provider else name,
                    units_per_week=Decimal(rng.randint(*need.units)),
                    unit=need.unit,
                    unit_cost_pence=rng.randrange(need.pence[0], need.pence[1] + 1, 5),
                    provider_organisation_id=self.provider_org.pk if provider else None,
                ),
                version=plan.version,
                actor=worker,
            )
            plan.refresh_from_db()
        self.counts["plans"] += 1
        return plan

    def _review(self, plan: SupportPlan, worker: User, on: date, *, complete: bool) -> None:
        with as_of(min(on, self.today), 10):
            review = review_services.review_start(plan=plan, kind="planned", reason="", reason_detail="", actor=worker)
            findings = tuple(
                review_services.FindingAnswers(
                    outcome_id=f.outcome_id, achieved=self.rng.choice(("fully", "fully", "partly")), in_own_words=view
                )
                for f, view in ((f, self.rng.choice(REVIEW_VIEWS)) for f in review.findings.all())
            )
            answers = review_services.ReviewAnswers(
                persons_view=self.rng.choice(REVIEW_VIEWS),
                outcome="no_change" if complete else "",
                outcome_detail="",
                findings=findings,
            )
            review = review_services.review_save(review=review, answers=answers, version=review.version, actor=worker)
            if complete:
                review_services.review_complete(review=review, version=review.version, actor=worker)
        self.counts["reviews"] += 1

    def _provider_review(self, plan: SupportPlan) -> None:
        package = CommissionedService.objects.filter(outcome__plan=plan).first()
        if package is None or package.provider_organisation_id != self.provider_org.pk:
            return
        more = self.rng.random() < 0.5
        with as_of(self.today - timedelta(days=self.rng.randint(0, 10)), 16):
            provider_services.provider_review_submit(
                service=package,
                answers=provider_services.ProviderAnswers(
                    achieved=self.rng.choice(("fully", "partly")),
                    outcome_view=self.rng.choice(
                        (
                            "Managing well with the morning calls; she now dresses herself on good days.",
                            "Mornings take longer since a fall last month; the carers often stay over time.",
                            "Eating well and taking tablets on time; enjoys the carers' company.",
                        )
                    ),
                    hours_change="more" if more else "same",
                    change_reason="Half an hour more each morning since the fall" if more else "",
                ),
                actor=self.provider,
            )
        self.counts["provider reviews"] += 1
