"""The proactive worklist: who is on it and in what order, with reasons and next steps; recording
what was done and what came of it; the person's score page."""

from datetime import timedelta

import pytest
from django.urls import reverse

from tandem.audit.models import AuditEvent
from tandem.core import clock
from tandem.core.errors import DomainError, NotPermitted
from tandem.people.models import GPPractice, Neighbourhood
from tandem.prevention.codes import EventKind
from tandem.prevention.models import Outreach
from tandem.prevention.risk import selectors, services
from tandem.prevention.risk.codes import OutreachAction, Reach
from tandem.prevention.tests.risk_data import adult_make, event_make
from tandem.prevention.tests.risk_records import assessment_with, screened_case
from tandem.workforce.codes import CaseStatus

pytestmark = pytest.mark.django_db

HOOD = "Claughton"


@pytest.fixture
def hood(team):
    team.neighbourhood = HOOD
    team.save()
    return Neighbourhood.objects.create(name=HOOD)


def at_risk(hood, falls=2, **fields):
    person = adult_make(neighbourhood=hood, **fields)
    for _ in range(falls):
        event_make(person, EventKind.FALL, 5)
    return person


def listed(actor, **area):
    chosen = selectors.area_for(actor, **area)
    return list(selectors.worklist(actor=actor, area=chosen))


def test_it_lists_adults_at_risk_in_the_teams_neighbourhood_highest_first(hood, practitioner):
    higher = at_risk(hood, falls=3)
    lower = at_risk(hood, falls=1)  # 4 points: mild, still listed
    adult_make(neighbourhood=hood)  # fit: not listed
    at_risk(Neighbourhood.objects.create(name="Elsewhere"), falls=3)
    services.scores_refresh()

    rows = listed(practitioner)

    assert [r.person_id for r in rows] == [higher.pk, lower.pk]
    assert rows[0].reach == Reach.NOT_KNOWN


def test_known_people_without_a_plan_are_listed_as_such_and_those_waiting_are_not(hood, practitioner, team):
    known = at_risk(hood)
    assessment_with(known, practitioner=practitioner, team=team, unable=[], completed_days=400)
    waiting = at_risk(hood)
    screened_case(waiting, team=team, risks=[], status=CaseStatus.WAITING)
    services.scores_refresh()

    rows = listed(practitioner)

    assert [(r.person_id, r.reach) for r in rows] == [(known.pk, Reach.NO_PLAN)]


def test_a_gp_practices_list_is_its_registered_patients(hood, practitioner):
    practice = GPPractice.objects.create(ods_code="N81001", name="Grange Road Surgery", neighbourhood=hood)
    registered = at_risk(hood, gp_practice=practice)
    at_risk(hood)
    services.scores_refresh()

    rows = listed(practitioner, practice=str(practice.pk))

    assert [r.person_id for r in rows] == [registered.pk]


def test_another_neighbourhoods_team_is_not_found(hood, practitioner, other_team):
    from django.http import Http404

    with pytest.raises(Http404):
        selectors.area_for(practitioner, team=str(other_team.uuid))


def test_someone_reached_leaves_the_list_until_their_risk_rises(hood, practitioner, team):
    person = at_risk(hood, falls=1)
    services.scores_refresh()
    services.outreach_record(
        person=person, step="falls_prevention", result=OutreachAction.CONTACTED, team=team, actor=practitioner
    )
    assert listed(practitioner) == []

    for _ in range(2):
        event_make(person, EventKind.FALL, 2)
    services.scores_refresh(person_ids=[person.pk])

    assert [r.person_id for r in listed(practitioner)] == [person.pk]


def test_outreach_records_what_was_done_with_the_score_then(hood, practitioner, team):
    person = at_risk(hood)
    services.scores_refresh()

    outreach = services.outreach_record(
        person=person,
        step="falls_prevention",
        result=OutreachAction.REFERRED,
        referred_to="Steady Steps falls class",
        note="Keen to go with her neighbour",
        team=team,
        actor=practitioner,
    )

    assert (outreach.band, outreach.points) == ("moderate", 8)
    assert outreach.reasons == "2 falls in 30 days"
    assert AuditEvent.objects.filter(action="prevention.outreach.recorded", person_uuid=person.uuid).count() == 1
    assert selectors.outreach_summary(area=selectors.area_for(practitioner), since=clock.now() - timedelta(days=1)) == {
        "referred": 1
    }


def test_a_referral_must_say_where_to_and_nothing_is_saved_without(hood, practitioner, team):
    person = at_risk(hood)

    with pytest.raises(DomainError, match="Say who they were referred to"):
        services.outreach_record(
            person=person, step="conversation", result=OutreachAction.REFERRED, team=team, actor=practitioner
        )

    assert not Outreach.objects.exists()


def test_an_administrator_cannot_record_outreach(hood, administrator):
    person = at_risk(hood)

    with pytest.raises(NotPermitted):
        services.outreach_record(
            person=person, step="conversation", result=OutreachAction.NO_ACTION, team=None, actor=administrator
        )

    assert not Outreach.objects.exists()


def test_the_worklist_page_shows_reasons_and_next_steps(client, hood, practitioner, django_assert_max_num_queries):
    at_risk(hood, given_name="Ivy", family_name="Lark")
    services.scores_refresh()
    client.force_login(practitioner)

    with django_assert_max_num_queries(20):
        response = client.get(reverse("prevention:risk_worklist"))

    text = response.content.decode()
    assert response.status_code == 200
    assert "Ivy Lark" in text
    assert "2 falls in 30 days" in text
    assert "Falls prevention from the directory" in text
    assert "Not known to social care" in text


def test_the_worklist_page_says_when_nobody_is_at_risk(client, hood, practitioner):
    client.force_login(practitioner)

    response = client.get(reverse("prevention:risk_worklist"))

    assert "is at risk and not yet reached" in response.content.decode()


def test_recording_outreach_through_the_page_keeps_what_was_typed_on_error(client, hood, practitioner):
    person = at_risk(hood)
    services.scores_refresh()
    client.force_login(practitioner)
    url = reverse("prevention:risk_outreach", args=[person.uuid])

    response = client.post(url, {"step": "conversation", "result": "referred", "note": "Rang twice"})

    assert response.status_code == 400
    assert "Say who they were referred to" in response.content.decode()
    assert "Rang twice" in response.content.decode()
    assert not Outreach.objects.exists()

    response = client.post(url, {"step": "conversation", "result": "contacted", "note": "Rang twice"})

    assert response.status_code == 302
    page = client.get(reverse("prevention:risk_person", args=[person.uuid])).content.decode()
    assert "Rang twice" in page
    assert "2 falls in 30 days" in page
