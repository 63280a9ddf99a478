"""Who may use the sign-in, second-factor and account pages."""

from typing import Any

from tandem.identity.models import Membership, Organisation, OrganisationKind, Team, TeamKind, User
from tandem.identity.permissions import Role
from tests.authorisation.matrix import World, row

# The administrator's pages (GET and POST) and where a save goes; and the buttons, POST only.
ADMINISTRATION_PAGES = {
    "identity:staff_list": "",
    "identity:staff_create": "identity:staff_detail",
    "identity:staff_detail": "",
    "identity:staff_edit": "identity:staff_detail",
    "identity:staff_deactivate": "identity:staff_detail",
    "identity:staff_second_factor_reset": "identity:staff_detail",
    "identity:staff_organisation_account": "identity:staff_detail",
    "identity:membership_add": "identity:staff_detail",
    "identity:membership_end": "identity:staff_detail",
    "identity:organisation_list": "",
    "identity:organisation_create": "identity:organisation_list",
    "identity:organisation_edit": "identity:organisation_list",
    "identity:team_create": "identity:organisation_list",
    "identity:team_edit": "identity:organisation_list",
}
ADMINISTRATION_BUTTONS = {
    "identity:staff_reactivate": "identity:staff_detail",
    "identity:staff_unlock": "identity:staff_detail",
    "identity:staff_password_change_force": "identity:staff_detail",
}

GET = {
    "identity:sign_in": row(
        200, "moved:people:my_work", "moved:people:my_work", "moved:people:my_work", "moved:identity:account"
    ),
    "identity:verify": row(
        "sign_in", "moved:people:my_work", "moved:people:my_work", "moved:people:my_work", "moved:identity:account"
    ),
    "identity:sign_out": row("sign_in", 405, 405, 405, 405),
    # Signing in with an organisation account is off unless configured (ADR 0010): not found, for anyone.
    "identity:organisation_sign_in": row(404, 404, 404, 404, 404),
    "identity:organisation_sign_in_return": row(404, 404, 404, 404, 404),
    "identity:account": row("sign_in", 200, 200, 200, 200),
    "identity:second_factor_setup": row("sign_in", 200, 200, 200, 200),
    "identity:accessibility": row(200, 200, 200, 200, 200),
    "identity:password_change": row("sign_in", 200, 200, 200, 200),
    # Administration is the system administrator's alone (and they see no one's record).
    **{name: row("sign_in", 403, 403, 403, 200, 403) for name in ADMINISTRATION_PAGES},
    **{name: row("sign_in", 405, 405, 405, 405) for name in ADMINISTRATION_BUTTONS},
}

POST = {
    "identity:sign_in": row(
        "saved:people:my_work",
        "moved:people:my_work",
        "moved:people:my_work",
        "moved:people:my_work",
        "moved:identity:account",
    ),
    "identity:verify": row(
        "sign_in", "moved:people:my_work", "moved:people:my_work", "moved:people:my_work", "moved:identity:account"
    ),
    "identity:sign_out": row(
        "sign_in",
        "saved:identity:sign_in",
        "saved:identity:sign_in",
        "saved:identity:sign_in",
        "saved:identity:sign_in",
    ),
    # Read-only pages refuse other methods.
    "identity:account": row("sign_in", 405, 405, 405, 405),
    "identity:organisation_sign_in": row(405, 405, 405, 405, 405),
    "identity:organisation_sign_in_return": row(405, 405, 405, 405, 405),
    # The code is wrong, so the form answers 400 (setting up a device writes only django-otp's table).
    "identity:second_factor_setup": row("sign_in", 400, 400, 400, 400),
    "identity:accessibility": row(405, 405, 405, 405, 405),
    "identity:password_change": row(
        "sign_in",
        "saved:identity:account",
        "saved:identity:account",
        "saved:identity:account",
        "saved:identity:account",
    ),
    **{
        name: row("sign_in", 403, 403, 403, f"saved:{then}", 403)
        for name, then in {**ADMINISTRATION_PAGES, **ADMINISTRATION_BUTTONS}.items()
        if then
    },
    **{name: row("sign_in", 405, 405, 405, 405) for name, then in ADMINISTRATION_PAGES.items() if not then},
    # The account is active already: nothing to do, back to it with a message.
    "identity:staff_reactivate": row("sign_in", 403, 403, 403, "moved:identity:staff_detail", 403),
}


def forms(world: World) -> dict[str, dict[str, Any]]:
    """A POST body each page accepts: the practitioner's password, codes that are wrong."""
    return {
        "identity:sign_in": {"username": "practitioner", "password": world.password},
        "identity:verify": {"token": "123456"},
        "identity:second_factor_setup": {"token": "000000"},
        **_administration_forms(world),
    }


def _practitioner() -> User:
    return User.objects.get(username="practitioner")


def url_values(world: World) -> dict[str, Any]:
    """The practitioner's account, their membership of the world's team, the partner organisation."""
    practitioner = _practitioner()
    return {
        "staff_uuid": practitioner.uuid,
        "membership_id": Membership.objects.get(user=practitioner, team_id=world.team_id).pk,
        "organisation_uuid": Organisation.objects.get(pk=world.partner_id).uuid,
    }


def _administration_forms(world: World) -> dict[str, dict[str, Any]]:
    practitioner = _practitioner()
    organisation = practitioner.organisation_id
    other_team = Team.objects.exclude(memberships__user=practitioner).order_by("name").first()
    edited = Team.objects.filter(uuid=world.extra.get("workforce_team_uuid")).first()
    edited_team = {"name": edited.name, "kind": edited.kind, "organisation": edited.organisation_id} if edited else {}
    account = {
        "first_name": "Priya",
        "last_name": "Shah-Jones",
        "role": Role.PRACTITIONER,
        "organisation": organisation,
    }
    return {
        "identity:password_change": {
            "password": "wooden-harbour-lantern-42",
            "password_again": "wooden-harbour-lantern-42",
        },
        "identity:staff_create": account | {"username": "priya.jones", "password": "wooden-harbour-lantern-42"},
        "identity:staff_edit": account,
        "identity:staff_deactivate": {"reason": "Left the council"},
        "identity:staff_organisation_account": {
            "issuer": "https://login.microsoftonline.com/8f2c5a41-0d3e-4b8a-9c51-2f6e7d1a3b90/v2.0",
            "subject": "AAAAAAAAAAAAAAAAAAAAAIkzqFVrSaSaFHy782bbtaQ",
        },
        "identity:membership_add": {"team": other_team.pk if other_team else ""},
        "identity:organisation_create": {"name": "Wirral Carers Trust", "kind": OrganisationKind.VOLUNTARY},
        "identity:organisation_edit": {
            "name": "Wirral Community Health Trust",
            "kind": OrganisationKind.NHS_TRUST,
            "ods_code": "RY7",
        },
        "identity:team_create": {"name": "Carers team", "kind": TeamKind.OTHER, "organisation": organisation},
        "identity:team_edit": edited_team | {"neighbourhood": "Hoylake"},
    }
