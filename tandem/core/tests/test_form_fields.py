"""Form fields written in Python are what the design system's macros write for the parameters
each field stands for, whether written afresh or from the cache, and a page's error summary
lists what is wrong in the page's order."""

from typing import Any

import pytest
from django import forms
from markupsafe import Markup

from tandem.core import form_fields
from tandem.core.forms import GovDateField, TandemForm
from tandem.core.tests.test_components import macro, same

ANSWERS = [("", "Choose one"), ("yes", "Yes"), ("no", "No <never>"), ("unsure", "Not sure")]
SERVICES = [("meals", "Meals"), ("visits", "Home visits"), ("lift", "Stair lift & rails")]


class ExampleForm(TandemForm):
    notes = forms.CharField(label="Notes <about> them", help_text="What they said", required=False, max_length=20)
    plain = forms.CharField(label="Plain", required=False, widget=forms.Textarea)
    answer = forms.ChoiceField(label="Can they manage?", help_text="Think of a normal week", choices=ANSWERS)
    fluctuates = forms.BooleanField(label="Needs fluctuate", required=False)
    services = forms.MultipleChoiceField(label="Services", choices=SERVICES, required=False)
    started = GovDateField(label="Started", required=False)


def error(text: str) -> dict[str, Any]:
    return {"text": text}


def textarea_params(
    field: Any,
    value: str,
    *,
    rows: int = 5,
    label: Any = None,
    hint: Any = None,
    label_classes: str = "",
    error_text: str | None = None,
) -> dict[str, Any]:
    return {
        "label": {"text": label or field.label, "classes": label_classes},
        "hint": {"text": hint or field.help_text} if (hint or field.help_text) else None,
        "id": field.auto_id,
        "name": field.html_name,
        "rows": rows,
        "value": value,
        "errorMessage": error(error_text) if error_text else None,
    }


def radio_params(field: Any, current: str, *, error_text: str | None = None, **extra: Any) -> dict[str, Any]:
    return {
        "idPrefix": field.auto_id,
        "name": field.html_name,
        "classes": extra.get("classes", ""),
        "fieldset": {
            "legend": {
                "text": extra.get("legend") or field.label,
                "classes": extra.get("legend_classes", "govuk-fieldset__legend--s"),
                "isPageHeading": extra.get("is_page_heading", False),
            }
        },
        "hint": {"text": field.help_text},
        "items": [{"value": v, "text": t, "checked": v == current} for v, t in ANSWERS if v],
        "errorMessage": error(error_text) if error_text else None,
    }


@pytest.mark.parametrize("value", ["", "Her own words: <b>\"tea\"</b> & 'toast'", "Second answer"])
def test_a_text_area_is_the_macro_with_the_fields_label_hint_and_value(value):
    form = ExampleForm(initial={"notes": value})
    written = form_fields.textarea(form["notes"], rows=3, label_classes="govuk-label--s")
    expected = macro("textarea", textarea_params(form["notes"], value, rows=3, label_classes="govuk-label--s"))
    assert same(written) == same(expected)


def test_a_text_area_written_from_the_cache_carries_its_own_value():
    first = form_fields.textarea(ExampleForm(initial={"plain": "one"})["plain"])
    second = form_fields.textarea(ExampleForm(initial={"plain": "two <three>"})["plain"])
    assert ">one</textarea>" in first
    assert ">two &lt;three&gt;</textarea>" in second
    assert same(second) == same(macro("textarea", textarea_params(ExampleForm()["plain"], "two <three>")))


def test_a_text_area_with_an_error_shows_it_and_keeps_what_was_typed():
    form = ExampleForm({"notes": "x" * 21, "answer": "yes"})
    assert not form.is_valid()
    message = form.errors["notes"][0]
    written = form_fields.textarea(form["notes"], label="Other words", hint="Other hint")
    expected = macro(
        "textarea",
        textarea_params(form["notes"], "x" * 21, label="Other words", hint="Other hint", error_text=message),
    )
    assert same(written) == same(expected)
    assert "govuk-textarea--error" in written


def test_a_label_given_as_markup_is_not_escaped_and_the_same_words_as_text_are():
    field = ExampleForm()["plain"]
    as_markup = form_fields.textarea(field, label=Markup("<strong>Words</strong>"))
    as_text = form_fields.textarea(field, label="<strong>Words</strong>")
    assert "<strong>Words</strong></label>" in as_markup
    assert "&lt;strong&gt;Words&lt;/strong&gt;</label>" in as_text


@pytest.mark.parametrize("current", ["", "yes", "no", "unsure"])
def test_radios_offer_every_answer_but_the_empty_one_and_check_the_current(current):
    form = ExampleForm(initial={"answer": current} if current else {})
    written = form_fields.radios(form["answer"], classes="govuk-radios--small")
    assert same(written) == same(macro("radios", radio_params(form["answer"], current, classes="govuk-radios--small")))
    assert written.count(" checked") == (1 if current else 0)


def test_radios_as_the_page_heading_with_an_error():
    form = ExampleForm({"answer": "maybe"})
    assert not form.is_valid()
    message = form.errors["answer"][0]
    written = form_fields.radios(
        form["answer"], legend="Question", is_page_heading=True, legend_classes="govuk-fieldset__legend--l"
    )
    expected = radio_params(
        form["answer"],
        "maybe",
        error_text=message,
        legend="Question",
        is_page_heading=True,
        legend_classes="govuk-fieldset__legend--l",
    )
    assert same(written) == same(macro("radios", expected))


