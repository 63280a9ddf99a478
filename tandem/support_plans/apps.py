from django.apps import AppConfig


class SupportPlansConfig(AppConfig):
    name = "tandem.support_plans"
    label = "support_plans"
    verbose_name = "Care and support plans"

    def ready(self) -> None:
        from tandem.core import navigation, registry
        from tandem.support_plans import registrations, selectors, worklists

        registry.register_open_work("support_plans.work", selectors.open_work_for_person, when=selectors.open_work_rows)
        registry.register_timeline("support_plans.events", selectors.timeline_for_person, when=selectors.timeline_rows)
        navigation.register_links(registrations.NAVIGATION)
        registry.register_my_work("support_plans", worklists.my_work)
