"""The mixed person-search query set, built deterministically from the seeded borough.

A practitioner types a misspelt name, a common surname, a date of birth with the start of a
name, an NHS number or a postcode; the set mixes all five in fixed proportions.
"""

import random
import string
from dataclasses import dataclass

from django.db.models import Count

from tandem.people.models import Person


@dataclass(frozen=True)
class Query:
    kind: str
    text: str


def typo(rng: random.Random, word: str) -> str:
    """One slip of the finger: two letters swapped, one dropped, or one changed."""
    if len(word) < 4:
        return word
    i = rng.randrange(1, len(word) - 1)
    how = rng.choice(("swap", "drop", "change"))
    if how == "swap":
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if how == "drop":
        return word[:i] + word[i + 1 :]
    letter = rng.choice([c for c in string.ascii_lowercase if c != word[i].lower()])
    return word[:i] + letter + word[i + 1 :]


def _sample_people(rng: random.Random, count: int, **filters: object) -> list[Person]:
    """`count` people spread across the borough, chosen by id so it is cheap on a million rows."""
    bounds = Person.objects.order_by("pk").values_list("pk", flat=True)
    low, high = bounds.first() or 0, bounds.last() or 0
    chosen: dict[int, Person] = {}
    attempts = 0
    while len(chosen) < count and attempts < count * 20:
        attempts += 1
        person = Person.objects.filter(pk__gte=rng.randint(low, high), **filters).order_by("pk").first()
        if person is not None:
            chosen.setdefault(person.pk, person)
    return list(chosen.values())


def _most_common(field: str, count: int) -> list[str]:
    rows = Person.objects.values_list(field).annotate(n=Count("pk")).order_by("-n", field)[:count]
    return [str(name) for name, _ in rows]


def _nhs_spaced(number: str) -> str:
    return f"{number[:3]} {number[3:6]} {number[6:]}"


def query_set_build(*, seed: int, per_kind: int = 44) -> list[Query]:
    """At least 5 * per_kind queries: typos, common names, date of birth with part of a name, NHS number, postcode."""
    rng = random.Random(seed)
    queries: list[Query] = []
    for person in _sample_people(rng, per_kind):
        given, family = person.given_name, person.family_name
        which = rng.choice(("given", "family", "both"))
        if which in ("given", "both"):
            given = typo(rng, given)
        if which in ("family", "both"):
            family = typo(rng, family)
        queries.append(Query("misspelt name", f"{given} {family}"))
    surnames = _most_common("family_name", 12)
    given_names = _most_common("given_name", 12)
    common = [Query("common name", surname) for surname in surnames]
    while len(common) < per_kind:
        common.append(Query("common name", f"{rng.choice(given_names)} {rng.choice(surnames)}"))
    queries.extend(common)
    for person in _sample_people(rng, per_kind, date_of_birth__isnull=False):
        assert person.date_of_birth is not None
        partial = person.family_name[: rng.randint(3, 4)]
        queries.append(Query("date of birth and part of name", f"{person.date_of_birth:%d/%m/%Y} {partial}"))
    for person in _sample_people(rng, per_kind, nhs_number__isnull=False):
        assert person.nhs_number is not None
        queries.append(Query("NHS number", _nhs_spaced(person.nhs_number)))
    for person in _sample_people(rng, per_kind, postcode__gt=""):
        queries.append(Query("postcode", person.postcode))
    return queries
