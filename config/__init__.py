"""Django wiring. Loading the Celery app here makes @shared_task use its settings (ADR 0004)."""

from config.celery import app as celery_app

__all__ = ["celery_app"]
