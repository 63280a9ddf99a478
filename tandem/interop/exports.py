"""Every write of a FHIR Bulk Data export (HL7 FHIR Bulk Data Access IG v2, "Export"): a partner's
job accepted, run in the background (ADR 0004), cancelled, its files fetched, and expired jobs
deleted; each audited under the partner's name (docs/fhir.md, "Bulk export")."""

import logging
import shutil
from collections.abc import Sequence
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction

from tandem.audit import services as audit
from tandem.core import clock
from tandem.interop import bulk, groups
from tandem.interop.kinds import KINDS
from tandem.interop.models import ExportJob, ExportStatus, Partner
from tandem.interop.services import PartnerActor

logger = logging.getLogger(__name__)


# FHIR Bulk Data export (HL7 FHIR Bulk Data Access IG v2): the jobs, run in the background (ADR 0004).


def export_directory(job: ExportJob) -> Path:
    """Where a job's NDJSON files are written: one directory a job under TANDEM_FHIR_EXPORT_DIR."""
    return Path(settings.TANDEM_FHIR_EXPORT_DIR) / str(job.uuid)


def export_file(job: ExportJob, resource_type: str) -> Path:
    return export_directory(job) / f"{resource_type}.ndjson"


@transaction.atomic
def export_kick_off(
    *,
    partner: Partner,
    level: str,
    resource_types: Sequence[str],
    since: datetime | None,
    group: Any,
    request_url: str,
) -> ExportJob:
    """Accept a partner's `$export`: the job is queued once this transaction commits, and its
    transaction time (the instant no later change is exported) is now."""
    exports_expire()
    job = ExportJob.objects.create(
        partner=partner,
        level=level,
        group=group,
        resource_types=",".join(resource_types),
        since=since,
        request_url=request_url,
        transaction_time=clock.now(),
        progress="Waiting to start",
        # A job no worker finishes (one stopped mid-way) is not kept for ever: completing sets it anew.
        expires_at=clock.now() + timedelta(hours=settings.TANDEM_FHIR_EXPORT_HOURS),
    )
    audit.record(
        actor=PartnerActor(partner),
        action="interop.export.requested",
        target=partner,
        summary=f"Bulk export ({level}) of {', '.join(resource_types)} asked for by {partner.audit_name}"[:300],
        changes={"job": str(job.uuid), "level": level, "types": list(resource_types), "request": request_url},
    )
    transaction.on_commit(lambda: _export_enqueue(job.pk))
    return job


def _export_enqueue(job_id: int) -> None:
    from tandem.interop.tasks import bulk_export_task  # the task module imports this one

    bulk_export_task.delay(job_id)


def _still_running(job: ExportJob) -> bool:
    return ExportJob.objects.filter(pk=job.pk, status=ExportStatus.RUNNING).exists()


def _export_reads(job: ExportJob, people: list[Any]) -> None:
    """The audit of an export: one `interop.record.read` on each person's record a job carried."""
    audit.record_many(
        actor=PartnerActor(job.partner),
        action="interop.record.read",
        people=people,
        target=job.partner,
        summary=f"Bulk export through the FHIR API by {job.partner.audit_name}",
        changes={
            "resource_type": ",".join(job.types),
            "interaction": "$export",
            "partner": str(job.partner.uuid),
            "job": str(job.uuid),
        },
    )


