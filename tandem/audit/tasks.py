"""Scheduled work for the audit log (ADR 0004): seal waiting events every minute."""

from celery import shared_task

from tandem.audit.services import chain_seal


@shared_task(name="audit.chain_seal")  # type: ignore[untyped-decorator]  # celery is untyped
def chain_seal_task() -> int:
    return chain_seal()
