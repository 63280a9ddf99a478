"""A waiting case through the browser: a team manager screens it, weighs it and allocates it to the
practitioner the suggestions rank first, and the case then shows on that practitioner's caseload
and in the person's open work."""

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from tandem.identity.permissions import Role
from tandem.people.models import Neighbourhood, Person
from tandem.workforce import services
from tandem.workforce.codes import CaseEventKind, CaseStatus, Priority
from tandem.workforce.models import Case

pytestmark = pytest.mark.browser


@pytest.fixture
def colleague(organisation, team, staff_make):
    return staff_make(
        username="colleague",
        role=Role.PRACTITIONER,
        organisation=organisation,
        teams=[team],
        first_name="Sam",
        last_name="Jones",
    )


@pytest.fixture
def waiting_case(team, manager, practitioner, colleague, person):
    """Two practitioners carry caseloads in the manager's team: Priya Shah full time, working in
    Mary Smith's neighbourhood, and Sam Jones half time elsewhere. Mary waits for allocation."""
    birkenhead = Neighbourhood.objects.create(name="Birkenhead", postcode_districts="CH41")
    Person.objects.filter(pk=person.pk).update(neighbourhood=birkenhead)
    for worker, fte, neighbourhoods in ((practitioner, "1", [birkenhead.pk]), (colleague, "0.5", [])):
        services.profile_save(
            user=worker,
            details=services.ProfileDetails(
                team=team,
                fte=Decimal(fte),
                asye=False,
                agency=False,
                qualifications="",
                warrants={},
                neighbourhood_ids=neighbourhoods,
                gp_practice_ids=[],
            ),
            version=None,
            actor=manager,
        )
    return services.case_open(person=person, team=team, summary="Needs a Care Act assessment", actor=practitioner)


def test_a_manager_screens_weighs_and_allocates_a_waiting_case_to_the_best_placed_practitioner(
    new_context, manager, practitioner, person, team, waiting_case
):
    page = new_context(manager).new_page()
    page.goto("/workforce/")
    page.get_by_role("link", name=f"waiting list of {team.name}").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Waiting list")
    expect(page.get_by_role("row").filter(has_text="Mary Smith")).to_contain_text("Medium (not screened)")
    page.get_by_role("link", name="Mary Smith").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Waiting for allocation")
    page.get_by_role("link", name="Screen the risk").click()
    page.get_by_label("A current risk of abuse or neglect (5)").check()
    page.get_by_label("Without food, heating or medication (5)").check()
    page.get_by_role("button", name="Save the screening").click()

    expect(page.get_by_text("Risk screening saved")).to_be_visible()
    priority = page.locator(".govuk-summary-list__row").filter(has_text="Priority")
    expect(priority).to_contain_text("High")
    expect(priority).to_contain_text("risk score 10")
    expect(page.get_by_role("row").filter(has_text="Priority changed")).to_contain_text("Medium to High")

    page.get_by_role("link", name="Weigh the case").click()
    page.get_by_label("Care Act needs or carer's assessment (4 points)").check()
    page.get_by_label("Interpreter needed (1 point)").check()
    page.get_by_role("button", name="Save the weighting").click()

    expect(page.get_by_text("Case weighed")).to_be_visible()
    expect(page.locator(".govuk-summary-list__row").filter(has_text="Weight")).to_contain_text("5 points")

    page.get_by_role("link", name="Allocate the case").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Allocate the case")
    suggestions = page.locator(".govuk-radios__item")
    expect(suggestions).to_have_count(2)
    expect(suggestions.nth(0)).to_contain_text("Priya Shah")
    expect(suggestions.nth(0)).to_contain_text("Works in the person's neighbourhood")
    expect(suggestions.nth(0)).to_contain_text("Room for it: 95 of 100 points free after taking it")
    expect(suggestions.nth(1)).to_contain_text("Sam Jones")
    expect(suggestions.nth(1)).to_contain_text("Room for it: 45 of 50 points free after taking it")
    expect(suggestions.nth(1)).not_to_contain_text("neighbourhood")
    expect(suggestions.nth(0)).to_contain_text("Score 53, 0 of 100 points now")
    page.get_by_label("Priya Shah").check()
    page.get_by_label("Why this practitioner?").fill("Works in Birkenhead and has room on her caseload")
    page.get_by_role("button", name="Allocate", exact=True).click()

    expect(page.get_by_role("alert", name="Success")).to_contain_text("Case allocated")
    expect(page.get_by_role("heading", level=1)).to_have_text("Case allocated")
    expect(page.locator(".govuk-summary-list__row").filter(has_text="Status")).to_contain_text(
        "Allocated to Priya Shah"
    )

    page.goto("/workforce/")
    page.get_by_role("link", name=f"caseloads of {team.name}").click()
    page.get_by_role("link", name="Priya Shah").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Priya Shah")
    held = page.get_by_role("row").filter(has_text="Mary Smith")
    expect(held).to_contain_text("Needs a Care Act assessment")
    expect(held.get_by_role("link", name="Mary Smith")).to_be_visible()

    page.goto(f"/people/{person.uuid}/")
    expect(page.get_by_role("row").filter(has_text=team.name)).to_contain_text("Allocated to Priya Shah")

    case = Case.objects.get(pk=waiting_case.pk)
    assert (case.status, case.allocated_to, case.priority, case.weight) == (
        CaseStatus.ALLOCATED,
        practitioner,
        Priority.HIGH,
        5,
    )
    assert [event.kind for event in case.events.order_by("at", "id")] == [
        CaseEventKind.OPENED,
        CaseEventKind.SCREENED,
        CaseEventKind.REPRIORITISED,
        CaseEventKind.FACTORS,
        CaseEventKind.ALLOCATED,
    ]
