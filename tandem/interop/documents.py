"""The documents a person is given, for partners: the statement of needs (Care Act 2014 s12(3))
and the care and support plan in force (s25(9)), each as a UK Core DocumentReference whose
attachment is the PDF at `/fhir/Binary/{id}` (the same id), made when it is read.

The PDF is the document the person has, so it carries more than the CarePlan resource does (the
plan's budget and services): it is shared on the same consent. A carer's assessment that names a
person whose record is restricted is not shared (assessments.partner_selectors).
"""

import base64
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db.models import Q, QuerySet, Value
from django.urls import reverse

from tandem.access import selectors as access_selectors
from tandem.assessments import documents as assessment_documents
from tandem.assessments import partner_selectors as assessment_selectors
from tandem.interop import search, uk_core
from tandem.interop.models import Partner
from tandem.interop.resources import instant
from tandem.interop.search import Builder, Criteria
from tandem.interop.selectors import Found, by_id, page_across, shared_ids
from tandem.support_plans import documents as plan_documents
from tandem.support_plans import partner_selectors as plan_selectors

Resource = dict[str, Any]

SNOMED = "http://snomed.info/sct"
# The care and support plan is a "Care plan" record artifact (the type and category NHS England's
# National Record Locator uses for care plans). No UK document type names a Care Act statement of
# needs, so it is the general record artifact with its name in text (the binding is extensible).
CARE_PLAN = ("734163000", "Care plan")
RECORD_ARTIFACT = ("419891008", "Record artifact")
STATEMENT = "statement"
PLAN = "plan"
TYPES = {STATEMENT: RECORD_ARTIFACT, PLAN: CARE_PLAN}
PDF = "application/pdf"


def _type(value: str, modifier: str) -> Q:
    system, bar, code = value.rpartition("|")
    if bar and system not in ("", SNOMED):
        return Q(pk__in=[])
    kinds = [kind for kind, (snomed, _) in TYPES.items() if snomed == code]
    return Q(doc_type__in=kinds)


PARAMETERS: dict[str, tuple[set[str], Builder]] = {
    **search.ABOUT_A_PATIENT,
    "subject": search.ABOUT_A_PATIENT["patient"],
    "type": (set(), _type),
}


def _tables(partner: Partner) -> list[QuerySet[Any]]:
    people = shared_ids(partner)
    statements = assessment_selectors.statements_of(people=people).annotate(doc_type=Value(STATEMENT))
    plans = plan_selectors.plans_in_force(people=people).select_related("practitioner", "team__organisation")
    return [statements.select_related("team__organisation"), plans.annotate(doc_type=Value(PLAN))]


def documents_search(*, partner: Partner, criteria: Criteria) -> Found:
    """Statements and plans, most recently changed first."""
    return page_across(
        _tables(partner),
        criteria,
        key=lambda row: (-row.updated_at.timestamp(), str(row.uuid)),
        order=["-updated_at", "uuid"],
    )


def document_get(*, partner: Partner, resource_id: str) -> Any | None:
    for table in _tables(partner):
        found = by_id(table, resource_id)
        if found is not None:
            return found
    return None


def documents_about(*, partner: Partner, person: Any) -> list[Any]:
    rows = [row for table in _tables(partner) for row in table.filter(person=person)]
    return sorted(rows, key=lambda row: (-row.updated_at.timestamp(), str(row.uuid)))


def _kind(row: Any) -> str:
    return str(getattr(row, "doc_type", STATEMENT if hasattr(row, "cared_for_id") else PLAN))


def title_of(row: Any) -> str:
    if _kind(row) == PLAN:
        return plan_documents.plan_document_title(row)
    return assessment_documents.statement_title(row)


def pdf_of(row: Any) -> bytes:
    """The document as the PDF the person is given, laid out afresh (WeasyPrint)."""
    if _kind(row) == PLAN:
        return plan_documents.plan_pdf(row)
    return assessment_documents.statement_pdf(row)


def pdf_cache_key(row: Any) -> str:
    """The PDF's identity: the document, its version and last change, and the restrictions epoch
    (a restriction changed anywhere may change how a network member is named in it)."""
    changed = int(row.updated_at.timestamp() * 1_000_000)
    epoch = access_selectors.restrictions_epoch()
    return f"interop:pdf:{_kind(row)}:{row.uuid}:{row.version}:{changed}:{epoch}"


def pdf_cached(row: Any) -> bytes:
    """The document's PDF from Django's cache, laid out only when this version was not yet (or
    TANDEM_FHIR_PDF_CACHE_SECONDS ago): WeasyPrint takes far longer than a partner's read should."""
    key = pdf_cache_key(row)
    content = cache.get(key)
    if not isinstance(content, bytes):
        content = pdf_of(row)
        cache.set(key, content, timeout=settings.TANDEM_FHIR_PDF_CACHE_SECONDS)
    return content


def binary_url(row: Any) -> str:
    """Where the PDF is: an absolute URL (FHIR's url type), on the service's configured address."""
    return f"{settings.TANDEM_BASE_URL.rstrip('/')}{reverse('interop:binary_read', args=[row.uuid])}"


def document_reference(row: Any) -> Resource:
    """A statement of needs or a plan in force as a UK Core DocumentReference: what it is, whose,
    who wrote it, and where its PDF is."""
    kind = _kind(row)
    code, display = TYPES[kind]
    title = title_of(row)
    created = row.completed_on if kind == STATEMENT else row.in_force_from
    team = row.team
    resource: Resource = {
        "resourceType": "DocumentReference",
        "id": str(row.uuid),
        "meta": {"lastUpdated": instant(row.updated_at), "profile": [uk_core.DOCUMENT_REFERENCE_PROFILE]},
        "status": "current",
        "docStatus": "final",
        "type": {
            "coding": [{"system": SNOMED, "code": code, "display": display}],
            "text": "Care and support plan" if kind == PLAN else "Statement of needs and eligibility decision",
        },
        "subject": {"reference": f"Patient/{row.person.uuid}"},
        "date": instant(row.updated_at),
        "author": [
            {"reference": f"Practitioner/{row.practitioner.uuid}", "display": str(row.practitioner)},
            {"reference": f"Organization/{team.uuid}", "display": team.name},
        ],
        "custodian": {"reference": f"Organization/{team.organisation.uuid}", "display": team.organisation.name},
        "description": title,
        "content": [
            {
                "attachment": {
                    "contentType": PDF,
                    "language": "en-GB",
                    "url": binary_url(row),
                    "title": f"{title}.pdf",
                    "creation": created.isoformat() if created else None,
                }
            }
        ],
    }
    if kind == PLAN:
        resource["category"] = [{"coding": [{"system": SNOMED, "code": CARE_PLAN[0], "display": CARE_PLAN[1]}]}]
    attachment = resource["content"][0]["attachment"]
    if attachment["creation"] is None:
        del attachment["creation"]
    return resource


def binary(row: Any, content: bytes) -> Resource:
    """The PDF as a FHIR Binary, whose access follows its DocumentReference."""
    return {
        "resourceType": "Binary",
        "id": str(row.uuid),
        "contentType": PDF,
        "securityContext": {"reference": f"DocumentReference/{row.uuid}"},
        "data": base64.b64encode(content).decode("ascii"),
    }
