"""The background task app (ADR 0004): Celery on Redis or RabbitMQ, eager in the demo and tests."""

import os

from celery import Celery
from celery.schedules import crontab
from celery.signals import beat_init, worker_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
app = Celery("tandem")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# `celery -A config beat` runs these: sealing audit events into the hash chain every minute
# (ADR 0002), and the workforce pressures check with the managers' digest at 07:00 each day.
app.conf.beat_schedule = {
    "audit-chain-seal": {"task": "audit.chain_seal", "schedule": 60.0},
    "workforce-daily-digest": {"task": "workforce.daily_digest", "schedule": crontab(hour=7, minute=0)},
    # FHIR bulk exports past their expiry: files and jobs deleted (docs/fhir.md, "Bulk export").
    "interop-exports-expire": {"task": "interop.exports_expire", "schedule": crontab(minute=15)},
    # Every adult's risk score, as the windows of 30, 90 and 365 days move on (prevention, issue 17).
    "prevention-risk-nightly": {"task": "prevention.risk_nightly", "schedule": crontab(hour=2, minute=30)},
}


def _refuse_unsafe_start(**kwargs: object) -> None:
    """The worker and the scheduler refuse production without its key, mail server and shared cache."""
    from tandem.core.deployment import refuse_unsafe_start

    refuse_unsafe_start()


worker_init.connect(_refuse_unsafe_start)
beat_init.connect(_refuse_unsafe_start)
