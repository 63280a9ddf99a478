"""FHIR answers: resources as `application/fhir+json`, and every refusal as an OperationOutcome."""

import json
from typing import Any

from django.http import HttpResponse

FHIR_JSON = "application/fhir+json"


class FhirError(Exception):
    """A request the API refuses: the HTTP status, the OperationOutcome issue code and what to fix."""

    def __init__(self, status: int, code: str, diagnostics: str, *, expression: str = "") -> None:
        super().__init__(diagnostics)
        self.status = status
        self.code = code
        self.diagnostics = diagnostics
        self.expression = expression


def operation_outcome(code: str, diagnostics: str, *, severity: str = "error", expression: str = "") -> dict[str, Any]:
    issue: dict[str, Any] = {"severity": severity, "code": code, "diagnostics": diagnostics}
    if expression:
        issue["expression"] = [expression]
    return {"resourceType": "OperationOutcome", "issue": [issue]}


def fhir_response(resource: dict[str, Any], *, status: int = 200) -> HttpResponse:
    response = HttpResponse(
        json.dumps(resource, ensure_ascii=False, separators=(",", ":")),
        status=status,
        content_type=f"{FHIR_JSON}; charset=utf-8",
    )
    # Personal data: never kept by a cache between the partner and Tandem.
    response["Cache-Control"] = "no-store"
    return response


def error_response(error: FhirError) -> HttpResponse:
    response = fhir_response(
        operation_outcome(error.code, error.diagnostics, expression=error.expression), status=error.status
    )
    if error.status == 401:
        response["WWW-Authenticate"] = 'Bearer realm="fhir"'
    return response
