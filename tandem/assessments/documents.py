"""The statement of needs as a partner system's copy (the FHIR API): the same document the person
is given (Care Act 2014 s12(3)), with the person's network as a partner may see it."""

from tandem.assessments import presenters, selectors
from tandem.assessments.models import NeedsAssessment
from tandem.core.documents import document_html, document_pdf
from tandem.people import presenters as people_presenters
from tandem.people import selectors as people_selectors

TEMPLATE = "assessments/statement.html"


def statement_title(assessment: NeedsAssessment) -> str:
    return f"Statement of needs for {assessment.person.full_name}"


def statement_pdf(assessment: NeedsAssessment) -> bytes:
    """The statement of needs and eligibility decision as a PDF, for a partner system."""
    network = people_presenters.network_entries_shared(people_selectors.network_of(person=assessment.person))
    context = presenters.statement_context(
        assessment, findings=selectors.findings_of(assessment=assessment), network=network
    )
    html = document_html(TEMPLATE, {**context, "document_title": statement_title(assessment), "as_pdf": True})
    return document_pdf(html)
