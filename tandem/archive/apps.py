from django.apps import AppConfig


class ArchiveConfig(AppConfig):
    name = "tandem.archive"
    label = "archive"
    verbose_name = "The whole record out and back (export and restore)"
