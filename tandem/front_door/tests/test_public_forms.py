"""The public journey's forms: GOV.UK messages worded for who is asking, and the answers they keep."""

from datetime import date, timedelta

import pytest
from django.contrib.sessions.backends.signed_cookies import SessionStore

from tandem.core import clock
from tandem.front_door.forms.public import (
    STEP_BY_NAME,
    AboutForm,
    ContactForm,
    HardForm,
    HelperForm,
    HelpForm,
    Journey,
    MattersForm,
    MoneyForm,
    SelfAssessmentForm,
    WhoForm,
    Wording,
)
from tandem.front_door.tests.public_answers import ANSWERS, answers

ME = Wording(for_self=True, name="Margaret")
MUM = Wording(for_self=False, name="Margaret")


def errors(form) -> dict[str, list[str]]:
    form.is_valid()
    return {name: list(messages) for name, messages in form.errors.items()}


def about(**data):
    base = {
        "given_name": "Margaret",
        "family_name": "Okafor",
        "address_line_1": "12 Acacia Road",
        "postcode": "CH41 1AA",
    }
    return {**base, **data}


def test_who_must_be_answered():
    assert errors(WhoForm({}, words=ME)) == {"who": ["Select whether you need help or are asking for someone else"]}


def test_someone_asking_for_another_person_gives_their_name_and_relationship():
    assert errors(HelperForm({}, words=MUM)) == {
        "helper_name": ["Enter your full name"],
        "helper_relationship": ["Enter your relationship to the person who needs help"],
    }


def test_the_helper_page_is_asked_only_of_someone_asking_for_another_person():
    mine = journey(answers(who={"who": "me"}, helper=None))

    assert "helper" not in [step.name for step in mine.steps()]
    assert "helper" in [step.name for step in journey(ANSWERS).steps()]
    assert mine.referral().helper_name == ""


@pytest.mark.parametrize(("words", "message"), [(ME, "Enter your first name"), (MUM, "Enter their first name")])
def test_the_messages_speak_to_whoever_is_typing(words, message):
    assert errors(AboutForm(about(given_name=""), words=words)) == {"given_name": [message]}


def test_a_settled_address_needs_its_first_line_and_postcode():
    assert errors(AboutForm(about(address_line_1="", postcode=""), words=ME)) == {
        "address_line_1": ["Enter address line 1, typically the building and street"],
        "postcode": ["Enter a postcode"],
    }


def test_a_postcode_must_be_a_full_uk_one_and_is_tidied():
    assert errors(AboutForm(about(postcode="CH41"), words=ME)) == {
        "postcode": ["Enter a full UK postcode, like CH41 5LH"]
    }
    form = AboutForm(about(postcode="ch411aa"), words=ME)
    assert form.is_valid()
    assert form.cleaned_data["postcode"] == "CH41 1AA"


def test_someone_without_a_settled_address_need_not_give_one():
    form = AboutForm(about(address_line_1="", postcode="", no_fixed_address="on"), words=ME)

    assert form.is_valid(), form.errors


@pytest.mark.parametrize(
    ("parts", "message"),
    [
        (("31", "2", "1948"), "Date of birth must be a real date"),
        (("12", "", "1948"), "Date of birth must include a month"),
    ],
)
def test_a_date_of_birth_must_be_a_real_date(parts, message):
    day, month, year = parts
    data = about(**{"date_of_birth-day": day, "date_of_birth-month": month, "date_of_birth-year": year})

    assert errors(AboutForm(data, words=ME)) == {"date_of_birth": [message]}


def test_a_date_of_birth_cannot_be_in_the_future():
    tomorrow = clock.today() + timedelta(days=1)
    data = about(
        **{
            "date_of_birth-day": str(tomorrow.day),
            "date_of_birth-month": str(tomorrow.month),
            "date_of_birth-year": str(tomorrow.year),
        }
    )

    assert errors(AboutForm(data, words=ME)) == {"date_of_birth": ["Date of birth must be today or in the past"]}


def test_a_date_of_birth_is_kept_as_iso_text_and_shown_again_as_a_date():
    data = about(**{"date_of_birth-day": "12", "date_of_birth-month": "3", "date_of_birth-year": "1948"})
    form = AboutForm(data, words=ME)
    assert form.is_valid()

    kept = form.answers()

    assert kept["date_of_birth"] == "1948-03-12"
    assert AboutForm.initial_from(kept)["date_of_birth"] == date(1948, 3, 12)


def test_every_text_answer_has_a_limit_with_a_plain_message():
    assert errors(AboutForm(about(given_name="x" * 101), words=ME)) == {
        "given_name": ["First name must be 100 characters or fewer"]
    }
    assert errors(MattersForm({"what_matters": "x" * 1501}, words=ME)) == {
        "what_matters": ["What matters to you must be 1,500 characters or fewer"]
    }
    assert errors(HardForm({"hard_in_own_words": "x" * 1501}, words=ME)) == {
        "hard_in_own_words": ["What is hard, in your own words, must be 1,500 characters or fewer"]
    }
    assert errors(ContactForm({"email": "x" * 250 + "@example.org"}, words=ME)) == {
        "email": ["Email address must be 254 characters or fewer"]
    }


