"""What the identity app adds to shared places: the administrators' link in the service navigation."""

from tandem.core.navigation import NavigationLink

_ADMINISTRATION_PAGES = ("identity:staff_", "identity:organisation_", "identity:team_", "identity:membership_")

NAVIGATION = (
    NavigationLink(
        100,
        "staff.manage",
        "identity:staff_list",
        "Administration",
        lambda name: name.startswith(_ADMINISTRATION_PAGES),
    ),
)
