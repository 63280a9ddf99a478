"""What the directory adds to shared places: its curation link in the service navigation."""

from tandem.core.navigation import NavigationLink, is_under

NAVIGATION = (NavigationLink(80, "directory.curate", "directory:manage", "Directory", is_under("directory:manage")),)