def export_run(job_id: int) -> ExportJob | None:
    """Write a job's NDJSON files, one a resource type, each resource through the same reads (and
    so the same consent, restriction and scope rules) as a search; every person's record carried is
    audited under the partner's name. A cancelled job stops at its next batch; a job that fails is
    marked failed with what went wrong, and its files are deleted."""
    claimed = ExportJob.objects.filter(pk=job_id, status=ExportStatus.ACCEPTED).update(
        status=ExportStatus.RUNNING, progress="Started"
    )
    if not claimed:
        return None  # cancelled before it started, or already run
    job = ExportJob.objects.select_related("partner__organisation", "group").get(pk=job_id)
    try:
        output = _export_write(job)
    except Exception as error:  # a job's failure is reported in its status, never lost
        logger.exception("Bulk export %s failed", job.uuid)
        shutil.rmtree(export_directory(job), ignore_errors=True)
        ExportJob.objects.filter(pk=job.pk, status=ExportStatus.RUNNING).update(
            status=ExportStatus.FAILED,
            error=f"The export failed ({type(error).__name__}); ask again, or tell the service's administrators",
            progress="Failed",
            completed_at=clock.now(),
            expires_at=clock.now() + timedelta(hours=settings.TANDEM_FHIR_EXPORT_HOURS),
        )
        return ExportJob.objects.get(pk=job.pk)
    if output is None:
        shutil.rmtree(export_directory(job), ignore_errors=True)
        return ExportJob.objects.get(pk=job.pk)
    finished = clock.now()
    done = ExportJob.objects.filter(pk=job.pk, status=ExportStatus.RUNNING).update(
        status=ExportStatus.COMPLETED,
        output=output,
        progress="Completed",
        completed_at=finished,
        expires_at=finished + timedelta(hours=settings.TANDEM_FHIR_EXPORT_HOURS),
    )
    if not done:  # cancelled as it finished
        shutil.rmtree(export_directory(job), ignore_errors=True)
    else:
        audit.record(
            actor=PartnerActor(job.partner),
            action="interop.export.completed",
            target=job.partner,
            summary=f"Bulk export completed for {job.partner.audit_name}"[:300],
            changes={"job": str(job.uuid), "output": output},
        )
    return ExportJob.objects.get(pk=job.pk)


def _export_write(job: ExportJob) -> list[dict[str, Any]] | None:
    """The files of a job: [{"type", "count"}] of those written, or None once it was cancelled."""
    partner = job.partner
    if partner.revoked_at is not None:
        raise PermissionError("the partner's client was revoked")
    members = groups.member_ids(partner=partner, team=job.group) if job.group is not None else None
    scope = bulk.Scope(level=job.level, person_ids=members, since=job.since, until=job.transaction_time)
    directory = export_directory(job)
    directory.mkdir(parents=True, exist_ok=True)
    output: list[dict[str, Any]] = []
    audited: set[int] = set()
    for position, resource_type in enumerate(job.types, start=1):
        served = KINDS[resource_type]
        ExportJob.objects.filter(pk=job.pk).update(
            progress=f"{resource_type}: resource type {position} of {len(job.types)}"
        )
        path = export_file(job, resource_type)
        count = 0
        with path.open("w", encoding="utf-8", newline="\n") as stream:
            for rows in bulk.rows_of(partner, resource_type, scope):
                if not _still_running(job):
                    return None
                count += bulk.write_ndjson((served.to_fhir(row) for row in rows), stream)
                if served.person_of is not None:
                    people = {person.pk: person for person in map(served.person_of, rows)}
                    fresh = [person for pk, person in people.items() if pk not in audited]
                    audited.update(people)
                    _export_reads(job, fresh)
        if count:
            output.append({"type": resource_type, "count": count})
        else:
            path.unlink()  # the IG: no file for a type with nothing in it
    return output


def export_cancel(*, job: ExportJob) -> None:
    """A partner's DELETE of its job: stopped (if running), its files deleted, and gone from its status URL."""
    ExportJob.objects.filter(pk=job.pk).update(
        status=ExportStatus.CANCELLED, progress="Cancelled", expires_at=clock.now()
    )
    shutil.rmtree(export_directory(job), ignore_errors=True)
    audit.record(
        actor=PartnerActor(job.partner),
        action="interop.export.cancelled",
        target=job.partner,
        summary=f"Bulk export cancelled by {job.partner.audit_name}"[:300],
        changes={"job": str(job.uuid)},
    )


def export_downloaded(*, job: ExportJob, resource_type: str) -> None:
    """A partner fetched one of its export's files (each person in it was audited as it was written)."""
    audit.record(
        actor=PartnerActor(job.partner),
        action="interop.export.downloaded",
        target=job.partner,
        summary=f"Bulk export file {resource_type} fetched by {job.partner.audit_name}"[:300],
        changes={"job": str(job.uuid), "resource_type": resource_type},
    )


def exports_expire() -> int:
    """Delete the files and jobs past their expiry (TANDEM_FHIR_EXPORT_HOURS after completing;
    a cancelled job at once); returns how many jobs went."""
    expired = list(ExportJob.objects.filter(expires_at__lt=clock.now()))
    for job in expired:
        shutil.rmtree(export_directory(job), ignore_errors=True)
    ExportJob.objects.filter(pk__in=[job.pk for job in expired]).delete()
    return len(expired)
