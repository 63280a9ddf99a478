"""A safeguarding concern through the browser: raised, triaged into a Section 42 enquiry, and
concluded with what the adult wanted, in their own words, and whether it was achieved."""

import pytest
from playwright.sync_api import expect

from tandem.identity.models import Membership
from tandem.safeguarding.codes import ConcernStatus, RiskOutcome
from tandem.safeguarding.models import Concern, Enquiry

pytestmark = pytest.mark.browser


@pytest.fixture
def unit(practitioner, safeguarding_unit):
    """The practitioner works in the safeguarding unit too."""
    Membership.objects.create(user=practitioner, team=safeguarding_unit)
    return safeguarding_unit


def test_a_concern_goes_through_triage_and_enquiry_to_closure_with_msp_outcomes(
    new_context, practitioner, person, unit
):
    page = new_context(practitioner).new_page()
    page.goto("/safeguarding/")
    expect(page.get_by_text("No concerns are waiting for triage.")).to_be_visible()
    page.get_by_role("button", name="Raise a concern").click()

    page.get_by_label("Who is the concern about?").fill("Mary Smith")
    page.get_by_role("button", name="Search").click()
    page.get_by_role("link", name="Select SMITH, Mary").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Raise a safeguarding concern")
    page.get_by_label("The concern", exact=True).fill("Bruising on both arms; says a carer grabbed her")
    page.get_by_label("Who raised the concern?").select_option("Family member or friend")
    page.get_by_label("Their name (optional)").fill("Ann Smith")
    page.get_by_label("Physical abuse").check()
    page.get_by_role("group", name="Source of risk").get_by_label("Service provider").check()
    page.get_by_label("Name of the service provider").fill("Wirral Homecare Ltd")
    page.get_by_label("The adult's view").fill("I don't want that carer back")
    page.get_by_role("button", name="Raise the concern").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Mary Smith")
    for question in ("needs for care and support", "at risk of, abuse or neglect", "unable to protect themselves"):
        page.get_by_role("group", name=question).get_by_label("Yes").check()
    page.get_by_label("Section 42 duty met: open an enquiry").check()
    page.get_by_label("Reason for the decision").fill("Care and support needs; at risk; cannot protect herself")
    page.get_by_role("button", name="Record the decision").click()

    expect(page.get_by_text("Section 42 enquiry", exact=True)).to_be_visible()
    page.get_by_role("link", name="Record what the adult wants").click()
    page.get_by_label("Yes, asked and outcomes expressed").check()
    page.get_by_label("The outcomes they want, in their own words").fill(
        "I want to feel safe\nI want a different carer"
    )
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("“I want a different carer”")).to_be_visible()

    page.get_by_role("button", name="Conclude the enquiry").click()
    page.get_by_role("group", name="“I want to feel safe”").get_by_label("Fully achieved").check()
    page.get_by_role("group", name="“I want a different carer”").get_by_label("Partially achieved").check()
    page.get_by_label("Risk identified", exact=True).check()
    page.get_by_label("Yes, action was taken").check()
    page.get_by_label("Risk reduced").check()
    page.get_by_label("Conclusion", exact=True).fill("The provider replaced the carer; she feels safer")
    page.get_by_role("button", name="Conclude the enquiry").click()
    expect(page.get_by_role("alert").filter(has_text="There is a problem")).to_contain_text(
        "Confirm that you have checked"
    )
    page.get_by_label("I have checked the outcomes and the conclusion").check()
    page.get_by_role("button", name="Conclude the enquiry").click()

    expect(page.get_by_text("Enquiry concluded: it is waiting for a manager's sign-off")).to_be_visible()
    expect(page.get_by_text("“I want to feel safe”: fully achieved")).to_be_visible()
    enquiry = Enquiry.objects.get()
    assert enquiry.risk_outcome == RiskOutcome.REDUCED
    assert sorted(o.achieved for o in enquiry.desired_outcomes.all()) == ["fully", "partly"]
    assert Concern.objects.get().status == ConcernStatus.ENQUIRY  # closed on a manager's sign-off
