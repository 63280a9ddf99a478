"""Person search: name (typo-tolerant, any order, previous names), date of birth, NHS number and
postcode, typed into one box in any combination (ADR 0006)."""

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Case, Exists, IntegerField, OuterRef, QuerySet, Value, When
from rapidfuzz.distance import OSA

from tandem.access import scope
from tandem.core.errors import DomainError
from tandem.identity.permissions import Permission
from tandem.people.identifiers import nhs_number_check_digit
from tandem.people.models import Person, PersonNameToken, SearchTerm
from tandem.people.search_index import deletion_variants, name_words, phonetic_key

_NHS = re.compile(r"\b(\d{3})[\s-]?(\d{3})[\s-]?(\d{4})\b")
_DATE_DMY = re.compile(r"\b(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\b")
_DATE_ISO = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")
_FULL_POSTCODE = re.compile(r"\b([A-Za-z]{1,2}[0-9][A-Za-z0-9]?)\s*([0-9][A-Za-z]{2})\b")
_OUTWARD = re.compile(r"\b([A-Za-z]{1,2}[0-9][A-Za-z0-9]?)\b")

RESULT_LIMIT = 25
COUNT_LIMIT = 1000


@dataclass
class ParsedQuery:
    nhs_number: str | None = None
    date_of_birth: date | None = None
    postcode: str | None = None
    postcode_district: str | None = None
    words: list[str] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.nhs_number or self.date_of_birth or self.postcode or self.postcode_district or self.words)


def query_parse(text: str) -> ParsedQuery:
    """Split one search box into its parts; raise with a plain message for a part that is wrong."""
    parsed = ParsedQuery()
    rest = f" {text or ''} "
    if m := _NHS.search(rest):
        digits = "".join(m.groups())
        check = nhs_number_check_digit(digits[:9])
        if check is None or check != int(digits[9]):
            raise DomainError(f"{m.group(0).strip()} is not a valid NHS number: check each digit", field="q")
        parsed.nhs_number = digits
        rest = rest.replace(m.group(0), " ")
    for pattern, order in ((_DATE_DMY, "dmy"), (_DATE_ISO, "ymd")):
        if m := pattern.search(rest):
            a, b, c = (int(x) for x in m.groups())
            day, month, year = (a, b, c) if order == "dmy" else (c, b, a)
            try:
                parsed.date_of_birth = date(year, month, day)
            except ValueError:
                raise DomainError(
                    f"{m.group(0)} is not a real date: use day/month/year, like 12/03/1948", field="q"
                ) from None
            rest = rest.replace(m.group(0), " ")
            break
    if m := _FULL_POSTCODE.search(rest):
        parsed.postcode = f"{m.group(1)} {m.group(2)}".upper()
        rest = rest.replace(m.group(0), " ")
    elif (m := _OUTWARD.search(rest)) and any(ch.isdigit() for ch in m.group(1)):
        parsed.postcode_district = m.group(1).upper()
        rest = rest.replace(m.group(0), " ")
    if leftover := [t for t in rest.split() if re.search(r"\d", t)]:
        raise DomainError(
            "Search by name, date of birth (like 12/03/1948), NHS number or postcode; "
            f"we could not understand “{' '.join(leftover)}”",
            field="q",
        )
    parsed.words = name_words(rest)
    return parsed


@dataclass(frozen=True)
class WordMatch:
    exact: frozenset[int]
    close: frozenset[int]

    @property
    def all(self) -> frozenset[int]:
        return self.exact | self.close


def word_match(word: str) -> WordMatch:
    """The term ids a query word stands for: the word itself, then near spellings and sound-alikes."""
    exact = set(SearchTerm.objects.filter(term=word).values_list("id", flat=True))
    if len(word) <= 2:
        close = set(SearchTerm.objects.filter(term__startswith=word).values_list("id", flat=True)[:200])
        return WordMatch(frozenset(exact), frozenset(close - exact))
    candidates = dict(
        SearchTerm.objects.filter(variants__variant__in=deletion_variants(word)).values_list("id", "term")
    )
    close = {tid for tid, term in candidates.items() if OSA.distance(word, term) <= (1 if len(word) <= 4 else 2)}
    close.update(SearchTerm.objects.filter(phonetic=phonetic_key(word)).values_list("id", flat=True)[:200])
    if len(word) >= 3:
        close.update(SearchTerm.objects.filter(term__startswith=word).values_list("id", flat=True)[:200])
    return WordMatch(frozenset(exact), frozenset(close - exact))


@dataclass(frozen=True)
class SearchResults:
    people: Sequence[Person]
    total: int
    more_than: bool
    query: ParsedQuery


def _has_token(term_ids: frozenset[int]) -> Exists:
    return Exists(PersonNameToken.objects.filter(person=OuterRef("pk"), term_id__in=term_ids))


def people_search(*, actor: Any, text: str, limit: int = RESULT_LIMIT) -> SearchResults:
    """People matching every part of the query, best name matches first.

    Restricted records are found too (so a worker can break the glass), but the page shows only
    that they exist; opening them goes through the access rule.
    """
    parsed = query_parse(text)
    if parsed.is_empty:
        raise DomainError("Enter a name, date of birth, NHS number or postcode", field="q")
    qs: QuerySet[Person] = Person.objects.filter(merged_into__isnull=True)
    if not actor.can(Permission.PERSON_VIEW):
        return SearchResults([], 0, False, parsed)
    if parsed.nhs_number:
        qs = qs.filter(nhs_number=parsed.nhs_number)
    if parsed.date_of_birth:
        qs = qs.filter(date_of_birth=parsed.date_of_birth)
    if parsed.postcode:
        qs = qs.filter(postcode=parsed.postcode)
    elif parsed.postcode_district:
        qs = qs.filter(postcode__startswith=f"{parsed.postcode_district} ")
    score: Any = Value(0, output_field=IntegerField())
    matches = [word_match(w) for w in parsed.words]
    for match in matches:
        if not match.all:
            return SearchResults([], 0, False, parsed)
    # Drive the query from the rarest word's tokens; the others only have to be present.
    for match in sorted(matches, key=lambda m: len(m.all)):
        qs = qs.filter(_has_token(match.all))
        exact_bonus = Case(When(_has_token(match.exact), then=Value(2)), default=Value(0), output_field=IntegerField())
        score = score + (exact_bonus if match.exact else Value(0, output_field=IntegerField()))
    # Without order_by() the count keeps Person's default ordering, and the database then walks
    # every person in name order to find the first thousand matches (seconds on a large borough).
    total = qs.order_by()[: COUNT_LIMIT + 1].count()
    ranked = (
        qs.annotate(match_score=score)
        .select_related("restriction")
        .order_by("-match_score", "family_name", "given_name", "id")[:limit]
    )
    people = list(ranked)
    return SearchResults(people=people, total=min(total, COUNT_LIMIT), more_than=total > COUNT_LIMIT, query=parsed)


def may_open(actor: Any, people: Sequence[Person]) -> set[int]:
    """Of these people, the ones this actor may open without breaking the glass."""
    ids = [p.pk for p in people]
    if not ids:
        return set()
    return set(scope.visible(Person.objects.filter(pk__in=ids), actor).values_list("pk", flat=True))
