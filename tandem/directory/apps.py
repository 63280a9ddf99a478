from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "tandem.directory"
    label = "directory"
    verbose_name = "Community services directory"

    def ready(self) -> None:
        from tandem.core import navigation
        from tandem.directory import registrations

        navigation.register_links(registrations.NAVIGATION)
