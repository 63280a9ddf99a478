"""The front-door figures page for managers, and the list of contacts behind each figure.

The charts are inline SVG drawn on the server (no JavaScript): each has an accessible name, and
the table after it holds the same figures as its text alternative. Series differ by colour and by
pattern, and every colour has at least 3:1 contrast with the white page and the white gaps
between the parts of a bar.
"""

import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods
from markupsafe import Markup

from tandem.core import clock
from tandem.core.errors import DomainError, require
from tandem.core.forms import GovDateField, TandemForm
from tandem.core.presenters import pagination
from tandem.front_door import policies, selectors
from tandem.front_door.codes import ALTERNATIVES, PASSED_ON, OutcomeKind
from tandem.front_door.figures import (
    SHARES,
    Figure,
    FigureRow,
    Figures,
    Grain,
    Span,
    contacts_listed,
    figure_count,
    figure_make,
    figures_compute,
    span_between,
    span_default,
)
from tandem.identity.actors import StaffRequest

PAGE_SIZE = 50
NOT_ALLOWED = "Only team managers can see the front-door figures"

# Colours with at least 3:1 contrast against white (WCAG 2.2 1.4.11), from the GOV.UK palette
# and darkened neighbours: blue 5.2, green 6.2, red 4.9, purple 10.1, brown 5.5, teal 4.9,
# pink 4.5, grey 7.1, dark blue 12.4. Each series also has its own white pattern.
COLOURS = ("#1d70b8", "#00703c", "#d4351c", "#4c2c92", "#a8501a", "#1a7f72", "#d53880", "#505a5f", "#003078")
PATTERNS = ("solid", "stripes", "dots", "horizontal", "vertical", "cross", "back-stripes", "diagonal-cross", "rings")


class FiguresForm(TandemForm):
    grain = forms.ChoiceField(choices=Grain.choices, required=False, label="Show the figures")
    start = GovDateField(label="From", required=False, past_only=True)
    end = GovDateField(label="To", required=False, past_only=True)

    def span(self) -> Span | None:
        return self.cleaned_data.get("span") if hasattr(self, "cleaned_data") else None

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data
        try:
            data["span"] = span_between(
                data.get("grain") or Grain.WEEK, data.get("start"), data.get("end"), today=clock.today()
            )
        except DomainError as error:
            self.add_domain_error(error.field, error.message)
        return data


class DrillDownQuery(forms.Form):
    """What a link from the figures page says: the span, the column, the figure and the order."""

    grain = forms.ChoiceField(choices=Grain.choices, required=False)
    start = forms.DateField(required=False, error_messages={"invalid": "The start date must be a real date"})
    end = forms.DateField(required=False, error_messages={"invalid": "The end date must be a real date"})
    period = forms.DateField(required=False, error_messages={"invalid": "The period must be a real date"})
    figure = forms.CharField(required=False, max_length=60)
    sort = forms.ChoiceField(choices=[("-received", "Newest first"), ("received", "Oldest first")], required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data
        today = clock.today()
        try:
            span = span_between(data.get("grain") or Grain.WEEK, data.get("start"), data.get("end"), today=today)
            data["figure"] = figure_make(
                key=data.get("figure") or "received", span=span, period=data.get("period"), today=today
            )
        except DomainError as error:
            raise forms.ValidationError(error.message) from error
        return data

    def problems(self) -> list[str]:
        return [str(message) for messages in self.errors.values() for message in messages]


def _span_params(span: Span, today: date) -> dict[str, str]:
    return {"grain": span.grain, "start": span.first.isoformat(), "end": min(span.last_day, today).isoformat()}


def figure_links(span: Span, today: date) -> Callable[[str, date | None], str]:
    """`url(key, period)`: the list behind a figure (period None: the whole span)."""
    base = f"{reverse('front_door:figures_contacts')}?{urlencode(_span_params(span, today))}"

    def url(key: str, period: date | None = None) -> str:
        # Built by hand: a page has hundreds of these, and keys and dates need no escaping.
        return f"{base}&figure={key}" + (f"&period={period.isoformat()}" if period else "")

    return url


def figures_page_url(span: Span, today: date) -> str:
    end = min(span.last_day, today)
    params = {"grain": span.grain}
    for name, day in (("start", span.first), ("end", end)):
        params.update({f"{name}-day": str(day.day), f"{name}-month": str(day.month), f"{name}-year": str(day.year)})
    return f"{reverse('front_door:figures')}?{urlencode(params)}"


# Charts -----------------------------------------------------------------------------------------

WIDTH, HEIGHT = 720, 300
LEFT, RIGHT, TOP, BOTTOM = 52, 8, 12, 36


@dataclass(frozen=True)
class Series:
    label: str
    colour: str
    pattern: str
    pattern_id: str


@dataclass(frozen=True)
class Segment:
    x: float
    y: float
    width: float
    height: float
    series: Series
    title: str


@dataclass(frozen=True)
class Tick:
    y: float
    label: str


@dataclass(frozen=True)
class AxisLabel:
    x: float
    text: str


@dataclass(frozen=True)
class Chart:
    id: str
    title: str
    description: str
    series: list[Series]
    segments: list[Segment]
    ticks: list[Tick]
    labels: list[AxisLabel]
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    baseline: float = HEIGHT - BOTTOM


def _step(top: int) -> int:
    """A round gap between gridlines giving about five of them."""
    if top <= 5:
        return 1
    raw = top / 5
    magnitude = 10 ** math.floor(math.log10(raw))
    return int(next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw))


