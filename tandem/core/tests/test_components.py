"""The Python form components write what the design system's own macros write."""

import re
from typing import Any

import pytest
from django.template import engines
from markupsafe import Markup

from tandem.core import components

MACROS = {
    "radios": ("radios", "govukRadios"),
    "checkboxes": ("checkboxes", "govukCheckboxes"),
    "textarea": ("textarea", "govukTextarea"),
    "table": ("table", "govukTable"),
}


def macro(kind: str, params: dict[str, Any]) -> str:
    folder, name = MACROS[kind]
    env = engines["jinja2"].env
    template = env.from_string(
        f'{{% from "govuk_frontend_jinja/components/{folder}/macro.html" import {name} %}}{{{{ {name}(params) }}}}'
    )
    return str(template.render(params=params))


def same(html: str) -> str:
    """Markup as a browser reads it: whitespace between tags and runs of spaces do not count."""
    html = re.sub(r"\s+", " ", html)
    html = re.sub(r">\s+", ">", html)
    html = re.sub(r"\s+<", "<", html)
    return re.sub(r'\s+"', '"', html).strip()


def items(count: int = 3, **extra: Any) -> list[dict[str, Any]]:
    return [{"value": f"v{n}", "text": f"Choice <{n}> & more", **extra} for n in range(1, count + 1)]


CASES: list[tuple[str, dict[str, Any]]] = [
    ("radios", {"idPrefix": "id_a", "name": "a", "items": items()}),
    (
        "radios",
        {
            "idPrefix": "id_outcome_a",
            "name": "outcome_a",
            "classes": "govuk-radios--small",
            "fieldset": {"legend": {"text": "Can they <eat>?", "classes": "govuk-fieldset__legend--s"}},
            "hint": {"text": "Think about a normal week"},
            "items": [*items(2), {"value": "v3", "text": "Third", "checked": True}],
            "errorMessage": {"text": "Select an answer"},
        },
    ),
    (
        "radios",
        {
            "name": "b",
            "fieldset": {
                "legend": {"text": "Page question", "isPageHeading": True, "classes": "govuk-fieldset__legend--l"}
            },
            "items": [
                {"value": "x", "text": "X", "hint": {"text": "About X"}},
                {"divider": "or"},
                {"value": "y", "html": Markup("<b>Y</b>")},
            ],
            "value": "y",
        },
    ),
    (
        "checkboxes",
        {"idPrefix": "id_c", "name": "c", "classes": "govuk-checkboxes--small", "items": items(1, checked=True)},
    ),
    (
        "checkboxes",
        {
            "idPrefix": "id_d",
            "name": "d",
            "hint": {"text": "Select all that apply"},
            "errorMessage": {"text": "Select at least one"},
            "items": [{"value": "on", "text": "Fluctuates", "hint": {"text": "Over weeks"}}, *items(2)],
        },
    ),
    (
        "checkboxes",
        {
            "idPrefix": "id_e",
            "name": "e",
            "fieldset": {"legend": {"text": "Types of abuse"}},
            "hint": {"text": "All that apply"},
            "items": items(4),
            "values": ["v2", "v4"],
        },
    ),
    ("textarea", {"id": "id_f", "name": "f", "label": {"text": "Your view"}, "value": "It's <fine> & well"}),
    (
        "textarea",
        {
            "id": "id_g",
            "name": "g",
            "rows": 3,
            "label": {"text": "In their own words", "classes": "govuk-label--s"},
            "hint": {"text": "What they said"},
            "errorMessage": {"text": "Too long"},
            "value": "",
            "spellcheck": False,
        },
    ),
    ("textarea", {"name": "h", "label": {"text": "Heading", "isPageHeading": True}, "value": ""}),
    ("table", {"rows": [[{"text": "a"}, {"text": "b"}]]}),
    (
        "table",
        {
            "caption": "People <waiting> & more",
            "captionClasses": "govuk-visually-hidden",
            "classes": "govuk-table--small-text-until-tablet",
            "attributes": {"id": "waiting", "data-sortable": True},
            "head": [
                {"text": "Name"},
                {
                    "html": Markup('<a href="?sort=age">Days</a>'),
                    "format": "numeric",
                    "attributes": {"aria-sort": "none"},
                },
                {"text": "Status", "classes": "app-narrow", "colspan": 2},
            ],
            "rows": [
                [
                    {"html": Markup("<a href='/p/1'>Ann &amp; Bo</a>")},
                    {"text": 12, "format": "numeric"},
                    {"text": "<b>not bold</b>", "classes": "app-tag-cell", "rowspan": 2},
                    {"text": "x", "colspan": 1},
                ],
                [],
                [{"text": ""}, {"html": ""}, {}],
            ],
        },
    ),
    (
        "table",
        {
            "firstCellIsHeader": True,
            "head": [{"text": "Figure"}, {"text": "Count", "format": "numeric"}],
            "rows": [[{"text": "Concerns", "classes": "wide"}, {"text": "3", "format": "numeric"}]],
        },
    ),
]


@pytest.mark.parametrize(("kind", "params"), CASES)
def test_the_python_component_writes_what_the_macro_writes(kind, params):
    assert same(str(getattr(components, kind)(params))) == same(macro(kind, params))


def test_what_the_field_macros_never_pass_is_refused_not_dropped():
    with pytest.raises(ValueError, match="attributes"):
        components.radios({"name": "a", "items": items(), "attributes": {"data-x": "1"}})
    with pytest.raises(ValueError, match="conditional"):
        components.checkboxes({"name": "a", "items": [{"value": "x", "text": "X", "conditional": {"html": "<p>"}}]})


def test_the_table_refuses_optional_attributes_rather_than_dropping_them():
    with pytest.raises(ValueError, match="optional"):
        components.table({"attributes": {"hidden": {"value": True, "optional": True}}, "rows": []})


def test_an_empty_text_area_is_empty_where_the_macro_would_print_none():
    assert "None" not in str(components.textarea({"name": "h", "label": {"text": "Notes"}, "value": None}))


def test_every_page_table_scrolls_in_its_own_container_named_by_its_caption():
    params = {"caption": "Reviews <due>", "firstCellIsHeader": True, "rows": [[{"text": "a"}, {"text": "1"}]]}

    html = str(engines["jinja2"].env.from_string("{{ govukTable(params) }}").render(params=params))

    assert html == (
        '<div class="tandem-table-scroll tandem-table-scroll--row-headings" role="region"'
        f' aria-label="Reviews &lt;due&gt;" tabindex="0">{components.table(params)}</div>'
    )


def test_a_table_without_row_headings_or_a_caption_is_still_a_named_region():
    html = str(components.scrolling_table({"rows": [[{"text": "a"}]]}))

    assert html.startswith('<div class="tandem-table-scroll" role="region" aria-label="Table" tabindex="0"><table')
