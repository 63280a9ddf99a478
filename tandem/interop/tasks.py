"""Background work of the FHIR API (ADR 0004): bulk export jobs, and deleting expired exports."""

from celery import shared_task

from tandem.interop import exports


@shared_task(name="interop.bulk_export")  # type: ignore[untyped-decorator]  # celery is untyped
def bulk_export_task(job_id: int) -> None:
    exports.export_run(job_id)


@shared_task(name="interop.exports_expire")  # type: ignore[untyped-decorator]  # celery is untyped
def exports_expire_task() -> int:
    return exports.exports_expire()
