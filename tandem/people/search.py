"""Person search: name (typo-tolerant, any order, previous names), date of birth, NHS number and
postcode, typed into one box in any combination (ADR 0006)."""

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Exists, OuterRef
from rapidfuzz.distance import OSA

from tandem.access import scope
from tandem.core.errors import DomainError
from tandem.identity.actors import Actor
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
# Counts stop here ("more than 100 people match"): past it the search needs narrowing anyway.
COUNT_LIMIT = 100
# An NHS number, date of birth or postcode leaves at most a few hundred people to compare.
FEW_LIMIT = 500
# A near-spelling search follows at most this many spellings of its rarest word.
MAX_DRIVER_TERMS = 40


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


def _close_to(word: str, term: str) -> bool:
    return OSA.distance(word, term) <= (1 if len(word) <= 4 else 2)


def word_match(word: str) -> WordMatch:
    """The term ids a query word stands for: the word itself, then near spellings and sound-alikes.

    A word that is not a name anyone has is also taken as the start of one ("Smi"), so a
    partly typed name still finds people.
    """
    exact = set(SearchTerm.objects.filter(term=word).values_list("id", flat=True))
    close: set[int] = set()
    if len(word) > 2:
        candidates = SearchTerm.objects.filter(variants__variant__in=deletion_variants(word)).values_list("id", "term")
        close.update(tid for tid, term in candidates if _close_to(word, term))
        close.update(SearchTerm.objects.filter(phonetic=phonetic_key(word)).values_list("id", flat=True)[:50])
    if not exact:
        close.update(
            SearchTerm.objects.filter(term__startswith=word).order_by("term").values_list("id", flat=True)[:50]
        )
    return WordMatch(frozenset(exact), frozenset(close - exact))


@dataclass(frozen=True)
class SearchResults:
    people: Sequence[Person]
    total: int
    more_than: bool
    query: ParsedQuery


def people_search(*, actor: Actor, text: str, limit: int = RESULT_LIMIT) -> SearchResults:
    """People matching every part of the query: exact spellings first, then near ones, by name.

    Restricted records are found too (so a worker can break the glass), but the page shows only
    that they exist; opening them goes through the access rule.
    """
    parsed = query_parse(text)
    if parsed.is_empty:
        raise DomainError("Enter a name, date of birth, NHS number or postcode", field="q")
    if not actor.can(Permission.PERSON_VIEW):
        return SearchResults([], 0, False, parsed)
    if parsed.nhs_number or parsed.date_of_birth or parsed.postcode:
        ranked_ids, total = _search_few(parsed)
    elif parsed.words:
        ranked_ids, total = _search_by_name(parsed)
    else:
        ranked_ids, total = _search_district(parsed)
    shown = ranked_ids[:limit]
    found = Person.objects.filter(pk__in=shown, merged_into__isnull=True).select_related("restriction").in_bulk()
    people = [found[pk] for pk in shown if pk in found]
    return SearchResults(people=people, total=min(total, COUNT_LIMIT), more_than=total > COUNT_LIMIT, query=parsed)


def _search_few(parsed: ParsedQuery) -> tuple[list[int], int]:
    """An NHS number, date of birth or postcode narrows the borough to a handful of people, so
    every name word is compared with each of their names directly: the most forgiving match."""
    qs = Person.objects.filter(merged_into__isnull=True)
    if parsed.nhs_number:
        qs = qs.filter(nhs_number=parsed.nhs_number)
    if parsed.date_of_birth:
        qs = qs.filter(date_of_birth=parsed.date_of_birth)
    if parsed.postcode:
        qs = qs.filter(postcode=parsed.postcode)
    elif parsed.postcode_district:
        qs = qs.filter(postcode__startswith=f"{parsed.postcode_district} ")
    candidates = dict(qs.order_by("family_name", "given_name", "id").values_list("id", "family_name")[:FEW_LIMIT])
    if not parsed.words:
        return list(candidates), len(candidates)
    names: dict[int, list[tuple[str, str]]] = {}
    for person_id, term, phonetic in PersonNameToken.objects.filter(person_id__in=list(candidates)).values_list(
        "person_id", "term__term", "term__phonetic"
    ):
        names.setdefault(person_id, []).append((term, phonetic))
    scored: list[tuple[int, int]] = []
    for person_id in candidates:
        score = _name_score(parsed.words, names.get(person_id, []))
        if score is not None:
            scored.append((-score, person_id))
    order = {pk: i for i, pk in enumerate(candidates)}
    scored.sort(key=lambda item: (item[0], order[item[1]]))
    return [pk for _, pk in scored], len(scored)


