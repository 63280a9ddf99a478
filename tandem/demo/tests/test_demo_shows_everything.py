"""The demo shows every part of the product: each role has work to see and do on a seeded small borough."""

import re
from datetime import datetime
from itertools import pairwise
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command

from tandem.assessments.models import AssessmentStatus, NeedsAssessment
from tandem.core import clock
from tandem.demo.borough import borough_seed
from tandem.demo.care_seed import STAGES, care_seed
from tandem.demo.directory_seed import directory_seed
from tandem.demo.safeguarding_seed import safeguarding_seed
from tandem.directory.models import Service
from tandem.identity.models import OrganisationKind, Team, TeamKind, User
from tandem.identity.permissions import Permission, Role
from tandem.people.models import GPPractice, NetworkMember, Person
from tandem.people.selectors import is_child
from tandem.safeguarding.codes import DolsStatus
from tandem.safeguarding.models import Concern, DolsApplication
from tandem.support_plans import provider_selectors, review_selectors
from tandem.support_plans.codes import PlanStatus, ProviderReviewStatus, ReviewStatus
from tandem.support_plans.models import PlanReview, ProviderReview, SupportPlan
from tandem.support_plans.review_selectors import DueFilter

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 11, 18, 14, 30, tzinfo=ZoneInfo("Europe/London"))
SEED = 11


@pytest.fixture
def borough(set_clock) -> None:
    set_clock(NOW)
    borough_seed(size="small", people=700, seed=SEED)


@pytest.fixture
def cared_for(borough) -> dict[str, int]:
    # One full turn of the stages in each locality team: every stage, as few histories as that takes.
    return care_seed(size="small", seed=SEED, per_team=len(STAGES))


def test_the_demo_has_completed_assessments_and_plans_in_force_with_budgets(cared_for):
    assert cared_for["assessments"] == NeedsAssessment.objects.count() > 0
    assert NeedsAssessment.objects.filter(status=AssessmentStatus.AUTHORISED).exists()
    # Waiting for a manager's authorisation, and still in draft.
    assert NeedsAssessment.objects.filter(status=AssessmentStatus.COMPLETED).exists()
    assert NeedsAssessment.objects.filter(status=AssessmentStatus.DRAFT).exists()
    assert NeedsAssessment.objects.filter(eligible_by_criteria=False).exists()
    in_force = SupportPlan.objects.filter(in_force_from__isnull=False)
    assert in_force.count() > 20
    assert not in_force.filter(weekly_budget_pence__isnull=True).exists()
    assert not in_force.filter(weekly_budget_pence=0).exists()
    assert SupportPlan.objects.filter(status=PlanStatus.DRAFT).exists()
    # Above the sign-off threshold: one waiting for a manager, one signed off.
    assert SupportPlan.objects.filter(needs_sign_off=True, status=PlanStatus.COMPLETED).exists()
    assert SupportPlan.objects.filter(status=PlanStatus.AUTHORISED).exists()
    # Nothing is dated after today: the histories were replayed in the past.
    today = clock.today()
    assert not NeedsAssessment.objects.filter(completed_on__gt=today).exists()
    assert not SupportPlan.objects.filter(agreed_on__gt=today).exists()


def test_the_demo_practitioner_has_reviews_due_and_overdue(cared_for):
    practitioner = User.objects.get(username="practitioner")
    team = Team.objects.get(memberships__user=practitioner, kind=TeamKind.LOCALITY)
    due = review_selectors.reviews_due(actor=practitioner, filters=DueFilter(team=team), today=clock.today())
    overdue = [r for r in due if review_selectors.overdue(r, clock.today())]

    assert overdue
    assert [r for r in due if not review_selectors.overdue(r, clock.today())]
    assert PlanReview.objects.filter(status=ReviewStatus.COMPLETED).exists()
    assert PlanReview.objects.filter(status=ReviewStatus.DRAFT).exists()


def test_the_care_provider_login_has_packages_and_reviews_waiting_for_a_practitioner(cared_for):
    provider = User.objects.get(username="provider")

    assert provider.role == Role.CARE_PROVIDER
    assert provider.organisation is not None
    assert provider.organisation.kind == OrganisationKind.CARE_PROVIDER
    assert provider.can(Permission.PROVIDER_REVIEW_SUBMIT)
    assert not provider.memberships.exists()
    assert len(list(provider_selectors.packages_for_provider(provider))) >= 3
    waiting = ProviderReview.objects.filter(status=ProviderReviewStatus.SUBMITTED, organisation=provider.organisation)
    assert waiting.exists()
    assert cared_for["provider reviews"] == waiting.count()


