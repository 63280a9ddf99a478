"""What the risk score adds to shared places: the proactive worklist in the service navigation."""

from tandem.core.navigation import NavigationLink, is_under

NAVIGATION = (
    NavigationLink(65, "workforce.waiting", "prevention:risk_worklist", "Prevention", is_under("prevention:risk_")),
)
