"""Who may use the pages of a person's record."""

from datetime import timedelta
from typing import Any

from tandem.core import clock
from tandem.people.codes import ConsentDecision, Ethnicity, Gender, Relationship, WarningCategory
from tests.authorisation.matrix import World, row

GET = {
    # System administrators run the system, not people's records: person pages answer 404 to them
    # (they cannot see that the record exists), and the search and warnings lists refuse them (403).
    "people:search": row("sign_in", 200, 200, 200, 403),
    "people:create": row("sign_in", 200, 200, 200, 403),
    "people:warnings_due": row("sign_in", 200, 200, 200, 403),
    # Every member of staff has a "my work" page: each app's sections follow their role.
    "people:my_work": row("sign_in", 200, 200, 200, 200),
    # One section's full list, here the warnings one raised (who may raise warnings has the section;
    # for anyone else there is no such work: 404).
    "people:my_work_section": row("sign_in", 200, 200, 404, 404),
    # Suspected duplicates: for those who merge records (managers).
    "people:duplicates": row("sign_in", 403, 200, 403, 403),
    "people:summary": row("sign_in", 200, 200, 200, 404),
    "people:details_edit": row("sign_in", 200, 200, 200, 404),
    "people:voice_edit": row("sign_in", 200, 200, 200, 404),
    "people:previous_name_add": row("sign_in", 200, 200, 200, 404),
    "people:network": row("sign_in", 200, 200, 200, 404),
    "people:network_add": row("sign_in", 200, 200, 200, 404),
    "people:network_end": row("sign_in", 200, 200, 200, 404),
    "people:consent_add": row("sign_in", 200, 200, 200, 404),
    "people:warning_raise": row("sign_in", 200, 200, 403, 404),
    "people:warning_end": row("sign_in", 200, 200, 403, 404),
    "people:warning_review": row("sign_in", 200, 200, 403, 404),
    "people:history": row("sign_in", 200, 200, 403, 404),
    "people:access_log": row("sign_in", 403, 200, 403, 404),
    "people:merge": row("sign_in", 403, 200, 403, 404),
    "people:restrict": row("sign_in", 403, 200, 403, 404),
    # The record is not restricted, so there is no glass to break: straight to the record.
    "people:break_glass": row("sign_in", "moved:people:summary", "moved:people:summary", "moved:people:summary", 404),
}

POST = {
    "people:search": row("sign_in", 405, 405, 405, 405),
    "people:create": row("sign_in", "saved:people:summary", "saved:people:summary", "saved:people:summary", 403),
    "people:warnings_due": row("sign_in", 405, 405, 405, 405),
    "people:my_work": row("sign_in", 405, 405, 405, 405),
    "people:my_work_section": row("sign_in", 405, 405, 405, 405),
    "people:duplicates": row("sign_in", 405, 405, 405, 405),
    "people:summary": row("sign_in", 405, 405, 405, 405),
    "people:details_edit": row("sign_in", "saved:people:summary", "saved:people:summary", "saved:people:summary", 404),
    "people:voice_edit": row("sign_in", "saved:people:summary", "saved:people:summary", "saved:people:summary", 404),
    "people:previous_name_add": row(
        "sign_in", "saved:people:summary", "saved:people:summary", "saved:people:summary", 404
    ),
    "people:network": row("sign_in", 405, 405, 405, 405),
    "people:network_add": row("sign_in", "saved:people:summary", "saved:people:summary", "saved:people:summary", 404),
    "people:network_end": row("sign_in", "saved:people:summary", "saved:people:summary", "saved:people:summary", 404),
    "people:consent_add": row("sign_in", "saved:people:summary", "saved:people:summary", "saved:people:summary", 404),
    "people:warning_raise": row("sign_in", "saved:people:summary", "saved:people:summary", 403, 404),
    "people:warning_end": row("sign_in", "saved:people:summary", "saved:people:summary", 403, 404),
    "people:warning_review": row("sign_in", "saved:people:warnings_due", "saved:people:warnings_due", 403, 404),
    "people:history": row("sign_in", 405, 405, 405, 405),
    "people:access_log": row("sign_in", 405, 405, 405, 405),
    "people:merge": row("sign_in", 403, "saved:people:summary", 403, 404),
    "people:restrict": row("sign_in", 403, "saved:people:summary", 403, 404),
    "people:break_glass": row("sign_in", "moved:people:summary", "moved:people:summary", "moved:people:summary", 404),
}


def url_values(world: World) -> dict[str, Any]:
    return {"work_section": "people.warnings"}


def forms(world: World) -> dict[str, dict[str, Any]]:
    """A POST body each page of the record accepts."""
    today = clock.today()
    later = today + timedelta(days=30)
    return {
        "people:create": {
            "given_name": "Zebedee",
            "family_name": "Quartermaine",
            "gender": Gender.UNKNOWN,
            "ethnicity": Ethnicity.NOT_KNOWN,
        },
        "people:details_edit": {
            "given_name": "Mary",
            "family_name": "Smyth",
            "gender": Gender.FEMALE,
            "ethnicity": Ethnicity.NOT_KNOWN,
            "version": "1",
        },
        "people:voice_edit": {"what_matters_to_me": "My garden", "strengths": "", "version": "1"},
        "people:previous_name_add": {"family_name": "Jones"},
        "people:network_add": {"name": "Hoylake lunch club", "relationship": Relationship.COMMUNITY_GROUP},
        "people:consent_add": {
            "organisation": str(world.partner_id),
            "decision": ConsentDecision.GIVEN,
            "decided_on-day": today.day,
            "decided_on-month": today.month,
            "decided_on-year": today.year,
        },
        "people:warning_raise": {
            "category": WarningCategory.VIOLENCE,
            "description": "Shouts at visitors",
            "starts_on-day": today.day,
            "starts_on-month": today.month,
            "starts_on-year": today.year,
            "review_on-day": later.day,
            "review_on-month": later.month,
            "review_on-year": later.year,
        },
        "people:warning_end": {"reason": "The dogs have been rehomed"},
        "people:warning_review": {
            "review_on-day": later.day,
            "review_on-month": later.month,
            "review_on-year": later.year,
        },
        "people:merge": {"duplicate": world.duplicate.local_id, "reason": "Same date of birth and address"},
        "people:restrict": {"teams": [str(world.team_id)], "reason": "A member of staff"},
        "people:break_glass": {"reason": "Hospital discharge planning today"},
    }
