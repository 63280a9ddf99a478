"""Every page the accessibility check visits reads well: the wording defects once seen on staff
pages stay gone. Each page is fetched as the member of staff who may see it, in the same world as
the accessibility check (tests/journeys/test_accessibility.py), and its words checked:

- a page title names each part once (the same part twice was seen);
- a date's example is 1948 only where the date asked for is a date of birth (a review date
  "for example, 27 3 1948" was seen);
- nothing is "overdue by 0 working days";
- no label runs a full stop into a colon ("outcome.: Partly achieved");
- one "don't know" answer at most in a question (three side by side were seen);
- sentences are separated ("contacts.If you think" was seen on a refusal).
"""

# pytest hands a test its fixtures as positional arguments, however many it needs.

import re
from html import unescape

import pytest
from django.test import Client

from tests.journeys.test_accessibility import PAGES, world  # noqa: F401  # the accessibility world

# Pages reached by a GET as first shown; the rest are a page after a click, checked in the browser.
SHOWN = [visit for visit in PAGES if visit.then is None and visit.variant != "duplicates"]

_TAGS = re.compile(r"<[^>]+>")
_SCRIPT = re.compile(r"<(script|style)\b.*?</\1>", re.S)
_DONT_KNOW = re.compile(r"\b(don.t know|do not know|not known|not sure|unknown)\b", re.I)


def _text(html: str) -> str:
    return " ".join(unescape(_TAGS.sub(" ", _SCRIPT.sub(" ", html))).split())


def wording_problems(html: str) -> list[str]:
    """The wording defects on one page, in words (empty when it reads well)."""
    problems = []
    title = re.search(r"<title>(.*?)</title>", html, re.S)
    if title:
        parts = [p.strip() for p in unescape(title[1]).removeprefix("Error: ").split(" – ")]
        if len(parts) != len(set(parts)):
            problems.append(f"the title repeats itself: {unescape(title[1]).strip()}")
    for fieldset in re.findall(r"<fieldset\b.*?</fieldset>", html, re.S):
        legend = re.search(r"<legend\b.*?</legend>", fieldset, re.S)
        asked = _text(legend[0]) if legend else ""
        if "1948" in fieldset and "birth" not in asked.lower():
            problems.append(f"a 1948 example for “{asked}”")
        answers = re.findall(
            r'<label class="govuk-label govuk-(?:radios|checkboxes)__label"[^>]*>(.*?)</label>', fieldset, re.S
        )
        if sum(1 for a in answers if _DONT_KNOW.search(_text(a))) > 1:
            problems.append(f"more than one “don't know” answer to “{asked}”")
    text = _text(html)
    if re.search(r"\bby 0 (working )?days?\b|\b0 (working )?days overdue\b", text, re.I):
        problems.append("overdue by 0 days")
    if found := re.search(r"\w\.\s*:", text):
        problems.append(f"a full stop run into a colon: “{text[max(found.start() - 30, 0) : found.end() + 20]}”")
    if found := re.search(r"[a-z]{2}[.!?][A-Z][a-z]", text):
        problems.append(f"sentences run together: “{text[max(found.start() - 30, 0) : found.end() + 20]}”")
    return problems


def test_every_page_the_accessibility_check_visits_reads_well(world, staff, outsider):  # noqa: F811  # the imported fixture
    """One world for every page (it is the slow part to make), each page fetched as its visitor."""
    clients: dict[str | None, Client] = {}
    found: dict[str, list[str]] = {}
    for visit in SHOWN:
        if visit.who not in clients:
            clients[visit.who] = Client()
            who = {**staff, "outsider": outsider}.get(visit.who) if visit.who else None
            if who is not None:
                clients[visit.who].force_login(who)
        response = clients[visit.who].get(visit.path(world), follow=True)
        if problems := wording_problems(response.content.decode()):
            found[visit.id] = problems

    assert found == {}


@pytest.mark.parametrize(
    ("html", "problem"),
    [
        ("<title>Merge – Merge – Tandem</title>", "the title repeats itself: Merge – Merge – Tandem"),
        (
            '<fieldset><legend>Review date</legend><div class="govuk-hint">For example, 27 3 1948</div></fieldset>',
            "a 1948 example for “Review date”",
        ),
        ("<p>Overdue by 0 working days</p>", "overdue by 0 days"),
        ("<dt>outcome.: Partly achieved</dt>", "a full stop run into a colon: “outcome.: Partly achieved”"),
        (
            "<fieldset><legend>Q</legend>"
            + "".join(
                f'<label class="govuk-label govuk-radios__label">{a}</label>'
                for a in ("Yes", "Not known", "Don’t know")
            )
            + "</fieldset>",
            "more than one “don't know” answer to “Q”",
        ),
        ("<p>close contacts.If you think</p>", "sentences run together: “close contacts.If you think”"),
    ],
)
def test_the_check_finds_each_defect(html, problem):
    assert wording_problems(html) == [problem]


def test_a_date_of_birth_may_give_1948():
    html = '<fieldset><legend>Date of birth</legend><div class="govuk-hint">For example, 27 3 1948</div></fieldset>'

    assert wording_problems(html) == []
