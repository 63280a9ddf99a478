"""The plan pages: start from an assessment, edit outcomes and services, agree, sign off, revise, the document."""

# pytest hands a test its fixtures as positional arguments, however many it needs.

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from tandem.core import clock
from tandem.directory.models import Service, ServiceStatus
from tandem.directory.search_index import service_terms_refresh
from tandem.support_plans import services
from tandem.support_plans.codes import PlanStatus
from tandem.support_plans.models import CommissionedService, CommunityService, SupportPlan
from tandem.support_plans.tests.plan_data import agree, eligible_assessment_make


def url(name: str, *args: object) -> str:
    return reverse(f"support_plans:{name}", args=args)


def commissioned_add(client: Client, draft: SupportPlan, **fields: str) -> Any:
    """Post the form adding home care from Caring Hands to a new outcome of the draft (then at version 2)."""
    outcome = services.outcome_add(
        plan=draft, answers=services.OutcomeAnswers(statement="I want to eat"), version=1, actor=draft.practitioner
    )
    form = {"kind": "home_care", "provider_name": "Caring Hands", "unit": "hour", "version": "2"}
    return client.post(url("commissioned_add", draft.uuid, outcome.uuid), form | fields)


@pytest.fixture
def signed_in(client: Client, practitioner) -> Client:
    client.force_login(practitioner)
    return client


def test_a_plan_is_started_from_the_assessment(signed_in, assessment, read, audit):
    shown = signed_in.get(url("plan_start", assessment.uuid))
    response = signed_in.post(url("plan_start", assessment.uuid))

    plan = SupportPlan.objects.get()
    assert shown.status_code == 200
    assert read(shown).title == "Start a care and support plan – Tandem"
    assert "The needs meet the eligibility criteria" in read(shown).text
    assert response["Location"] == url("plan", plan.uuid)
    assert "support_plans.plan.started" in audit.actions()


def test_business_support_cannot_start_a_plan(client, business_support, assessment):
    client.force_login(business_support)

    response = client.post(url("plan_start", assessment.uuid))

    assert response.status_code == 403
    assert SupportPlan.objects.count() == 0


def test_a_plan_of_a_restricted_record_is_not_found_outside_its_team(client, outsider, restricted_person, manager):
    plan = services.plan_start(assessment=eligible_assessment_make(restricted_person, manager), actor=manager)
    client.force_login(outsider)

    response = client.get(url("plan", plan.uuid))

    assert response.status_code == 404
    assert "Trelawney" not in response.content.decode()


def test_the_plan_shows_the_computed_budget(signed_in, ready, read):
    response = signed_in.get(url("plan", ready.uuid))

    page = read(response)
    assert response.status_code == 200
    assert "I want to wash and dress myself each morning" in page.text
    assert "Each week £154.00" in page.text
    assert "Each year £8,008.00" in page.text
    assert "Home care Wirral Home Care Ltd 7 hours £22.00 £154.00" in page.text


def test_an_outcome_without_its_statement_keeps_what_was_typed(signed_in, draft, read):
    response = signed_in.post(
        url("outcome_add", draft.uuid), {"statement": "", "equipment": "A perching stool", "version": "1"}
    )

    page = read(response)
    assert response.status_code == 400
    assert page.error_summary == ["Write the outcome as the person puts it, starting with “I”"]
    assert page.values["equipment"] == "A perching stool"


def test_a_commissioned_service_is_added_in_pounds_and_pence(signed_in, draft):
    outcome = services.outcome_add(
        plan=draft,
        answers=services.OutcomeAnswers(statement="I want to eat a hot meal"),
        version=1,
        actor=draft.practitioner,
    )
    form = {
        "kind": "home_care",
        "provider_name": "Caring Hands",
        "units_per_week": "3.5",
        "unit": "visit",
        "unit_cost": "£18.25",
        "version": "2",
    }

    response = signed_in.post(url("commissioned_add", draft.uuid, outcome.uuid), form)

    assert response.status_code == 302
    service = CommissionedService.objects.get()
    assert (service.unit_cost_pence, str(service.units_per_week)) == (1825, "3.50")


@pytest.mark.parametrize(
    ("cost", "message"),
    [
        ("", "Enter the cost of each, like 19.50"),
        ("lots", "Enter the cost of each in pounds and pence, like 19.50"),
        ("18.255", "The cost of each must be in pounds and pence, with no more than 2 decimal places"),
        # Too big to round to pence (once a 500), or to keep in the budget's column.
        ("1e400", "The cost of each must be £10,000 or less"),
        ("99999999999", "The cost of each must be £10,000 or less"),
        ("10000.01", "The cost of each must be £10,000 or less"),
        ("NaN", "Enter the cost of each in pounds and pence, like 19.50"),
        ("-1", "Enter the cost of each in pounds and pence, like 19.50"),
    ],
)
def test_a_cost_must_be_pounds_and_pence(signed_in, draft, read, cost, message):
    response = commissioned_add(signed_in, draft, units_per_week="3", unit_cost=cost)

    assert response.status_code == 400
    assert read(response).error_summary == [message]
    assert CommissionedService.objects.count() == 0


@pytest.mark.parametrize("units", ["169", "9999.99", "1e400"])
def test_more_than_168_a_week_is_a_problem(signed_in, draft, read, units):
    response = commissioned_add(signed_in, draft, units_per_week=units, unit_cost="10000")

    assert response.status_code == 400
    assert read(response).error_summary == ["How many a week must be 168 or fewer"]
    assert CommissionedService.objects.count() == 0


