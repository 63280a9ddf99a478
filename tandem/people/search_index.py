"""Normalised name terms for person search, and keeping a person's tokens up to date.

Typo tolerance without a database extension, so it behaves the same on SQLite and PostgreSQL
(ADR 0006): every distinct name word in the borough is a SearchTerm with its single-letter
deletions stored as variants. A query word matches a term when they share a deletion variant
(within about one edit: a wrong, missing, extra or swapped letter) or when they sound alike.
"""

import re
import unicodedata
from collections.abc import Iterable

import jellyfish

from tandem.people.models import Person, PersonNameToken, SearchTerm, SearchTermVariant

_WORD = re.compile(r"[a-z]+")


def name_words(*names: str) -> list[str]:
    """Lower-case ASCII words of a name: "O'Brien-Smith" gives obrien, smith and obriensmith."""
    words: list[str] = []
    for name in names:
        if not name:
            continue
        ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
        ascii_name = ascii_name.replace("'", "").replace("\u2019", "")
        # Join hyphenated parts per space-separated word: joining the whole string would make
        # "Jane O'Brien-Smith" give "janeobriensmith", which no name matches.
        for chunk in ascii_name.split():
            parts = _WORD.findall(chunk)
            words.extend(parts)
            if "-" in chunk and len(parts) > 1:
                words.append("".join(parts))
    return list(dict.fromkeys(words))


def deletion_variants(word: str) -> set[str]:
    """The word and every word made by deleting one letter from it."""
    variants = {word}
    if len(word) > 2:
        variants.update(word[:i] + word[i + 1 :] for i in range(len(word)))
    return variants


def phonetic_key(word: str) -> str:
    return jellyfish.metaphone(word)[:20] or word[:20]


def terms_ensure(words: Iterable[str]) -> dict[str, int]:
    """Make sure each word is a SearchTerm (with variants); return word → term id."""
    wanted = set(words)
    if not wanted:
        return {}
    known = dict(SearchTerm.objects.filter(term__in=wanted).values_list("term", "id"))
    missing = sorted(wanted - known.keys())
    if missing:
        SearchTerm.objects.bulk_create(
            [SearchTerm(term=w, phonetic=phonetic_key(w)) for w in missing], ignore_conflicts=True
        )
        created = dict(SearchTerm.objects.filter(term__in=missing).values_list("term", "id"))
        SearchTermVariant.objects.bulk_create(
            [SearchTermVariant(variant=v, term_id=created[w]) for w in missing for v in deletion_variants(w)],
            ignore_conflicts=True,
        )
        known.update(created)
    return known


def word_kinds(current: list[str], previous: list[str]) -> list[tuple[str, bool]]:
    """Each word once, with whether it is found only in a previous name."""
    now = name_words(*current)
    seen = set(now)
    return [(w, False) for w in now] + [(w, True) for w in name_words(*previous) if w not in seen]


def person_word_kinds(person: Person) -> list[tuple[str, bool]]:
    return word_kinds(
        [person.given_name, person.other_given_names, person.family_name, person.preferred_name],
        [f"{p.given_name} {p.family_name}" for p in person.previous_names.all()],
    )


def person_words(person: Person) -> list[str]:
    return [word for word, _ in person_word_kinds(person)]


def sort_key(given_name: str, family_name: str) -> str:
    """How search orders people: family name, then given name, as plain lower-case letters."""
    return f"{' '.join(name_words(family_name))} {' '.join(name_words(given_name))}".strip()[:120]


def person_tokens_refresh(person: Person) -> None:
    """Rebuild the person's search tokens after any change to their names."""
    kinds = person_word_kinds(person)
    term_ids = terms_ensure(word for word, _ in kinds)
    key = sort_key(person.given_name, person.family_name)
    PersonNameToken.objects.filter(person=person).delete()
    PersonNameToken.objects.bulk_create(
        [
            PersonNameToken(person=person, term_id=term_ids[word], is_previous=previous, sort_key=key)
            for word, previous in kinds
        ]
    )
