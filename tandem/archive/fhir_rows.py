"""Every person's record as FHIR R4 UK Core resources, for the archive's `fhir/` files.

The resources are the FHIR API's own (tandem/interop renders them); the rows are every row, not
the rows shared with a partner: this is the council's own copy of its record, so no consent,
restriction or merge rule narrows it (docs/deployment.md: the archive is personal data). The
archive reads the tables themselves, as a backup must, and only here and in `writing`.

A restore loads the `tandem/` files, which hold every column; these files are the record in the
NHS's open standard, for any FHIR system to read should Tandem itself be gone.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db.models import Prefetch, QuerySet, Value

from tandem.assessments.models import AssessmentStatus
from tandem.identity import partner_selectors as directory
from tandem.interop import consents, documents, events, resources, resources_admin
from tandem.prevention import selectors as prevention_selectors
from tandem.support_plans import partner_selectors as plan_selectors

CHUNK = 2000


@dataclass(frozen=True)
class ResourceRows:
    """One resource type: the rows it is made from, and how a row becomes the resource."""

    resource_type: str
    rows: Callable[[], Iterator[Any]]
    render: Callable[[Any], dict[str, Any]]


def _model(label: str) -> Any:
    return apps.get_model(label)


def _every_person_id() -> QuerySet[Any]:
    ids: QuerySet[Any] = _model("people.Person").objects.values("pk")
    return ids


def _each(*querysets: QuerySet[Any]) -> Iterator[Any]:
    for queryset in querysets:
        yield from queryset.iterator(chunk_size=CHUNK)


def _people() -> Iterator[Any]:
    previous = Prefetch("previous_names", queryset=_model("people.PreviousName").objects.order_by("id"))
    people = _model("people.Person").objects.select_related("gp_practice").prefetch_related(previous)
    return _each(people.order_by("pk"))


def _about_a_person(label: str, *related: str) -> Callable[[], Iterator[Any]]:
    def rows() -> Iterator[Any]:
        return _each(_model(label).objects.select_related("person", *related).order_by("pk"))

    return rows


def _plans() -> Iterator[Any]:
    return _each(plan_selectors.plans_in_force(people=_every_person_id()).order_by("pk"))


def _goals() -> Iterator[Any]:
    return _each(plan_selectors.outcomes_in_force(people=_every_person_id()).order_by("pk"))


def _documents() -> Iterator[Any]:
    statements = (
        _model("assessments.NeedsAssessment")
        .objects.exclude(status=AssessmentStatus.DRAFT)
        .select_related("person", "practitioner", "team__organisation")
        .annotate(doc_type=Value(documents.STATEMENT))
    )
    plans = (
        plan_selectors.plans_in_force(people=_every_person_id())
        .select_related("practitioner", "team__organisation")
        .annotate(doc_type=Value(documents.PLAN))
    )
    return _each(statements.order_by("pk"), plans.order_by("pk"))


def _organisations() -> Iterator[Any]:
    return _each(directory.organisations_listed().order_by("pk"), directory.teams_listed().order_by("pk"))


def _staff() -> Iterator[Any]:
    return _each(_model("identity.User").objects.order_by("pk"))


def _roles() -> Iterator[Any]:
    return _each(directory.memberships_listed().order_by("pk"))


def _events(resource_type: str) -> Callable[[], Iterator[Any]]:
    def rows() -> Iterator[Any]:
        found = prevention_selectors.events_about(people=_every_person_id(), resource_types=[resource_type])
        return _each(found.order_by("pk"))

    return rows


RESOURCES: tuple[ResourceRows, ...] = (
    ResourceRows("Patient", _people, resources.patient),
    ResourceRows("Flag", _about_a_person("people.HazardWarning"), resources.flag),
    ResourceRows("RelatedPerson", _about_a_person("people.NetworkMember"), resources.related_person),
    ResourceRows(
        "Consent",
        _about_a_person("people.ConsentToShare", "organisation", "recorded_by__organisation"),
        consents.consent,
    ),
    ResourceRows("CarePlan", _plans, resources.care_plan),
    ResourceRows("Goal", _goals, resources.goal),
    ResourceRows("DocumentReference", _documents, documents.document_reference),
    ResourceRows("Organization", _organisations, resources_admin.organization),
    ResourceRows("Practitioner", _staff, resources_admin.practitioner),
    ResourceRows("PractitionerRole", _roles, resources_admin.practitioner_role),
    *(ResourceRows(name, _events(name), render) for name, _profile, render in events.EVENT_RESOURCES),
)


def fhir_file_name(resource_type: str) -> str:
    return f"fhir/{resource_type}.ndjson"
