"""GOV.UK Frontend's form components rendered in Python, for the field macros in
`jinja2/components/fields.html`, and its table, for every list page (`govukTable`).

The design system's own Jinja macros (govuk-frontend-jinja) are the reference, and they stay
in use everywhere else. But each radio button or checkbox is several nested macro calls, and a
long form (an assessment has ten outcomes, each with its radios, its checkbox and three text
areas) spent most of its time in them: about 80 ms of a 90 ms page. These functions write the
same markup for the parameters the field macros pass (label, hint, error message, fieldset and
legend, items with hints; no `attributes`, `formGroup` or conditional reveals, which the field
macros never use), and `tests/test_components.py` holds them to the macros' output.
"""

from collections.abc import Mapping
from typing import Any

from markupsafe import Markup, escape

__all__ = ["checkboxes", "radios", "scrolling_table", "table", "textarea"]

Params = Mapping[str, Any]


def _text(part: Params | None) -> str:
    """A component's `html` (trusted) or `text` (escaped), as markup text."""
    if not part:
        return ""
    if part.get("html"):
        # `html` is markup by contract, as the design system's macros treat it (`| safe`).
        return str(part["html"]).strip()
    return str(escape(part.get("text") or ""))


def _e(value: Any) -> str:
    """One attribute value or text, escaped (f-strings below: markupsafe's format is slow)."""
    return str(escape(value))


def _classes(base: str, extra: str | None) -> str:
    return _e(f"{base} {extra}" if extra else base)


def label(params: Params) -> Markup:
    if not (params.get("html") or params.get("text")):
        return Markup("")
    target = f' for="{_e(params["for"])}"' if params.get("for") else ""
    html = f'<label class="{_classes("govuk-label", params.get("classes"))}"{target}>{_text(params)}</label>'
    if params.get("isPageHeading"):
        html = f'<h1 class="govuk-label-wrapper">{html}</h1>'
    return Markup(html)  # noqa: S704 (built from escaped parts)


def hint(params: Params) -> Markup:
    ident = f' id="{_e(params["id"])}"' if params.get("id") else ""
    return Markup(f'<div{ident} class="{_classes("govuk-hint", params.get("classes"))}">{_text(params)}</div>')  # noqa: S704


def error_message(params: Params) -> Markup:
    ident = f' id="{_e(params["id"])}"' if params.get("id") else ""
    hidden = params.get("visuallyHiddenText", "Error")
    prefix = f'<span class="govuk-visually-hidden">{_e(hidden)}:</span> ' if hidden else ""
    classes = _classes("govuk-error-message", params.get("classes"))
    return Markup(f'<p{ident} class="{classes}">{prefix}{_text(params)}</p>')  # noqa: S704


def fieldset(params: Params, inner: str) -> Markup:
    described = f' aria-describedby="{_e(params["describedBy"])}"' if params.get("describedBy") else ""
    legend = params.get("legend") or {}
    legend_html = ""
    if legend.get("html") or legend.get("text"):
        words = _text(legend)
        if legend.get("isPageHeading"):
            words = f'<h1 class="govuk-fieldset__heading">{words}</h1>'
        legend_html = f'<legend class="{_classes("govuk-fieldset__legend", legend.get("classes"))}">{words}</legend>'
    classes = _classes("govuk-fieldset", params.get("classes"))
    return Markup(f'<fieldset class="{classes}"{described}>{legend_html}{inner}</fieldset>')  # noqa: S704


def _supported(params: Params) -> None:
    for key in ("attributes", "formGroup"):
        if params.get(key):
            raise ValueError(f"The Python components do not render `{key}`: use the govuk-frontend-jinja macro")


