"""Workforce services: profiles, the versioned rules, the waiting list, weighing and allocation."""

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

from tandem.audit.models import AuditEvent
from tandem.core import clock
from tandem.core.errors import DomainError, NotPermitted, StaleVersion
from tandem.front_door.codes import RequestStatus
from tandem.front_door.models import SupportRequest
from tandem.identity.models import Profession
from tandem.workforce import rules, selectors, services
from tandem.workforce.codes import CaseEventKind, CaseStatus, Priority, Rag
from tandem.workforce.models import Case, RuleSet
from tandem.workforce.tests.conftest import profile_for

pytestmark = pytest.mark.django_db


def kinds(case: Case) -> list[str]:
    return list(case.events.order_by("id").values_list("kind", flat=True))


def test_a_profile_is_kept_by_a_manager_of_the_team_with_its_warrants(practitioner, manager, team):
    profile = profile_for(practitioner, team, manager, fte=Decimal("0.6"), asye=True, warrants={"amhp": None})

    assert (profile.fte, profile.asye, [w.kind for w in profile.warrants.all()]) == (Decimal("0.6"), True, ["amhp"])
    row = selectors.team_caseloads(team_ids=[team.pk])[0]
    assert row.capacity == 48  # 100 x 0.6 x 80% in the ASYE year


def test_a_practitioner_cannot_keep_profiles_and_nothing_is_written(practitioner, team):
    with pytest.raises(NotPermitted):
        profile_for(practitioner, team, practitioner)

    assert not hasattr(practitioner, "workforce_profile") or practitioner.workforce_profile is None


def test_contracted_hours_above_full_time_are_refused(practitioner, manager, team):
    with pytest.raises(DomainError, match="no more than 1 FTE"):
        profile_for(practitioner, team, manager, fte=Decimal("1.2"))


def test_the_rules_are_the_principal_social_workers_and_every_save_is_a_new_version(manager, waiting):
    manager.profession = Profession.PRINCIPAL_SOCIAL_WORKER
    manager.save()
    first = services.rules_save(values=rules.DEFAULT_RULES, reason="Start from the defaults", actor=manager)
    heavier = tuple(
        rules.FactorRule(f.code, f.label, f.kind, 9 if f.code == "assessment" else f.points)
        for f in rules.DEFAULT_FACTORS
    )
    services.case_weigh(
        case=waiting, case_type="assessment", complexity=[], skills_needed=[], version=None, actor=manager
    )

    second = services.rules_save(
        values=rules.Rules(**{**rules.DEFAULT_RULES.__dict__, "factors": heavier}),
        reason="Assessments take longer",
        actor=manager,
    )

    assert (first.number, second.number) == (1, 2)
    assert list(RuleSet.objects.values_list("number", flat=True)) == [2, 1]
    assert selectors.rules_in_force().points()["assessment"] == 9
    waiting.refresh_from_db()
    assert (waiting.computed_weight, waiting.weight) == (9, 9)


def test_a_manager_who_is_not_the_principal_social_worker_cannot_change_the_rules(manager):
    with pytest.raises(NotPermitted):
        services.rules_save(values=rules.DEFAULT_RULES, reason="Tweak", actor=manager)

    assert not RuleSet.objects.exists()


def test_rules_that_put_red_below_amber_are_refused(manager):
    manager.profession = Profession.PRINCIPAL_SOCIAL_WORKER
    bad = rules.Rules(**{**rules.DEFAULT_RULES.__dict__, "red_from_percent": 80})

    with pytest.raises(DomainError, match="Red must start above amber"):
        services.rules_save(values=bad, reason="Try", actor=manager)


def test_a_request_from_the_front_door_waits_on_its_teams_list_urgent_ones_high(person, practitioner, team, profiles):
    request = SupportRequest.objects.create(
        person=person,
        team=team,
        reason="Falls at home",
        urgency="urgent",
        requested_at=datetime(2026, 11, 2, 9, tzinfo=UTC),
        requested_by=practitioner,
    )

    services.case_open_for_request(request)

    case = Case.objects.get(support_request=request)
    assert (case.team, case.status, case.priority, case.summary) == (
        team,
        CaseStatus.WAITING,
        Priority.HIGH,
        "Falls at home",
    )