def test_what_matters_is_asked_by_name_for_someone_else():
    form = MattersForm({}, words=MUM)

    assert form.fields["what_matters"].label == "What matters to Margaret?"
    assert errors(form) == {"what_matters": ["Enter what matters to Margaret"]}


def test_what_is_hard_needs_a_box_ticked_or_own_words():
    assert errors(HardForm({}, words=ME)) == {
        "hard_outcomes": ["Select what is hard, or describe it in your own words"]
    }
    assert HardForm({"hard_in_own_words": "Stairs"}, words=ME).is_valid()
    assert HardForm({"hard_outcomes": ["a", "j"]}, words=ME).is_valid()


def test_what_is_hard_offers_the_ten_outcomes_in_plain_words():
    form = HardForm(words=ME)

    assert [code for code, _ in form.fields["hard_outcomes"].choices] == list("abcdefghij")
    assert dict(form.fields["hard_outcomes"].choices)["a"] == "Getting enough to eat and drink"
    assert errors(HardForm({"hard_outcomes": ["z"]}, words=ME)) == {
        "hard_outcomes": ["Select what is hard from the list"]
    }


def test_who_helps_may_be_left_empty_but_the_carer_question_is_answered():
    assert errors(HelpForm({}, words=MUM)) == {
        "unpaid_carer": ["Select yes if someone looks after Margaret without being paid"]
    }
    assert HelpForm({"unpaid_carer": "not_sure"}, words=MUM).is_valid()


def test_paying_for_care_is_answered_yes_no_or_not_sure():
    assert errors(MoneyForm({}, words=ME)) == {"self_funder": ["Select yes if you pay for your own care, or expect to"]}
    assert errors(MoneyForm({"self_funder": "perhaps"}, words=ME)) == {
        "self_funder": ["Select yes if you pay for your own care, or expect to"]
    }


def test_the_money_question_names_the_person():
    assert MoneyForm(words=MUM).fields["self_funder"].label == "Does Margaret pay for their own care, or expect to?"
    assert MoneyForm(words=ME).fields["self_funder"].label == "Do you pay for your own care, or expect to?"


def test_the_self_assessment_question_is_answered_yes_or_no():
    assert errors(SelfAssessmentForm({}, words=ME)) == {
        "self_assessment": ["Select yes if you would like this to count as a self-assessment"]
    }


def test_a_phone_number_or_an_email_address_is_needed():
    assert errors(ContactForm({}, words=ME)) == {"phone": ["Enter a phone number or an email address, or both"]}
    assert ContactForm({"email": "grace@example.org"}, words=ME).is_valid()
    assert ContactForm({"phone": "+44 (0)151 496 0123"}, words=ME).is_valid()


def test_a_phone_number_and_an_email_address_must_look_right():
    assert errors(ContactForm({"phone": "ring me", "email": "grace.example.org"}, words=ME)) == {
        "phone": ["Enter a telephone number, like 01632 960 001 or 07700 900 982"],
        "email": ["Enter an email address in the correct format, like name@example.com"],
    }


@pytest.mark.parametrize("filled", ["http://spam.example", "x" * 5000, "nul\x00"])
def test_the_honeypot_is_noticed_but_never_an_error(filled):
    form = MoneyForm({"self_funder": "no", "website": filled}, words=ME)

    assert form.is_valid()
    assert form.caught
    assert "website" not in form.answers()


def test_an_empty_honeypot_is_not_caught():
    assert not MoneyForm({"self_funder": "no", "website": "  "}, words=ME).caught


def journey(pages):
    session = SessionStore()
    found = Journey(session)
    for name, answer in pages.items():
        found.record(STEP_BY_NAME[name], answer)
    return found


def test_the_self_assessment_question_is_asked_only_of_a_self_funder():
    assert "self_assessment" not in [step.name for step in journey(ANSWERS).steps()]
    assert journey(answers(money={"self_funder": "yes"})).first_missing() == STEP_BY_NAME["self_assessment"]


def test_changing_the_money_answer_drops_the_self_assessment_answer():
    found = journey(answers(money={"self_funder": "yes"}, self_assessment={"self_assessment": "yes"}))
    assert found.referral().self_assessment is True

    found.record(STEP_BY_NAME["money"], {"self_funder": "not_sure"})

    assert found.answer("self_assessment") is None
    assert found.referral().self_assessment is False


def test_a_page_is_reachable_once_the_pages_before_it_are_answered():
    found = journey(answers(hard=None))

    assert found.reachable(STEP_BY_NAME["hard"])
    assert not found.reachable(STEP_BY_NAME["contact"])
    assert found.first_missing() == STEP_BY_NAME["hard"]


def test_the_answers_make_a_referral_for_the_service():
    found = journey(ANSWERS).referral()

    assert found.for_self is False
    assert found.helper_name == "Grace Okafor"
    assert found.date_of_birth == date(1948, 3, 12)
    assert found.hard_outcomes == ("a", "e")
    assert found.self_assessment is False
