"""What the front door adds to shared places: its link in the service navigation."""

from tandem.core.navigation import NavigationLink, is_under

NAVIGATION = (NavigationLink(30, "contact.record", "front_door:queue", "Front door", is_under("front_door:")),)
