"""The assessment form's fields are built once per kind of assessment, and each form has its own."""

from tandem.assessments import forms, selectors
from tandem.assessments.models import AssessmentKind


def form_for(kind: str, **kwargs):
    return forms.AssessmentForm(
        kwargs.pop("data", None),
        outcomes=list(selectors.outcomes_for(kind)),
        carer=kind == AssessmentKind.CARER,
        **kwargs,
    )


def test_two_forms_of_one_kind_ask_the_same_questions_with_fields_of_their_own():
    first, second = form_for(AssessmentKind.ADULT), form_for(AssessmentKind.ADULT)
    assert list(first.fields) == list(second.fields)
    assert len(first.fields) > 50
    for name in first.fields:
        assert first.fields[name] is not second.fields[name]
    first.fields["persons_account"].label = "Changed on one form only"
    first.fields["persons_account"].required = True
    assert second.fields["persons_account"].label == "The person's own account"
    assert not second.fields["persons_account"].required
    assert form_for(AssessmentKind.ADULT).fields["persons_account"].label == "The person's own account"


def test_a_carers_form_asks_the_carers_questions_after_an_adults_was_built():
    form_for(AssessmentKind.ADULT)
    carer = form_for(AssessmentKind.CARER)
    assert carer.fields["persons_account"].label == "The carer's own account"
    assert "arises_from_providing_care" in carer.fields
    assert "arises_from_impairment_or_illness" not in carer.fields
    assert "arises_from_impairment_or_illness" in form_for(AssessmentKind.ADULT).fields


def test_what_one_form_was_sent_is_not_what_the_next_form_holds():
    sent = form_for(AssessmentKind.ADULT, data={"version": "3", "persons_account": "I like my garden"})
    assert sent.is_valid(), sent.errors
    fresh = form_for(AssessmentKind.ADULT, initial={"persons_account": "Something else"})
    assert fresh["persons_account"].value() == "Something else"
    assert not fresh.is_bound


def test_a_carers_form_offers_only_the_three_ways_of_regulation_3_3_and_an_adults_all_four():
    carer, adult = form_for(AssessmentKind.CARER), form_for(AssessmentKind.ADULT)

    assert [value for value, _ in carer.fields["outcome_c_achievement"].choices] == [
        "achieves",
        "unable_without_assistance",
        "significant_pain_distress_or_anxiety",
        "endangers_health_or_safety",
        "not_applicable",
    ]
    assert "significantly_longer" in [value for value, _ in adult.fields["outcome_c_achievement"].choices]
    assert carer.fields["outcome_c_achievement"].label == (
        "Can the carer achieve this outcome: (iii) maintaining a habitable home environment in the carer's home "
        "(whether or not this is also the home of the adult needing care)?"
    )


def test_a_carers_form_refuses_taking_significantly_longer():
    sent = form_for(AssessmentKind.CARER, data={"version": "1", "outcome_c_achievement": "significantly_longer"})

    assert not sent.is_valid()
    assert sent.errors["outcome_c_achievement"] == ["Outcome (iii): choose an answer from the list"]
