from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "tandem.people"
    label = "people"
    verbose_name = "People"

    def ready(self) -> None:
        from tandem.core import navigation, registry
        from tandem.people import registrations, selectors

        registry.register_timeline("people.changes", selectors.timeline_from_audit)
        registry.register_my_work("people", selectors.my_work)
        navigation.register_links(registrations.NAVIGATION)
