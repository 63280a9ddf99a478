"""Wording the shared pieces get right: date hints that fit the date asked for, and a refusal
that reads as sentences."""

from django import forms
from django.contrib.auth.models import AnonymousUser
from django.template import engines
from django.test import RequestFactory

from tandem.core import clock
from tandem.core.forms import GovDateField, TandemForm


class Dates(TandemForm):
    born = GovDateField(label="Date of birth", past_only=True, required=False)
    review = GovDateField(label="Review date", future_only=True, required=False)
    due = GovDateField(label="Due date", future_example=True, required=False)
    met = GovDateField(label="Date of the meeting", past_only=True, required=False)
    note = forms.CharField(required=False)


def _date_field(name: str) -> str:
    template = engines["jinja2"].env.from_string(
        '{% from "components/fields.html" import date %}{{ date(form[name]) }}'
    )
    return str(template.render(form=Dates(), name=name))


def test_a_past_date_has_a_past_example():
    assert "For example, 27 3 1948" in _date_field("born")


def test_a_future_date_has_a_future_example_not_1948():
    next_year = clock.today().year + 1
    for name in ("review", "due"):
        html = _date_field(name)
        assert "1948" not in html
        assert f"For example, 27 3 {next_year}" in html


def test_a_date_neither_of_birth_nor_ahead_has_last_years_example_not_1948():
    html = _date_field("met")

    assert "1948" not in html
    assert f"For example, 27 3 {clock.today().year - 1}" in html


def _refusal(message: str) -> str:
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    return str(engines["jinja2"].get_template("errors/403.html").render({"message": message}, request=request))


def test_a_refusal_and_the_advice_after_it_are_separate_sentences():
    page = _refusal("You do not have permission to close contacts")

    assert "You do not have permission to close contacts.</p>" in page
    assert "contacts If you think" not in page
    assert "If you think you should, ask your manager." in page


def test_a_refusal_that_ends_in_a_full_stop_gets_no_second_one():
    page = _refusal("That record is restricted.")

    assert "restricted.</p>" in page
    assert "restricted..</p>" not in page
