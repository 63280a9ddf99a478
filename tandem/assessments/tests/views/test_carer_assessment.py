"""A carer's assessment through its pages: the carer outcomes and conditions, completing it, the statement."""

# pytest hands a test its fixtures as positional arguments, however many it needs.

from datetime import timedelta

import pytest

from tandem.assessments import services
from tandem.assessments.tests.records import unpaid_carer_make
from tandem.core import clock

from .conftest import url


@pytest.fixture
def carers(person, practitioner, draft):
    john = unpaid_carer_make(person=person, practitioner=practitioner)
    return services.carer_assessment_start(
        carer=john,
        cared_for=person,
        joint_with=draft,
        requested_on=clock.today() - timedelta(days=1),
        actor=practitioner,
    )


def carer_form(version: int, **changes: str) -> dict[str, str]:
    data = {
        "version": str(version),
        "persons_account": "I haven't slept properly in months",
        "arises_from_providing_care": "yes",
        "care_reason": "He helps Mary wash and dress every day",
        "health_at_risk": "yes",
        "health_reason": "Back pain from lifting her",
        "significant_impact_on_wellbeing": "yes",
        "wellbeing_reason": "He has given up his bowls club",
    }
    data |= {f"outcome_{code}_achievement": "achieves" for code in services.CARER_CODES}
    return data | changes


def test_the_page_asks_the_carer_outcomes_and_conditions(signed_in, carers, read):
    page = read(signed_in.get(url("assessment", carers)))

    assert page.title == "Carer's assessment for John Smith – Tandem"
    assert "Carer's assessment (Care Act 2014, section 10)" in page.text
    assert "Cares for Mary Smith" in page.text
    assert "Done jointly with Needs assessment for Mary Smith" in page.text
    assert "(viii) Engaging in recreational activities" in page.text
    assert (
        "(iii) Maintaining a habitable home environment in the carer's home (whether or not this is also the home "
        "of the adult needing care)"
    ) in page.text
    assert "outcome_i_achievement" not in page.values
    assert "is the carer's physical or mental health deteriorating, or at risk of deteriorating?" in page.text
    assert "Do the needs arise as a consequence of providing necessary care for an adult?" in page.text
    assert "impairment or illness" not in page.text


def test_the_cared_for_person_s_assessment_links_to_the_joint_one(signed_in, carers, draft, read):
    page = read(signed_in.get(url("assessment", draft)))

    assert "Done jointly with Carer's assessment for John Smith" in page.text


def test_save_complete_and_give_the_carer_their_statement(signed_in, carers, reload, read):
    saved = signed_in.post(url("assessment", carers), carer_form(1))
    completed = signed_in.post(url("assessment_complete", carers), {"version": "2"})
    statement = read(signed_in.get(url("statement", carers)))

    done = reload(carers)
    assert (saved.status_code, completed.status_code) == (302, 302)
    assert (done.status, done.eligible_by_criteria) == ("completed", True)
    assert done.health_reason == "Back pain from lifting her"
    assert "For John Smith, from the carer's assessment completed on" in statement.text
    assert "Caring for Mary Smith" in statement.text
    assert "All 8 outcomes" in statement.text
    assert "Your health: Back pain from lifting her" in statement.text


def test_an_adult_answer_for_a_carer_outcome_that_does_not_exist_is_ignored(signed_in, carers, reload):
    signed_in.post(url("assessment", carers), carer_form(1, outcome_j_achievement="unable_without_assistance"))

    assert sorted(reload(carers).findings.values_list("code", flat=True)) == list("abcdefgh")


def test_the_check_page_names_the_carer_s_missing_answers(signed_in, carers, read):
    page = read(signed_in.get(url("assessment_complete", carers)))

    assert "Say whether the carer can achieve outcomes (i), (ii), (iii), (iv), (v), (vi), (vii), (viii)" in page.text
    assert "Say whether the carer's health is deteriorating or at risk, and why" in page.text


def test_the_carer_page_never_offers_taking_significantly_longer(signed_in, carers):
    html = signed_in.get(url("assessment", carers)).content.decode()

    assert 'value="significantly_longer"' not in html
    assert 'value="endangers_health_or_safety"' in html


def test_an_old_significantly_longer_answer_is_named_on_the_draft_and_saving_leaves_it_unanswered(
    signed_in, carers, reload, read
):
    signed_in.post(url("assessment", carers), carer_form(1))
    carers.findings.filter(code="c").update(achievement="significantly_longer")

    page = read(signed_in.get(url("assessment", carers)))
    check = read(signed_in.get(url("assessment_complete", carers)))
    form = carer_form(2)
    del form["outcome_c_achievement"]  # nothing checked: the saved answer is not among the choices
    signed_in.post(url("assessment", carers), form)

    assert "Saved earlier as “able, but it takes significantly longer”" in page.text
    assert "regulation 3(3)" in page.text
    assert page.values.get("outcome_c_achievement", "") == ""
    assert (
        "Answer outcome (iii) again: saved as able but taking significantly longer than would normally be expected, "
        "which regulation 3(3) does not count for a carer"
    ) in check.text
    assert reload(carers).findings.get(code="c").achievement == ""
    [saved] = reload(carers).events.filter(kind="saved", version=3)
    assert saved.changes[
        "(iii) Maintaining a habitable home environment in the carer's home (whether or not this is also the home "
        "of the adult needing care): whether it can be achieved"
    ] == ["Able, but it takes significantly longer", ""]


def test_a_completed_carer_s_assessment_that_counted_taking_significantly_longer_says_to_check_it(
    signed_in, carers, reload, read
):
    signed_in.post(url("assessment", carers), carer_form(1, health_at_risk="no"))
    signed_in.post(url("assessment_complete", carers), {"version": "2"})
    # As a completion before the correction stored it: outcome (iii) counted as not achieved.
    carers.findings.filter(code="c").update(achievement="significantly_longer")
    done = reload(carers)
    done.determination = {**done.determination, "eligible": True, "unable": ["c"]}
    done.eligible_by_criteria = True
    done.save()

    page = read(signed_in.get(url("assessment", carers)))

    assert (
        "This determination counted outcome (iii) as not achieved because it takes the carer significantly longer "
        "than would normally be expected. Regulation 3(3) does not count that for a carer, so check the decision: "
        "record a professional judgement if it no longer stands."
    ) in page.text
    assert "Able, but it takes significantly longer (not counted: for a carer, regulation 3(3)" in page.text
    assert reload(carers).eligible_by_criteria is True  # the stored decision is history: shown, never rewritten
