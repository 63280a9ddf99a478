"""Templates build HTML with blocks, never by joining strings with `~`.

With autoescape on, Jinja's `~` escapes every operand as soon as one of them is markup (an
escaped value, a component): literal tags joined to `value | e` then show on the page as text
(`<span class="tandem-own-words">` under a contact's reason). Build the HTML in a `{% set %}` block,
a macro with `caller()`, or a presenter with `Markup`/`format_html`, which escape values and keep tags.
"""

import re
from pathlib import Path

import tandem

ROOT = Path(tandem.__file__).parent
# A string literal holding a tag, joined with `~` on either side.
JOINED_TAG = re.compile(r"""(["'])[^"'\n]*<[a-zA-Z/][^"'\n]*\1\s*~|~\s*(["'])[^"'\n]*<[a-zA-Z/]""")


def offending_lines() -> list[str]:
    found = []
    for template in sorted(ROOT.glob("*/jinja2/**/*.html")):
        for number, line in enumerate(template.read_text().splitlines(), start=1):
            if JOINED_TAG.search(line):
                found.append(f"{template.relative_to(ROOT)}:{number}: {line.strip()}")
    return found


def test_no_template_joins_literal_tags_with_tilde():
    assert offending_lines() == []


def test_the_check_finds_the_pattern():
    assert JOINED_TAG.search('{"html": "<span class=\\"x\\">" ~ (reason | e) ~ "</span>"}')
    assert JOINED_TAG.search('{"html": "About <strong>" ~ name}')
    assert not JOINED_TAG.search('{"text": "Contact " ~ contact.reference}')
