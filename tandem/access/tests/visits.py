"""The accessibility check's visits to the reviewers' lists."""

from tests.journeys.visits import M, Visit

# Reviews only take a POST.
POST_ONLY = {"access:break_glass_review", "access:restriction_change_review"}

VISITS = [
    Visit("access:break_glass_list", M, lambda w: "/access/break-glass/"),
    Visit("access:restriction_change_list", M, lambda w: "/access/restriction-changes/"),
]
