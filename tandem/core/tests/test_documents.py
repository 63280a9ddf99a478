import base64

import pytest
from django.test import RequestFactory

from tandem.core.documents import document_pdf, document_response


def test_a_document_becomes_a_pdf_with_its_text():
    html = "<html lang='en-GB'><head><title>Statement</title></head><body><h1>Statement of needs</h1></body></html>"

    pdf = document_pdf(html, compressed=False)

    assert pdf.startswith(b"%PDF-")
    assert b"/StructTreeRoot" in pdf  # tagged, so assistive technology can read it
    assert b"/Lang (en-GB)" in pdf


def test_a_document_never_fetches_what_it_links_to(tmp_path):
    secret = tmp_path / "secret.png"
    # A real one-pixel PNG: were fetching allowed, it would be embedded.
    secret.write_bytes(
        base64.b64decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
        )
    )
    html = f"<html><body><img src='file://{secret}' alt=''><p>Text</p></body></html>"

    pdf = document_pdf(html, compressed=False)

    assert pdf.startswith(b"%PDF-")
    assert b"/Subtype /Image" not in pdf


@pytest.mark.django_db
def test_the_response_is_a_download_that_is_not_cached():
    request = RequestFactory().get("/")
    template = "documents/base.html"

    response = document_response(request, template, {}, title="A plan", filename="plan", as_pdf=True)

    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="plan.pdf"'
    assert response["Cache-Control"] == "no-store"
