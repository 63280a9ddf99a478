"""The accessibility check's visits to the pages of a person's record."""

from playwright.sync_api import expect

from tandem.identity.permissions import Role
from tests.journeys.visits import OUTSIDER, M, P, Visit, fill_then_submit, person_path, stale_then_submit, submit

# The practitioner's outcomes of concerns: none has closed in the world, so the full list is empty.
EMPTY_OUTCOMES = "No enquiry you raised or contributed to has closed in the last"

VISITS = [
    Visit("people:search", P, lambda w: "/people/"),
    Visit("people:search", P, lambda w: "/people/?q=Mary+Smith", variant="results"),
    Visit("people:search", OUTSIDER, lambda w: "/people/?q=Rowan+Trelawney", variant="restricted-result"),
    Visit("people:search", P, lambda w: "/people/?q=Zebedee", variant="no-results"),
    Visit("people:search", P, lambda w: "/people/?q=943+476+5918", variant="errors"),
    Visit("people:create", P, lambda w: "/people/new/"),
    Visit("people:create", P, lambda w: "/people/new/", submit("Create record"), "errors"),
    Visit("people:create", P, lambda w: "/people/new/", None, "duplicates"),
    Visit("people:warnings_due", P, lambda w: "/people/warnings/review/"),
    Visit("people:my_work", P, lambda w: "/people/my-work/"),
    Visit("people:my_work", M, lambda w: "/people/my-work/", variant="manager"),
    # Someone whose role has no casework: the page says so.
    Visit("people:my_work", Role.SYSTEM_ADMINISTRATOR, lambda w: "/people/my-work/", variant="no-casework"),
    Visit("people:my_work_section", P, lambda w: "/people/my-work/people.warnings/"),
    Visit(
        "people:my_work_section",
        P,
        lambda w: "/people/my-work/safeguarding.outcomes/",
        lambda page, w: expect(page.get_by_text(EMPTY_OUTCOMES)).to_be_visible(),
        "empty",
    ),
    Visit("people:duplicates", M, lambda w: "/people/duplicates/"),
    Visit("people:summary", M, person_path("")),
    Visit("people:summary", M, lambda w: f"/people/{w.restricted.uuid}/", variant="restricted"),
    Visit("people:details_edit", P, person_path("details/")),
    Visit(
        "people:details_edit", P, person_path("details/"), fill_then_submit("First name", "", "Save changes"), "errors"
    ),
    Visit("people:voice_edit", P, person_path("what-matters/")),
    Visit("people:voice_edit", P, person_path("what-matters/"), stale_then_submit, "errors"),
    Visit("people:previous_name_add", P, person_path("previous-names/new/")),
    Visit("people:previous_name_add", P, person_path("previous-names/new/"), submit("Add previous name"), "errors"),
    Visit("people:network", P, person_path("network/")),
    Visit("people:network_add", P, person_path("network/new/")),
    Visit("people:network_add", P, person_path("network/new/"), submit("Add to network"), "errors"),
    Visit("people:network_end", P, lambda w: f"/people/{w.person.uuid}/network/{w.network_member.uuid}/remove/"),
    Visit("people:consent_add", P, person_path("consent/new/")),
    Visit("people:consent_add", P, person_path("consent/new/"), submit("Record decision"), "errors"),
    Visit("people:warning_raise", P, person_path("warnings/new/")),
    Visit("people:warning_raise", P, person_path("warnings/new/"), submit("Add warning"), "errors"),
    Visit("people:warning_end", P, lambda w: f"/people/{w.person.uuid}/warnings/{w.warning.uuid}/end/"),
    Visit(
        "people:warning_end",
        P,
        lambda w: f"/people/{w.person.uuid}/warnings/{w.warning.uuid}/end/",
        submit("End warning"),
        "errors",
    ),
    Visit("people:warning_review", P, lambda w: f"/people/{w.person.uuid}/warnings/{w.warning.uuid}/review/"),
    Visit(
        "people:warning_review",
        P,
        lambda w: f"/people/{w.person.uuid}/warnings/{w.warning.uuid}/review/",
        submit("Confirm it still applies"),
        "errors",
    ),
    Visit("people:history", M, person_path("history/")),
    Visit("people:access_log", M, person_path("access-log/")),
    Visit("people:merge", M, person_path("merge/")),
    Visit("people:merge", M, person_path("merge/"), submit("Find the duplicate"), "errors"),
    Visit("people:merge", M, person_path("merge/?duplicate=Mary+Smith"), variant="candidates"),
    Visit(
        "people:merge", M, lambda w: f"/people/{w.person.uuid}/merge/?duplicate={w.duplicate.local_id}", variant="found"
    ),
    Visit(
        "people:merge",
        M,
        lambda w: f"/people/{w.person.uuid}/merge/?duplicate={w.duplicate.local_id}",
        submit("Merge records"),
        "found-errors",
    ),
    Visit("people:restrict", M, person_path("restrict/")),
    Visit("people:restrict", M, person_path("restrict/"), submit("Restrict the record"), "errors"),
    Visit("people:restrict", M, lambda w: f"/people/{w.restricted.uuid}/restrict/", variant="restricted"),
    Visit(
        "people:restrict",
        M,
        lambda w: f"/people/{w.restricted.uuid}/restrict/",
        submit("Lift the restriction"),
        "lift-errors",
    ),
    Visit("people:break_glass", OUTSIDER, lambda w: f"/people/{w.restricted.uuid}/break-glass/"),
    Visit(
        "people:break_glass",
        OUTSIDER,
        lambda w: f"/people/{w.restricted.uuid}/break-glass/",
        submit("Open the record"),
        "errors",
    ),
]
