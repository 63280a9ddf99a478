"""The person search index for seeded people, built in bulk but exactly as the app builds it.

`tandem.people.search_index.person_tokens_refresh` works one person at a time; here the same
functions (`name_words`, `phonetic_key`, `deletion_variants`) run once per distinct name and
the results are written in bulk. `tokens_check` proves the two agree for a sample of people.
"""

from collections.abc import Iterable, Sequence
from functools import lru_cache

from tandem.demo.bulk import Row
from tandem.people.models import Person, PersonNameToken, SearchTerm, SearchTermVariant
from tandem.people.search_index import (
    deletion_variants,
    name_words,
    person_word_kinds,
    person_words,
    phonetic_key,
    sort_key,
)


@lru_cache(maxsize=100_000)
def _words(name: str) -> tuple[str, ...]:
    return tuple(name_words(name))


def seeded_word_kinds(names: Sequence[str], previous: Iterable[tuple[str, str]]) -> list[tuple[str, bool]]:
    """What `person_word_kinds` gives: each word once, and whether only a previous name has it."""
    # name_words de-duplicates across all its arguments, so concatenating per-name results and
    # de-duplicating once gives the same list; the per-name results can then be cached.
    now: list[str] = []
    for name in names:
        if name:
            now.extend(_words(name))
    now = list(dict.fromkeys(now))
    seen = set(now)
    before: list[str] = []
    for given, family in previous:
        before.extend(w for w in _words(f"{given} {family}") if w not in seen)
    return [(w, False) for w in now] + [(w, True) for w in dict.fromkeys(before)]


class TermIndex:
    """Word → SearchTerm id, allocating ids for new words and queueing their rows to write."""

    def __init__(self, *, known: dict[str, int], next_term_id: int, next_variant_id: int) -> None:
        self.ids = dict(known)
        self.next_term_id = next_term_id
        self.next_variant_id = next_variant_id
        self.pending_terms: list[Row] = []
        self.pending_variants: list[Row] = []

    @classmethod
    def from_database(cls) -> "TermIndex":
        known = dict(SearchTerm.objects.values_list("term", "id"))
        top_term = max(known.values(), default=0)
        top_variant = SearchTermVariant.objects.order_by("-id").values_list("id", flat=True).first() or 0
        return cls(known=known, next_term_id=top_term + 1, next_variant_id=top_variant + 1)

    def term_ids(self, words: Iterable[str]) -> list[int]:
        ids = []
        for word in words:
            term_id = self.ids.get(word)
            if term_id is None:
                term_id = self.ids[word] = self.next_term_id
                self.next_term_id += 1
                self.pending_terms.append((term_id, word, phonetic_key(word)))
                for variant in sorted(deletion_variants(word)):
                    self.pending_variants.append((self.next_variant_id, variant, term_id))
                    self.next_variant_id += 1
            ids.append(term_id)
        return ids

    def take_pending(self) -> tuple[list[Row], list[Row]]:
        terms, variants = self.pending_terms, self.pending_variants
        self.pending_terms, self.pending_variants = [], []
        return terms, variants


def tokens_check(person_ids: Iterable[int]) -> list[str]:
    """For each person, compare their stored tokens with what person_tokens_refresh would write.

    Returns one line per disagreement, so an empty list means the bulk index is exact.
    """
    problems: list[str] = []
    people = Person.objects.filter(pk__in=list(person_ids)).prefetch_related("previous_names")
    for person in people:
        expected = set(person_words(person))
        stored = set(
            SearchTerm.objects.filter(
                pk__in=PersonNameToken.objects.filter(person=person).values("term_id")
            ).values_list("term", flat=True)
        )
        if expected != stored:
            problems.append(f"person {person.pk}: expected {sorted(expected)}, stored {sorted(stored)}")
        flags = dict(PersonNameToken.objects.filter(person=person).values_list("term__term", "is_previous"))
        if flags != dict(person_word_kinds(person)):
            problems.append(f"person {person.pk}: which words come from previous names differs")
        keys = set(PersonNameToken.objects.filter(person=person).values_list("sort_key", flat=True))
        if keys != {sort_key(person.given_name, person.family_name)}:
            problems.append(f"person {person.pk}: sort keys {sorted(keys)} do not follow the name")
        for term in SearchTerm.objects.filter(term__in=expected).prefetch_related("variants"):
            if term.phonetic != phonetic_key(term.term):
                problems.append(f"term {term.term}: phonetic {term.phonetic!r} should be {phonetic_key(term.term)!r}")
            variants = {v.variant for v in term.variants.all()}
            if variants != deletion_variants(term.term):
                problems.append(f"term {term.term}: variants differ from deletion_variants")
    return problems
