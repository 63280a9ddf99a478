"""Suspected duplicate records: pairs of open records that may be the same person, for a manager
to compare and merge (`people:merge`).

Two records are suspected when they have:
- the same name (first and last, ignoring case and spacing) and the same date of birth; or
- a close name (each of the first and last names spelt within an edit or two of the other's, or
  sounding alike) and the same date of birth and postcode.

An NHS number is unique on a record (a database constraint), so two open records never share one;
two records with different NHS numbers are never suspected, as they cannot be merged
(`services.person_merge`). Every query is grouped in the database, so only the few records in a
suspected group are read, whatever the size of the borough.
"""

from dataclasses import dataclass
from itertools import combinations

from django.db.models import Count, QuerySet
from django.db.models.functions import Lower, Trim
from rapidfuzz.distance import OSA

from tandem.access import scope
from tandem.identity.actors import Actor
from tandem.people.models import Person
from tandem.people.search_index import phonetic_key

SAME_NAME = "Same name and date of birth"
CLOSE_NAME = "Similar name, same date of birth and postcode"


@dataclass(frozen=True)
class SuspectedDuplicate:
    # The older record, kept by default on the merge page; the newer one is merged into it.
    keep: Person
    duplicate: Person
    reason: str


def _name(text: str) -> str:
    return " ".join(text.lower().split())


def _close(a: str, b: str) -> bool:
    """Within an edit of a short name, two of a longer one, or sounding alike ("Jon", "John")."""
    a, b = _name(a), _name(b)
    if a == b:
        return True
    if OSA.distance(a, b) <= (1 if min(len(a), len(b)) <= 4 else 2):
        return True
    return bool(a) and phonetic_key(a) == phonetic_key(b)


def _may_merge(a: Person, b: Person) -> bool:
    return not (a.nhs_number and b.nhs_number and a.nhs_number != b.nhs_number)


def _open_records(actor: Actor) -> QuerySet[Person]:
    return scope.visible(Person.objects.filter(merged_into__isnull=True, date_of_birth__isnull=False), actor)


def _same_name_groups(people: QuerySet[Person]) -> list[list[Person]]:
    keyed = people.annotate(g=Lower(Trim("given_name")), f=Lower(Trim("family_name")))
    keys = list(
        keyed.values("g", "f", "date_of_birth")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
        .order_by()
        .values_list("g", "f", "date_of_birth")
    )
    if not keys:
        return []
    groups: dict[tuple[str, str, object], list[Person]] = {}
    wanted = set(keys)
    for person in keyed.filter(date_of_birth__in={born for _, _, born in keys}).order_by("pk"):
        key = (person.g, person.f, person.date_of_birth)
        if key in wanted:
            groups.setdefault(key, []).append(person)
    return list(groups.values())


def _same_place_groups(people: QuerySet[Person]) -> list[list[Person]]:
    keys = list(
        people.exclude(postcode="")
        .values("date_of_birth", "postcode")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
        .order_by()
        .values_list("date_of_birth", "postcode")
    )
    if not keys:
        return []
    groups: dict[tuple[object, str], list[Person]] = {}
    wanted = set(keys)
    for person in people.filter(date_of_birth__in={born for born, _ in keys}).order_by("pk"):
        key = (person.date_of_birth, person.postcode)
        if key in wanted:
            groups.setdefault(key, []).append(person)
    return list(groups.values())


def suspected_duplicates(*, actor: Actor) -> list[SuspectedDuplicate]:
    """Every suspected pair among the records the actor may open: same name first, then by name."""
    people = _open_records(actor)
    found: dict[tuple[int, int], SuspectedDuplicate] = {}
    for group in _same_name_groups(people):
        for keep, duplicate in combinations(group, 2):
            if _may_merge(keep, duplicate):
                found[keep.pk, duplicate.pk] = SuspectedDuplicate(keep, duplicate, SAME_NAME)
    for group in _same_place_groups(people):
        for keep, duplicate in combinations(group, 2):
            if (keep.pk, duplicate.pk) in found or not _may_merge(keep, duplicate):
                continue
            if _close(keep.given_name, duplicate.given_name) and _close(keep.family_name, duplicate.family_name):
                found[keep.pk, duplicate.pk] = SuspectedDuplicate(keep, duplicate, CLOSE_NAME)
    return sorted(
        found.values(),
        key=lambda s: (s.reason != SAME_NAME, _name(s.keep.family_name), _name(s.keep.given_name), s.keep.pk),
    )
