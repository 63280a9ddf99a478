"""`POST /fhir/`: a partner sends health events as a transaction or collection Bundle.

All or nothing: a Bundle with any fault is refused whole (400, an OperationOutcome naming each
bad element); a kept Bundle answers a transaction-response Bundle saying what became of each entry.
"""

import json

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt

from tandem.interop import ingest
from tandem.interop.auth import partner_and_scopes
from tandem.interop.outcomes import FhirError, error_response, fhir_response
from tandem.interop.scopes import scope_for
from tandem.interop.services import PartnerActor

_JSON_TYPES = {"application/fhir+json", "application/json", "application/json+fhir"}


# A Synthea patient's whole history is often several megabytes, more than Django takes in a form
# (DATA_UPLOAD_MAX_MEMORY_SIZE, 2.5 MB): a Bundle may be up to this, read here with its own limit.
MAX_BUNDLE_BYTES = 20 * 1024 * 1024
_TOO_LARGE = FhirError(
    413, "too-costly", f"A Bundle may be at most {MAX_BUNDLE_BYTES // 1024 // 1024} MiB: send smaller Bundles"
)


def _body(request: HttpRequest) -> object:
    if request.content_type not in _JSON_TYPES:
        raise FhirError(415, "not-supported", "Send the Bundle as application/fhir+json")
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        declared = 0
    if declared > MAX_BUNDLE_BYTES:
        raise _TOO_LARGE
    raw = request.read(MAX_BUNDLE_BYTES + 1)
    if len(raw) > MAX_BUNDLE_BYTES:
        raise _TOO_LARGE
    try:
        return json.loads(raw)
    except (ValueError, UnicodeDecodeError, RecursionError) as error:
        raise FhirError(400, "structure", f"The body is not JSON: {str(error)[:200]}") from None


@login_not_required
@csrf_exempt
def bundle_post(request: HttpRequest) -> HttpResponse:
    try:
        if request.method != "POST":
            raise FhirError(405, "not-supported", "POST a transaction or collection Bundle here")
        partner, scopes = partner_and_scopes(request)
        bundle = _body(request)
        reading = ingest.bundle_read(bundle, sender=f"partner:{partner.uuid}")
        missing = sorted(scope_for(kind, "write") for kind in ingest.kept_resource_types(reading))
        missing = [scope for scope in missing if scope not in scopes]
        if missing:
            raise FhirError(
                403, "forbidden", f"This client may not send these resources: it needs {', '.join(missing)}"
            )
        imported = ingest.bundle_keep(reading, received_from=partner.organisation, actor=PartnerActor(partner))
    except FhirError as error:
        response = error_response(error)
        if error.status == 405:
            response["Allow"] = "POST"
        return response
    if imported.refused:
        return fhir_response(ingest.operation_outcome(imported), status=400)
    if isinstance(bundle, dict) and bundle.get("type") == "transaction":
        return fhir_response(ingest.transaction_response(imported, bundle))
    return fhir_response(ingest.operation_outcome(imported))
