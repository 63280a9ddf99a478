"""FHIR Bulk Data export for partners (HL7 FHIR Bulk Data Access IG v2, "Export"): the kick-off at
system, group and patient level, the status URL a partner polls (and deletes to cancel), and the
NDJSON files, each with the same partner's bearer token (docs/fhir.md, "Bulk export").
"""

import functools
from datetime import datetime
from typing import TYPE_CHECKING

from django.http import FileResponse, HttpRequest, HttpResponse
from django.urls import reverse

from tandem.core import clock
from tandem.interop import bulk, exports, groups, selectors
from tandem.interop.auth import partner_and_scopes
from tandem.interop.outcomes import FhirError, fhir_response, operation_outcome
from tandem.interop.scopes import scope_for
from tandem.interop.search import check_format
from tandem.interop.views import fhir_endpoint

if TYPE_CHECKING:
    from tandem.interop.models import ExportJob, Partner

# The kick-off's parameters Tandem supports; any other (`_typeFilter`, `_elements`, `patient`,
# `includeAssociatedData`) is refused, never silently ignored (the IG lets a server do either).
PARAMETERS = {"_type", "_since", "_outputFormat"}
# What the kick-off may answer in: the IG names application/fhir+json (absent: the same).
ACCEPTED = {"application/fhir+json", "application/json", "*/*"}
# How many exports a partner may have waiting or running at once; more is 429.
MOST_AT_ONCE = 3
RETRY_SECONDS = 5


def _types(request: HttpRequest, level: str, scopes: set[str]) -> list[str]:
    """`_type` (comma-separated, may repeat), each a type this level exports and the partner may
    read (403 otherwise); without it, every type of the level the partner may read."""
    exportable = bulk.TYPES_AT[level]
    asked = [value.strip() for raw in request.GET.getlist("_type") for value in raw.split(",")]
    if not asked:
        granted = [kind for kind in exportable if scope_for(kind) in scopes]
        if not granted:
            raise FhirError(403, "forbidden", "This client may read none of the resource types an export carries")
        return granted
    for kind in asked:
        if kind not in exportable:
            raise FhirError(
                400,
                "not-supported",
                f"_type: {kind or '(empty)'} is not exported at {level} level (use {', '.join(exportable)})",
                expression="_type",
            )
        if scope_for(kind) not in scopes:
            raise FhirError(403, "forbidden", f"_type: this client may not read {kind}: it needs {scope_for(kind)}")
    return list(dict.fromkeys(asked))


def _since(request: HttpRequest) -> datetime | None:
    raw = request.GET.get("_since")
    if raw is None:
        return None
    try:
        moment = datetime.fromisoformat(raw.strip().replace("Z", "+00:00"))
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is None:
        raise FhirError(
            400, "invalid", f"_since: {raw} is not a FHIR instant (such as 2026-12-01T00:00:00Z)", expression="_since"
        )
    return moment


def _checked(request: HttpRequest) -> None:
    """What every kick-off needs: asynchronous, JSON, NDJSON out, and only known parameters."""
    if "respond-async" not in request.headers.get("Prefer", "").lower():
        raise FhirError(400, "invalid", "An export runs in the background: send the header Prefer: respond-async")
    accept = request.headers.get("Accept", "").strip()
    if accept and not any(kind.split(";")[0].strip() in ACCEPTED for kind in accept.split(",")):
        raise FhirError(406, "not-supported", "Accept: the kick-off answers in application/fhir+json only")
    check_format(request.GET)
    unknown = sorted(set(request.GET) - PARAMETERS)
    if unknown:
        raise FhirError(
            400, "not-supported", f"{unknown[0]}: not an export parameter Tandem supports", expression=unknown[0]
        )
    for value in request.GET.getlist("_outputFormat"):
        if value.strip() not in bulk.OUTPUT_FORMATS:
            raise FhirError(
                400,
                "not-supported",
                f"_outputFormat: {value} is not supported (use {', '.join(bulk.OUTPUT_FORMATS)})",
                expression="_outputFormat",
            )


def _status_url(request: HttpRequest, job: "ExportJob") -> str:
    return request.build_absolute_uri(reverse("interop:export_status", args=[job.uuid]))


def _kick_off(request: HttpRequest, *, level: str, group_id: str = "") -> HttpResponse:
    partner, scopes = partner_and_scopes(request)
    _checked(request)
    group = None
    if level == bulk.GROUP:
        if scope_for("Group") not in scopes:
            raise FhirError(403, "forbidden", f"This client may not export a Group: it needs {scope_for('Group')}")
        group = groups.group_get(partner=partner, resource_id=group_id)
        if group is None:
            raise FhirError(404, "not-found", f"Group/{group_id} is not known to this partner")
    types = _types(request, level, scopes)
    since = _since(request)
    if selectors.exports_unfinished(partner=partner) >= MOST_AT_ONCE:
        raise FhirError(
            429, "throttled", f"At most {MOST_AT_ONCE} exports may wait or run at once: wait, or cancel one"
        )
    job = exports.export_kick_off(
        partner=partner,
        level=level,
        resource_types=types,
        since=since,
        group=group,
        request_url=request.build_absolute_uri(),
    )
    response = fhir_response(
        operation_outcome("informational", "Export accepted: poll the Content-Location URL", severity="information"),
        status=202,
    )
    response["Content-Location"] = _status_url(request, job)
    return response


