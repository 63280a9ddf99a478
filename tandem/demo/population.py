"""The people of the synthetic borough, made household by household and handed out as rows in chunks.

Everything is drawn from seeded `random.Random` streams (one for the people, one each for NHS
numbers and public ids), so the same size and seed give the same borough on any database.
"""

import itertools
import random
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from tandem.demo import catalogue
from tandem.demo.bulk import uuid_from
from tandem.demo.geography import Geography, Street
from tandem.demo.names import NICKNAMES, NamePools
from tandem.demo.rows import Chunk
from tandem.demo.search_tokens import TermIndex, seeded_word_kinds
from tandem.people.codes import Gender
from tandem.people.codes import Relationship as Rel
from tandem.people.identifiers import nhs_number_check_digit
from tandem.people.search_index import sort_key

# Ages and dates are fixed to this day, not today, so a reseed next month gives the same people.
REFERENCE_DAY = date(2026, 11, 1)


# Household types and how common they are: an English borough, tilted to the older households
# an adult social care record knows best. Mean size comes out near the national 2.4.
_HOUSEHOLDS = (
    ("older_single", 19),
    ("single", 15),
    ("older_couple", 14),
    ("couple", 16),
    ("family", 20),
    ("lone_parent", 9),
    ("multigen", 5),
    ("sharers", 7),
)
_OLDER_BANDS = (
    (65, 69, 28.0),
    (70, 74, 27.0),
    (75, 79, 20.0),
    (80, 84, 13.0),
    (85, 89, 8.0),
    (90, 94, 3.5),
    (95, 103, 0.5),
)


@dataclass
class _Member:
    id: int
    given: str
    family: str
    gender: str
    dob: date
    other: str = ""
    preferred: str = ""
    title: str = ""
    previous: list[tuple[str, str, date | None]] = field(default_factory=list)

    @property
    def age(self) -> int:
        return (REFERENCE_DAY - self.dob).days // 365

    @property
    def full_name(self) -> str:
        return f"{self.given} {self.family}"


_AT_HOME = "Lives at home."


