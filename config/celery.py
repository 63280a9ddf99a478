"""The background task app (ADR 0004): Celery on Redis or RabbitMQ, eager in the demo and tests."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
app = Celery("tandem")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# Seal audit events into the hash chain every minute (ADR 0002); `celery -A config beat` runs it.
app.conf.beat_schedule = {"audit-chain-seal": {"task": "audit.chain_seal", "schedule": 60.0}}
