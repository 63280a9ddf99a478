"""A yes-or-no question about the adult offers one way to say nobody knows, not three."""

import pytest

from tandem.safeguarding.forms.concerns import ConcernForm


@pytest.mark.parametrize("name", ["lacks_capacity", "advocate"])
def test_yes_no_questions_offer_one_dont_know(name):
    labels = [str(label) for _, label in ConcernForm().fields[name].choices]

    assert labels == ["Not recorded", "Yes", "No", "Don't know"]


def test_an_unanswered_question_is_still_accepted_as_not_recorded():
    form = ConcernForm({"lacks_capacity": "", "advocate": "dont_know"})
    form.is_valid()

    assert "lacks_capacity" not in form.errors
    assert "advocate" not in form.errors
