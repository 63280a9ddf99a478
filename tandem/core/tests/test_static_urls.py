"""Pages name static files through a cache that answers as Django's `static` does."""

from django.templatetags.static import static
from django.test import override_settings

from tandem.core.jinja import _static

PATHS = ["css/tandem.css", "govuk/govuk-frontend.min.js", "images/favicon.ico", "a b/ü.png"]


def test_the_cached_url_is_djangos() -> None:
    for path in PATHS:
        assert _static(path) == _static(path) == static(path)


def test_a_changed_setting_is_followed() -> None:
    before = _static("css/tandem.css")
    with override_settings(STATIC_URL="/elsewhere/"):
        assert _static("css/tandem.css") == static("css/tandem.css") == "/elsewhere/css/tandem.css"
    assert _static("css/tandem.css") == before == static("css/tandem.css")
