from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from tandem.core.errors import DomainError, NotPermitted
from tandem.safeguarding import selectors, services
from tandem.safeguarding.codes import REQUIREMENTS, DolsPriority, DolsSetting, DolsStatus, Requirement
from tandem.safeguarding.models import DolsApplication

LONDON = ZoneInfo("Europe/London")


@pytest.fixture(autouse=True)
def _today(set_clock):
    set_clock(datetime(2026, 11, 23, 10, tzinfo=LONDON))


def test_the_statutory_clocks_of_an_urgent_application(receive, person, worker):
    # The home gave its urgent authorisation at 15:30 the day before the council received the request.
    application = receive(person, urgent=True, given=datetime(2026, 11, 1, 15, 30, tzinfo=LONDON))

    deadlines = selectors.dols_deadlines(application)
    # Sch A1 para 78(2): at most 7 days from when the managing authority gave it, not from receipt.
    assert deadlines.urgent_expires_at == datetime(2026, 11, 8, 15, 30, tzinfo=LONDON)
    assert deadlines.urgent_expires_on == date(2026, 11, 8)
    # Reg 13(1): 21 days beginning with the day received (2 November is day 1), so 22 November.
    assert deadlines.standard_due_on == date(2026, 11, 22)

    services.dols_urgent_extend(application=application, reason="Assessor delayed by illness", actor=worker)
    application.refresh_from_db()
    assert selectors.dols_deadlines(application).urgent_expires_at == datetime(2026, 11, 15, 15, 30, tzinfo=LONDON)
    with pytest.raises(DomainError, match="already been extended once"):
        services.dols_urgent_extend(application=application, reason="Again", actor=worker)


def test_the_standard_request_is_due_on_the_twenty_first_day_counting_the_day_received(receive, person):
    deadlines = selectors.dols_deadlines(receive(person, received=date(2026, 11, 2)))

    assert deadlines.standard_due_on == date(2026, 11, 22)
    assert deadlines.urgent_expires_on is None


def test_the_standard_due_date_crosses_the_end_of_february_by_the_calendar(receive, person_factory):
    # 21 days beginning with 10 February 2028 (a leap year) end on 1 March; in 2027 on 2 March.
    assert selectors.standard_due_on(date(2028, 2, 10)) == date(2028, 3, 1)
    assert selectors.standard_due_on(date(2027, 2, 10)) == date(2027, 3, 2)


def test_an_urgent_application_needs_the_moment_the_authorisation_was_given(person, safeguarding_unit, worker):
    request = services.DolsRequest(
        setting=DolsSetting.CARE_HOME, managing_authority="Oak House", received_on=date(2026, 11, 2), urgent=True
    )

    with pytest.raises(DomainError, match="date and time the care home or hospital gave"):
        services.dols_application_receive(person=person, team=safeguarding_unit, request=request, actor=worker)
    future = services.DolsRequest(**{**request.__dict__, "urgent_given_at": datetime(2026, 11, 24, 9, tzinfo=LONDON)})
    with pytest.raises(DomainError, match="must have been given already"):
        services.dols_application_receive(person=person, team=safeguarding_unit, request=future, actor=worker)
    assert not DolsApplication.objects.exists()


def test_an_older_urgent_application_without_the_moment_counts_from_the_day_received(receive, person):
    application = receive(person, urgent=True)
    DolsApplication.objects.filter(pk=application.pk).update(urgent_given_at=None)
    application.refresh_from_db()

    deadlines = selectors.dols_deadlines(application)
    assert deadlines.urgent_expires_at == datetime(2026, 11, 9, 0, 0, tzinfo=LONDON)
    assert not deadlines.urgent_given_known


def test_a_standard_application_cannot_be_extended(receive, person, worker):
    with pytest.raises(DomainError, match="Only an urgent authorisation"):
        services.dols_urgent_extend(application=receive(person), reason="x", actor=worker)


def test_the_waiting_list_is_by_risk_then_urgency_then_age(receive, person_factory, worker):
    low_old = receive(person_factory(), received=date(2026, 10, 1), priority=DolsPriority.LOW)
    high_new = receive(person_factory(), received=date(2026, 11, 20), priority=DolsPriority.HIGH)
    high_urgent = receive(person_factory(), received=date(2026, 11, 21), priority=DolsPriority.HIGH, urgent=True)
    medium = receive(person_factory(), received=date(2026, 9, 1))

    assert list(selectors.dols_waiting_list(actor=worker)) == [high_urgent, high_new, medium, low_old]


