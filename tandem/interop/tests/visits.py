"""The FHIR API answers JSON to partner systems, not pages: axe checks HTML pages only. The
administrator's pages for partner systems are visited as every other administration page."""

from typing import Any

from django.urls import reverse
from playwright.sync_api import Page, expect

from tandem.identity.permissions import Role
from tandem.interop import urls as interop_urls
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

# Every URL of the FHIR API (tandem.interop.urls; the administrator's pages are in site_urls).
JSON_API = {f"{interop_urls.app_name}:{pattern.name}" for pattern in interop_urls.urlpatterns}