def test_screening_sets_the_priority_and_a_change_is_logged_with_contact_brought_forward(waiting, practitioner):
    before_due = waiting.next_contact_due

    case = services.case_screen(
        case=waiting, risks=["abuse_risk", "basic_needs"], version=waiting.version, actor=practitioner
    )

    assert (case.risk_score, case.priority) == (10, Priority.HIGH)
    assert kinds(case) == [CaseEventKind.OPENED, CaseEventKind.SCREENED, CaseEventKind.REPRIORITISED]
    assert case.next_contact_due < before_due
    assert AuditEvent.objects.filter(action="workforce.case.screened", target_id=str(case.pk)).count() == 1


def test_screening_from_a_stale_version_is_refused_and_changes_nothing(waiting, practitioner):
    with pytest.raises(StaleVersion):
        services.case_screen(case=waiting, risks=["abuse_risk"], version=waiting.version + 1, actor=practitioner)

    waiting.refresh_from_db()
    assert (waiting.risk_score, waiting.screened_at) == (0, None)


def test_a_weight_override_needs_a_reason_and_the_caseload_counts_it(waiting, manager, practitioner):
    services.case_weigh(
        case=waiting, case_type="assessment", complexity=["court"], skills_needed=[], version=None, actor=manager
    )
    with pytest.raises(DomainError, match="Say why"):
        services.case_weight_override(case=waiting, weight=20, reason=" ", version=None, actor=manager)

    case = services.case_weight_override(
        case=waiting, weight=20, reason="Two court hearings this month", version=None, actor=manager
    )
    services.case_allocate(case=case, worker=practitioner, reason="Has room", version=None, actor=manager)

    row = next(r for r in selectors.team_caseloads(team_ids=[case.team_id]) if r.profile.user == practitioner)
    assert (case.computed_weight, row.weighted, row.cases) == (9, 20, 1)


def test_allocation_and_reallocation_keep_the_history_and_mark_the_request_allocated(
    waiting, manager, practitioner, person, team
):
    request = SupportRequest.objects.create(
        person=person,
        team=team,
        reason="Assess",
        urgency="routine",
        requested_at=waiting.opened_at,
        requested_by=manager,
    )
    Case.objects.filter(pk=waiting.pk).update(support_request=request)
    waiting.refresh_from_db()

    case = services.case_allocate(
        case=waiting, worker=practitioner, reason="Knows the family", version=None, actor=manager
    )
    case = services.case_allocate(case=case, worker=manager, reason="Cover while on leave", version=None, actor=manager)

    assert (case.status, case.allocated_to) == (CaseStatus.ALLOCATED, manager)
    events = list(case.events.filter(kind__in=["allocated", "reallocated"]).order_by("id"))
    assert [(e.kind, e.worker, e.reason) for e in events] == [
        ("allocated", practitioner, "Knows the family"),
        ("reallocated", manager, "Cover while on leave"),
    ]
    request.refresh_from_db()
    assert request.status == RequestStatus.ALLOCATED
    assert case.left_waiting_at is not None


def test_a_practitioner_cannot_allocate_and_the_case_still_waits(waiting, practitioner):
    with pytest.raises(NotPermitted):
        services.case_allocate(case=waiting, worker=practitioner, reason="Me", version=None, actor=practitioner)

    waiting.refresh_from_db()
    assert (waiting.status, waiting.allocated_to, kinds(waiting)) == (CaseStatus.WAITING, None, [CaseEventKind.OPENED])


def test_only_someone_carrying_a_caseload_in_the_team_can_be_given_the_case(waiting, manager, outsider):
    with pytest.raises(DomainError, match="carries a caseload in this team"):
        services.case_allocate(case=waiting, worker=outsider, reason="Spare time", version=None, actor=manager)


def test_keeping_in_touch_moves_the_next_contact_by_priority(waiting, practitioner, set_clock):
    set_clock(datetime(2026, 11, 20, 10, tzinfo=UTC))

    case = services.case_keep_in_touch(case=waiting, note="Managing; daughter visiting daily", actor=practitioner)

    assert case.next_contact_due == date(2026, 12, 4)  # medium priority: 14 days
    assert kinds(case)[-1] == CaseEventKind.KEPT_IN_TOUCH


def test_a_closed_case_leaves_the_caseload(waiting, manager, practitioner):
    case = services.case_allocate(case=waiting, worker=practitioner, reason="Room", version=None, actor=manager)
    services.case_close(case=case, reason="Assessment completed", version=None, actor=practitioner)

    row = next(r for r in selectors.team_caseloads(team_ids=[case.team_id]) if r.profile.user == practitioner)
    assert (row.cases, row.weighted, row.rag) == (0, 0, Rag.GREEN)


