from django.apps import AppConfig


class SafeguardingConfig(AppConfig):
    name = "tandem.safeguarding"
    label = "safeguarding"
    verbose_name = "Safeguarding"

    def ready(self) -> None:
        from tandem.core import navigation, registry
        from tandem.safeguarding import registrations, selectors, worklists

        registry.register_open_work(
            "safeguarding.concerns", selectors.open_work_for_person, when=selectors.open_work_rows
        )
        navigation.register_links(registrations.NAVIGATION)
        registry.register_my_work("safeguarding", worklists.my_work)
