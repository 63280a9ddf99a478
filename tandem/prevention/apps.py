from django.apps import AppConfig


class PreventionConfig(AppConfig):
    name = "tandem.prevention"
    label = "prevention"
    verbose_name = "Prevention (health events)"

    def ready(self) -> None:
        from tandem.core import registry
        from tandem.prevention import selectors

        registry.register_timeline("prevention.events", selectors.timeline_for_person, when=selectors.timeline_rows)
        registry.register_open_work(
            "prevention.package_pause", selectors.open_work_for_person, when=selectors.open_work_rows
        )
        registry.register_my_work("prevention", selectors.my_work)
        # The hospital discharge hub (tandem/prevention/discharge).
        from tandem.core import navigation
        from tandem.prevention.discharge import registrations as discharge_registrations
        from tandem.prevention.discharge import worklists as discharge_worklists

        navigation.register_links(discharge_registrations.NAVIGATION)
        registry.register_my_work("prevention.discharge", discharge_worklists.my_work)

        # The risk score (issue 17): its link in the navigation.
        from tandem.core import navigation
        from tandem.prevention.risk import registrations

        navigation.register_links(registrations.NAVIGATION)
