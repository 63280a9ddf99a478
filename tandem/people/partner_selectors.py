"""Reads for partner systems (the FHIR API): the records shared with an organisation by the
person's consent. A partner is a system, not a member of staff, so the staff scope does not apply:
its rule is recorded consent, and never a restricted or merged record."""

from collections.abc import Iterable

from django.db.models import Prefetch, QuerySet

from tandem.access import scope
from tandem.people.codes import ConsentDecision
from tandem.people.models import (
    ConsentToShare,
    HazardWarning,
    NetworkMember,
    Person,
    PreviousName,
    WarningQuerySet,
)


def people_shared_with(*, organisation_id: int) -> QuerySet[Person]:
    """People whose current decision about sharing with this organisation is consent given
    (a later refusal replaces it), and whose record is neither restricted nor merged away."""
    consented = ConsentToShare.objects.filter(
        organisation_id=organisation_id, decision=ConsentDecision.GIVEN, withdrawn_on__isnull=True
    ).values("person_id")
    people = Person.objects.filter(merged_into__isnull=True, pk__in=consented)
    return (
        scope.unrestricted(people)
        .select_related("gp_practice")
        .prefetch_related(Prefetch("previous_names", queryset=PreviousName.objects.order_by("id")))
    )


def warnings_shared_with(*, organisation_id: int) -> WarningQuerySet:
    """The hazard warnings of the people shared with this organisation."""
    shared = people_shared_with(organisation_id=organisation_id).values("pk")
    warnings: WarningQuerySet = HazardWarning.objects.filter(person__in=shared).select_related("person")
    return warnings


def network_shared_with(*, organisation_id: int) -> QuerySet[NetworkMember]:
    """The informal networks (carers, family, friends) of the people shared with this organisation.
    A member linked to a restricted record is left out: naming them would say who is behind the
    restriction (ADR 0003), and a partner opens no restricted record."""
    shared = people_shared_with(organisation_id=organisation_id).values("pk")
    members = NetworkMember.objects.filter(person__in=shared)
    return scope.unrestricted(members, person_field="linked_person").select_related("person")


def person_ids_shared_with(*, organisation_id: int) -> QuerySet[Person]:
    """The ids of the people shared with this organisation, for other apps' partner reads."""
    return people_shared_with(organisation_id=organisation_id).values("pk")  # type: ignore[return-value]


def people_by_nhs_number(numbers: Iterable[str]) -> dict[str, Person]:
    """The records holding these NHS numbers (for matching health partners' events), each the record
    kept where it was merged into another."""
    found = Person.objects.filter(nhs_number__in=set(numbers)).select_related("merged_into")
    return {person.nhs_number or "": person.merged_into or person for person in found}


def consents_shared_with(*, organisation_id: int) -> QuerySet[ConsentToShare]:
    """The decisions to share with this organisation of the people shared with it: the decision in
    force and the ones it replaced. Decisions about other organisations are not the partner's to see."""
    shared = people_shared_with(organisation_id=organisation_id).values("pk")
    return ConsentToShare.objects.filter(organisation_id=organisation_id, person__in=shared).select_related(
        "person", "organisation", "recorded_by__organisation"
    )
