"""The Care Act eligibility outcomes: the statutory words exactly, in order, with plain words for the public."""

from dataclasses import FrozenInstanceError

import pytest

from tandem.core.care_act import ADULT_BY_CODE, ADULT_OUTCOMES, CARER_BY_CODE, CARER_OUTCOMES

# From the project's code list (care_act_eligibility_outcomes.csv): regulation, code, statutory words.
ADULT_ROWS = [
    ("2(2)", "a", "managing and maintaining nutrition"),
    ("2(2)", "b", "maintaining personal hygiene"),
    ("2(2)", "c", "managing toilet needs"),
    ("2(2)", "d", "being appropriately clothed"),
    ("2(2)", "e", "being able to make use of the adult's home safely"),
    ("2(2)", "f", "maintaining a habitable home environment"),
    ("2(2)", "g", "developing and maintaining family or other personal relationships"),
    ("2(2)", "h", "accessing and engaging in work, training, education or volunteering"),
    (
        "2(2)",
        "i",
        "making use of necessary facilities or services in the local community including public transport, "
        "and recreational facilities or services",
    ),
    ("2(2)", "j", "carrying out any caring responsibilities the adult has for a child"),
]
# Regulation 3(2)(b) (i) to (viii) as made; answers are stored under the keys a to h.
CARER_ROWS = [
    ("a", "3(2)(b)(i)", "carrying out any caring responsibilities the carer has for a child"),
    ("b", "3(2)(b)(ii)", "providing care to other persons for whom the carer provides care"),
    (
        "c",
        "3(2)(b)(iii)",
        "maintaining a habitable home environment in the carer's home (whether or not this is also the home of "
        "the adult needing care)",
    ),
    ("d", "3(2)(b)(iv)", "managing and maintaining nutrition"),
    ("e", "3(2)(b)(v)", "developing and maintaining family or other personal relationships"),
    ("f", "3(2)(b)(vi)", "engaging in work, training, education or volunteering"),
    (
        "g",
        "3(2)(b)(vii)",
        "making use of necessary facilities or services in the local community, including recreational "
        "facilities or services",
    ),
    ("h", "3(2)(b)(viii)", "engaging in recreational activities"),
]


def test_the_ten_adult_outcomes_are_the_regulations_words_in_order():
    assert [(o.regulation, o.statutory) for o in ADULT_OUTCOMES] == [
        (f"{reg}({code})", words) for reg, code, words in ADULT_ROWS
    ]
    assert all(outcome.confirmed for outcome in ADULT_OUTCOMES)


def test_the_carers_outcomes_are_regulation_3_2_b_i_to_viii_in_the_regulations_words():
    assert [(o.code, o.regulation, o.statutory) for o in CARER_OUTCOMES] == CARER_ROWS
    assert [o.mark for o in CARER_OUTCOMES] == ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii"]
    assert all(outcome.confirmed for outcome in CARER_OUTCOMES)
    assert CARER_BY_CODE["c"].citation == (
        "reg 3(2)(b)(iii), The Care and Support (Eligibility Criteria) Regulations 2015"
    )


def test_every_outcome_has_distinct_plain_words_and_a_hint():
    for outcomes in (ADULT_OUTCOMES, CARER_OUTCOMES):
        assert len({outcome.plain for outcome in outcomes}) == len(outcomes)
        assert all(outcome.plain and outcome.hint and outcome.plain != outcome.statutory for outcome in outcomes)


def test_outcomes_can_be_found_by_their_letter():
    assert ADULT_BY_CODE["a"].plain == "Getting enough to eat and drink"
    assert ADULT_BY_CODE["b"].plain == "Keeping clean"
    assert CARER_BY_CODE["h"].statutory == "engaging in recreational activities"
    assert ADULT_BY_CODE["e"].mark == "e"
    assert ADULT_BY_CODE["e"].citation == "reg 2(2)(e), The Care and Support (Eligibility Criteria) Regulations 2015"


def test_the_outcomes_cannot_be_changed():
    with pytest.raises(FrozenInstanceError):
        ADULT_OUTCOMES[0].plain = "Eating"
