"""Pages name URLs through a memo that answers as Django's `reverse` does."""

import uuid

from django.urls import clear_script_prefix, reverse, set_script_prefix

from tandem.core.jinja import _url

PERSON = uuid.UUID("12345678-1234-5678-1234-567812345678")


def test_a_remembered_url_is_djangos() -> None:
    assert _url("people:search") == _url("people:search") == reverse("people:search")
    assert _url("people:summary", PERSON) == _url("people:summary", PERSON) == reverse("people:summary", args=[PERSON])
    assert _url("people:summary", str(PERSON)) == reverse("people:summary", args=[str(PERSON)])
    assert _url("people:summary", person_uuid=PERSON) == reverse("people:summary", kwargs={"person_uuid": PERSON})


def test_the_script_prefix_is_followed() -> None:
    before = _url("people:search")
    set_script_prefix("/tandem/")
    try:
        assert _url("people:search") == reverse("people:search") == "/tandem" + before
    finally:
        clear_script_prefix()
    assert _url("people:search") == before
