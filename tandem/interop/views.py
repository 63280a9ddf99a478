"""The FHIR R4 API for health partners (`/fhir/`): thin views over the interop selectors.

Partners are systems with OAuth 2.0 bearer tokens, not staff with sessions, so these views opt
out of sign-in and CSRF (no cookie is ever read) and answer every refusal with an OperationOutcome.
"""

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from oauth2_provider.views import TokenView

from tandem.interop import bulk, codesystems, documents, resources, search, selectors, services
from tandem.interop.auth import partner_for
from tandem.interop.capability import capability_statement, smart_configuration
from tandem.interop.kinds import KINDS, Kind
from tandem.interop.outcomes import FhirError, error_response, fhir_response
from tandem.interop.scopes import scope_for

if TYPE_CHECKING:
    from tandem.interop.models import Partner

View = Callable[..., HttpResponseBase]


def fhir_endpoint(view: View, methods: tuple[str, ...] = ("GET", "HEAD")) -> View:
    """A FHIR interaction: read-only unless `methods` says otherwise, public to the network (the
    token is checked inside), and every FhirError answered as an OperationOutcome."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        try:
            if request.method not in methods:
                raise FhirError(
                    405, "not-supported", f"{request.method} is not supported here: use {', '.join(methods)}"
                )
            return view(request, *args, **kwargs)
        except FhirError as error:
            response = error_response(error)
            if error.status == 405:
                response["Allow"] = ", ".join(methods)
            return response

    return login_not_required(csrf_exempt(wrapped))


def _base(request: HttpRequest) -> str:
    return request.build_absolute_uri(reverse("interop:metadata")).removesuffix("metadata")


def _token_url(request: HttpRequest) -> str:
    return request.build_absolute_uri(reverse("interop:token"))


@fhir_endpoint
def metadata(request: HttpRequest) -> HttpResponse:
    search.check_format(request.GET)
    return fhir_response(capability_statement(base=_base(request), token_url=_token_url(request)))


@fhir_endpoint
def smart_config(request: HttpRequest) -> HttpResponse:
    response = fhir_response(smart_configuration(token_url=_token_url(request)))
    response["Content-Type"] = "application/json"
    return response


def _link(request: HttpRequest, resource_type: str, relation: str, offset: int, count: int) -> dict[str, str]:
    kept = [(key, value) for key, values in request.GET.lists() for value in values if key not in ("_count", "_offset")]
    query = urlencode([*kept, ("_count", str(count)), ("_offset", str(offset))])
    return {"relation": relation, "url": f"{_base(request)}{resource_type}?{query}"}


def _bundle(
    request: HttpRequest,
    resource_type: str,
    found: selectors.Found,
    criteria: search.Criteria,
    entries: list[dict[str, Any]],
) -> dict[str, Any]:
    count, offset = criteria.paging.count, criteria.paging.offset
    links = [_link(request, resource_type, "self", offset, count)]
    if count:
        last = max(found.total - 1, 0) // count * count
        links.append(_link(request, resource_type, "first", 0, count))
        if offset > 0:
            links.append(_link(request, resource_type, "previous", max(offset - count, 0), count))
        if offset + count < found.total:
            links.append(_link(request, resource_type, "next", offset + count, count))
        links.append(_link(request, resource_type, "last", last, count))
    return {"resourceType": "Bundle", "type": "searchset", "total": found.total, "link": links, "entry": entries}


def _entry(request: HttpRequest, resource: dict[str, Any], mode: str) -> dict[str, Any]:
    return {
        "fullUrl": f"{_base(request)}{resource['resourceType']}/{resource['id']}",
        "resource": resource,
        "search": {"mode": mode},
    }


def _not_found(resource_type: str, resource_id: str) -> FhirError:
    # The same answer whether the record does not exist or is not shared with this partner.
    return FhirError(404, "not-found", f"{resource_type}/{resource_id} is not known to this partner")


@fhir_endpoint
def resource_read(request: HttpRequest, resource_id: str, *, kind: str) -> HttpResponse:
    served = KINDS[kind]
    partner = partner_for(request, resource_type=kind)
    search.check_format(request.GET)
    row = served.read(partner, resource_id)
    if row is None:
        raise _not_found(kind, resource_id)
    _audit(partner, served, [row], "read")
    return fhir_response(served.to_fhir(row))


def _audit(partner: "Partner", served: Kind, rows: list[Any], interaction: str) -> None:
    """A read of people's records is logged on each record; a read of the directory once."""
    if served.person_of is None:
        services.reads_directory(partner=partner, resource_type=served.name, interaction=interaction, count=len(rows))
    else:
        people = [served.person_of(row) for row in rows]
        services.reads_record(partner=partner, people=people, resource_type=served.name, interaction=interaction)


