from django.apps import AppConfig


class IdentityConfig(AppConfig):
    name = "tandem.identity"
    label = "identity"
    verbose_name = "Identity"
