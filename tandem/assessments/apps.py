from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "tandem.assessments"
    label = "assessments"
    verbose_name = "Assessments"

    def ready(self) -> None:
        from tandem.assessments import selectors, worklists
        from tandem.core import registry

        registry.register_open_work("assessments.work", selectors.open_work_for_person, when=selectors.open_work_rows)
        registry.register_timeline("assessments.events", selectors.timeline_for_person, when=selectors.timeline_rows)
        registry.register_my_work("assessments", worklists.my_work)
