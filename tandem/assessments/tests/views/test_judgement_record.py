"""A professional judgement that differs from the criteria, only with a reason."""

# pytest hands a test its fixtures as positional arguments, however many it needs.

from .conftest import url


def test_the_page_shows_what_the_criteria_found(signed_in, completed, read):
    page = read(signed_in.get(url("judgement_record", completed)))

    assert page.title == "Record a professional judgement – Tandem"
    assert "The needs meet the eligibility criteria: all three conditions are met." in page.text


def test_record_a_judgement_with_a_reason(signed_in, completed, reload, audit):
    response = signed_in.post(
        url("judgement_record", completed),
        {"eligible": "no", "reason": "Her son has moved in and meets these needs", "version": "3"},
    )

    judged = reload(completed)
    assert response.status_code == 302
    assert (judged.eligible, judged.eligible_by_criteria) == (False, True)
    assert audit.actions() == ["assessments.eligibility.judged"]


def test_a_reason_is_required_and_the_choice_is_kept(signed_in, completed, reload, read):
    response = signed_in.post(url("judgement_record", completed), {"eligible": "no", "reason": "", "version": "3"})

    page = read(response)
    assert response.status_code == 400
    assert page.error_summary == ["Give the reason for your professional judgement"]
    assert page.values["eligible"] == "no"
    assert reload(completed).judgement_eligible is None


def test_a_judgement_the_same_as_the_criteria_is_refused(signed_in, completed, read):
    response = signed_in.post(
        url("judgement_record", completed), {"eligible": "yes", "reason": "Agree", "version": "3"}
    )

    assert response.status_code == 400
    assert read(response).field_errors == [
        "That is what the eligibility criteria found: a professional judgement must differ from it"
    ]


def test_a_draft_has_no_judgement_yet(signed_in, draft):
    response = signed_in.get(url("judgement_record", draft))

    assert response["Location"] == url("assessment", draft)


def test_business_support_cannot_record_one(client, business_support, completed, reload):
    client.force_login(business_support)

    response = client.post(url("judgement_record", completed), {"eligible": "no", "reason": "No", "version": "3"})

    assert response.status_code == 403
    assert reload(completed).judgement_eligible is None