def _choices(params: Params, kind: str) -> Markup:
    """Radios or checkboxes: the whole form group, as the design system's macros write it."""
    _supported(params)
    prefix = str(params.get("idPrefix") or params["name"])
    has_fieldset = bool(params.get("fieldset"))
    described = (params.get("fieldset") or {}).get("describedBy") or ""
    if kind == "checkboxes":
        described = described or params.get("describedBy") or ""
    parts: list[str] = []
    if params.get("hint"):
        hint_id = f"{prefix}-hint"
        described = f"{described} {hint_id}" if described else hint_id
        parts.append(str(hint({**params["hint"], "id": hint_id})))
    if params.get("errorMessage"):
        error_id = f"{prefix}-error"
        described = f"{described} {error_id}" if described else error_id
        parts.append(str(error_message({**params["errorMessage"], "id": error_id})))
    chosen = params.get("value") if kind == "radios" else params.get("values")
    outer = described if not has_fieldset else ""
    items = "".join(
        _item(params, item, index, kind=kind, prefix=prefix, chosen=chosen, outer=outer)
        for index, item in enumerate(params.get("items") or [], start=1)
        if item
    )
    inner = (
        "".join(parts)
        + f'<div class="{_classes(f"govuk-{kind}", params.get("classes"))}" data-module="govuk-{kind}">{items}</div>'
    )
    if has_fieldset:
        inner = str(fieldset({**params["fieldset"], "describedBy": described}, inner))
    error_class = " govuk-form-group--error" if params.get("errorMessage") else ""
    return Markup(f'<div class="govuk-form-group{error_class}">{inner}</div>')  # noqa: S704


def _item(params: Params, item: Params, index: int, *, kind: str, prefix: str, chosen: Any, outer: str) -> str:
    """One radio button or checkbox with its label and hint."""
    if item.get("conditional"):
        raise ValueError("The Python components do not render conditional reveals")
    if item.get("divider"):
        return f'<div class="govuk-{kind}__divider">{_e(item["divider"])}</div>'
    item_id = _e(item.get("id") or (prefix + (f"-{index}" if index > 1 else "")))
    checked = item.get("checked")
    if checked is None:
        value = item.get("value")
        checked = bool(chosen) and (value == chosen if kind == "radios" else value in (chosen or ()))
    item_hint = (
        item.get("hint") if item.get("hint") and (item["hint"].get("text") or item["hint"].get("html")) else None
    )
    hint_id = f"{item_id}-item-hint"
    if kind == "radios":
        described = hint_id if item_hint else ""
        name = params["name"]
    else:
        described = " ".join(p for p in (outer, hint_id if item_hint else "") if p)
        name = item.get("name") or params["name"]
    attributes = " checked" if checked else ""
    if item.get("disabled"):
        attributes += " disabled"
    if kind == "checkboxes" and item.get("behaviour"):
        attributes += f' data-behaviour="{_e(item["behaviour"])}"'
    if described:
        attributes += f' aria-describedby="{_e(described)}"'
    extra = item["label"].get("classes") if item.get("label") else None
    kind_of_input = "radio" if kind == "radios" else "checkbox"
    body = (
        f'<input class="govuk-{kind}__input" id="{item_id}" name="{_e(name)}" type="{kind_of_input}"'
        f' value="{_e(item.get("value", ""))}"{attributes}>'
    ) + str(
        label(
            {
                "html": item.get("html"),
                "text": item.get("text"),
                "classes": f"govuk-{kind}__label" + (f" {extra}" if extra else ""),
                "for": item_id,
            }
        )
    )
    if item_hint:
        body += str(
            hint(
                {
                    "id": hint_id,
                    "classes": f"govuk-{kind}__hint" + (f" {item_hint['classes']}" if item_hint.get("classes") else ""),
                    "html": item_hint.get("html"),
                    "text": item_hint.get("text"),
                }
            )
        )
    return f'<div class="govuk-{kind}__item">{body}</div>'


def radios(params: Params) -> Markup:
    return _choices(params, "radios")


def checkboxes(params: Params) -> Markup:
    return _choices(params, "checkboxes")


def textarea(params: Params) -> Markup:
    _supported(params)
    ident = _e(params.get("id") or params["name"])
    described = params.get("describedBy") or ""
    parts = [str(label({**(params.get("label") or {}), "for": ident}))]
    if params.get("hint"):
        hint_id = f"{ident}-hint"
        described = f"{described} {hint_id}" if described else hint_id
        parts.append(str(hint({**params["hint"], "id": hint_id})))
    if params.get("errorMessage"):
        error_id = f"{ident}-error"
        described = f"{described} {error_id}" if described else error_id
        parts.append(str(error_message({**params["errorMessage"], "id": error_id})))
    classes = "govuk-textarea" + (" govuk-textarea--error" if params.get("errorMessage") else "")
    extra = ""
    spellcheck = params.get("spellcheck")
    if spellcheck is True or spellcheck is False:
        extra += f' spellcheck="{str(spellcheck).lower()}"'
    if params.get("disabled"):
        extra += " disabled"
    if described:
        extra += f' aria-describedby="{_e(described)}"'
    if params.get("autocomplete"):
        extra += f' autocomplete="{_e(params["autocomplete"])}"'
    value = params.get("value")
    parts.append(
        f'<textarea class="{_classes(classes, params.get("classes"))}" id="{ident}" name="{_e(params["name"])}"'
        f' rows="{_e(params.get("rows") or 5)}"{extra}>{_e("" if value is None else value)}</textarea>'
    )
    error_class = " govuk-form-group--error" if params.get("errorMessage") else ""
    return Markup(f'<div class="govuk-form-group{error_class}">{"".join(parts)}</div>')  # noqa: S704