def test_the_safeguarding_unit_manager_and_dols_applications_at_every_stage(borough):
    safeguarding_seed(size="small", seed=SEED)

    manager = User.objects.get(username="sgmanager")
    assert manager.role == Role.TEAM_MANAGER
    assert manager.can(Permission.DOLS_ALLOCATE)
    assert manager.memberships.filter(team__name="Safeguarding Adults Unit").exists()
    assert set(DolsApplication.objects.values_list("status", flat=True)) == set(DolsStatus.values)
    assert DolsApplication.objects.filter(status=DolsStatus.WAITING, urgent=True).exists()
    assert DolsApplication.objects.filter(status=DolsStatus.WAITING, urgent=False).exists()


def test_gp_practices_are_named_as_real_ones_are(borough):
    names = list(GPPractice.objects.values_list("name", flat=True))

    assert len(names) == len(set(names)) >= 20
    for name in names:
        words = name.split()
        assert not any(a == b for a, b in pairwise(words)), name
        assert name.endswith(("Surgery", "Centre", "Practice")), name


def test_no_two_directory_services_have_the_same_description(borough):
    directory_seed(seed=SEED)

    descriptions = list(Service.objects.values_list("description", flat=True))
    assert len(descriptions) >= 300
    assert len(set(descriptions)) == len(descriptions)
    names = " ".join(Service.objects.values_list("name", flat=True))
    assert "Village Village" not in names


def test_children_are_in_the_borough_only_as_carers_family(cared_for):
    safeguarding_seed(size="small", seed=SEED)
    today = clock.today()
    children = [p for p in Person.objects.all() if is_child(p, today)]
    carers = set(NetworkMember.objects.filter(is_unpaid_carer=True).values_list("linked_person_id", flat=True))

    assert children
    for child in children:
        # In the network of someone who is an unpaid carer, as their son or daughter; never a carer.
        assert NetworkMember.objects.filter(linked_person=child, person_id__in=carers, relationship="child").exists()
        assert not NetworkMember.objects.filter(linked_person=child, is_unpaid_carer=True).exists()
    ids = [c.pk for c in children]
    assert not NeedsAssessment.objects.filter(person_id__in=ids).exists()
    assert not Concern.objects.filter(person_id__in=ids).exists()
    assert not DolsApplication.objects.filter(person_id__in=ids).exists()
    assert not Person.objects.filter(pk__in=ids, warnings__isnull=False).exists()


def _care_made() -> list[tuple[object, ...]]:
    """What the care seed made, without the ids and stamps a reseed renumbers."""
    return sorted(
        (
            str(plan.person.nhs_number),
            plan.person.full_name,
            plan.assessment.status,
            plan.assessment.completed_on,
            plan.status,
            plan.agreed_on,
            plan.weekly_budget_pence,
            tuple(plan.reviews.values_list("status", "due_on").order_by("due_on")),
        )
        for plan in SupportPlan.objects.select_related("person", "assessment")
    )


def _dols_made() -> list[tuple[object, ...]]:
    rows = DolsApplication.objects.values_list("person__given_name", "person__family_name", "status", "received_on")
    return sorted(rows, key=str)


# --reset truncates tables, which PostgreSQL refuses inside the transaction a test normally runs in.
@pytest.mark.django_db(transaction=True)
def test_the_same_seed_gives_the_same_demo(set_clock):
    set_clock(NOW)
    borough_seed(size="small", people=500, seed=SEED)
    safeguarding_seed(size="small", seed=SEED)
    care_seed(size="small", seed=SEED, per_team=4)
    first = _care_made()
    dols = _dols_made()

    borough_seed(size="small", people=500, seed=SEED, reset=True)
    safeguarding_seed(size="small", seed=SEED)
    care_seed(size="small", seed=SEED, per_team=4)

    assert first
    assert _care_made() == first
    assert _dols_made() == dols


def test_the_readme_lists_every_login_the_seed_prints(set_clock, capsys):
    set_clock(NOW)

    call_command("seed", "--people", "300", "--seed", str(SEED))

    out = capsys.readouterr().out
    printed = re.findall(r"^  (\w+) {2,}", out.split("Demo logins", 1)[1], flags=re.MULTILINE)
    readme = (Path(__file__).resolve().parents[3] / "README.md").read_text(encoding="utf-8")
    logins = readme.split("prints the demo logins", 1)[1].split("Every person in the demo", 1)[0]
    listed = re.findall(r"^\| `(\w+)` \|", logins, flags=re.MULTILINE)
    assert "provider" in printed
    assert "sgmanager" in printed
    assert sorted(printed) == sorted(listed)
    assert "Care and support: " in out