def _axis_label(span: Span, start: date) -> str:
    """Short: "3 Nov" for a week, "Nov 26" for a month (the table's headings have the year)."""
    return f"{start.day} {start:%b}" if span.grain == Grain.WEEK else f"{start:%b %y}"


def chart_build(*, chart_id: str, title: str, span: Span, rows: list[FigureRow]) -> Chart | None:
    """A stacked bar for each period, one part for each row with any contacts; None when all are zero."""
    shown = [row for row in rows if row.total]
    if not shown:
        return None
    series = [
        Series(row.label, COLOURS[i % len(COLOURS)], PATTERNS[i % len(PATTERNS)], f"{chart_id}-pattern-{i}")
        for i, row in enumerate(shown)
    ]
    periods = span.periods
    heights = [sum(row.counts[i] for row in shown) for i in range(len(periods))]
    step = _step(max(heights))
    top = max(step, math.ceil(max(heights) / step) * step)
    plot_width, plot_height = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_width / len(periods)
    bar = slot * 0.7
    scale = plot_height / top
    segments: list[Segment] = []
    for i, period in enumerate(periods):
        y = float(HEIGHT - BOTTOM)
        for row, kind in zip(shown, series, strict=True):
            value = row.counts[i]
            if not value:
                continue
            h = value * scale
            y -= h
            title = f"{span.words(period).capitalize()}: {row.label}, {value:,}"
            x = LEFT + slot * i + (slot - bar) / 2
            segments.append(Segment(round(x, 1), round(y, 1), round(bar, 1), round(h, 1), kind, title))
    every = math.ceil(len(periods) / 12)
    labels = [
        AxisLabel(round(LEFT + slot * i + slot / 2, 1), _axis_label(span, p))
        for i, p in enumerate(periods)
        if i % every == 0
    ]
    ticks = [Tick(round(HEIGHT - BOTTOM - v * scale, 1), f"{v:,}") for v in range(0, top + 1, step)]
    unit = "week" if span.grain == Grain.WEEK else "month"
    description = (
        f"Stacked bar chart: one bar for each {unit} of {span.describe()}, the tallest {max(heights):,} contacts. "
        "The same figures are in the table after the chart."
    )
    return Chart(chart_id, title, description, series, segments, ticks, labels)


# Tables -----------------------------------------------------------------------------------------


def _table(fig: Figures, rows: list[FigureRow], link: Any) -> dict[str, Any]:
    span = fig.span
    head = [{"text": "Figure"}]
    for period in span.periods:
        so_far = " (so far)" if span.period_end(period) >= fig.today else ""
        head.append({"text": span.label(period) + so_far, "format": "numeric"})
    head.append({"text": "Total", "format": "numeric"})
    body = []
    for row in rows:
        cells: list[dict[str, Any]] = [{"text": row.label}]
        for period, value in zip(span.periods, row.counts, strict=True):
            cells.append({"html": link(row.key, period, f"{value:,}"), "format": "numeric"})
        cells.append({"html": link(row.key, None, f"{row.total:,}"), "format": "numeric"})
        body.append(cells)
    return {"head": head, "rows": body}


