"""Django form fields as GOV.UK radios, checkboxes and text areas, for `components/fields.html`.

Pages import `textarea`, `radios`, `checkbox`, `checkboxes` and `error_summary` from that
template as they always have; it hands them these functions, which read the bound field (its
label, help text, value and first error) and write the component through `components.py`.

They were Jinja macros building the component's parameters, and on a long form (an assessment
asks fifty-odd questions) the page spent most of its time in them. Now a field without an error
is written once for its label, hint and answer and then reused: the markup is a pure function of
those, so it is cached (a text area's around its value, which is only escaped and put in). A
field with an error is written afresh each time. `tests/test_form_fields.py` holds each one to
the design system's own macro given the parameters the field stands for.
"""

from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from django.forms import BoundField, Form
from django.utils.functional import Promise
from markupsafe import Markup, escape

from tandem.core import components

__all__ = ["checkbox", "checkboxes", "error_items", "radios", "remembered", "textarea"]

# What a checkbox of a BooleanField holds when ticked: the form's initial True, or what a browser sent.
_TICKED = (True, "on", "true")
# Stands in for a text area's value while its markup is cached: escaping leaves it as it is.
_VALUE = "\x00value\x00"
# Distinct questions of every form, with their distinct answers for radios: a few thousand at most.
_CACHED = 4096


def _words(text: Any) -> dict[str, Any] | None:
    return {"text": text} if text else None


def _as_text(value: Any) -> str:
    """A value as Jinja's `string` filter writes it (so None is "None", never "")."""
    return str(value)


def _choices(field: BoundField) -> tuple[tuple[Any, Any], ...]:
    return tuple(field.field.choices)  # type: ignore[attr-defined]  # a ChoiceField's


def textarea(
    field: BoundField, label: Any = None, hint: Any = None, *, rows: int = 5, label_classes: str = ""
) -> Markup:
    label, hint, value = label or field.label, hint or field.help_text, field.value() or ""
    errors = field.errors
    if errors:
        return _textarea(
            ident=field.auto_id,
            name=field.html_name,
            label=label,
            label_classes=label_classes,
            hint=hint,
            rows=rows,
            value=value,
            error=errors[0],
        )
    head, tail = _textarea_around(
        ident=field.auto_id, name=field.html_name, label=label, label_classes=label_classes, hint=hint, rows=rows
    )
    return Markup(head + str(escape(value)) + tail)  # noqa: S704 - cached markup around the escaped value


def _textarea(
    *, ident: str, name: str, label: Any, label_classes: str, hint: Any, rows: int, value: Any, error: Any
) -> Markup:
    return components.textarea(
        {
            "label": {"text": label, "classes": label_classes},
            "hint": _words(hint),
            "id": ident,
            "name": name,
            "rows": rows,
            "value": value,
            "errorMessage": _words(error),
        }
    )


@lru_cache(maxsize=_CACHED, typed=True)
def _textarea_around(*, ident: str, name: str, label: Any, label_classes: str, hint: Any, rows: int) -> tuple[str, str]:
    written = _textarea(
        ident=ident, name=name, label=label, label_classes=label_classes, hint=hint, rows=rows, value=_VALUE, error=None
    )
    head, _, tail = str(written).partition(_VALUE)
    return head, tail


def radios(
    field: BoundField,
    legend: Any = None,
    hint: Any = None,
    *,
    classes: str = "",
    legend_classes: str = "govuk-fieldset__legend--s",
    is_page_heading: bool = False,
    item_hints: Mapping[str, str] | None = None,
) -> Markup:
    """One question with one answer; the field's empty choice ("choose one") is not offered as a button.

    `item_hints` puts a hint under a choice (by its value), so a page explains each choice in one
    place rather than listing the choices twice.
    """
    errors = field.errors
    return (_radios if errors else _radios_cached)(
        ident=field.auto_id,
        name=field.html_name,
        choices=_choices(field),
        current=_as_text(field.value()),
        legend=legend or field.label,
        hint=hint or field.help_text,
        classes=classes,
        legend_classes=legend_classes,
        is_page_heading=is_page_heading,
        error=errors[0] if errors else None,
        item_hints=tuple(sorted((item_hints or {}).items())),
    )


def _radios(
    *,
    ident: str,
    name: str,
    choices: tuple[tuple[Any, Any], ...],
    current: str,
    legend: Any,
    hint: Any,
    classes: str,
    legend_classes: str,
    is_page_heading: bool,
    error: Any,
    item_hints: tuple[tuple[str, str], ...] = (),
) -> Markup:
    hints = dict(item_hints)
    return components.radios(
        {
            "idPrefix": ident,
            "name": name,
            "classes": classes,
            "fieldset": {"legend": {"text": legend, "classes": legend_classes, "isPageHeading": is_page_heading}},
            "hint": _words(hint),
            "items": [
                {
                    "value": value,
                    "text": text,
                    "checked": _as_text(value) == current,
                    "hint": _words(hints.get(_as_text(value))),
                }
                for value, text in choices
                if value != ""
            ],
            "errorMessage": _words(error),
        }
    )


