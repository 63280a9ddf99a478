"""Authorising a completed assessment: a manager other than the one who completed it."""

# pytest hands a test its fixtures as positional arguments, however many it needs.

from datetime import timedelta

from tandem.assessments import services
from tandem.core import clock

from .conftest import answers, url


def test_a_manager_authorises_it(client, manager, completed, reload, audit):
    client.force_login(manager)

    shown = client.get(url("assessment_authorise", completed))
    response = client.post(url("assessment_authorise", completed), {"version": "3"})

    assert shown.status_code == 200
    assert response.status_code == 302
    assert reload(completed).status == "authorised"
    assert "assessments.assessment.authorised" in audit.actions()


def test_a_practitioner_cannot_authorise(signed_in, completed, reload):
    shown = signed_in.get(url("assessment_authorise", completed))
    response = signed_in.post(url("assessment_authorise", completed), {"version": "3"})

    assert (shown.status_code, response.status_code) == (403, 403)
    assert reload(completed).status == "completed"


def test_the_manager_who_completed_it_is_told_another_must_authorise(client, manager, person, reload, read):
    mine = services.assessment_start(
        person=person, started_from="review", requested_on=clock.today() - timedelta(days=1), actor=manager
    )
    services.assessment_save(assessment=mine, answers=answers(), version=1, actor=manager)
    services.assessment_complete(assessment=mine, version=2, actor=manager)
    client.force_login(manager)

    page = read(client.get(url("assessment_authorise", mine)))
    response = client.post(url("assessment_authorise", mine), {"version": "3"})

    assert "You completed this assessment, so another manager must authorise it." in page.text
    assert response.status_code == 400
    assert read(response).error_summary == ["You completed this assessment: another manager must authorise it"]
    assert reload(mine).status == "completed"


def test_a_draft_cannot_be_authorised(client, manager, draft):
    client.force_login(manager)

    assert client.get(url("assessment_authorise", draft))["Location"] == url("assessment", draft)
