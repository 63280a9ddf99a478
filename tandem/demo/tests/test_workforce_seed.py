"""The demo workforce: profiles for every practitioner, an establishment with vacancies, caseloads
near capacity (a few over it), screened waiting lists, and the morning's alerts."""

import pytest

from tandem.demo.tests.conftest import NOW
from tandem.demo.workforce_seed import workforce_seed
from tandem.identity.models import User
from tandem.identity.permissions import Role
from tandem.workforce import selectors
from tandem.workforce.codes import CaseStatus, Rag
from tandem.workforce.models import Case, CaseEvent, Post, PractitionerProfile

pytestmark = pytest.mark.django_db


def test_every_practitioner_in_a_case_holding_team_carries_one_caseload(borough):
    counts = workforce_seed(size="small", seed=11)

    assert counts["profiles"] == PractitionerProfile.objects.count() > 50
    practitioner = User.objects.get(username="practitioner")
    assert practitioner.workforce_profile.team.name == "Birkenhead Locality Team"
    assert not PractitionerProfile.objects.filter(user__role=Role.TEAM_MANAGER).exists()
    assert Post.objects.filter(holder__isnull=True).count() == counts["vacancies"] > 0


def test_caseloads_are_near_capacity_with_a_few_over_and_every_case_has_its_history(borough):
    workforce_seed(size="small", seed=11)

    rows = selectors.team_caseloads(team_ids=list(PractitionerProfile.objects.values_list("team_id", flat=True)))
    rags = {rag: sum(1 for r in rows if r.rag == rag) for rag in Rag.values}
    assert rags[Rag.RED] > 0
    assert rags[Rag.GREEN] > rags[Rag.RED]
    assert all(r.cases > 0 for r in rows)
    allocated = Case.objects.filter(status=CaseStatus.ALLOCATED)
    assert CaseEvent.objects.filter(kind="allocated").count() == allocated.count()
    assert not Case.objects.filter(status=CaseStatus.WAITING, next_contact_due__isnull=True).exists()
    assert not Case.objects.filter(opened_at__gt=NOW).exists()


def test_seeding_again_starts_the_workforce_afresh(borough):
    first = workforce_seed(size="small", seed=11)
    again = workforce_seed(size="small", seed=11)

    assert again["profiles"] == first["profiles"] == PractitionerProfile.objects.count()
    assert Case.objects.count() == first["cases allocated"] + first["waiting"]


def test_the_demos_children_are_never_adult_social_care_cases(borough):
    """Adults only (Care Act 2014 Part 1): the borough's children exist as family members, not as cases."""
    from datetime import date

    from tandem.core import clock
    from tandem.people.models import Person
    from tandem.workforce.models import Case

    workforce_seed(size="small", seed=11)

    today = clock.today()
    born_by = date(today.year - 18, today.month, min(today.day, 28))
    assert Person.objects.filter(date_of_birth__gt=born_by).exists()  # the borough has children
    assert Case.objects.exists()
    assert not Case.objects.filter(person__date_of_birth__gt=born_by).exists()
