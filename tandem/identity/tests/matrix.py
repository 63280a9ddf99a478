"""Who may use the sign-in, second-factor and account pages."""

from typing import Any

from tests.authorisation.matrix import World, row

GET = {
    "identity:sign_in": row(
        200, "moved:people:search", "moved:people:search", "moved:people:search", "moved:identity:account"
    ),
    "identity:verify": row(
        "sign_in", "moved:people:search", "moved:people:search", "moved:people:search", "moved:identity:account"
    ),
    "identity:sign_out": row("sign_in", 405, 405, 405, 405),
    "identity:account": row("sign_in", 200, 200, 200, 200),
    "identity:second_factor_setup": row("sign_in", 200, 200, 200, 200),
    "identity:accessibility": row(200, 200, 200, 200, 200),
}

POST = {
    "identity:sign_in": row(
        "saved:people:search",
        "moved:people:search",
        "moved:people:search",
        "moved:people:search",
        "moved:identity:account",
    ),
    "identity:verify": row(
        "sign_in", "moved:people:search", "moved:people:search", "moved:people:search", "moved:identity:account"
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
    # The code is wrong, so the form answers 400 (setting up a device writes only django-otp's table).
    "identity:second_factor_setup": row("sign_in", 400, 400, 400, 400),
    "identity:accessibility": row(405, 405, 405, 405, 405),
}


def forms(world: World) -> dict[str, dict[str, Any]]:
    """A POST body each page accepts: the practitioner's password, codes that are wrong."""
    return {
        "identity:sign_in": {"username": "practitioner", "password": world.password},
        "identity:verify": {"token": "123456"},
        "identity:second_factor_setup": {"token": "000000"},
    }
