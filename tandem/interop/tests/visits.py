"""The FHIR API answers JSON to partner systems, not pages: axe checks HTML pages only. The
administrator's pages for partner systems are visited as every other administration page."""

from typing import Any

from django.urls import reverse
from playwright.sync_api import Page, expect

from tandem.identity.permissions import Role
from tests.journeys.visits import Visit, submit

ADMIN = Role.SYSTEM_ADMINISTRATOR


def issue_then_show(page: Page, world: Any) -> None:
    page.get_by_label("Name of the partner's system").fill("GP practice system")
    page.get_by_label("Organisation", exact=True).select_option(label=world.apps["interop"]["organisation"])
    page.get_by_label("system/Patient.read", exact=False).check()
    page.get_by_role("button", name="Issue client credentials").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Client credentials issued")


def revoke_path(world: Any) -> str:
    return reverse("interop:partner_revoke", args=[world.apps["interop"]["partner_uuid"]])


VISITS = [
    Visit("interop:partner_list", ADMIN, lambda w: "/administration/partners/"),
    Visit("interop:partner_issue", ADMIN, lambda w: "/administration/partners/new/"),
    Visit(
        "interop:partner_issue",
        ADMIN,
        lambda w: "/administration/partners/new/",
        submit("Issue client credentials"),
        "errors",
    ),
    Visit("interop:partner_issued", ADMIN, lambda w: "/administration/partners/new/", issue_then_show),
    Visit("interop:partner_revoke", ADMIN, revoke_path),
]

JSON_API = {
    "interop:metadata",
    "interop:smart_configuration",
    "interop:token",
    "interop:patient_search",
    "interop:patient_read",
    "interop:patient_everything",
    "interop:flag_search",
    "interop:flag_read",
    "interop:related_person_search",
    "interop:related_person_read",
    "interop:care_plan_search",
    "interop:care_plan_read",
    "interop:goal_search",
    "interop:goal_read",
    "interop:consent_search",
    "interop:consent_read",
    "interop:document_reference_search",
    "interop:document_reference_read",
    "interop:binary_read",
    "interop:organization_search",
    "interop:organization_read",
    "interop:practitioner_search",
    "interop:practitioner_read",
    "interop:practitioner_role_search",
    "interop:practitioner_role_read",
    "interop:unsupported",
    "interop:bundle_post",
    "interop:encounter_search",
    "interop:encounter_read",
    "interop:condition_search",
    "interop:condition_read",
    "interop:observation_search",
    "interop:observation_read",
}
