"""What production must have before it serves anyone: its own secret key and audit key, a mail server, a
shared cache.

The demonstration and the test run (TANDEM_DEMO=true) and debug mode may use the repository's
development key, print e-mail to the console and count in one process's memory. Anything else is
production: `gunicorn config.wsgi` and Celery refuse to start while one of these is missing
(`refuse_unsafe_start`), and `manage.py check --deploy` reports each as an error (`deployment_check`).
docs/deployment.md lists the settings.
"""

import sys

from django.conf import settings
from django.core.checks import CheckMessage, Error, register
from django.core.exceptions import ImproperlyConfigured

# Mail backends that send nothing anyone receives.
_NOT_SENDING = {
    "django.core.mail.backends.console.EmailBackend",
    "django.core.mail.backends.locmem.EmailBackend",
    "django.core.mail.backends.dummy.EmailBackend",
    "django.core.mail.backends.filebased.EmailBackend",
}
# Caches each process keeps to itself: a second web worker would count the rate limit alone.
_NOT_SHARED = {
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
}
# gunicorn's exit code for an application that cannot load: its master stops rather than starting
# worker after worker that each refuse in turn.
APP_LOAD_ERROR = 4


def is_production() -> bool:
    return not settings.DEBUG and not getattr(settings, "TANDEM_DEMO", False)


def _secret_key() -> str:
    try:
        return str(settings.SECRET_KEY)
    except ImproperlyConfigured:  # Django refuses an empty key when it is read
        return ""


def production_problems() -> list[tuple[str, str]]:
    """(check id, message) for each thing production lacks; none outside production."""
    if not is_production():
        return []
    problems = []
    key = _secret_key()
    if not key or key == getattr(settings, "TANDEM_DEVELOPMENT_SECRET_KEY", None):
        problems.append(
            (
                "tandem.E001",
                "TANDEM_SECRET_KEY is not set: production needs its own secret key (at least 50 random "
                "characters), never the one in the repository. For the demonstration set TANDEM_DEMO=true.",
            )
        )
    if not getattr(settings, "TANDEM_AUDIT_KEY", ""):
        problems.append(
            (
                "tandem.E004",
                "TANDEM_AUDIT_KEY is not set: production seals the audit log with its own key (at least 32 "
                "random characters, kept outside the database), never the published development key.",
            )
        )
    mailer = settings.MAILERS.get("default", {}) if hasattr(settings, "MAILERS") else {}
    backend = mailer.get("BACKEND", getattr(settings, "EMAIL_BACKEND", ""))
    if backend in _NOT_SENDING:
        problems.append(
            (
                "tandem.E002",
                f"TANDEM_MAIL_BACKEND is {backend}, which sends no e-mail: production needs a mail server "
                "(TANDEM_MAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend and TANDEM_SMTP_HOST).",
            )
        )
    cache = settings.CACHES.get("default", {}).get("BACKEND", "")
    if cache in _NOT_SHARED:
        problems.append(
            (
                "tandem.E003",
                "TANDEM_CACHE_URL is not set to a shared cache: several web workers must share one for the "
                "ask-for-help rate limit and its send-once guard (TANDEM_CACHE_URL=redis://host:6379/1).",
            )
        )
    return problems


@register("security", deploy=True)
def deployment_check(app_configs: object = None, **kwargs: object) -> list[CheckMessage]:
    # Django's own mail.E001 already reports a mail backend that sends nothing, and the audit app's
    # audit.E001 a missing audit key.
    reported_elsewhere = {"tandem.E002", "tandem.E004"}
    return [
        Error(message, id=check_id) for check_id, message in production_problems() if check_id not in reported_elsewhere
    ]


def refuse_unsafe_start() -> None:
    """Stop the process with a plain message (no traceback) when production lacks what it needs."""
    problems = production_problems()
    if not problems:
        return
    lines = ["Tandem will not start in production:", *(f"- {message}" for _, message in problems)]
    sys.stderr.write("\n".join(lines) + "\n")
    sys.stderr.flush()
    raise SystemExit(APP_LOAD_ERROR)
