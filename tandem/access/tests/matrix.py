"""Who may review break-glass access and changes to restrictions."""

from tests.authorisation.matrix import row

GET = {
    "access:break_glass_list": row("sign_in", 403, 200, 403, 403),
    "access:break_glass_review": row("sign_in", 405, 405, 405, 405),
    "access:restriction_change_list": row("sign_in", 403, 200, 403, 403),
    "access:restriction_change_review": row("sign_in", 405, 405, 405, 405),
}

POST = {
    "access:break_glass_list": row("sign_in", 405, 405, 405, 405),
    # Only reviewers can find a grant at all, so for everyone else it does not exist.
    "access:break_glass_review": row("sign_in", 404, "saved:access:break_glass_list", 404, 404),
    "access:restriction_change_list": row("sign_in", 405, 405, 405, 405),
    # As with break-glass: only reviewers can find a change to a restriction at all.
    "access:restriction_change_review": row("sign_in", 404, "saved:access:restriction_change_list", 404, 404),
}