def _included_patients(partner: "Partner", people: list[Any]) -> list[Any]:
    """The people a page points at, for `_include=<kind>:patient`: it needs the Patient scope."""
    if scope_for("Patient") not in partner.scope_list:
        raise FhirError(403, "forbidden", f"_include of Patient needs the scope {scope_for('Patient')}")
    return selectors.patients_by_pk(partner=partner, pks={person.pk for person in people})


@fhir_endpoint
def resource_search(request: HttpRequest, *, kind: str) -> HttpResponse:
    served = KINDS[kind]
    partner = partner_for(request, resource_type=kind)
    criteria = served.criteria(request.GET)
    found = served.search(partner, criteria)
    people = [served.person_of(row) for row in found.rows] if served.person_of is not None else []
    patients = criteria.includes and served.include_rows is None
    included = _included_patients(partner, people) if patients else []
    others = (
        served.include_rows(partner=partner, rows=found.rows, includes=criteria.includes) if served.include_rows else []
    )
    _audit(partner, served, found.rows, "search")
    if included:
        services.reads_record(partner=partner, people=included, resource_type="Patient", interaction="include")
    entries = [_entry(request, served.to_fhir(row), "match") for row in found.rows]
    entries += [_entry(request, resources.patient(person), "include") for person in included]
    entries += [_entry(request, resource, "include") for resource in others]
    return fhir_response(_bundle(request, kind, found, criteria, entries))


@fhir_endpoint
def patient_everything(request: HttpRequest, resource_id: str) -> HttpResponse:
    """`Patient/{id}/$everything`: the Patient with its Flags, RelatedPersons, CarePlan, Goals, Consents and
    DocumentReferences, as far as the partner's scopes reach (a resource type it may not read is left out)."""
    partner = partner_for(request, resource_type="Patient")
    search.check_format(request.GET)
    unknown = sorted(set(request.GET) - {"_format"})
    if unknown:
        raise FhirError(400, "not-supported", f"{unknown[0]}: $everything takes no parameters", expression=unknown[0])
    person = selectors.patient_get(partner=partner, resource_id=resource_id)
    if person is None:
        raise _not_found("Patient", resource_id)
    granted = [kind for kind in bulk.PATIENT_TYPES if scope_for(kind) in partner.scope_list]
    resources_about = list(bulk.patient_resources(partner=partner, person=person, types=granted))
    services.reads_record(partner=partner, people=[person], resource_type="Patient", interaction="$everything")
    entries = [_entry(request, resource, "match") for resource in resources_about]
    return fhir_response(
        {
            "resourceType": "Bundle",
            "type": "searchset",
            "total": len(entries),
            "link": [{"relation": "self", "url": request.build_absolute_uri()}],
            "entry": entries,
        }
    )


@fhir_endpoint
def binary_read(request: HttpRequest, resource_id: str) -> HttpResponse:
    """`Binary/{id}`: a DocumentReference's PDF, as the PDF itself when the partner accepts
    `application/pdf`, else as a Binary resource with the PDF in `data`."""
    partner = partner_for(request, resource_type="Binary")
    search.check_format(request.GET)
    row = documents.document_get(partner=partner, resource_id=resource_id)
    if row is None:
        raise _not_found("Binary", resource_id)
    content = documents.pdf_cached(row)
    services.reads_record(partner=partner, people=[row.person], resource_type="Binary", interaction="read")
    if documents.PDF in request.headers.get("Accept", "") and not request.GET.get("_format"):
        response = HttpResponse(content, content_type=documents.PDF)
        response["Content-Disposition"] = f'inline; filename="{resource_id}.pdf"'
        response["Cache-Control"] = "no-store"
        return response
    return fhir_response(documents.binary(row, content))


@fhir_endpoint
def code_system_read(request: HttpRequest, resource_id: str) -> HttpResponse:
    """`CodeSystem/{id}`: a code system Tandem publishes (terminology, no personal data: no token)."""
    search.check_format(request.GET)
    build = codesystems.CODE_SYSTEMS.get(resource_id)
    if build is None:
        raise FhirError(404, "not-found", f"CodeSystem/{resource_id} is not published by this service")
    return fhir_response(build())


@fhir_endpoint
def unsupported(request: HttpRequest, rest: str) -> HttpResponse:
    raise FhirError(404, "not-supported", f"{rest} is not supported: see {_base(request)}metadata")


# The OAuth 2.0 token endpoint of django-oauth-toolkit (client credentials), outside sign-in:
# a partner's system authenticates with its client id and secret, never a session.
token = login_not_required(TokenView.as_view())
