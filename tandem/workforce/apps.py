from django.apps import AppConfig


class WorkforceConfig(AppConfig):
    name = "tandem.workforce"
    label = "workforce"
    verbose_name = "Workforce"

    def ready(self) -> None:
        from tandem.core import navigation, registry
        from tandem.workforce import registrations, selectors, services, worklists

        registry.register_open_work("workforce.cases", selectors.open_work_for_person, when=selectors.open_work_rows)
        registry.register_request_listener("workforce.waiting_list", services.case_open_for_request)
        registry.register_work_listener("workforce.cases", services.case_move_on)
        navigation.register_links(registrations.NAVIGATION)
        registry.register_my_work("workforce", worklists.my_work)
        registry.register_risk_listener("workforce.waiting_list", services.cases_risk_changed)