def test_a_change_of_priority_needs_a_reason_and_is_logged(receive, person, worker):
    application = receive(person)

    services.dols_priority_change(
        application=application,
        priority=DolsPriority.HIGH,
        reason="Restraint now used daily",
        version=None,
        actor=worker,
    )

    application.refresh_from_db()
    assert application.priority == DolsPriority.HIGH
    assert application.priority_reason == "Restraint now used daily"


def test_only_a_manager_allocates_assessors(receive, person, worker, sg_manager):
    application = receive(person)

    with pytest.raises(NotPermitted):
        services.dols_assessors_allocate(
            application=application, best_interests=worker, mental_health=sg_manager, actor=worker
        )
    services.dols_assessors_allocate(
        application=application, best_interests=worker, mental_health=sg_manager, actor=sg_manager
    )
    application.refresh_from_db()
    assert application.status == DolsStatus.ALLOCATED


def satisfied() -> dict[str, str]:
    return dict.fromkeys(REQUIREMENTS, Requirement.SATISFIED)


def allocated(application, worker, sg_manager):
    """The application with two different assessors (Sch A1 para 129(5))."""
    services.dols_assessors_allocate(
        application=application, best_interests=worker, mental_health=sg_manager, actor=sg_manager
    )
    application.refresh_from_db()
    return application


RPR = {"rpr_name": "Janet Hughes", "rpr_relationship": "Daughter"}


def test_granted_for_at_most_twelve_months_with_all_six_requirements(receive, person, worker, sg_manager):
    application = allocated(receive(person), worker, sg_manager)
    start = date(2026, 11, 20)
    decision = services.DolsDecision(
        status=DolsStatus.GRANTED,
        decided_on=start,
        authorised_from=start,
        authorised_to=start + timedelta(days=365),
        requirements=satisfied(),
        **RPR,
    )

    with pytest.raises(DomainError, match="at most 12 months"):
        services.dols_decide(application=application, decision=decision, version=None, actor=worker)
    short = services.DolsDecision(**{**decision.__dict__, "authorised_to": start + timedelta(days=180)})
    unmet = services.DolsDecision(**{**short.__dict__, "requirements": {**satisfied(), "best_interests": "2"}})
    with pytest.raises(DomainError, match="all six requirements"):
        services.dols_decide(application=application, decision=unmet, version=None, actor=worker)

    services.dols_decide(application=application, decision=short, version=None, actor=worker)

    application.refresh_from_db()
    assert application.status == DolsStatus.GRANTED
    assert selectors.dols_deadlines(application).renewal_due_on == start + timedelta(days=180 - 28)


@pytest.mark.parametrize(
    ("start", "latest"),
    [
        (date(2027, 3, 1), date(2028, 2, 29)),  # runs over 29 February 2028: 366 days, still 12 months
        (date(2028, 2, 29), date(2029, 2, 28)),  # starts on 29 February
        (date(2028, 2, 28), date(2029, 2, 27)),
        (date(2028, 3, 1), date(2029, 2, 28)),
        (date(2026, 11, 20), date(2027, 11, 19)),
    ],
)
def test_twelve_months_are_counted_by_the_calendar(
    start, latest, receive, person_factory, worker, sg_manager, set_clock
):
    set_clock(datetime(start.year, start.month, start.day, 12, tzinfo=LONDON))
    application = allocated(receive(person_factory(), received=start - timedelta(days=5)), worker, sg_manager)

    def grant(to):
        return services.DolsDecision(
            status=DolsStatus.GRANTED,
            decided_on=start,
            authorised_from=start,
            authorised_to=to,
            requirements=satisfied(),
            **RPR,
        )

    with pytest.raises(DomainError, match="at most 12 months"):
        services.dols_decide(
            application=application, decision=grant(latest + timedelta(days=1)), version=None, actor=worker
        )
    application.refresh_from_db()
    assert application.status == DolsStatus.ALLOCATED

    services.dols_decide(application=application, decision=grant(latest), version=None, actor=worker)

    application.refresh_from_db()
    assert (application.status, application.authorised_to) == (DolsStatus.GRANTED, latest)


