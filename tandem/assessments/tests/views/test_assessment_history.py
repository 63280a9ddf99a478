"""The history of an assessment: every save and step, who and when, and what changed."""

# pytest hands a test its fixtures as positional arguments, however many it needs.

from .conftest import url


def test_the_history_lists_each_step_newest_first(signed_in, completed, read):
    page = read(signed_in.get(url("assessment_history", completed)))

    text = page.text
    assert page.title == "History of the assessment – Tandem"
    assert (
        text.index("Completed by Priya Shah") < text.index("Saved by Priya Shah") < text.index("Started by Priya Shah")
    )
    assert (
        "(e) Being able to make use of the adult's home safely: whether it can be achieved (blank) Able, but it" in text
    )


def test_business_support_cannot_see_it(client, business_support, completed):
    client.force_login(business_support)

    assert client.get(url("assessment_history", completed)).status_code == 403
