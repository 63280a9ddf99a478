"""The headers every page carries: a Content-Security-Policy with no inline script, a
Permissions-Policy, and no caching of pages that may hold personal data."""

import re
from pathlib import Path
from types import SimpleNamespace

import govuk_frontend_jinja
import pytest
from django.conf import settings
from django.http import HttpResponse
from django.middleware.csp import ContentSecurityPolicyMiddleware
from django.test import Client, RequestFactory
from django.urls import reverse

from tandem.core.documents import document_response
from tandem.core.middleware import SecurityHeadersMiddleware

ROOT = Path(settings.BASE_DIR)


def _directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}


@pytest.mark.django_db
def test_a_page_has_a_policy_that_allows_no_inline_script():
    response = Client().get(reverse("identity:sign_in"))

    directives = _directives(response)
    assert directives["script-src"] == ["'self'"]
    assert directives["default-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["base-uri"] == ["'none'"]
    # No nonce was used, so the page may have no inline style either.
    assert directives["style-src"] == ["'self'"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]


@pytest.mark.django_db
def test_the_pages_for_signed_in_staff_have_the_policy_too(client, practitioner, person):
    client.force_login(practitioner)

    for path in (reverse("people:search"), reverse("people:summary", args=[person.uuid])):
        response = client.get(path)
        assert response.status_code == 200
        assert _directives(response)["script-src"] == ["'self'"]


@pytest.mark.django_db
def test_the_page_has_no_inline_script_and_starts_gov_uk_frontend_from_files(client, practitioner, person):
    client.force_login(practitioner)
    pages = [Client().get(reverse("identity:sign_in")), client.get(reverse("people:summary", args=[person.uuid]))]

    for page in pages:
        html = page.content.decode()
        scripts = re.findall(r"<script\b([^>]*)>(.*?)</script>", html, flags=re.DOTALL)
        assert scripts, "the page loads its scripts"
        for attributes, body in scripts:
            assert 'src="' in attributes
            assert body.strip() == ""
        assert '<script src="/static/tandem/js-enabled.js"></script>' in html
        assert 'src="/static/tandem/init.js"' in html
        assert not re.search(r"\son[a-z]+\s*=", html), "no inline event handler"
        assert "javascript:" not in html


def test_no_template_has_an_inline_script_or_event_handler():
    templates = [*ROOT.glob("tandem/**/jinja2/**/*.html")]
    assert len(templates) > 100
    for template in templates:
        text = template.read_text()
        for attributes in re.findall(r"<script\b([^>]*)>", text):
            assert "src=" in attributes, f"{template}: an inline <script>"
        assert not re.search(r"<[a-zA-Z][^>]*\son[a-z]+\s*=", text), f"{template}: an inline event handler"
        assert "javascript:" not in text, f"{template}: a javascript: URL"


def test_the_page_template_is_gov_uk_s_but_for_the_script_moved_to_a_file():
    theirs = (Path(govuk_frontend_jinja.__file__).parent / "templates" / "template.html").read_text().splitlines()
    ours = (ROOT / "tandem/core/jinja2/govuk_template.html").read_text().splitlines()
    ours = ours[next(i for i, line in enumerate(ours) if line.rstrip().endswith("-#}")) + 1 :]

    changed = [(a, b) for a, b in zip(theirs, ours, strict=True) if a != b]

    assert len(changed) == 1
    assert "js-enabled" in changed[0][0]
    assert "<script " in changed[0][0]
    assert changed[0][1].strip() == '<script src="{{ jsEnabledPath }}"></script>'
    source = (ROOT / "frontend/static/tandem/js-enabled.js").read_text()
    assert "document.body.className += ' js-enabled'" in source
    assert source == (ROOT / "frontend/src/tandem/js-enabled.js").read_text()


@pytest.mark.django_db
def test_a_printable_document_s_own_stylesheet_carries_the_policy_s_nonce():
    def view(request):
        return document_response(request, "documents/base.html", {}, title="A plan", filename="plan", as_pdf=False)

    response = ContentSecurityPolicyMiddleware(view)(RequestFactory().get("/"))

    nonce = re.search(r"<style nonce=\"([^\"]+)\">", response.content.decode()).group(1)
    assert _directives(response)["style-src"] == ["'self'", f"'nonce-{nonce}'"]


@pytest.mark.django_db
def test_every_page_has_a_permissions_policy_switching_off_what_tandem_never_uses(client, practitioner):
    for response in (Client().get(reverse("identity:sign_in")), Client().get(reverse("directory:public_search"))):
        policy = response["Permissions-Policy"]
        for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()"):
            assert feature in policy


@pytest.mark.django_db
def test_signed_in_pages_are_never_stored(client, practitioner, person):
    client.force_login(practitioner)

    for path in (
        reverse("people:search"),
        reverse("people:search") + "?q=Smith",
        reverse("people:summary", args=[person.uuid]),
        reverse("identity:account"),
    ):
        response = client.get(path)
        assert response.status_code == 200
        assert response["Cache-Control"] == "no-store"


@pytest.mark.django_db
def test_the_public_ask_for_help_pages_are_not_stored():
    response = Client().get(reverse("front_door:ask_start"))

    assert response["Cache-Control"] == "no-store"


def test_static_files_keep_their_own_caching(client):
    response = client.get("/static/tandem/init.js")

    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")


@pytest.mark.parametrize(("signed_in", "expected"), [(True, "no-store"), (False, "public, max-age=600")])
def test_only_a_public_page_keeps_the_caching_its_view_asked_for(signed_in, expected):
    def view(request):
        response = HttpResponse("a page")
        response["Cache-Control"] = "public, max-age=600"
        return response

    request = RequestFactory().get("/")
    request.user = SimpleNamespace(is_authenticated=signed_in)  # type: ignore[assignment]  # a stand-in user

    response = SecurityHeadersMiddleware(view)(request)

    assert response["Cache-Control"] == expected
