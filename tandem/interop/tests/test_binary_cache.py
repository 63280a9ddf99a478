"""A Binary's PDF is laid out once for each version of its document, and again after any
restriction changes (which can change how a network member is named in it)."""

import pytest
from django.test import Client

from tandem.access.services import record_restrict
from tandem.assessments import documents as statement_documents
from tandem.assessments.models import NeedsAssessment
from tandem.interop.tests.conftest import token_for
from tandem.support_plans.tests.plan_data import agreed_plan_make

pytestmark = pytest.mark.django_db


@pytest.fixture
def laid_out(monkeypatch):
    pages = []

    def lay_out(html, **options):
        pages.append(html)
        return b"%PDF-1.7 " + str(len(pages)).encode()

    monkeypatch.setattr(statement_documents, "document_pdf", lay_out)
    return pages


def _read(token, statement):
    response = Client().get(
        f"/fhir/Binary/{statement.uuid}", HTTP_AUTHORIZATION=f"Bearer {token}", HTTP_ACCEPT="application/pdf"
    )
    assert response.status_code == 200
    return response.content


def test_the_pdf_is_laid_out_once_a_version(issued, borough, practitioner, laid_out):
    agreed_plan_make(borough.shared, practitioner)
    statement = NeedsAssessment.objects.get(person=borough.shared)
    token = token_for(issued)

    first, second = _read(token, statement), _read(token, statement)

    assert first == second == b"%PDF-1.7 1"
    assert len(laid_out) == 1
    NeedsAssessment.objects.filter(pk=statement.pk).update(version=statement.version + 1)
    statement.refresh_from_db()
    assert _read(token, statement) == b"%PDF-1.7 2"


def test_a_restriction_changed_lays_it_out_again(issued, borough, practitioner, manager, team, laid_out):
    agreed_plan_make(borough.shared, practitioner)
    statement = NeedsAssessment.objects.get(person=borough.shared)
    token = token_for(issued)
    _read(token, statement)

    record_restrict(person=borough.second, teams=[team], reason="A member of staff", actor=manager)

    assert _read(token, statement) == b"%PDF-1.7 2"
    assert len(laid_out) == 2
