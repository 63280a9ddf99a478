"""Name pools for the synthetic borough, built once from Faker's en_GB lists.

Drawing each person's names from precomputed pools with `random.Random` (rather than calling
Faker per person) keeps a million-person borough to seconds of generation and makes the output
depend only on the seed, not on Faker's internal call sequence.
"""

import itertools
import random
from collections.abc import Sequence
from dataclasses import dataclass

from faker import Faker
from faker.providers.person.en_GB import Provider as PersonProvider

# Faker's en_GB suffix list is borrowed from en_US ("Canyon", "Turnpike"); a Wirral street is one of these.
_STREET_SUFFIXES = (
    ("Road", 30),
    ("Street", 14),
    ("Avenue", 10),
    ("Close", 10),
    ("Drive", 8),
    ("Lane", 7),
    ("Grove", 5),
    ("Crescent", 4),
    ("Way", 4),
    ("Gardens", 3),
    ("Place", 2),
    ("Terrace", 2),
    ("Court", 2),
    ("Mews", 1),
    ("Walk", 1),
    ("View", 1),
)

# What people are called day to day: the preferred name a practitioner should use.
NICKNAMES: dict[str, tuple[str, ...]] = {
    "William": ("Bill", "Billy", "Will"),
    "Robert": ("Bob", "Rob", "Bobby"),
    "Margaret": ("Peggy", "Maggie", "Meg"),
    "Elizabeth": ("Liz", "Beth", "Betty"),
    "Patricia": ("Pat", "Trish"),
    "Anthony": ("Tony",),
    "Michael": ("Mike",),
    "James": ("Jim", "Jimmy"),
    "Thomas": ("Tom", "Tommy"),
    "Kathleen": ("Kath", "Kathy"),
    "Susan": ("Sue",),
    "Christopher": ("Chris",),
    "Richard": ("Rick", "Dick"),
    "Edward": ("Ted", "Eddie"),
    "Frederick": ("Fred",),
    "Dorothy": ("Dot", "Dottie"),
    "Josephine": ("Jo",),
    "Catherine": ("Kate", "Cathy"),
    "Jacqueline": ("Jackie",),
    "Alexander": ("Alex", "Sandy"),
    "Stephen": ("Steve",),
    "Kenneth": ("Ken", "Kenny"),
    "Leonard": ("Len",),
    "Joseph": ("Joe",),
    "Samuel": ("Sam",),
    "Deborah": ("Debbie", "Deb"),
    "Pamela": ("Pam",),
    "Barbara": ("Babs",),
    "Jennifer": ("Jenny", "Jen"),
    "Gerald": ("Gerry",),
    "Raymond": ("Ray",),
    "Terence": ("Terry",),
    "Rebecca": ("Becky",),
    "Victoria": ("Vicky",),
    "Daniel": ("Dan", "Danny"),
    "Matthew": ("Matt",),
}

# Surnames Faker's 500 English ones miss but a Merseyside borough has plenty of (Welsh, Irish, Scottish).
_EXTRA_SURNAMES = (
    "Hughes",
    "Griffiths",
    "Owen",
    "Parry",
    "Pritchard",
    "Lloyd",
    "Rees",
    "Vaughan",
    "Gallagher",
    "Doyle",
    "McDonald",
    "McCarthy",
    "Quinn",
    "Kelly",
    "Byrne",
    "Murphy",
    "Ryan",
    "Walsh",
    "McLaughlin",
    "Mulholland",
    "Fitzpatrick",
    "Brennan",
    "Kavanagh",
    "Duffy",
    "Rooney",
    "Carragher",
    "Fairclough",
    "Pennington",
    "Ashcroft",
    "Rimmer",
    "Aspinall",
    "Prescott",
    "Seddon",
    "Tyrer",
    "Halewood",
    "Banks",
    "Kowalski",
    "Nowak",
    "Wiśniewska",
    "Ahmed",
    "Begum",
    "Khan",
    "Chowdhury",
    "Patel",
    "Wong",
    "Chen",
    "Okafor",
    "Mensah",
    "Ali",
    "Hussain",
    "Singh",
    "Kaur",
    "Lewandowski",
    "Zielinski",
    "Ó Ceallaigh",
    "D'Arcy",
    "Le Roux",
)


@dataclass(frozen=True)
class Weighted:
    """A pool to draw from with `random.choices(values, cum_weights=...)`."""

    values: tuple[str, ...]
    cum_weights: tuple[float, ...]

    def draw(self, rng: random.Random) -> str:
        return rng.choices(self.values, cum_weights=self.cum_weights)[0]


def _weighted(pairs: Sequence[tuple[str, float]]) -> Weighted:
    values = tuple(v for v, _ in pairs)
    return Weighted(values, tuple(itertools.accumulate(w for _, w in pairs)))


def _by_rank(names: Sequence[str]) -> Weighted:
    # Faker lists given names most common first without weights; a Zipf-like tail gives the
    # borough its many Davids and Susans and a few Hughs, as a real register has.
    unique = list(dict.fromkeys(names))
    return _weighted([(name, 1.0 / (rank + 8)) for rank, name in enumerate(unique)])


@dataclass(frozen=True)
class NamePools:
    given_male: Weighted
    given_female: Weighted
    surnames: Weighted
    street_names: tuple[str, ...]


def name_pools_build(seed: int, *, streets: int = 4000) -> NamePools:
    """Build every pool once: given names, weighted surnames and synthetic street names."""
    surname_weights = dict(PersonProvider.last_names)
    for name in _EXTRA_SURNAMES:
        surname_weights.setdefault(name, 0.05)
    fake = Faker("en_GB")
    fake.seed_instance(seed)
    suffixes = _weighted(_STREET_SUFFIXES)
    rng = random.Random(seed)
    street_names: dict[str, None] = {}
    while len(street_names) < streets:
        stem = fake.last_name() if rng.random() < 0.6 else fake.first_name()
        street_names[f"{stem} {suffixes.draw(rng)}"] = None
    return NamePools(
        given_male=_by_rank(PersonProvider.first_names_male),
        given_female=_by_rank(PersonProvider.first_names_female),
        surnames=_weighted(sorted(surname_weights.items())),
        street_names=tuple(street_names),
    )
