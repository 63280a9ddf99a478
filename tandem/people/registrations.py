"""What the people app adds to shared places: its links in the service navigation."""

from tandem.core.navigation import NavigationLink, is_one_of

NAVIGATION = (
    NavigationLink(5, "person.view", "people:my_work", "My work", is_one_of("people:my_work")),
    NavigationLink(10, "person.view", "people:search", "People", is_one_of("people:search", "people:create")),
    NavigationLink(20, "person.view", "people:warnings_due", "Warnings", is_one_of("people:warnings_due")),
)
