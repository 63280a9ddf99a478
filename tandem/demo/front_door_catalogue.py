"""What people tell the front door, who tells it, and what usually comes of it: the texts and
proportions the demo's front-door activity is drawn from (see front_door_seed.py).

Proportions aim at plausible, not exact: a front door that resolves most contacts itself with
advice, signposting, equipment or reablement, and passes about one in seven on to a team.
"""

from dataclasses import dataclass

from tandem.front_door.codes import ContactSource, OutcomeKind

S, K = ContactSource, OutcomeKind


@dataclass(frozen=True)
class Theme:
    """Why people get in touch: what they say, who calls, and what usually comes of it."""

    reasons: tuple[str, ...]
    sources: tuple[tuple[str, int], ...]
    outcomes: tuple[tuple[str, float], ...]  # each outcome's own chance
    # A directory category (tandem.directory.categories) to signpost to, then service names to use
    # when the directory has none in it.
    services: tuple[str, ...]
    team: str = "locality"
    urgent: float = 0.05


FAMILY = ((S.SELF, 30), (S.FAMILY_OR_FRIEND, 45), (S.GP, 12), (S.VOLUNTARY_SECTOR, 8), (S.OTHER_PROFESSIONAL, 5))
THEMES: tuple[tuple[Theme, int], ...] = (
    (
        Theme(
            (
                "Mum has fallen twice this month and is scared to go upstairs now.",
                "I keep losing my balance in the bathroom and I'm frightened of falling when I'm on my own.",
                "Dad had a fall in the garden last week. He's bruised but wants to stay independent.",
            ),
            FAMILY,
            (
                (K.EQUIPMENT, 0.5),
                (K.REABLEMENT, 0.2),
                (K.ADVICE, 0.4),
                (K.SIGNPOSTED, 0.3),
                (K.CONNECTED_TO_TEAM, 0.08),
            ),
            ("falls-prevention", "Falls Prevention Exercise Class", "Strength and Balance Group"),
        ),
        16,
    ),
    (
        Theme(
            (
                "Dad has been very low since Mum died and hardly goes out any more.",
                "I don't see anyone from one week to the next. I'd like some company.",
                "My neighbour is on her own all day and I think she's lonely.",
            ),
            ((S.SELF, 35), (S.FAMILY_OR_FRIEND, 40), (S.VOLUNTARY_SECTOR, 15), (S.GP, 10)),
            ((K.SIGNPOSTED, 0.8), (K.ADVICE, 0.4), (K.CONNECTED_TO_TEAM, 0.03)),
            ("befriending", "Befriending Service", "Lunch Club"),
        ),
        12,
    ),
    (
        Theme(
            (
                "I look after my husband who has dementia and I'm exhausted. I need a break.",
                "I care for my son and I don't know what help there is for me.",
                "Looking after Mum is getting too much alongside work.",
            ),
            ((S.SELF, 55), (S.FAMILY_OR_FRIEND, 25), (S.GP, 10), (S.VOLUNTARY_SECTOR, 10)),
            ((K.CARERS_ASSESSMENT, 0.7), (K.SIGNPOSTED, 0.5), (K.ADVICE, 0.3), (K.CONNECTED_TO_TEAM, 0.1)),
            ("carers-support", "Carers' Support Group", "Carers' Café"),
        ),
        10,
    ),
    (
        Theme(
            (
                "Going home from Arrowe Park on Friday and will need help with washing and dressing.",
                "Patient ready for discharge from Clatterbridge; lives alone, needs support at home for a few weeks.",
                "Ward 22 asking for a package of care so she can go home.",
            ),
            ((S.HOSPITAL, 80), (S.FAMILY_OR_FRIEND, 15), (S.OTHER_PROFESSIONAL, 5)),
            ((K.REABLEMENT, 0.55), (K.EQUIPMENT, 0.3), (K.CONNECTED_TO_TEAM, 0.3), (K.ADVICE, 0.1)),
            ("transport", "Home from Hospital Service", "Community Transport"),
            team="hospital",
            urgent=0.25,
        ),
        12,
    ),
    (
        Theme(
            (
                "Can't afford to put the heating on and not sure what I'm entitled to.",
                "Mum's pension doesn't cover her bills since Dad died.",
                "Want to know if I can get Attendance Allowance.",
            ),
            ((S.SELF, 60), (S.FAMILY_OR_FRIEND, 25), (S.VOLUNTARY_SECTOR, 15)),
            ((K.ADVICE, 0.7), (K.SIGNPOSTED, 0.6)),
            ("benefits-advice", "Benefits Advice Service", "Citizens Advice Drop-in"),
        ),
        10,
    ),
    (
        Theme(
            (
                "She's not managing to wash or dress herself any more.",
                "He's not eating properly and the house is getting on top of him.",
                "I can't cope with my personal care since my stroke.",
            ),
            FAMILY,
            ((K.CONNECTED_TO_TEAM, 0.45), (K.REABLEMENT, 0.25), (K.EQUIPMENT, 0.2), (K.ADVICE, 0.2)),
            ("shopping-meals", "Meals at Home", "Good Neighbour Shopping Service"),
            urgent=0.1,
        ),
        12,
    ),
    (
        Theme(
            (
                "He's getting very forgetful and left the gas on twice.",
                "Mum keeps getting lost on the way back from the shops.",
                "My wife has just been diagnosed with dementia and we don't know where to start.",
            ),
            FAMILY,
            ((K.SIGNPOSTED, 0.55), (K.ADVICE, 0.4), (K.CONNECTED_TO_TEAM, 0.2), (K.CARERS_ASSESSMENT, 0.2)),
            ("dementia", "Dementia Café", "Memory Support Group"),
        ),
        9,
    ),
    (
        Theme(
            (
                "Neighbour thinks her son is taking her pension.",
                "Found him at home with no food in the house and bruises on his arms.",
                "Carers are not turning up and she's been left in bed all day.",
            ),
            ((S.POLICE, 30), (S.FAMILY_OR_FRIEND, 25), (S.CARE_PROVIDER, 20), (S.ANONYMOUS, 15), (S.GP, 10)),
            ((K.SAFEGUARDING, 0.6), (K.CONNECTED_TO_TEAM, 0.25), (K.ADVICE, 0.2)),
            ("befriending", "Independent Advocacy Service"),
            urgent=0.5,
        ),
        3,
    ),
    (
        Theme(
            (
                "I'm struggling to cope and haven't left the flat for weeks.",
                "My brother's mental health is getting worse and he won't see his GP.",
            ),
            ((S.SELF, 40), (S.FAMILY_OR_FRIEND, 35), (S.GP, 20), (S.POLICE, 5)),
            ((K.CONNECTED_TO_TEAM, 0.35), (K.SIGNPOSTED, 0.45), (K.ADVICE, 0.3)),
            ("mental-wellbeing", "Talking Therapies", "Wellbeing Walks"),
            team="mental_health",
            urgent=0.1,
        ),
        6,
    ),
    (
        Theme(
            (
                "Can't get in and out of the bath any more.",
                "Need a rail by the front door, the step is too high.",
                "Would a stairlift be possible for my mum?",
            ),
            ((S.SELF, 50), (S.FAMILY_OR_FRIEND, 35), (S.OTHER_PROFESSIONAL, 15)),
            ((K.EQUIPMENT, 0.75), (K.ADVICE, 0.25), (K.SIGNPOSTED, 0.15)),
            ("home-adaptations", "Home Adaptations Service", "Handyperson Scheme"),
        ),
        6,
    ),
    (
        Theme(
            (
                "Asking about care homes and what they cost.",
                "What help can I get if I pay for my own care?",
                "My learning disabled son is 18 next month; what happens to his support?",
            ),
            ((S.SELF, 50), (S.FAMILY_OR_FRIEND, 40), (S.OTHER_PROFESSIONAL, 10)),
            ((K.ADVICE, 0.9), (K.SIGNPOSTED, 0.2), (K.CONNECTED_TO_TEAM, 0.08)),
            ("benefits-advice", "Care Choices Advice Line"),
            team="learning_disability",
        ),
        4,
    ),
)
NO_ACTION = "Sorted now: family are helping and nothing more is needed."
CONVERSATION = (
    ("Staying in my own home", "Getting to church on Sundays", "Seeing the grandchildren", "Keeping my garden"),
    ("Daughter calls every day", "Good neighbours", "Still cooks for herself", "Goes to the lunch club on Tuesdays"),
    ("Daughter nearby", "Son in Chester, visits at weekends", "Friend from church", "No one close by"),
    ("A bit of help in the mornings", "Someone to talk to", "A rail on the stairs", "Knowing where to turn"),
)
FOLLOW_UPS = (
    "Feeling more confident; no further help needed.",
    "Went to the group and enjoyed it.",
    "Equipment fitted.",
)
RELATIONS: dict[str, tuple[str, ...]] = {
    S.FAMILY_OR_FRIEND: ("Daughter", "Son", "Neighbour", "Wife", "Husband", "Friend", "Niece")
}
PROFESSIONALS: dict[str, str] = {
    S.GP: "GP surgery",
    S.HOSPITAL: "Ward nurse",
    S.POLICE: "Merseyside Police",
    S.CARE_PROVIDER: "Home care agency",
    S.VOLUNTARY_SECTOR: "Age Well Wirral",
    S.OTHER_PROFESSIONAL: "Housing officer",
}