def _measures_table(fig: Figures, link: Any) -> dict[str, Any]:
    table = _table(fig, [], link)
    order = ["received", "closed", "resolved", "with_outcome", "alternatives", "linked", "repeat_30", "repeat_90"]
    for key in order:
        row = fig.measure(key)
        table["rows"] += _table(fig, [row], link)["rows"]
        if key in SHARES:
            share = fig.share(key)
            cells: list[dict[str, Any]] = [{"text": share.label}]
            for period, value in zip(fig.span.periods, share.shares, strict=True):
                cells.append({"html": link(share.key, period, value.percent), "format": "numeric"})
            cells.append({"html": link(share.key, None, share.total.percent), "format": "numeric"})
            table["rows"].append(cells)
    return table


def _link(href: str, text: str) -> str:
    # A table cell's link takes its meaning from the cell's row and column headings (WCAG 2.4.4).
    return str(Markup('<a class="govuk-link" href="{}">{}</a>').format(href, text))


@require_http_methods(["GET"])
def figures(request: StaffRequest) -> HttpResponse:
    require(policies.can_see_figures(request.user), NOT_ALLOWED)
    today = clock.today()
    default = span_default(Grain.WEEK, today)
    data = request.GET.copy() if request.GET else None
    if data is not None and not data.get("grain"):
        data["grain"] = Grain.WEEK
    form = FiguresForm(data, initial={"grain": Grain.WEEK, "start": default.first, "end": today})
    if form.is_bound and not form.is_valid():
        return render(request, "front_door/figures/figures.html", {"form": form, "fig": None}, status=400)
    span = form.span() or default
    fig = figures_compute(span=span, today=today)

    url_for = figure_links(span, today)

    def link(key: str, period: date | None, text: str) -> str:
        return _link(url_for(key, period), text)

    context = {
        "form": form,
        "fig": fig,
        "url_for": url_for,
        "grain_word": "week" if span.grain == Grain.WEEK else "month",
        "tables": {
            "measures": _measures_table(fig, link),
            "source": _table(fig, fig.by_source, link),
            "route": _table(fig, fig.by_route, link),
            "outcome": _table(fig, fig.by_outcome, link),
        },
        "charts": {
            "source": chart_build(
                chart_id="chart-source", title="Contacts by who made contact", span=span, rows=fig.by_source
            ),
            "route": chart_build(
                chart_id="chart-route", title="Contacts by how they came", span=span, rows=fig.by_route
            ),
            "outcome": chart_build(
                chart_id="chart-outcome", title="Outcomes of contacts", span=span, rows=fig.by_outcome
            ),
        },
        "alternative_labels": [OutcomeKind(k).label for k in OutcomeKind.values if k in ALTERNATIVES],
        "passed_on_labels": [OutcomeKind(k).label for k in OutcomeKind.values if k in PASSED_ON],
    }
    return render(request, "front_door/figures/figures.html", context)


@require_http_methods(["GET"])
def figures_contacts(request: StaffRequest) -> HttpResponse:
    require(policies.can_see_figures(request.user), NOT_ALLOWED)
    query = DrillDownQuery(request.GET)
    if not query.is_valid():
        return render(
            request,
            "front_door/figures/figures_contacts.html",
            {"problems": query.problems(), "back": reverse("front_door:figures")},
            status=400,
        )
    figure: Figure = query.cleaned_data["figure"]
    oldest_first = query.cleaned_data.get("sort") == "received"
    visible = selectors.contacts_visible(request.user)
    contacts = contacts_listed(figure=figure, among=visible, oldest_first=oldest_first)
    page = Paginator(contacts, PAGE_SIZE).get_page(request.GET.get("page"))
    counted = figure_count(figure=figure)
    params = request.GET.copy()
    params.pop("page", None)
    params["sort"] = "-received" if oldest_first else "received"
    rows = [
        {
            "contact": contact,
            "person": contact.person.full_name if contact.person else "Not yet linked",
            "outcomes": "; ".join(
                OutcomeKind(kind).label for kind in dict.fromkeys(o.kind for o in contact.outcomes.all())
            )
            or "None yet",
        }
        for contact in page.object_list
    ]
    return render(
        request,
        "front_door/figures/figures_contacts.html",
        {
            "figure": figure,
            "words": figure.describe(),
            "page": page,
            "rows": rows,
            "pagination": pagination(page, request),
            "counted": counted,
            "hidden": counted - page.paginator.count,
            "oldest_first": oldest_first,
            "resort": f"?{params.urlencode()}",
            "back": figures_page_url(figure.span, figure.today),
        },
    )