def _attributes(attributes: Any) -> str:
    """`govukAttributes` for plain name/value pairs (booleans written as "true" or "false")."""
    if not attributes:
        return ""
    if isinstance(attributes, str):
        return attributes
    html = ""
    for name, value in attributes.items():
        if isinstance(value, Mapping):
            raise ValueError("The Python table does not render optional attributes: use the govuk-frontend-jinja macro")
        shown = str(value).lower() if isinstance(value, bool) else value
        html += f' {_e(name)}="{_e(shown)}"'
    return html


def _cell_text(cell: Params) -> str:
    if cell.get("html"):
        return str(cell["html"])
    return _e(cell.get("text", ""))


def _spans(cell: Params) -> str:
    spans = f' colspan="{_e(cell["colspan"])}"' if cell.get("colspan") else ""
    if cell.get("rowspan"):
        spans += f' rowspan="{_e(cell["rowspan"])}"'
    return spans + _attributes(cell.get("attributes"))


def table(params: Params) -> Markup:
    """The design system's table, as its `govukTable` macro writes it, for any parameters."""
    parts = [f'<table class="{_classes("govuk-table", params.get("classes"))}"{_attributes(params.get("attributes"))}>']
    if params.get("caption"):
        classes = _classes("govuk-table__caption", params.get("captionClasses"))
        parts.append(f'<caption class="{classes}">{_e(params["caption"])}</caption>')
    if params.get("head"):
        parts.append('<thead class="govuk-table__head"><tr class="govuk-table__row">')
        for item in params["head"]:
            classes = "govuk-table__header"
            if item.get("format"):
                classes += f" govuk-table__header--{item['format']}"
            if item.get("classes"):
                classes += f" {item['classes']}"
            parts.append(f'<th scope="col" class="{_e(classes)}"{_spans(item)}>{_cell_text(item)}</th>')
        parts.append("</tr></thead>")
    parts.append('<tbody class="govuk-table__body">')
    header_first = bool(params.get("firstCellIsHeader"))
    for row in params.get("rows") or ():
        if not row:
            continue
        parts.append('<tr class="govuk-table__row">')
        for index, cell in enumerate(row):
            if index == 0 and header_first:
                classes = _classes("govuk-table__header", cell.get("classes"))
                parts.append(f'<th scope="row" class="{classes}"{_spans(cell)}>{_cell_text(cell)}</th>')
                continue
            classes = "govuk-table__cell"
            if cell.get("format"):
                classes += f" govuk-table__cell--{cell['format']}"
            if cell.get("classes"):
                classes += f" {cell['classes']}"
            parts.append(f'<td class="{_e(classes)}"{_spans(cell)}>{_cell_text(cell)}</td>')
        parts.append("</tr>")
    parts.append("</tbody></table>")
    return Markup("".join(parts))  # noqa: S704 (built from escaped parts and trusted `html`)


def scrolling_table(params: Params) -> Markup:
    """The design system's table in its own container, which scrolls sideways when the table is
    wider than the screen (a phone), so the page never does (WCAG 2.2 1.4.10 Reflow). The container
    is a region named by the table's caption that takes focus, so a keyboard can scroll it too
    (2.1.1). With row headings (`firstCellIsHeader`) the first column stays in view as it scrolls;
    a table of figures whose last column is a total (`classes` with `tandem-table--totals`) keeps
    that column in view too."""
    classes = "tandem-table-scroll"
    if params.get("firstCellIsHeader"):
        classes += " tandem-table-scroll--row-headings"
    label = str(params.get("caption") or "Table")
    return Markup('<div class="{}" role="region" aria-label="{}" tabindex="0">{}</div>').format(
        classes, label, table(params)
    )
