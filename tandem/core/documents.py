"""Documents a person is given (statement of needs, support plan): accessible HTML and PDF.

One template serves both. The HTML is a plain, self-contained page (its own small stylesheet,
no scripts, headings in order, tables with headers) that a screen reader reads well and a
browser prints cleanly. The PDF is the same HTML laid out by WeasyPrint, tagged (PDF/UA) so
assistive technology can read it too. WeasyPrint is never allowed to fetch anything: a
document holds only what the template put in it.
"""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string

__all__ = ["document_html", "document_pdf", "document_response"]


def document_html(template: str, context: dict[str, Any], request: HttpRequest | None = None) -> str:
    """The document as a complete HTML page (templates extend `documents/base.html`)."""
    return render_to_string(template, context, request=request)


def document_pdf(html: str, *, compressed: bool = True) -> bytes:
    """The HTML laid out as a tagged PDF (PDF/UA-1); its title comes from the page's <title>."""
    # Imported here: loading Pango takes a moment, and most requests never make a PDF.
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    nothing = URLFetcher(allowed_protocols=())  # no file:, http: or data: fetches at all
    document = HTML(string=html, url_fetcher=nothing, base_url="about:blank")
    return bytes(document.write_pdf(pdf_variant="pdf/ua-1", uncompressed_pdf=not compressed) or b"")


def document_response(
    request: HttpRequest, template: str, context: dict[str, Any], *, title: str, filename: str, as_pdf: bool
) -> HttpResponse:
    """The document as a page, or as a PDF download named `filename` (without the extension)."""
    html = document_html(template, {**context, "document_title": title, "as_pdf": as_pdf}, request)
    if not as_pdf:
        return HttpResponse(html)
    response = HttpResponse(document_pdf(html), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}.pdf"'
    # A person's document: never kept by a shared cache or the browser's back-forward cache.
    response["Cache-Control"] = "no-store"
    return response
