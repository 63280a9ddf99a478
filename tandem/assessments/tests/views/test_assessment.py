"""The assessment page: the person's record shown, the form saved with compare-and-swap, conflicts shown."""

# pytest hands a test its fixtures as positional arguments, however many it needs.

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from tandem.assessments import services
from tandem.assessments.models import AssessmentEvent
from tandem.core import clock
from tandem.people.models import Person

from .conftest import form_data, url


def test_the_page_shows_the_record_the_outcomes_and_timeliness(signed_in, draft, network_member, read):
    Person.objects.filter(pk=draft.person_id).update(what_matters_to_me="My garden", strengths="Stubborn")

    response = signed_in.get(url("assessment", draft))

    page = read(response)
    assert response.status_code == 200
    assert page.title == "Needs assessment for Mary Smith – Tandem"
    assert "What matters to me My garden" in page.text
    assert "My strengths Stubborn" in page.text
    assert "John Smith, spouse or partner: Shopping and meals" in page.text
    assert "(a) Managing and maintaining nutrition" in page.text
    assert "(j) Carrying out any caring responsibilities the adult has for a child" in page.text
    assert "3 days since the request (local target 28 days)" in page.text
    assert page.values["version"] == "1"


def test_the_record_is_edited_on_the_person_record(signed_in, draft):
    page = signed_in.get(url("assessment", draft)).content.decode()

    assert reverse("people:voice_edit", args=[draft.person.uuid]) in page
    assert reverse("people:network", args=[draft.person.uuid]) in page


def test_timeliness_over_the_target_is_shown_never_a_gate(signed_in, draft, settings, read):
    settings.TANDEM_ASSESSMENT_TARGET_DAYS = 2

    page = read(signed_in.get(url("assessment", draft)))

    assert "3 days since the request (local target 2 days) Over the local target" in page.text


def test_save_the_answers(signed_in, draft, reload, audit):
    response = signed_in.post(
        url("assessment", draft),
        form_data(
            1,
            outcome_a_achievement="unable_without_assistance",
            outcome_a_in_own_words="I can't lift the pans",
            outcome_a_practitioner_view="Tremor in both hands",
            outcome_a_fluctuates="on",
            outcome_a_fluctuation_note="Worse in the mornings",
        ),
    )

    saved = reload(draft)
    finding = saved.findings.get(code="a")
    assert response.status_code == 302
    assert response["Location"] == url("assessment", draft)
    assert saved.version == 2
    assert saved.arises_from_impairment_or_illness is True
    assert (finding.achievement, finding.in_own_words, finding.fluctuation_note) == (
        "unable_without_assistance",
        "I can't lift the pans",
        "Worse in the mornings",
    )
    assert audit.actions() == ["assessments.assessment.saved"]


def test_save_and_check_goes_to_the_check_page(signed_in, draft):
    response = signed_in.post(url("assessment", draft), form_data(1, then="check"))

    assert response["Location"] == url("assessment_complete", draft)


def test_a_fluctuation_without_a_period_is_a_problem_and_nothing_typed_is_lost(signed_in, draft, reload, read):
    response = signed_in.post(
        url("assessment", draft),
        form_data(1, outcome_b_fluctuates="on", outcome_b_in_own_words="Some days I can't get in the bath"),
    )

    page = read(response)
    assert response.status_code == 400
    assert page.error_summary == ["Outcome (b): say how the needs fluctuate and over what period"]
    assert page.values["outcome_b_in_own_words"] == "Some days I can't get in the bath"
    assert page.values["outcome_b_fluctuates"] == ["on"]
    assert page.values["persons_account"] == "I want to keep living at home"
    assert reload(draft).version == 1


def test_text_that_is_too_long_is_a_problem(signed_in, draft, read):
    response = signed_in.post(url("assessment", draft), form_data(1, persons_account="x" * 5001))

    assert response.status_code == 400
    assert read(response).error_summary == ["The person's own account must be 5,000 characters or fewer"]


def test_an_answer_not_on_the_list_is_a_problem(signed_in, draft, read):
    response = signed_in.post(url("assessment", draft), form_data(1, outcome_c_achievement="fine"))

    assert response.status_code == 400
    assert read(response).error_summary == ["Outcome (c): choose an answer from the list"]