_radios_cached = lru_cache(maxsize=_CACHED, typed=True)(_radios)


def checkbox(field: BoundField, label: Any = None, hint: Any = None) -> Markup:
    """A yes-or-no field as one small checkbox, its label the question."""
    errors = field.errors
    return (_checkbox if errors else _checkbox_cached)(
        ident=field.auto_id,
        name=field.html_name,
        label=label or field.label,
        hint=hint,
        checked=field.value() in _TICKED,
        error=errors[0] if errors else None,
    )


def _checkbox(*, ident: str, name: str, label: Any, hint: Any, checked: bool, error: Any) -> Markup:
    return components.checkboxes(
        {
            "idPrefix": ident,
            "name": name,
            "classes": "govuk-checkboxes--small",
            "items": [{"value": "on", "text": label, "checked": checked, "hint": _words(hint)}],
            "errorMessage": _words(error),
        }
    )


_checkbox_cached = lru_cache(maxsize=_CACHED, typed=True)(_checkbox)


def checkboxes(field: BoundField, legend: Any = None, hint: Any = None) -> Markup:
    """A multiple-choice field: a checkbox for each choice, in a fieldset."""
    current = [_as_text(value) for value in field.value() or []]
    errors = field.errors
    return components.checkboxes(
        {
            "idPrefix": field.auto_id,
            "name": field.html_name,
            "fieldset": {"legend": {"text": legend or field.label, "classes": "govuk-fieldset__legend--s"}},
            "hint": _words(hint or field.help_text),
            "items": [
                {"value": value, "text": text, "checked": _as_text(value) in current} for value, text in _choices(field)
            ],
            "errorMessage": _words(errors[0] if errors else None),
        }
    )


def error_items(form: Form) -> list[dict[str, Any]]:
    """The error summary's list: the form's own errors, then each field's first, in the page's
    order, linked to the field (a date to its day box)."""
    items: list[dict[str, Any]] = [{"text": error} for error in form.non_field_errors()]
    errors = form.errors
    for name in form.fields:
        if name in errors:
            field = form[name]
            anchor = field.auto_id + ("-day" if type(field.field.widget).__name__ == "DateWidget" else "")
            items.append({"text": errors[name][0], "href": f"#{anchor}"})
    return items


def _frozen(value: Any) -> Any:
    """Parameters as a key: dicts and lists become tuples (in their order), lazy text its words."""
    if isinstance(value, dict):
        return ("dict", *((key, _frozen(item)) for key, item in value.items()))
    if isinstance(value, list | tuple):
        return ("list", *(_frozen(item) for item in value))
    if isinstance(value, Promise):
        return str(value)
    if isinstance(value, bool | int | float):
        return (type(value), value)  # True, 1 and 1.0 are equal keys, but a macro may write them apart
    return value


# Markup the design system's macros wrote, by macro and frozen parameters; emptied when full.
_WRITTEN: dict[tuple[Any, Any], Markup] = {}


def _written(macro: Any, params: dict[str, Any]) -> Markup:
    key = (macro, _frozen(params))
    try:
        found = _WRITTEN.get(key)
    except TypeError:  # a parameter that cannot be a key: written afresh
        return Markup(macro(params))  # noqa: S704 - the macro escaped what it wrote
    if found is None:
        if len(_WRITTEN) >= _CACHED:
            _WRITTEN.clear()
        found = _WRITTEN[key] = Markup(macro(params))  # noqa: S704 - the macro escaped what it wrote
    return found


def remembered(macro: Any, params: dict[str, Any], value_key: str = "") -> Markup:
    """What the design system's `macro` writes for `params`, written once and then reused.

    The GOV.UK macros are pure functions of their parameters, and the input and select of a
    page's form (a search box, the directory's category, distance and day) were a tenth of those
    pages' work under load. With `value_key`, that parameter (a text box's value, different each
    time) stands aside while the markup is cached, and is escaped and put in afterwards, as the
    macro would have written it; an empty value, which the macro leaves out, is cached as it is.
    """
    value = params.get(value_key) if value_key else None
    if value:
        shown = {**params, value_key: _VALUE}
        written = str(_written(macro, shown))
        return Markup(written.replace(_VALUE, str(escape(value))))  # noqa: S704 - escaped as the macro does
    return _written(macro, params)
