"""The fixed texts and proportions the synthetic borough is drawn from.

Proportions are rounded from the 2021 Census for Wirral (ethnicity, language) and from what
adult social care records typically hold (warnings, carers); they aim at plausible, not exact.
"""

from tandem.people.codes import Ethnicity as Eth
from tandem.people.codes import Relationship as Rel
from tandem.people.codes import WarningCategory as W

# Wirral is about 95% White, and most of that White British; records also hold "not known".
ETHNICITY_WEIGHTS: tuple[tuple[str, float], ...] = (
    (Eth.WHITE_BRITISH, 91.6),
    (Eth.WHITE_IRISH, 0.7),
    (Eth.WHITE_GYPSY_TRAVELLER, 0.05),
    (Eth.WHITE_ROMA, 0.02),
    (Eth.WHITE_OTHER, 1.8),
    (Eth.MIXED_WHITE_BLACK_CARIBBEAN, 0.35),
    (Eth.MIXED_WHITE_BLACK_AFRICAN, 0.2),
    (Eth.MIXED_WHITE_ASIAN, 0.4),
    (Eth.MIXED_OTHER, 0.35),
    (Eth.ASIAN_INDIAN, 0.45),
    (Eth.ASIAN_PAKISTANI, 0.1),
    (Eth.ASIAN_BANGLADESHI, 0.2),
    (Eth.ASIAN_CHINESE, 0.45),
    (Eth.ASIAN_OTHER, 0.4),
    (Eth.BLACK_CARIBBEAN, 0.1),
    (Eth.BLACK_AFRICAN, 0.3),
    (Eth.BLACK_OTHER, 0.08),
    (Eth.OTHER_ARAB, 0.2),
    (Eth.OTHER_ANY, 0.3),
    (Eth.NOT_KNOWN, 1.5),
    (Eth.REFUSED, 0.1),
)

# Main languages other than English, and the share of that group who would want an interpreter.
LANGUAGES: dict[str, tuple[tuple[str, ...], float]] = {
    Eth.WHITE_OTHER: (("Polish", "Romanian", "Lithuanian", "Portuguese"), 0.45),
    Eth.WHITE_ROMA: (("Romanian", "Slovak"), 0.5),
    Eth.ASIAN_BANGLADESHI: (("Bengali", "Sylheti"), 0.4),
    Eth.ASIAN_CHINESE: (("Cantonese", "Mandarin"), 0.45),
    Eth.ASIAN_PAKISTANI: (("Urdu", "Punjabi"), 0.3),
    Eth.OTHER_ARAB: (("Arabic",), 0.5),
    Eth.BLACK_AFRICAN: (("Somali", "Tigrinya", "French"), 0.2),
}

WARNING_WEIGHTS: tuple[tuple[str, float], ...] = (
    (W.VIOLENCE, 30),
    (W.ANIMALS, 20),
    (W.ENVIRONMENT, 20),
    (W.INFECTION, 8),
    (W.LONE_WORKING, 15),
    (W.OTHER, 7),
)
WARNING_TEXTS: dict[str, tuple[str, ...]] = {
    W.VIOLENCE: (
        "Son who lives at the address has been verbally aggressive to visiting staff. Visit in pairs.",
        "Has hit out at carers when startled during personal care. Approach from the front and explain each step.",
        "Partner has a police marker for domestic abuse. Do not visit alone; check with the team before visiting.",
        "Threatened a worker with a walking stick during a dispute about charges. Meet at the day centre instead.",
    ),
    W.ANIMALS: (
        "Two large dogs at the property. Phone ahead and ask for them to be shut in another room.",
        "Dog bit a visiting carer in the spring. It must be secured before anyone enters.",
        "Several cats and a flea infestation. Staff with allergies should not visit.",
    ),
    W.ENVIRONMENT: (
        "Hoarding: narrow paths through the house and a fire risk. Do not go upstairs.",
        "Steep unlit steps to the front door. Use the back entrance and take a torch in winter.",
        "Home oxygen in use and the person smokes. Fire service referral made; do not smoke or vape at the property.",
        "Loose floorboards in the hall and no working heating. Housing repairs requested.",
    ),
    W.INFECTION: (
        "Scabies being treated. Gloves and aprons for personal care until the GP confirms it has cleared.",
        "MRSA positive. Follow the infection control guidance in the care plan.",
        "Bed bugs reported. Do not sit on soft furnishings; bag coats.",
    ),
    W.LONE_WORKING: (
        "Isolated house with no mobile signal. Check in with the team before and after each visit.",
        "Has made allegations against lone staff in the past. Visit in pairs and record each visit the same day.",
        "Visits between 9am and 5pm only; staff have been approached on the estate after dark.",
    ),
    W.OTHER: (
        "Shotgun certificate holder; the gun is kept in a locked cabinet at the property.",
        "Prefers visits from female staff only, following past trauma.",
        "MAPPA arrangements apply. Speak to the team manager before arranging any visit.",
    ),
}
WARNING_END_REASONS: dict[str, tuple[str, ...]] = {
    W.VIOLENCE: ("Son has moved out of the property.", "No incidents for over a year; reviewed with the team manager."),
    W.ANIMALS: ("The dogs have been rehomed.", "Animals now kept outside during visits; no longer a risk."),
    W.ENVIRONMENT: ("House cleared with support from the housing team.", "Repairs completed by the landlord."),
    W.INFECTION: ("Treatment completed; the GP confirmed it has cleared.",),
    W.LONE_WORKING: ("Moved to sheltered housing with a warden on site.",),
    W.OTHER: ("No longer applies following a review with the person.",),
}

CARER_TASKS: tuple[str, ...] = (
    "Helps with washing, dressing and medication every morning.",
    "Does the shopping, cooking and cleaning; manages money and bills.",
    "Stays overnight most nights since the fall; helps to the toilet.",
    "Takes to hospital and GP appointments and orders prescriptions.",
    "Visits every day after work to make tea and check they have eaten.",
    "Provides emotional support and prompts with medication; lives with them.",
)
OTHER_NETWORK: tuple[tuple[str, str, str], ...] = (
    (Rel.NEIGHBOUR, "", "Pops in most days and has a spare key."),
    (Rel.FRIEND, "", "Phones every evening; they go to church together on Sundays."),
    (Rel.COMMUNITY_GROUP, "Tuesday Lunch Club", "Collects them for lunch on Tuesdays; transport provided."),
    (Rel.COMMUNITY_GROUP, "Age Well befriending service", "A volunteer visits for an hour each week."),
    (Rel.COMMUNITY_GROUP, "Carers' Centre", "Support group and advice line for the family."),
    (Rel.OTHER_FAMILY, "", "Niece who lives nearby; helps with forms and letters."),
)