def test_two_people_save_from_the_same_version_the_second_sees_what_changed(draft, practitioner, manager, reload, read):
    first, second = Client(), Client()
    first.force_login(practitioner)
    second.force_login(manager)
    first_form = read(first.get(url("assessment", draft)))
    second_form = read(second.get(url("assessment", draft)))

    saved = first.post(
        url("assessment", draft),
        form_data(int(first_form.values["version"]), outcome_a_achievement="significantly_longer"),
    )
    refused = second.post(
        url("assessment", draft),
        form_data(int(second_form.values["version"]), persons_account="Typed by the second editor"),
    )

    page = read(refused)
    kept = reload(draft)
    assert saved.status_code == 302
    assert refused.status_code == 409
    assert page.error_summary == [
        "Someone else saved this assessment while you were working on it. Your answers have not been saved: "
        "check what they changed, then save again."
    ]
    assert "Saved by Priya Shah" in page.text
    assert (
        "(a) Managing and maintaining nutrition: whether it can be achieved (blank) "
        "Able, but it takes significantly longer" in page.text
    )
    assert page.values["persons_account"] == "Typed by the second editor"
    assert page.values["version"] == "2"
    assert kept.version == 2
    assert kept.findings.get(code="a").achievement == "significantly_longer"
    assert kept.persons_account == "I want to keep living at home"
    assert AssessmentEvent.objects.filter(assessment=draft, kind="saved").count() == 1


def test_having_seen_the_changes_the_second_editor_can_save_again(draft, practitioner, manager, reload, read):
    first, second = Client(), Client()
    first.force_login(practitioner)
    second.force_login(manager)
    first.post(url("assessment", draft), form_data(1, outcome_a_achievement="significantly_longer"))
    refused = read(second.post(url("assessment", draft), form_data(1, outcome_a_achievement="significantly_longer")))

    again = second.post(
        url("assessment", draft),
        form_data(int(refused.values["version"]), outcome_a_achievement="significantly_longer", persons_account="Mine"),
    )

    assert again.status_code == 302
    assert reload(draft).persons_account == "Mine"


def test_a_completed_assessment_is_shown_read_only(signed_in, completed, read):
    page = read(signed_in.get(url("assessment", completed)))

    assert "Completed" in page.text
    assert "Eligible Eligible: the needs meet the eligibility criteria" in page.text
    assert "persons_account" not in page.values


def test_a_completed_assessment_cannot_be_saved(signed_in, completed, reload):
    response = signed_in.post(url("assessment", completed), form_data(3, persons_account="Changed"))

    assert response.status_code == 302
    assert reload(completed).persons_account == "I want to keep living at home and get to my allotment"


def test_business_support_is_refused_and_nothing_is_written(client, business_support, draft, reload):
    client.force_login(business_support)

    shown = client.get(url("assessment", draft))
    posted = client.post(url("assessment", draft), form_data(1, persons_account="Changed"))

    assert (shown.status_code, posted.status_code) == (403, 403)
    assert reload(draft).version == 1


def test_someone_outside_the_record_s_scope_gets_404(client, outsider, manager, restricted_person):
    hidden = services.assessment_start(
        person=restricted_person, started_from="review", requested_on=clock.today(), actor=manager
    )
    client.force_login(outsider)

    assert client.get(url("assessment", hidden)).status_code == 404
    assert client.post(url("assessment", hidden), form_data(1)).status_code == 404


def test_opening_it_is_logged_as_a_view_of_the_record(signed_in, draft, audit):
    signed_in.get(url("assessment", draft))

    [event] = audit.events()
    assert (event.action, event.summary) == ("people.person.viewed", "Viewed a needs assessment")


def test_the_summary_open_work_and_timeline_link_to_the_assessment(signed_in, draft):
    page = signed_in.get(reverse("people:summary", args=[draft.person.uuid])).content.decode()

    assert page.count(f'href="{url("assessment", draft)}"') == 2


@pytest.mark.django_db(transaction=True)
def test_two_saves_at_the_same_moment_one_stands_and_the_other_sees_the_conflict(draft, practitioner, manager, reload):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers for the whole database; the row lock is PostgreSQL's")
    clients = []
    for user in (practitioner, manager):
        signed = Client()
        signed.force_login(user)
        clients.append(signed)
    together = threading.Barrier(2)

    def save(client: Client, account: str) -> int:
        together.wait()
        try:
            return client.post(url("assessment", draft), form_data(1, persons_account=account)).status_code
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=2) as pool:
        statuses = sorted(pool.map(save, clients, ["Practitioner's words", "Manager's words"]))

    kept = reload(draft)
    assert statuses == [302, 409]
    assert kept.version == 2
    assert kept.persons_account in {"Practitioner's words", "Manager's words"}
    assert AssessmentEvent.objects.filter(assessment=draft, kind="saved").count() == 1
