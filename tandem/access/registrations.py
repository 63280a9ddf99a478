"""What the access app adds to shared places: the reviewers' link in the service navigation."""

from tandem.core.navigation import NavigationLink, is_one_of

NAVIGATION = (
    NavigationLink(
        90,
        "break_glass.review",
        "access:break_glass_list",
        "Break-glass",
        is_one_of("access:break_glass_list", "access:restriction_change_list"),
    ),
)
