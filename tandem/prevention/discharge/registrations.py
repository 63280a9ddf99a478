"""What the discharge hub adds to shared places: its link in the service navigation."""

from tandem.core.navigation import NavigationLink, is_under

NAVIGATION = (
    NavigationLink(85, "person.view", "prevention:discharge_board", "Discharge hub", is_under("prevention:discharge_")),
)
