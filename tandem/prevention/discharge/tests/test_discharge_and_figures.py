"""Discharge, readmission within 30 days (day 30 counts, day 31 does not), the figures and ASCOF 2D
part 1 on constructed cases."""

from datetime import date, datetime, time, timedelta

import pytest
from django.utils import timezone

from tandem.core import clock
from tandem.people.models import Person
from tandem.prevention.codes import EventKind
from tandem.prevention.discharge import figures, selectors, services
from tandem.prevention.discharge.codes import ReferralStatus
from tandem.prevention.discharge.models import DischargeReferral
from tandem.prevention.discharge.tests.hub_data import referral_make
from tandem.prevention.models import HealthEvent
from tests.personas import person_make


def _discharge(referral, *, on, reablement=None, pathway="1", destination="home_reablement"):
    return services.referral_discharge(
        referral=referral,
        discharge=services.Discharge(
            discharged_on=on,
            destination=destination,
            pathway=pathway,
            reablement_started_on=reablement,
            review_due_on=on + timedelta(weeks=6),
        ),
        version=None,
        actor=referral.referred_by,
    )


def _admission(person, on: date, key: str) -> HealthEvent:
    moment = timezone.make_aware(datetime.combine(on, time(0, 30)))
    return HealthEvent.objects.create(
        person=person,
        kind=EventKind.EMERGENCY_ADMISSION,
        occurred_at=moment,
        source_key=key,
        resource_type="Encounter",
        received_at=moment,
    )


def _someone(practitioner, *, born=date(1940, 5, 1), admitted_ago=150, nctr_ago=140, name="Hub"):
    who = person_make(given_name=name, family_name="Discharged", date_of_birth=born)
    return referral_make(who, practitioner, admitted_ago=admitted_ago, nctr_ago=nctr_ago)


def test_discharge_records_where_and_takes_them_off_the_board(person, practitioner):
    referral = referral_make(person, practitioner)
    today = clock.today()

    _discharge(referral, on=today, reablement=today)

    referral.refresh_from_db()
    assert (referral.status, referral.closed_on, referral.ready_on) == (ReferralStatus.DISCHARGED, today, today)
    assert selectors.board(actor=practitioner, today=today).rows == []


def test_reablement_cannot_start_before_discharge(person, practitioner):
    referral = referral_make(person, practitioner)
    today = clock.today()

    with pytest.raises(services.DomainError) as refused:
        _discharge(referral, on=today, reablement=today - timedelta(days=1))

    assert refused.value.field == "reablement_started_on"


@pytest.mark.parametrize(("after", "readmitted"), [(0, True), (1, True), (30, True), (31, False)])
def test_an_emergency_admission_within_30_days_of_discharge_is_a_readmission(practitioner, after, readmitted):
    referral = _someone(practitioner)
    discharged = clock.today() - timedelta(days=100)
    referral = _discharge(referral, on=discharged)
    _admission(referral.person, discharged + timedelta(days=after), f"urn:test|{after}")

    found = selectors.readmission_of(referral=referral)

    assert (found == discharged + timedelta(days=after)) is readmitted
    assert (found is not None) is readmitted


def test_the_figures_count_readmissions_and_discharges_home(practitioner):
    today = clock.today()
    home = _someone(practitioner, name="Home")
    _discharge(home, on=today - timedelta(days=60), pathway="0", destination="usual_home")
    bed = _someone(practitioner, name="Bed")
    _discharge(bed, on=today - timedelta(days=60), pathway="2", destination="rehab_bed")
    _admission(bed.person, today - timedelta(days=45), "urn:test|bed")
    recent = _someone(practitioner, name="Recent")
    _discharge(recent, on=today - timedelta(days=5), pathway="1")

    found = figures.figures(today=today)

    assert (found.home.numerator, found.home.denominator) == (2, 3)
    assert (found.readmissions.numerator, found.readmissions.denominator, found.readmission_pending) == (1, 2, 1)
    assert [r.person.given_name for r in found.behind["readmitted"]] == ["Bed"]


def test_waiting_and_delayed_days_now(practitioner):
    _someone(practitioner, admitted_ago=10, nctr_ago=4, name="Four")
    _someone(practitioner, admitted_ago=10, nctr_ago=None, name="Still")

    now = figures.figures(today=clock.today()).trend[-1]

    assert (now.waiting, now.delayed, now.delayed_days, now.is_now) == (2, 1, 4, True)


def test_delays_by_reason(practitioner):
    _someone(practitioner, admitted_ago=10, nctr_ago=4, name="Four")

    assert figures.figures(today=clock.today()).by_reason == [("assessment", "Awaiting assessment", 1, 4)]


class TestAscof2dPart1:
    """65 and over on the day of discharge, reablement linked to it, followed for 91 days."""

    def case(
        self, practitioner, *, born=date(1940, 5, 1), ago=120, reablement_after=0, admitted_after=None, died_after=None
    ):
        today = clock.today()
        referral = _someone(practitioner, born=born, admitted_ago=ago + 20, nctr_ago=ago + 10)
        on = today - timedelta(days=ago)
        _discharge(
            referral, on=on, reablement=on + timedelta(days=reablement_after) if reablement_after is not None else None
        )
        admissions = [on + timedelta(days=admitted_after)] if admitted_after is not None else []
        for n, day in enumerate(admissions):
            _admission(referral.person, day, f"urn:ascof|{referral.pk}|{n}")
        if died_after is not None:
            Person.objects.filter(pk=referral.person_id).update(date_of_death=on + timedelta(days=died_after))
        referral = DischargeReferral.objects.select_related("person").get(pk=referral.pk)
        return figures.ascof_2d_case(referral, admissions=admissions, today=today)

    def test_at_home_after_91_days_is_the_numerator(self, practitioner):
        assert self.case(practitioner) == "home"

    def test_readmitted_on_day_91_is_not_at_home_but_day_92_is(self, practitioner):
        assert self.case(practitioner, admitted_after=91) == "not_home"
        assert self.case(practitioner, admitted_after=92) == "home"

    def test_died_within_the_91_days_is_not_at_home(self, practitioner):
        assert self.case(practitioner, died_after=30) == "not_home"
        assert self.case(practitioner, died_after=92) == "home"

    def test_under_65_on_the_day_is_out(self, practitioner):
        today = clock.today()
        assert self.case(practitioner, born=date(today.year - 64, 1, 1)) == "out"

    def test_no_reablement_or_reablement_too_late_is_out(self, practitioner):
        assert self.case(practitioner, reablement_after=None) == "out"
        assert self.case(practitioner, reablement_after=8) == "out"
        assert self.case(practitioner, reablement_after=7) == "home"

    def test_within_91_days_of_discharge_is_pending(self, practitioner):
        assert self.case(practitioner, ago=90) == "pending"
        assert self.case(practitioner, ago=91) == "home"

    def test_the_figure(self, practitioner):
        self.case(practitioner)
        self.case(practitioner, admitted_after=10)
        self.case(practitioner, ago=30)

        found = figures.figures(today=clock.today())

        assert (found.ascof.numerator, found.ascof.denominator, found.ascof_pending) == (1, 2, 1)
        assert found.ascof.percent == 50.0
