"""Checking the engine's determination, then completing the assessment."""

# pytest hands a test its fixtures as positional arguments, however many it needs.

from tandem.assessments import services

from .conftest import answers, url


def test_the_check_page_lists_what_is_missing_and_offers_no_button(signed_in, draft, read):
    page = read(signed_in.get(url("assessment_complete", draft)))

    assert page.title == "Check and complete the assessment – Tandem"
    assert "Say whether the person can achieve outcomes (a), (b), (c), (d), (e), (f), (g), (h), (i), (j)" in page.text
    assert "Complete the assessment" not in page.text.replace("Check and complete the assessment", "")


def test_the_check_page_shows_the_determination_and_why(signed_in, draft, practitioner, read):
    services.assessment_save(
        assessment=draft,
        answers=answers(a="unable_without_assistance", b="significantly_longer"),
        version=1,
        actor=practitioner,
    )

    page = read(signed_in.get(url("assessment_complete", draft)))

    assert "The needs meet the eligibility criteria: all three conditions are met." in page.text
    assert (
        "Condition 2 Met Because of the needs, the person is unable to achieve 2 of the specified outcomes "
        "(managing and maintaining nutrition and maintaining personal hygiene)" in page.text
    )
    assert page.values["version"] == "2"


def test_complete_it(signed_in, draft, practitioner, reload, audit):
    services.assessment_save(
        assessment=draft, answers=answers(a="unable_without_assistance"), version=1, actor=practitioner
    )
    audit.mark()

    response = signed_in.post(url("assessment_complete", draft), {"version": "2"})

    done = reload(draft)
    assert response.status_code == 302
    assert response["Location"] == url("assessment", draft)
    assert (done.status, done.eligible_by_criteria) == ("completed", False)
    assert audit.actions() == ["assessments.assessment.completed"]


def test_completing_with_gaps_is_refused_with_the_reason(signed_in, draft, reload, read):
    response = signed_in.post(url("assessment_complete", draft), {"version": "1"})

    assert response.status_code == 400
    assert read(response).error_summary == [
        "Say whether the person can achieve each outcome: outcomes a, b, c, d, e, f, g, h, i, j have no answer yet"
    ]
    assert reload(draft).status == "draft"


def test_completing_after_someone_else_saved_is_refused(signed_in, draft, practitioner, reload, read):
    services.assessment_save(assessment=draft, answers=answers(), version=1, actor=practitioner)

    response = signed_in.post(url("assessment_complete", draft), {"version": "1"})

    assert response.status_code == 400
    assert read(response).error_summary[0].startswith("Someone else saved this assessment")
    assert reload(draft).status == "draft"


def test_a_completed_assessment_goes_back_to_its_page(signed_in, completed):
    response = signed_in.get(url("assessment_complete", completed))

    assert response["Location"] == url("assessment", completed)


def test_business_support_cannot_complete(client, business_support, draft, reload):
    client.force_login(business_support)

    assert client.post(url("assessment_complete", draft), {"version": "1"}).status_code == 403
    assert reload(draft).status == "draft"