@functools.partial(fhir_endpoint, methods=("GET",))  # a kick-off starts a job: never on HEAD
def system_export(request: HttpRequest) -> HttpResponse:
    """`GET /fhir/$export`: everything the partner may read, of the types it asks for."""
    return _kick_off(request, level=bulk.SYSTEM)


@functools.partial(fhir_endpoint, methods=("GET",))  # a kick-off starts a job: never on HEAD
def patient_export(request: HttpRequest) -> HttpResponse:
    """`GET /fhir/Patient/$export`: every person shared with the partner, and what is about them."""
    return _kick_off(request, level=bulk.PATIENT)


@functools.partial(fhir_endpoint, methods=("GET",))  # a kick-off starts a job: never on HEAD
def group_export(request: HttpRequest, resource_id: str) -> HttpResponse:
    """`GET /fhir/Group/{id}/$export`: the people on a team's caseload shared with the partner."""
    return _kick_off(request, level=bulk.GROUP, group_id=resource_id)


def _job(partner: "Partner", job_id: str) -> "ExportJob":
    """The partner's own job, while it lasts: another partner's, a cancelled or an expired one is 404."""
    job = selectors.export_job(partner=partner, job_id=job_id)
    if job is None or job.is_cancelled or (job.expires_at and job.expires_at <= clock.now()):
        raise FhirError(404, "not-found", f"No export {job_id} for this client (it may have expired or been cancelled)")
    return job


def _manifest(request: HttpRequest, job: "ExportJob") -> dict[str, object]:
    """The IG's completion manifest: where each file is, and that fetching it needs the token."""
    return {
        "transactionTime": job.transaction_time.isoformat().replace("+00:00", "Z"),
        "request": job.request_url,
        "requiresAccessToken": True,
        "output": [
            {
                "type": item["type"],
                "url": request.build_absolute_uri(reverse("interop:export_file", args=[job.uuid, item["type"]])),
                "count": item["count"],
            }
            for item in job.output
        ],
        "error": [],
    }


@functools.partial(fhir_endpoint, methods=("GET", "DELETE"))
def export_status(request: HttpRequest, job_id: str) -> HttpResponse:
    """Poll a job: 202 while it runs, 200 with the manifest when done, 500 with an
    OperationOutcome if it failed; DELETE cancels it (202) and deletes its files."""
    partner, _ = partner_and_scopes(request)
    job = _job(partner, job_id)
    if request.method == "DELETE":
        exports.export_cancel(job=job)
        return fhir_response(
            operation_outcome("informational", "Export cancelled and its files deleted", severity="information"),
            status=202,
        )
    if job.is_running:
        response = HttpResponse(status=202)
        response["X-Progress"] = job.progress or "Waiting to start"
        response["Retry-After"] = str(RETRY_SECONDS)
        response["Cache-Control"] = "no-store"
        return response
    if job.is_failed:
        return fhir_response(operation_outcome("exception", job.error), status=500)
    response = fhir_response(_manifest(request, job))
    response["Content-Type"] = "application/json"
    if job.expires_at is not None:
        response["Expires"] = job.expires_at.strftime("%a, %d %b %Y %H:%M:%S GMT")
    return response


@fhir_endpoint
def export_file(request: HttpRequest, job_id: str, resource_type: str) -> FileResponse:
    """One NDJSON file of a completed job, for the partner that asked, while it still holds the
    scope of that resource type."""
    partner, scopes = partner_and_scopes(request)
    job = _job(partner, job_id)
    written = {item["type"] for item in job.output}
    if not job.is_completed or resource_type not in written:
        raise FhirError(404, "not-found", f"Export {job_id} has no {resource_type} file")
    if scope_for(resource_type) not in scopes:
        raise FhirError(
            403, "forbidden", f"This client may not read {resource_type}: it needs {scope_for(resource_type)}"
        )
    path = exports.export_file(job, resource_type)
    if not path.exists():
        raise FhirError(404, "not-found", f"Export {job_id} has no {resource_type} file any more")
    exports.export_downloaded(job=job, resource_type=resource_type)
    response = FileResponse(path.open("rb"), content_type=bulk.NDJSON)
    response["Cache-Control"] = "no-store"
    return response
