"""Factories for people, neighbourhoods and hazard warnings.

A person made by `PersonFactory` has a valid NHS number no other factory person shares, and is
in the search index (its name tokens are built after creation), so search finds it at once.
Names default to a fixed list that search tests avoid; give names explicitly when searching.
"""

import dataclasses
from datetime import date, timedelta
from typing import Any

import factory

from tandem.core import clock
from tandem.identity.tests.factories import UserFactory
from tandem.people.codes import WarningCategory
from tandem.people.identifiers import nhs_number_check_digit
from tandem.people.models import HazardWarning, Neighbourhood, Person, PreviousName
from tandem.people.search_index import person_tokens_refresh
from tandem.people.services import PersonDetails


def nhs_number_for(n: int) -> str:
    """The n-th factory NHS number: valid, unique for each n, and in the 999 test range.

    Nine-digit stems 2n and 2n+1 differ by 2 in their weighted sum modulo 11, so at most one of
    the two has no possible check digit; each n owns its own pair, so numbers never repeat.
    """
    base = 999_000_000 + 2 * n
    for stem in (str(base), str(base + 1)):
        check = nhs_number_check_digit(stem)
        if check is not None:
            return f"{stem}{check}"
    raise AssertionError("unreachable: one of two neighbouring stems always has a check digit")


class NeighbourhoodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Neighbourhood
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Neighbourhood {n}")
    postcode_districts = ""


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person
        skip_postgeneration_save = True

    nhs_number = factory.Sequence(nhs_number_for)
    given_name = factory.Iterator(["Alice", "Bola", "Cerys", "Dev", "Eilidh", "Femi", "Gareth", "Hana"])
    family_name = factory.Iterator(["Ashworth", "Brennan", "Chaudhry", "Dlamini", "Evans", "Fitzgerald"])
    date_of_birth = date(1950, 6, 15)

    @factory.post_generation
    def search_tokens(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create:
            person_tokens_refresh(self)


class PreviousNameFactory(factory.django.DjangoModelFactory):
    """A previous name; the person's search tokens are rebuilt so search finds it."""

    class Meta:
        model = PreviousName
        skip_postgeneration_save = True

    person = factory.SubFactory(PersonFactory)
    given_name = ""
    family_name = "Previous"

    @factory.post_generation
    def search_tokens(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create:
            person_tokens_refresh(self.person)


class HazardWarningFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HazardWarning

    person = factory.SubFactory(PersonFactory)
    category = WarningCategory.ANIMALS
    description = "Two large dogs: ask for them to be shut away before visiting"
    raised_by = factory.SubFactory(UserFactory)
    starts_on = factory.LazyFunction(clock.today)
    review_on = factory.LazyAttribute(lambda w: w.starts_on + timedelta(days=90))


class PersonDetailsFactory(factory.base.Factory):
    """What a practitioner types to create a person (the services' `PersonDetails`)."""

    class Meta:
        model = PersonDetails

    given_name = "Margaret"
    family_name = "Okafor"
    date_of_birth = date(1948, 3, 12)


def details_of(person: Person, **changes: Any) -> PersonDetails:
    """The details as the edit form would start them for this person, with some changed."""
    current = {f.name: getattr(person, f.name) for f in dataclasses.fields(PersonDetails)}
    current["nhs_number"] = current["nhs_number"] or ""
    return PersonDetails(**(current | changes))