def _name_score(words: list[str], terms: list[tuple[str, str]]) -> int | None:
    """2 for each word spelt exactly, 1 for a near one; None if any word matches none of the names."""
    score = 0
    for word in words:
        phonetic = phonetic_key(word)
        if any(term == word for term, _ in terms):
            score += 2
        elif any(term.startswith(word) or _close_to(word, term) or key == phonetic for term, key in terms):
            score += 1
        else:
            return None
    return score


def _search_district(parsed: ParsedQuery) -> tuple[list[int], int]:
    qs = Person.objects.filter(merged_into__isnull=True, postcode__startswith=f"{parsed.postcode_district} ")
    ids = list(qs.order_by("family_name", "given_name", "id").values_list("id", flat=True)[: COUNT_LIMIT + 1])
    return ids, len(ids)


def _walk(
    driver: int, others: list[frozenset[int]], district: str | None, exclude: set[int]
) -> list[tuple[bool, str, int]]:
    """People who have the driver term and a term of every other word: those who have it in
    their name now first, then those who had it in a previous name, each in name order.

    The (term, is previous, sort key, person) index hands the driver term's people over already
    sorted, so the database stops after enough matches instead of sorting everyone called Smith.
    """
    qs = PersonNameToken.objects.filter(term_id=driver)
    for term_ids in others:
        qs = qs.filter(Exists(PersonNameToken.objects.filter(person_id=OuterRef("person_id"), term_id__in=term_ids)))
    if district:
        qs = qs.filter(Exists(Person.objects.filter(pk=OuterRef("person_id"), postcode__startswith=f"{district} ")))
    if exclude:
        qs = qs.exclude(person_id__in=exclude)
    rows = qs.order_by("is_previous", "sort_key", "person_id").values_list("is_previous", "sort_key", "person_id")
    return list(rows[: COUNT_LIMIT + 1])


def _search_by_name(parsed: ParsedQuery) -> tuple[list[int], int]:
    """Exact spellings first (all words as typed), then near spellings, each in name order."""
    matches = [word_match(w) for w in parsed.words]
    if any(not m.all for m in matches):
        return [], 0
    district = parsed.postcode_district
    exact: list[int] = []
    if all(m.exact for m in matches):
        # Each exact set holds one term; drive from any of them, the others must be present too.
        driver, *others = [m.exact for m in matches]
        exact = [pk for _, _, pk in _walk(next(iter(driver)), others, district, set())]
    if len(exact) >= RESULT_LIMIT:
        return exact, len(exact)
    # Near spellings: drive from the word with the fewest candidate terms, one ordered walk per
    # term, and merge the walks by name.
    by_size = sorted(range(len(matches)), key=lambda i: len(matches[i].all))
    driver_match = matches[by_size[0]]
    others = [matches[i].all for i in by_size[1:]]
    near: dict[int, tuple[bool, str]] = {}
    seen = set(exact)
    for term_id in sorted(driver_match.all)[:MAX_DRIVER_TERMS]:
        for is_previous, sort_key, pk in _walk(term_id, others, district, seen):
            near[pk] = min(near.get(pk, (True, "\uffff")), (is_previous, sort_key))
    ranked_near = sorted(near, key=lambda pk: (near[pk], pk))
    return exact + ranked_near, len(exact) + len(near)


def may_open(actor: Actor, people: Sequence[Person]) -> set[int]:
    """Of these people, the ones this actor may open without breaking the glass.

    A person read with their restriction (`select_related("restriction")`, as the search reads
    them) is judged by `scope.may_open`: an unrestricted one, nearly everyone, costs no query.
    Only the others are checked with the scope's query. Under load this query (two subqueries to
    compile and plan) was a quarter of a search page's work.
    """
    restriction = Person._meta.get_field("restriction")
    known = [p for p in people if restriction.is_cached(p)]
    openable = {p.pk for p in known if scope.may_open(actor, p)}
    ids = [p.pk for p in people if not restriction.is_cached(p)]
    if ids:
        openable |= set(scope.visible(Person.objects.filter(pk__in=ids), actor).values_list("pk", flat=True))
    return openable
