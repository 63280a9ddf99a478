"""What safeguarding adds to shared places: its link in the service navigation."""

from tandem.core.navigation import NavigationLink, is_under

NAVIGATION = (
    NavigationLink(40, "safeguarding.work", "safeguarding:triage_queue", "Safeguarding", is_under("safeguarding:")),
)
