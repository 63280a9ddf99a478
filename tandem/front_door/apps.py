from django.apps import AppConfig


class FrontDoorConfig(AppConfig):
    name = "tandem.front_door"
    label = "front_door"
    verbose_name = "Front door"

    def ready(self) -> None:
        from tandem.core import navigation, registry
        from tandem.front_door import registrations, selectors, services, worklists

        registry.register_open_work("front_door.work", selectors.open_work_for_person, when=selectors.open_work_rows)
        registry.register_timeline("front_door.contacts", selectors.timeline_for_person, when=selectors.timeline_rows)
        registry.register_work_listener("front_door.requests", services.support_request_move_on)
        navigation.register_links(registrations.NAVIGATION)
        registry.register_my_work("front_door", worklists.my_work)