class BoroughGenerator:
    """Makes households until the borough has the people asked for, yielding rows in chunks."""

    def __init__(
        self,
        *,
        seed: int,
        pools: NamePools,
        geography: Geography,
        staff_ids: list[int],
        first_ids: dict[str, int],
        now: datetime,
        terms: TermIndex,
    ) -> None:
        self.rng = random.Random(seed)
        self.nhs_rng = random.Random(seed * 31 + 17)
        self.uuid_rng = random.Random(seed * 131 + 71)
        self.pools, self.geo, self.staff_ids, self.now, self.terms = pools, geography, staff_ids, now, terms
        self.ids = dict(first_ids)
        self.nhs_seen: set[str] = set()
        # Adults of working age recently made, who may be the carer of someone in another household.
        self.carer_pool: deque[tuple[int, str]] = deque(maxlen=5000)
        self.chunk = Chunk()
        self.people_made = 0
        kinds, weights = zip(*_HOUSEHOLDS, strict=True)
        self.kinds, self.kind_weights = kinds, list(itertools.accumulate(weights))
        eth, eth_w = zip(*catalogue.ETHNICITY_WEIGHTS, strict=True)
        self.ethnicities, self.ethnicity_weights = eth, list(itertools.accumulate(eth_w))
        cats, cat_w = zip(*catalogue.WARNING_WEIGHTS, strict=True)
        self.categories, self.category_weights = cats, list(itertools.accumulate(cat_w))

    def chunks(self, people: int, chunk_size: int) -> Iterator[Chunk]:
        while self.people_made < people:
            self._household()
            if len(self.chunk.people) >= chunk_size:
                yield self._flush()
        if self.chunk.people:
            yield self._flush()

    def _flush(self) -> Chunk:
        chunk, self.chunk = self.chunk, Chunk()
        chunk.terms, chunk.variants = self.terms.take_pending()
        return chunk

    def _next(self, sequence: str) -> int:
        value = self.ids[sequence]
        self.ids[sequence] = value + 1
        return value

    # People -----------------------------------------------------------------------------------

    def _dob(self, age: int) -> date:
        return REFERENCE_DAY - timedelta(days=int((age + self.rng.random()) * 365.25))

    def _older_age(self, minimum: int = 65) -> int:
        while True:
            lo, hi, _ = self.rng.choices(_OLDER_BANDS, cum_weights=self._older_cum)[0]
            age = self.rng.randint(lo, hi)
            if age >= minimum:
                return age

    _older_cum = list(itertools.accumulate(w for _, _, w in _OLDER_BANDS))

    def _member(self, *, female: bool, age: int, family: str) -> _Member:
        rng = self.rng
        pool = self.pools.given_female if female else self.pools.given_male
        m = _Member(
            self._next("person"), pool.draw(rng), family, Gender.FEMALE if female else Gender.MALE, self._dob(age)
        )
        roll = rng.random()
        if roll < 0.55:
            m.other = pool.draw(rng)
        elif roll < 0.60:
            m.other = f"{pool.draw(rng)} {pool.draw(rng)}"
        if m.other == m.given:
            m.other = ""
        if m.given in NICKNAMES and rng.random() < 0.25:
            m.preferred = rng.choice(NICKNAMES[m.given])
        elif m.other and rng.random() < 0.03:
            m.preferred = m.other.split()[0]  # known by their middle name
        if age >= 18:
            m.title = "Mr" if not female else rng.choice(("Ms", "Miss")) if age < 30 else "Ms"
        return m

    def _married(self, wife: _Member, surname: str, *, recorded: float) -> None:
        """She took her partner's surname; the record keeps her maiden name some of the time."""
        maiden = wife.family
        wife.family = surname
        wife.title = "Mrs"
        if maiden != surname and self.rng.random() < recorded:
            married_at = min(wife.dob + timedelta(days=365 * self.rng.randint(19, 38)), REFERENCE_DAY)
            wife.previous.append((wife.given, maiden, married_at))

    def _couple(self, age: int, *, older: bool) -> list[_Member]:
        rng = self.rng
        first_age = age
        second_age = max(60 if older else 18, age + rng.randint(-6, 6))
        same_sex = rng.random() < 0.02
        a = self._member(female=same_sex and rng.random() < 0.5, age=first_age, family=self.pools.surnames.draw(rng))
        b = self._member(
            female=not (same_sex and a.gender == Gender.MALE), age=second_age, family=self.pools.surnames.draw(rng)
        )
        if a.gender == Gender.MALE and b.gender == Gender.FEMALE:
            roll = rng.random()
            if roll < (0.95 if older else 0.7):
                self._married(b, a.family, recorded=0.55 if older else 0.4)
            elif roll < (0.96 if older else 0.74):
                double = f"{b.family}-{a.family}"
                self._married(b, double, recorded=0.5)
                a.family = double
        return [a, b]

    def _children(self, parent_age: int, surname: str, count: int) -> list[_Member]:
        kids = []
        for _ in range(count):
            age = self.rng.randint(0, max(0, min(24, parent_age - 18)))
            kids.append(self._member(female=self.rng.random() < 0.49, age=age, family=surname))
        return kids

    def _carers_family(
        self, kind: str, surname: str
    ) -> tuple[list[_Member], list[tuple[_Member, _Member, str]], list[tuple[_Member, _Member]]]:
        """A household with children: members, (cared for, carer, relationship), (carer, child).

        Tandem is adult social care: children are in the borough only as a carer's family. In a
        family one parent cares for the other; a lone parent cares for their own parent, who lives
        with them. The children are in the carer's network.
        """
        rng = self.rng
        if kind == "family":
            members = self._couple(rng.randint(24, 55), older=False)
            count = rng.choices((1, 2, 3, 4), weights=(40, 40, 15, 5))[0]
            kids = self._children(min(m.age for m in members), members[0].family, count)
            cared, carer = (members[0], members[1]) if rng.random() < 0.5 else (members[1], members[0])
            return [*members, *kids], [(cared, carer, Rel.SPOUSE_OR_PARTNER)], [(carer, kid) for kid in kids]
        parent = self._member(female=rng.random() < 0.85, age=rng.randint(35, 55), family=surname)
        elder = self._member(
            female=rng.random() < 0.65, age=max(self._older_age(), parent.age + rng.randint(22, 34)), family=surname
        )
        kids_surname = parent.family if rng.random() < 0.6 else self.pools.surnames.draw(rng)
        kids = self._children(parent.age, kids_surname, rng.choice((1, 1, 2, 2, 3)))
        return [parent, elder, *kids], [(elder, parent, Rel.CHILD)], [(parent, kid) for kid in kids]

    # Households -------------------------------------------------------------------------------

    def _household(self) -> None:
        rng = self.rng
        kind = rng.choices(self.kinds, cum_weights=self.kind_weights)[0]
        surname = self.pools.surnames.draw(rng)
        carers: list[tuple[_Member, _Member, str]] = []  # (cared for, carer, relationship)
        family: list[tuple[_Member, _Member]] = []  # (carer, their son or daughter at home)
        if kind == "older_single":
            female = rng.random() < 0.65
            widowed = female and rng.random() < 0.8
            maiden = self.pools.surnames.draw(rng) if widowed else surname
            person = self._member(female=female, age=self._older_age(), family=maiden)
            if widowed:
                self._married(person, surname, recorded=0.45)
            members = [person]
        elif kind == "single":
            members = [self._member(female=rng.random() < 0.5, age=rng.randint(18, 64), family=surname)]
        elif kind == "older_couple":
            members = self._couple(self._older_age(), older=True)
            if rng.random() < 0.35:
                cared, carer = (members[0], members[1]) if rng.random() < 0.5 else (members[1], members[0])
                carers.append((cared, carer, Rel.SPOUSE_OR_PARTNER))
        elif kind == "couple":
            members = self._couple(rng.randint(20, 64), older=False)
        elif kind in ("family", "lone_parent"):
            members, carers, family = self._carers_family(kind, surname)
        elif kind == "multigen":
            parent = self._member(female=rng.random() < 0.7, age=self._older_age(75), family=surname)
            child = self._member(female=rng.random() < 0.6, age=rng.randint(38, 64), family=surname)
            members = [parent, child]
            if rng.random() < 0.75:
                carers.append((parent, child, Rel.CHILD))
        else:
            members = [
                self._member(female=rng.random() < 0.5, age=rng.randint(18, 40), family=self.pools.surnames.draw(rng))
                for _ in range(rng.choice((2, 2, 3)))
            ]
        self._emit_household(members, rng.choice(self.geo.streets))
        for cared, carer, relationship in carers:
            self._network(
                cared.id,
                carer.full_name,
                relationship=relationship,
                what=rng.choice(catalogue.CARER_TASKS),
                carer=True,
                linked=carer.id,
            )
        for carer, kid in family:
            self._network(carer.id, kid.full_name, relationship=Rel.CHILD, what=_AT_HOME, carer=False, linked=kid.id)
        self._outside_network(members)
        self.carer_pool.extend((m.id, m.full_name) for m in members if 35 <= m.age < 65)

    def _outside_network(self, members: list[_Member]) -> None:
        """Older people living without a carer at home: some have family elsewhere who care, some friends."""
        rng = self.rng
        older = [m for m in members if m.age >= 65]
        if not older or len(members) > 1:
            return
        person = older[0]
        if self.carer_pool and rng.random() < 0.22:
            carer_id, carer_name = rng.choice(self.carer_pool)
            relationship: str = Rel.CHILD if rng.random() < 0.7 else rng.choice((Rel.OTHER_FAMILY, Rel.FRIEND))
            self._network(
                person.id,
                carer_name,
                relationship=relationship,
                what=rng.choice(catalogue.CARER_TASKS),
                carer=True,
                linked=carer_id,
            )
        if rng.random() < 0.15:
            other: tuple[str, str, str] = rng.choice(catalogue.OTHER_NETWORK)
            relationship, group, what = other
            name = group or f"{self.pools.given_female.draw(rng)} {self.pools.surnames.draw(rng)}"
            self._network(person.id, name, relationship=relationship, what=what, carer=False, linked=None)

    def _emit_household(self, members: list[_Member], street: Street) -> None:
        rng = self.rng
        house = f"{rng.randint(1, 180)} {street.name}"
        if rng.random() < 0.1:
            house = f"Flat {rng.randint(1, 24)}, {house}"
        line_2 = street.locality if rng.random() < 0.6 else ""
        ethnicity = rng.choices(self.ethnicities, cum_weights=self.ethnicity_weights)[0]
        language, interpreter_share = "English", 0.0
        if ethnicity in catalogue.LANGUAGES and rng.random() < 0.5:
            languages, interpreter_share = catalogue.LANGUAGES[ethnicity]
            language = rng.choice(languages)
        practice_ids, practice_sizes = self.geo.practices[street.neighbourhood_id]
        practice = rng.choices(practice_ids, weights=practice_sizes)[0]
        for m in members:
            self._emit_person(
                m,
                street,
                house=house,
                line_2=line_2,
                ethnicity=ethnicity,
                language=language,
                interpreter_share=interpreter_share,
                practice=practice,
            )

    def _emit_person(
        self,
        m: _Member,
        street: Street,
        *,
        house: str,
        line_2: str,
        ethnicity: str,
        language: str,
        interpreter_share: float,
        practice: int,
    ) -> None:
        rng = self.rng
        age = m.age
        gender = m.gender
        roll = rng.random()
        if roll < 0.002:
            gender, m.title = Gender.OTHER, "Mx" if age >= 18 else ""
        elif roll < 0.006:
            gender = Gender.UNKNOWN
        if age >= 25 and rng.random() < 0.004:
            m.title = "Dr"
        death_chance = 0.07 if age >= 75 else 0.025 if age >= 65 else 0.003
        died = None
        if rng.random() < death_chance:
            died = max(m.dob, REFERENCE_DAY - timedelta(days=rng.randint(1, 3 * 365)))
        nhs = self._nhs_number() if rng.random() < 0.97 else None
        interpreter = language != "English" and age >= 18 and rng.random() < interpreter_share
        self.chunk.people.append(
            (
                m.id,
                uuid_from(self.uuid_rng.getrandbits(128)),
                self.now,
                self.now,
                nhs,
                m.title,
                m.given,
                m.other,
                m.family,
                m.preferred,
                m.dob,
                died,
                gender,
                ethnicity,
                house,
                line_2,
                street.town,
                street.postcode,
                street.neighbourhood_id,
                practice if rng.random() < 0.985 else None,
                language,
                interpreter,
                1,
            )
        )
        for given, family, until in m.previous:
            self.chunk.previous_names.append((self._next("previous"), self.now, self.now, m.id, given, family, until))
        kinds = seeded_word_kinds([m.given, m.other, m.family, m.preferred], [(g, f) for g, f, _ in m.previous])
        key = sort_key(m.given, m.family)
        term_ids = self.terms.term_ids([word for word, _ in kinds])
        for term_id, (_, previous) in zip(term_ids, kinds, strict=True):
            self.chunk.tokens.append((self._next("token"), m.id, term_id, previous, key))
        if died is None and age >= 18 and rng.random() < 0.024:
            self._warning(m.id)
        self.people_made += 1

    def _nhs_number(self) -> str:
        # The 9 range is never issued to patients, so these can never be someone's real number.
        while True:
            first_nine = f"9{self.nhs_rng.randrange(100_000_000):08d}"
            check = nhs_number_check_digit(first_nine)
            if check is None:
                continue
            number = f"{first_nine}{check}"
            if number not in self.nhs_seen:
                self.nhs_seen.add(number)
                return number

    def _network(
        self, person_id: int, name: str, *, relationship: str, what: str, carer: bool, linked: int | None
    ) -> None:
        contact = f"07700 900{self.rng.randrange(1000):03d}"  # Ofcom's range reserved for drama
        self.chunk.network.append(
            (
                self._next("network"),
                uuid_from(self.uuid_rng.getrandbits(128)),
                self.now,
                self.now,
                person_id,
                name,
                relationship,
                what,
                contact,
                carer,
                linked,
                self.rng.choice(self.staff_ids),
                None,
            )
        )

    def _warning(self, person_id: int) -> None:
        rng = self.rng
        category = rng.choices(self.categories, cum_weights=self.category_weights)[0]
        starts_on = REFERENCE_DAY - timedelta(days=rng.randint(10, 5 * 365))
        # Live warnings have mostly been reviewed on time; about a quarter are overdue.
        review_on = max(starts_on, REFERENCE_DAY + timedelta(days=rng.randint(-120, 330)))
        ends_on, ended_by, reason = None, None, ""
        open_days = (REFERENCE_DAY - starts_on).days
        if open_days > 30 and rng.random() < 0.25:
            ends_on = starts_on + timedelta(days=rng.randint(30, open_days))
            review_on = min(review_on, ends_on)
            ended_by = rng.choice(self.staff_ids)
            reason = rng.choice(catalogue.WARNING_END_REASONS[category])
        self.chunk.warnings.append(
            (
                self._next("warning"),
                uuid_from(self.uuid_rng.getrandbits(128)),
                self.now,
                self.now,
                person_id,
                category,
                rng.choice(catalogue.WARNING_TEXTS[category]),
                rng.choice(self.staff_ids),
                starts_on,
                review_on,
                ends_on,
                ended_by,
                reason,
            )
        )