def test_the_date_of_the_last_assessment_is_recorded_within_the_application(receive, person, worker):
    application = receive(person, received=date(2026, 11, 2))
    decision = services.DolsDecision(
        status=DolsStatus.NOT_GRANTED,
        decided_on=date(2026, 11, 20),
        reason="Regained capacity",
        last_assessed_on=date(2026, 11, 21),
    )

    with pytest.raises(DomainError, match="last assessment must be between"):
        services.dols_decide(application=application, decision=decision, version=None, actor=worker)
    ok = services.DolsDecision(**{**decision.__dict__, "last_assessed_on": date(2026, 11, 18)})
    services.dols_decide(application=application, decision=ok, version=None, actor=worker)

    application.refresh_from_db()
    assert application.last_assessed_on == date(2026, 11, 18)


def test_renewals_due_are_listed_until_renewed(receive, person, worker):
    application = receive(person, received=date(2026, 1, 5))
    DolsApplication.objects.filter(pk=application.pk).update(
        status=DolsStatus.GRANTED,
        decided_on=date(2026, 1, 10),
        authorised_from=date(2026, 1, 10),
        authorised_to=date(2026, 12, 10),
    )
    application.refresh_from_db()
    assert list(selectors.dols_renewals_due(actor=worker)) == [application]

    receive(person, received=date(2026, 11, 23), renews=application)
    assert list(selectors.dols_renewals_due(actor=worker)) == []


def test_dols_work_is_for_the_team_only(receive, person, practitioner, worker):
    application = receive(person)

    assert list(selectors.dols_visible(practitioner)) == []
    with pytest.raises(NotPermitted):
        services.dols_urgent_extend(application=application, reason="x", actor=practitioner)


def test_the_mental_health_assessor_and_the_best_interests_assessor_are_different_people(receive, person, sg_manager):
    """MCA 2005 Sch A1 para 129(5): the supervisory body must not select the same person for both."""
    application = receive(person)

    with pytest.raises(DomainError, match="must be different people"):
        services.dols_assessors_allocate(
            application=application, best_interests=sg_manager, mental_health=sg_manager, actor=sg_manager
        )
    application.refresh_from_db()
    assert application.best_interests_assessor is None


def _grant(**changes):
    start = date(2026, 11, 20)
    return services.DolsDecision(
        status=DolsStatus.GRANTED,
        decided_on=start,
        authorised_from=start,
        authorised_to=start + timedelta(days=180),
        requirements=satisfied(),
        **{**RPR, **changes},
    )


def test_a_standard_authorisation_is_not_granted_without_both_assessors(receive, person, worker):
    application = receive(person)

    with pytest.raises(DomainError, match="Allocate the Best Interests Assessor and the mental health assessor"):
        services.dols_decide(application=application, decision=_grant(), version=None, actor=worker)
    application.refresh_from_db()
    assert application.status == DolsStatus.WAITING


def test_the_same_person_recorded_as_both_assessors_cannot_ground_a_grant(receive, person, worker):
    application = receive(person)
    DolsApplication.objects.filter(pk=application.pk).update(
        best_interests_assessor=worker, mental_health_assessor=worker, status=DolsStatus.ALLOCATED
    )
    application.refresh_from_db()

    with pytest.raises(DomainError, match="must be different people"):
        services.dols_decide(application=application, decision=_grant(), version=None, actor=worker)


def test_the_relevant_persons_representative_is_recorded_on_the_grant(receive, person, worker, sg_manager):
    """MCA 2005 Sch A1 Part 10 (para 139): a representative is appointed when a standard authorisation is given."""
    application = allocated(receive(person), worker, sg_manager)

    with pytest.raises(DomainError, match="relevant person's representative") as refused:
        services.dols_decide(application=application, decision=_grant(rpr_name=""), version=None, actor=worker)
    assert refused.value.field == "rpr_name"
    services.dols_decide(application=application, decision=_grant(), version=None, actor=worker)

    application.refresh_from_db()
    assert (application.rpr_name, application.rpr_relationship) == ("Janet Hughes", "Daughter")


def test_an_urgent_application_is_due_when_its_urgent_authorisation_ends(receive, person):
    """Reg 13(2) of the 2008 Regulations: with an urgent authorisation, the assessments are due while it is in force."""
    from tandem.safeguarding import presenters

    application = receive(person, urgent=True, given=datetime(2026, 11, 1, 15, 30, tzinfo=LONDON))

    assert selectors.dols_deadlines(application).decision_due_on == date(2026, 11, 8)
    rows = {row["key"]["text"]: row["value"]["text"] for row in presenters.dols_rows(application)}
    assert "Standard authorisation due" not in rows
    assert rows["Decision due"].startswith("8 November 2026")