def test_the_waiting_list_is_highest_priority_first_then_longest_waiting(
    person_factory, team, practitioner, profiles, set_clock
):
    set_clock(datetime(2026, 11, 1, 9, tzinfo=UTC))
    oldest = services.case_open(person=person_factory(), team=team, summary="First", actor=practitioner)
    set_clock(datetime(2026, 11, 2, 9, tzinfo=UTC))
    newer = services.case_open(person=person_factory(), team=team, summary="Second", actor=practitioner)
    urgent = services.case_open(person=person_factory(), team=team, summary="Third", actor=practitioner)
    services.case_screen(case=urgent, risks=["abuse_risk", "basic_needs"], version=None, actor=practitioner)
    low = services.case_open(person=person_factory(), team=team, summary="Fourth", actor=practitioner)
    services.case_screen(case=low, risks=[], version=None, actor=practitioner)

    order = list(selectors.waiting_list(team_id=team.pk).values_list("summary", flat=True))

    assert order == ["Third", "First", "Second", "Fourth"]
    assert [oldest.summary, newer.summary] == ["First", "Second"]


def test_suggestions_favour_who_worked_with_the_person_before(waiting, manager, practitioner, person, team):
    earlier = services.case_open(person=person, team=team, summary="Earlier work", actor=manager)
    earlier = services.case_allocate(case=earlier, worker=practitioner, reason="Then", version=None, actor=manager)
    services.case_close(case=earlier, reason="Done", version=None, actor=manager)

    ranked = selectors.suggestions_for(case=selectors.case_get(actor=manager, uuid=waiting.uuid))

    assert ranked[0].candidate.user_id == practitioner.pk
    assert "Has worked with the person before (a case)" in ranked[0].reasons


@pytest.mark.parametrize("days", [0, 10])
def test_days_waiting_count_calendar_days_since_joining_the_list(waiting, days):
    assert selectors.days_waiting(waiting, waiting.opened_at.date() + timedelta(days=days)) == days


def test_a_child_cannot_join_an_adult_waiting_list(person_factory, team, practitioner, profiles):
    """Adult social care only (Care Act 2014 Part 1): someone under 18 is refused with a clear message."""
    today = clock.today()
    child = person_factory(date_of_birth=date(today.year - 12, 1, 1))

    with pytest.raises(DomainError, match="under 18: adult waiting lists are for adults"):
        services.case_open(person=child, team=team, summary="Help at home", actor=practitioner)
    assert not Case.objects.filter(person=child).exists()


def _request_for(person, team, practitioner, *, transition=False):
    return SupportRequest.objects.create(
        person=person,
        team=team,
        reason="Help at home",
        urgency="routine",
        requested_at=datetime(2026, 11, 2, 9, tzinfo=UTC),
        requested_by=practitioner,
        transition=transition,
    )


def test_a_request_about_a_child_does_not_join_an_adult_waiting_list(person_factory, team, practitioner, profiles):
    """Adult social care only (Care Act 2014 Part 1), as `case_open` refuses: the front door's
    request is refused too, unless flagged as a transition assessment."""
    today = clock.today()
    child = person_factory(date_of_birth=date(today.year - 16, 1, 1))
    request = _request_for(child, team, practitioner)

    with pytest.raises(DomainError, match="under 18: adult waiting lists are for adults"):
        services.case_open_for_request(request)
    assert not Case.objects.filter(person=child).exists()


def test_a_transition_assessment_request_for_a_child_waits_flagged_as_such(
    person_factory, team, practitioner, profiles
):
    """Care Act 2014 ss58-59: a young person likely to have needs at 18 is assessed before then."""
    today = clock.today()
    child = person_factory(date_of_birth=date(today.year - 17, 1, 1))

    services.case_open_for_request(_request_for(child, team, practitioner, transition=True))

    case = Case.objects.get(person=child)
    assert (case.summary, case.waiting_for) == ("Transition assessment: Help at home", "assessment")


def test_a_transition_assessment_request_for_an_adult_is_refused(person, team, practitioner, profiles):
    with pytest.raises(DomainError, match="A transition assessment is for a young person under 18"):
        services.case_open_for_request(_request_for(person, team, practitioner, transition=True))
    assert not Case.objects.filter(person=person).exists()
