"""The statement of needs and the eligibility decision, as a page and a PDF the person can be given."""

# pytest hands a test its fixtures as positional arguments, however many it needs.

from datetime import timedelta

import pytest

from tandem.assessments import presenters, selectors, services
from tandem.core import clock
from tandem.core.documents import document_html, document_pdf
from tandem.people.models import Person

from .conftest import answers, url


@pytest.fixture
def given(completed):
    Person.objects.filter(pk=completed.person_id).update(what_matters_to_me="My allotment and my grandson")
    completed.refresh_from_db()
    return completed


def test_the_statement_is_a_page_with_the_decision_and_the_person_s_words(signed_in, given, read):
    response = signed_in.get(url("statement", given))

    page = read(response)
    assert response.status_code == 200
    assert page.title == "Statement of needs for Mary Smith – Tandem"
    assert "Eligible: the needs meet the eligibility criteria." in page.text
    assert "My allotment and my grandson" in page.text
    assert "I want to keep living at home and get to my allotment" in page.text
    assert (
        "Getting enough to eat and drink (a) Managing and maintaining nutrition Cannot achieve this without help"
        in (page.text)
    )
    assert "This decision is waiting to be checked by a manager." in page.text


def test_the_statement_shows_a_professional_judgement_and_its_reason(signed_in, given, practitioner, read):
    services.eligibility_judgement_record(
        assessment=given, eligible=False, reason="Her son now meets these needs", version=3, actor=practitioner
    )

    page = read(signed_in.get(url("statement", given)))

    assert "Not eligible." in page.text
    assert "because: Her son now meets these needs" in page.text


def test_the_pdf_is_a_download_that_is_not_cached(signed_in, given):
    response = signed_in.get(url("statement", given) + "?format=pdf")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="statement-of-needs-{given.person.local_id}.pdf"'
    assert response["Cache-Control"] == "no-store"
    assert response.content.startswith(b"%PDF-")


def _pdf_text(text: str) -> bytes:
    """A PDF text string as WeasyPrint writes one that is not plain ASCII (UTF-16 with a byte-order mark)."""
    return b"<feff" + text.encode("utf-16-be").hex().encode() + b">"


def test_the_pdf_is_made_from_html_holding_the_statement(given, rf, practitioner):
    request = rf.get("/")
    request.user = practitioner
    context = presenters.statement_context(given, findings=selectors.findings_of(assessment=given), network=[]) | {
        "document_title": "Statement of needs for Mary Smith",
        "as_pdf": True,
    }

    html = document_html("assessments/statement.html", context, request)
    pdf = document_pdf(html, compressed=False)

    assert "Statement of needs and eligibility decision" in html
    assert "Eligible: the needs meet the eligibility criteria." in html
    assert "Download as PDF" not in html
    assert pdf.startswith(b"%PDF-")
    assert b"/StructTreeRoot" in pdf  # tagged, for assistive technology
    # The document's title, and its headings as the PDF's bookmarks.
    assert b"/Title " + _pdf_text("Statement of needs for Mary Smith – Tandem") in pdf
    for heading in (b"Statement of needs and eligibility decision", b"The decision", b"Your needs"):
        assert b"/Title (" + heading + b")" in pdf


def test_a_draft_has_no_statement_yet(signed_in, draft):
    response = signed_in.get(url("statement", draft))

    assert response["Location"] == url("assessment", draft)


def test_someone_outside_the_team_cannot_open_a_restricted_person_s_statement(
    client, outsider, manager, restricted_person
):
    hidden = services.assessment_start(
        person=restricted_person, started_from="review", requested_on=clock.today() - timedelta(days=1), actor=manager
    )
    services.assessment_save(assessment=hidden, answers=answers(), version=1, actor=manager)
    services.assessment_complete(assessment=hidden, version=2, actor=manager)
    client.force_login(outsider)

    response = client.get(url("statement", hidden) + "?format=pdf")

    assert response.status_code == 404
