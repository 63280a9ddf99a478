"""What care and support plans add to shared places: their links in the service navigation."""

from tandem.core.navigation import NavigationLink, is_one_of

NAVIGATION = (
    NavigationLink(50, "plan.record", "support_plans:reviews_due", "Reviews", is_one_of("support_plans:reviews_due")),
    NavigationLink(
        70,
        "provider_review.submit",
        "support_plans:provider_packages",
        "Your packages",
        is_one_of("support_plans:provider_packages", "support_plans:provider_review_submit"),
    ),
)
