import pytest

from tandem.core.errors import DomainError
from tandem.demo.safeguarding_seed import safeguarding_seed
from tandem.demo.tests.conftest import NOW
from tandem.safeguarding.codes import ConcernStatus, DolsStatus
from tandem.safeguarding.models import Concern, DolsApplication, Enquiry
from tandem.safeguarding.returns import sac_compute

pytestmark = pytest.mark.django_db


def test_it_seeds_a_year_of_safeguarding_held_by_the_unit(borough):
    counts = safeguarding_seed(size="small", seed=11)

    assert counts["concerns"] == Concern.objects.count() == 120
    assert Concern.objects.filter(status=ConcernStatus.AWAITING_TRIAGE).exists()
    assert Enquiry.objects.filter(concluded_on__isnull=True).exists()
    assert Enquiry.objects.filter(concluded_on__isnull=False).exists()
    assert not Concern.objects.filter(team__isnull=True).exists()
    assert DolsApplication.objects.filter(status=DolsStatus.WAITING).exists()
    assert DolsApplication.objects.filter(status=DolsStatus.GRANTED).exists()
    assert not Concern.objects.filter(raised_at__gt=NOW).exists()


def test_the_records_are_consistent_enough_to_make_a_return(borough):
    safeguarding_seed(size="small", seed=11)

    sac = sac_compute(2026)
    assert sac.value("SG1d", "All", "Concerns") > 0
    assert sac.value("SG1d", "All", "Section 42 enquiries started") > 0


def test_it_refuses_to_seed_twice(borough):
    safeguarding_seed(size="small", seed=11)

    with pytest.raises(DomainError, match="already in this database"):
        safeguarding_seed(size="small", seed=11)


def test_the_seed_follows_the_law_it_records(borough):
    """Section 42 decisions meet the three-part test (Care Act 2014 s42(1)); granted DoLS have two
    different assessors (MCA 2005 Sch A1 para 129(5)) and a representative (Part 10); closed
    enquiries were signed off by a manager other than their concluder."""
    from django.db.models import F

    from tandem.identity.models import User
    from tandem.identity.permissions import Permission, Role
    from tandem.safeguarding.codes import TriageDecision

    safeguarding_seed(size="small", seed=11)

    s42 = Concern.objects.filter(triage_decision=TriageDecision.SECTION_42)
    assert s42.exists()
    assert not s42.exclude(s42_care_needs=True, s42_abuse_or_risk=True, s42_unable_to_protect=True).exists()
    assert not Concern.objects.exclude(triage_decision="").filter(s42_care_needs__isnull=True).exists()
    granted = DolsApplication.objects.filter(status=DolsStatus.GRANTED)
    assert not granted.filter(best_interests_assessor=F("mental_health_assessor")).exists()
    assert not granted.filter(rpr_name="").exists()
    signed = Enquiry.objects.filter(signed_off_at__isnull=False)
    assert signed.exists()
    assert not signed.filter(signed_off_by=F("concluded_by")).exists()
    assert not signed.exclude(concern__status=ConcernStatus.CLOSED).exists()
    manager = User.objects.get(username="sgmanager")
    assert manager.role == Role.TEAM_MANAGER
    assert manager.can(Permission.DOLS_ALLOCATE)
    assert manager.memberships.filter(team__name="Safeguarding Adults Unit").exists()
