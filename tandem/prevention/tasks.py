"""Scheduled work for prevention (ADR 0004): each night, rescore every adult's risk."""

from celery import shared_task

from tandem.prevention.risk.services import scores_nightly


@shared_task(name="prevention.risk_nightly")  # type: ignore[untyped-decorator]  # celery is untyped
def risk_nightly_task() -> dict[str, float]:
    run = scores_nightly()
    return {"people": run.people, "changed": run.changed, "seconds": run.seconds}
