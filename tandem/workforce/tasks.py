"""Scheduled work for the workforce (ADR 0004): each morning, check the pressures and send the digest."""

from celery import shared_task

from tandem.workforce.services import alerts_check, digest_send


@shared_task(name="workforce.daily_digest")  # type: ignore[untyped-decorator]  # celery is untyped
def daily_digest_task() -> dict[str, int]:
    raised, cleared = alerts_check()
    return {"raised": len(raised), "cleared": cleared, "sent": digest_send()}
