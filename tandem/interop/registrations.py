"""What the interop app adds to shared places: the administrators' link to partner systems."""

from tandem.core.navigation import NavigationLink, is_under

NAVIGATION = (
    NavigationLink(105, "staff.manage", "interop:partner_list", "Partner systems", is_under("interop:partner_")),
)
