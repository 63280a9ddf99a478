"""The outcomes the Care Act 2014 eligibility criteria are judged against, in statutory and plain words.

Source: The Care and Support (Eligibility Criteria) Regulations 2015 (SI 2015/313),
https://www.legislation.gov.uk/uksi/2015/313/made, Crown copyright, reused under the Open
Government Licence v3.0 (transcribed from the project's code list `care_act_eligibility_outcomes.csv`;
tandem/core/tests/test_care_act.py holds the same rows).

- Regulation 2(2) (a) to (j): the ten specified outcomes for adults with needs for care and
  support. Their wording is checked against the regulations as made (`confirmed`).
- Regulation 3(2)(b) (i) to (viii): the outcomes for carers (regulation 3(2)(a) is the carer's
  health, not an outcome). Their wording is regulation 3 as made, quoted in full by the Socitm
  adult social care glossary ("Necessary care"), and agrees with SCIE, Alzheimer's Society and
  Durham County Council; (iii) keeps its statutory words in full, "(whether or not this is also
  the home of the adult needing care)" included. The shared code list
  (`care_act_eligibility_outcomes.csv`) still numbers them 3(2) a to h and cuts (iii) short.
  Their `code` stays a to h: it is the key saved answers are stored under; `mark` is the
  regulation's own numbering, shown and cited.

The plain words are ours, written for the public pages (the "ask for help" journey): short, in
the first person's everyday language, with a hint of what the outcome covers. They never replace
the statutory wording in an assessment or an eligibility determination.
"""

from dataclasses import dataclass

LEGISLATION_URL = "https://www.legislation.gov.uk/uksi/2015/313/made"
REGULATIONS = "The Care and Support (Eligibility Criteria) Regulations 2015"


@dataclass(frozen=True)
class Outcome:
    """One outcome: its letter in the regulation, the statutory words, and plain words for the public."""

    code: str  # the key answers are stored under: "a" to "j" (an adult's), "a" to "h" (a carer's)
    regulation: str  # where it is: "2(2)(a)", "3(2)(b)(iii)"
    statutory: str  # the regulation's own words
    plain: str  # what the public pages say
    hint: str  # what the plain words take in, for a checkbox hint
    confirmed: bool  # False: wording from secondary sources, to be checked against the regulations

    @property
    def mark(self) -> str:
        """The outcome's own number in the regulation: "a" for 2(2)(a), "iii" for 3(2)(b)(iii)."""
        return self.regulation.rsplit("(", 1)[1].rstrip(")")

    @property
    def citation(self) -> str:
        return f"reg {self.regulation}, {REGULATIONS}"


def _adult(code: str, statutory: str, plain: str, hint: str) -> Outcome:
    return Outcome(code=code, regulation=f"2(2)({code})", statutory=statutory, plain=plain, hint=hint, confirmed=True)


_CARER_MARKS = dict(zip("abcdefgh", ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii"), strict=True))


def _carer(code: str, statutory: str, plain: str, hint: str) -> Outcome:
    return Outcome(
        code=code,
        regulation=f"3(2)(b)({_CARER_MARKS[code]})",
        statutory=statutory,
        plain=plain,
        hint=hint,
        confirmed=True,
    )


ADULT_OUTCOMES: tuple[Outcome, ...] = (
    _adult(
        "a",
        "managing and maintaining nutrition",
        "Getting enough to eat and drink",
        "Shopping for food, making meals, eating and drinking",
    ),
    _adult("b", "maintaining personal hygiene", "Keeping clean", "Washing, bathing or showering, washing clothes"),
    _adult("c", "managing toilet needs", "Using the toilet", "Getting to the toilet in time and using it"),
    _adult(
        "d",
        "being appropriately clothed",
        "Getting dressed",
        "Putting on and taking off clothes that suit the weather",
    ),
    _adult(
        "e",
        "being able to make use of the adult's home safely",
        "Moving around the home safely",
        "Getting in and out, using the stairs, the kitchen and the bathroom",
    ),
    _adult(
        "f",
        "maintaining a habitable home environment",
        "Keeping the home clean, warm and safe",
        "Cleaning, repairs, keeping the heating, water and electricity on",
    ),
    _adult(
        "g",
        "developing and maintaining family or other personal relationships",
        "Keeping in touch with family and friends",
        "Seeing people, not feeling lonely",
    ),
    _adult(
        "h",
        "accessing and engaging in work, training, education or volunteering",
        "Working, learning or volunteering",
        "Getting to work, a course or a volunteering role and taking part",
    ),
    _adult(
        "i",
        "making use of necessary facilities or services in the local community including public transport, "
        "and recreational facilities or services",
        "Getting out and about",
        "Using buses, shops, the doctor's surgery, leisure and local services",
    ),
    _adult(
        "j",
        "carrying out any caring responsibilities the adult has for a child",
        "Looking after a child",
        "Caring for a child you are responsible for",
    ),
)

CARER_OUTCOMES: tuple[Outcome, ...] = (
    _carer(
        "a",
        "carrying out any caring responsibilities the carer has for a child",
        "Looking after a child",
        "Caring for a child you are responsible for",
    ),
    _carer(
        "b",
        "providing care to other persons for whom the carer provides care",
        "Caring for other people",
        "Looking after anyone else you care for",
    ),
    _carer(
        "c",
        "maintaining a habitable home environment in the carer's home (whether or not this is also the home "
        "of the adult needing care)",
        "Keeping your own home clean, warm and safe",
        "Cleaning, repairs, keeping the heating, water and electricity on",
    ),
    _carer(
        "d",
        "managing and maintaining nutrition",
        "Getting enough to eat and drink",
        "Shopping for food, making meals, eating and drinking",
    ),
    _carer(
        "e",
        "developing and maintaining family or other personal relationships",
        "Keeping in touch with family and friends",
        "Seeing people, not feeling lonely",
    ),
    _carer(
        "f",
        "engaging in work, training, education or volunteering",
        "Working, learning or volunteering",
        "Keeping a job, a course or a volunteering role",
    ),
    _carer(
        "g",
        "making use of necessary facilities or services in the local community, including recreational "
        "facilities or services",
        "Getting out and about",
        "Using shops, local services, leisure and social activities",
    ),
    _carer("h", "engaging in recreational activities", "Time for yourself", "Hobbies, rest and things you enjoy"),
)

ADULT_BY_CODE: dict[str, Outcome] = {outcome.code: outcome for outcome in ADULT_OUTCOMES}
CARER_BY_CODE: dict[str, Outcome] = {outcome.code: outcome for outcome in CARER_OUTCOMES}