def test_the_second_of_two_editors_is_told_what_changed_and_nothing_is_overwritten(ready, practitioner, manager, read):
    first, second = Client(), Client()
    first.force_login(practitioner)
    second.force_login(manager)
    edit = url("plan_edit", ready.uuid)
    opened_at = read(first.get(edit)).values["version"]
    assert read(second.get(edit)).values["version"] == opened_at

    saved = first.post(edit, {"budget_method": "mixed", "contingency": "Ann calls the agency", "version": opened_at})
    refused = second.post(
        edit, {"budget_method": "council_managed", "contingency": "Ring the duty team", "version": opened_at}
    )

    page = read(refused)
    assert saved.status_code == 302
    assert refused.status_code == 400
    assert page.error_summary == [
        "Someone else saved this plan while you were working on it. Your answers have not been saved: "
        "check what they changed, then save again."
    ]
    assert "What changed since you opened this page" in page.text
    assert "Saved by Priya Shah" in page.text
    assert "Was: Ann, her daughter, will call in Now: Ann calls the agency" in page.text
    assert page.values["contingency"] == "Ring the duty team"
    assert page.values["version"] == str(int(opened_at) + 1)
    ready.refresh_from_db()
    assert (ready.budget_method, ready.contingency) == ("mixed", "Ann calls the agency")


def test_agreeing_above_the_threshold_then_a_manager_signs_off(signed_in, ready, client, manager, settings, read):
    settings.TANDEM_PLAN_SIGN_OFF_WEEKLY_THRESHOLD = "100"
    today = clock.today()
    agreed = signed_in.post(
        url("plan_complete", ready.uuid),
        {
            "agreed_on-day": today.day,
            "agreed_on-month": today.month,
            "agreed_on-year": today.year,
            "agreement_method": "spoken",
            "version": str(ready.version),
        },
    )
    ready.refresh_from_db()
    client.force_login(manager)
    shown = client.get(url("plan_sign_off", ready.uuid))
    signed = client.post(url("plan_sign_off", ready.uuid), {"version": str(ready.version)})

    ready.refresh_from_db()
    assert agreed.status_code == 302
    assert "£154.00 a week" in read(shown).text
    assert signed.status_code == 302
    assert ready.status == PlanStatus.AUTHORISED


def test_an_agreement_date_in_the_future_is_refused(signed_in, ready, read):
    later = clock.today() + timedelta(days=2)

    response = signed_in.post(
        url("plan_complete", ready.uuid),
        {
            "agreed_on-day": later.day,
            "agreed_on-month": later.month,
            "agreed_on-year": later.year,
            "agreement_method": "signed",
            "version": str(ready.version),
        },
    )

    assert response.status_code == 400
    assert read(response).error_summary == ["When did the person agree to the plan? must be today or in the past"]


def test_an_agreed_version_sends_its_edit_pages_back_to_the_plan(signed_in, ready, practitioner):
    done = agree(ready, practitioner)

    response = signed_in.get(url("plan_edit", done.uuid))

    assert response["Location"] == url("plan", done.uuid)


def test_revising_starts_version_two_and_version_one_stays_readable(signed_in, ready, practitioner, read):
    done = agree(ready, practitioner)

    response = signed_in.post(url("plan_revise", done.uuid), {"reason": "Now needs help at night"})
    revision = SupportPlan.objects.get(number=2)
    earlier = signed_in.get(url("plan", done.uuid))
    history = signed_in.get(url("plan_versions", revision.uuid))

    assert response["Location"] == url("plan", revision.uuid)
    assert "This is an earlier version" in read(earlier).text
    assert (
        f'<a class="govuk-link" href="{url("plan", revision.uuid)}">See version 2, the latest</a>'
        in earlier.content.decode()
    )
    assert "Version 2 (this one)" in read(history).text
    assert "Revision started" in read(history).text


def test_a_community_service_is_picked_from_the_directory(signed_in, draft):
    club = Service.objects.create(name="Hoylake lunch club", description="Hot lunches", status=ServiceStatus.ACTIVE)
    service_terms_refresh([club.id])
    outcome = services.outcome_add(
        plan=draft, answers=services.OutcomeAnswers(statement="I want company"), version=1, actor=draft.practitioner
    )
    page = url("community_add", draft.uuid, outcome.uuid)

    found = signed_in.get(page, {"keywords": "lunch"})
    added = signed_in.post(f"{page}?keywords=lunch", {"service": str(club.id), "version": "2"})

    assert "Hoylake lunch club" in found.content.decode()
    assert added.status_code == 302
    assert CommunityService.objects.get().service_name == "Hoylake lunch club"


def test_the_document_is_accessible_html_and_a_pdf(signed_in, ready, read):
    html = signed_in.get(url("plan_document", ready.uuid))
    pdf = signed_in.get(url("plan_document_pdf", ready.uuid))

    assert read(html).title == "Care and support plan for Mary Smith, version 1 – Tandem"
    assert "My personal budget is £154.00 a week , which is £8,008.00 a year (52 weeks)." in read(html).text
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF-")


def test_a_commissioned_service_is_changed_and_the_budget_follows(signed_in, ready, read):
    item = CommissionedService.objects.get()
    page = url("commissioned_edit", ready.uuid, item.uuid)

    shown = read(signed_in.get(page))
    response = signed_in.post(
        page,
        shown.values | {"units_per_week": "10", "version": str(ready.version)},
    )
    plan = read(signed_in.get(url("plan", ready.uuid)))

    assert (shown.values["unit_cost"], shown.values["units_per_week"]) == ("22.00", "7")
    assert response.status_code == 302
    assert "Each week £220.00" in plan.text