@pytest.mark.parametrize(("data", "ticked"), [({}, False), ({"fluctuates": "on"}, True)])
def test_a_checkbox_is_ticked_when_the_field_holds_yes(data, ticked):
    form = ExampleForm({"answer": "yes", **data})
    written = form_fields.checkbox(form["fluctuates"], hint="Over weeks")
    expected = {
        "idPrefix": "id_fluctuates",
        "name": "fluctuates",
        "classes": "govuk-checkboxes--small",
        "items": [{"value": "on", "text": "Needs fluctuate", "checked": ticked, "hint": {"text": "Over weeks"}}],
        "errorMessage": None,
    }
    assert same(written) == same(macro("checkboxes", expected))


def test_a_checkbox_initially_true_is_ticked():
    assert " checked" in form_fields.checkbox(ExampleForm(initial={"fluctuates": True})["fluctuates"])
    assert " checked" not in form_fields.checkbox(ExampleForm(initial={"fluctuates": False})["fluctuates"])


def test_checkboxes_tick_each_chosen_value():
    form = ExampleForm(initial={"services": ["meals", "lift"]})
    written = form_fields.checkboxes(form["services"], legend="Which services?")
    expected = {
        "idPrefix": "id_services",
        "name": "services",
        "fieldset": {"legend": {"text": "Which services?", "classes": "govuk-fieldset__legend--s"}},
        "hint": None,
        "items": [{"value": v, "text": t, "checked": v in ("meals", "lift")} for v, t in SERVICES],
        "errorMessage": None,
    }
    assert same(written) == same(macro("checkboxes", expected))


def test_the_error_summary_lists_the_forms_errors_then_each_fields_first_in_page_order():
    form = ExampleForm(
        {"notes": "x" * 21, "answer": "maybe", "started-day": "40", "started-month": "1", "started-year": "2020"}
    )
    form.add_error(None, "Someone else saved first")
    assert not form.is_valid()
    assert [item.get("href") for item in form_fields.error_items(form)] == [
        None,
        "#id_notes",
        "#id_answer",
        "#id_started-day",
    ]
    assert form_fields.error_items(form)[1]["text"] == form.errors["notes"][0]


def test_an_unbound_form_has_nothing_to_summarise():
    assert form_fields.error_items(ExampleForm()) == []


# Inputs and selects: the design system's own macros, their markup remembered by parameters.


def govuk(folder: str, name: str) -> Any:
    from django.template import engines

    env = engines["jinja2"].env
    return env.get_template(f"govuk_frontend_jinja/components/{folder}/macro.html").module.__dict__[name]


def page_field(call: str, form: forms.Form) -> str:
    from django.template import engines

    template = engines["jinja2"].env.from_string(
        '{% from "components/fields.html" import input, select %}{{ ' + call + " }}"
    )
    return str(template.render(form=form))


class FindForm(TandemForm):
    q = forms.CharField(label="Name, date of birth or NHS number", help_text="For example, Mary Smith", max_length=50)
    kind = forms.ChoiceField(label="Kind", choices=ANSWERS, required=False)


INPUT_VALUES = ['Smith & "Jones" <b>', "O'Brien", "   ", "0", "x" * 80, ""]


@pytest.mark.parametrize("value", INPUT_VALUES)
def test_an_input_is_what_the_macro_writes_for_any_value_typed(value):
    form = FindForm({"q": value})
    form.is_valid()
    field = form["q"]
    params = {
        "label": {"text": field.label, "classes": "", "isPageHeading": False},
        "hint": {"text": field.help_text},
        "id": field.auto_id,
        "name": field.html_name,
        "type": "text",
        "value": field.value() if field.value() is not None else "",
        "classes": "",
        "autocomplete": None,
        "spellcheck": None,
        "inputmode": None,
        "errorMessage": {"text": field.errors[0]} if field.errors else None,
    }
    direct = str(govuk("input", "govukInput")(params))

    assert same(page_field("input(form.q)", form)) == same(direct)
    assert same(page_field("input(form.q)", form)) == same(direct)  # and again, from what was remembered


def test_a_remembered_input_is_written_once_for_many_values():
    calls: list[dict[str, Any]] = []
    original = govuk("input", "govukInput")

    def counting(params: dict[str, Any]) -> Any:
        calls.append(params)
        return original(params)

    params = {"label": {"text": "Name"}, "id": "q-once", "name": "q", "value": "first"}
    first = form_fields.remembered(counting, params, "value")
    second = form_fields.remembered(counting, {**params, "value": "<second>"}, "value")

    assert len(calls) == 1
    assert 'value="first"' in first
    assert 'value="&lt;second&gt;"' in second
    assert second == str(original({**params, "value": "<second>"}))


def test_a_password_is_never_written_back():
    form = FindForm({"q": "secret-words"})
    html = page_field('input(form.q, type="password")', form)

    assert "secret-words" not in html


@pytest.mark.parametrize("chosen", ["", "yes", "no", "nonsense"])
def test_a_select_is_what_the_macro_writes_whichever_choice_is_made(chosen):
    form = FindForm({"q": "Mary", "kind": chosen})
    form.is_valid()
    field = form["kind"]
    current = str(field.value())
    params = {
        "label": {"text": field.label},
        "hint": None,
        "id": field.auto_id,
        "name": field.html_name,
        "items": [{"value": v, "text": t, "selected": str(v) == current} for v, t in ANSWERS],
        "classes": "",
        "errorMessage": {"text": field.errors[0]} if field.errors else None,
    }
    direct = str(govuk("select", "govukSelect")(params))

    assert same(page_field("select(form.kind)", form)) == same(direct)
    assert same(page_field("select(form.kind)", form)) == same(direct)


def test_true_and_one_are_remembered_apart():
    def written(params: dict[str, Any]) -> str:
        return repr(params["flag"])

    assert form_fields.remembered(written, {"flag": True}) == "True"
    assert form_fields.remembered(written, {"flag": 1}) == "1"
