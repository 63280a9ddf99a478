"""What the workforce app adds to shared places: its link in the service navigation."""

from tandem.core.navigation import NavigationLink, is_under

NAVIGATION = (NavigationLink(60, "workforce.view", "workforce:home", "Workforce", is_under("workforce:")),)
