"""Every write to the person record: permission-checked, transactional and audited."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.db.models import F

from tandem.access import scope
from tandem.access import services as access_services
from tandem.audit import services as audit
from tandem.core import clock
from tandem.core.errors import DomainError, StaleVersion, require
from tandem.identity.actors import Actor
from tandem.identity.models import Organisation
from tandem.people import policies
from tandem.people.codes import ConsentDecision, Ethnicity, Gender, Relationship, WarningCategory
from tandem.people.identifiers import nhs_number_clean, postcode_clean, postcode_district
from tandem.people.models import (
    ConsentToShare,
    HazardWarning,
    Neighbourhood,
    NetworkMember,
    Person,
    PersonNameToken,
    PreviousName,
    SearchListing,
)
from tandem.people.search_index import person_tokens_refresh


@dataclass(frozen=True)
class PersonDetails:
    """What a practitioner types about who a person is and where they live."""

    given_name: str
    family_name: str
    date_of_birth: date | None
    other_given_names: str = ""
    preferred_name: str = ""
    title: str = ""
    nhs_number: str = ""
    gender: str = Gender.UNKNOWN
    ethnicity: str = Ethnicity.NOT_KNOWN
    date_of_death: date | None = None
    address_line_1: str = ""
    address_line_2: str = ""
    town: str = ""
    postcode: str = ""
    gp_practice_id: int | None = None
    preferred_language: str = "English"
    interpreter_needed: bool = False
    communication_needs: str = ""


_DETAIL_FIELDS = (
    "given_name",
    "family_name",
    "other_given_names",
    "preferred_name",
    "title",
    "nhs_number",
    "gender",
    "ethnicity",
    "date_of_birth",
    "date_of_death",
    "address_line_1",
    "address_line_2",
    "town",
    "postcode",
    "gp_practice_id",
    "preferred_language",
    "interpreter_needed",
    "communication_needs",
)
_NAME_FIELDS = {"given_name", "family_name", "other_given_names", "preferred_name"}


def _check_dates(details: PersonDetails) -> None:
    today = clock.today()
    if details.date_of_birth and details.date_of_birth > today:
        raise DomainError("Date of birth must be today or in the past", field="date_of_birth")
    if details.date_of_death:
        if details.date_of_death > today:
            raise DomainError("Date of death must be today or in the past", field="date_of_death")
        if details.date_of_birth and details.date_of_death < details.date_of_birth:
            raise DomainError("Date of death must be the same as or after the date of birth", field="date_of_death")


def _clean_details(details: PersonDetails, *, person: Person | None) -> dict[str, Any]:
    if not details.given_name.strip():
        raise DomainError("Enter a first name", field="given_name")
    if not details.family_name.strip():
        raise DomainError("Enter a last name", field="family_name")
    _check_dates(details)
    values: dict[str, Any] = {name: getattr(details, name) for name in _DETAIL_FIELDS}
    for name, value in values.items():
        if isinstance(value, str):
            values[name] = value.strip()
    values["nhs_number"] = nhs_number_clean(details.nhs_number) if details.nhs_number.strip() else None
    values["postcode"] = postcode_clean(details.postcode) if details.postcode.strip() else ""
    if values["nhs_number"]:
        clash = Person.objects.filter(nhs_number=values["nhs_number"])
        if person is not None:
            clash = clash.exclude(pk=person.pk)
        if clash.exists():
            raise DomainError(
                "Another person already has this NHS number: search for them before creating a record",
                field="nhs_number",
            )
    if details.gender not in Gender.values:
        raise DomainError("Select a gender", field="gender")
    if details.ethnicity not in Ethnicity.values:
        raise DomainError("Select an ethnicity from the list", field="ethnicity")
    values["neighbourhood"] = neighbourhood_for_postcode(values["postcode"])
    return values


def neighbourhood_for_postcode(postcode: str) -> Neighbourhood | None:
    """The neighbourhood is derived from the postcode district, never typed."""
    district = postcode_district(postcode)
    if not district:
        return None
    for hood in Neighbourhood.objects.all():
        if district in hood.postcode_districts.split():
            return hood
    return None


@transaction.atomic
def person_create(*, details: PersonDetails, actor: Actor) -> Person:
    """Create a person record; the caller has shown the possible duplicates first."""
    require(policies.can_create_person(actor), "You do not have permission to create person records")
    values = _clean_details(details, person=None)
    person = Person.objects.create(**values)
    person_tokens_refresh(person)
    audit.record(
        actor=actor,
        action="people.person.created",
        person=person,
        target=person,
        summary=f"Created the record of {person.full_name}",
    )
    return person


@transaction.atomic
def person_details_update(*, person: Person, details: PersonDetails, version: int, actor: Actor) -> Person:
    """Change who a person is or where they live; refuses if someone else saved first."""
    require(policies.can_edit_person(actor, person), "You do not have permission to change this record")
    values = _clean_details(details, person=person)
    changes = {
        name: [str(getattr(person, name) or ""), str(values[name] or "")]
        for name in values
        if name != "neighbourhood" and getattr(person, name) != values[name]
    }
    person = _person_swap(
        person=person,
        values=values,
        version=version,
        changes=changes,
        actor=actor,
        action="people.person.updated",
        summary="Changed personal details",
    )
    if changes.keys() & _NAME_FIELDS:
        person_tokens_refresh(person)
    return person


@transaction.atomic
def person_voice_update(
    *, person: Person, what_matters_to_me: str, strengths: str, version: int, actor: Actor
) -> Person:
    """Record, in the person's own words, what matters to them and their strengths."""
    require(policies.can_edit_person(actor, person), "You do not have permission to change this record")
    changes = {}
    if person.what_matters_to_me != what_matters_to_me.strip():
        changes["what_matters_to_me"] = [person.what_matters_to_me, what_matters_to_me.strip()]
    if person.strengths != strengths.strip():
        changes["strengths"] = [person.strengths, strengths.strip()]
    return _person_swap(
        person=person,
        values={"what_matters_to_me": what_matters_to_me.strip(), "strengths": strengths.strip()},
        version=version,
        changes=changes,
        actor=actor,
        action="people.voice.updated",
        summary="Changed what matters to the person and their strengths",
    )


def _person_swap(
    *,
    person: Person,
    values: dict[str, Any],
    version: int,
    changes: dict[str, list[Any]],
    actor: Actor,
    action: str,
    summary: str,
) -> Person:
    """Save `values` on the person only if the record is still at `version` (compare-and-swap:
    someone else saving first is refused, STYLE.md convention 10), and audit what changed."""
    updated = Person.objects.filter(pk=person.pk, version=version).update(
        **values, version=F("version") + 1, updated_at=clock.now()
    )
    if not updated:
        raise StaleVersion(
            "Someone else changed this record while you were editing it. Check their changes and try again."
        )
    person.refresh_from_db()
    audit.record(actor=actor, action=action, person=person, target=person, summary=summary, changes=changes)
    return person


@transaction.atomic
def previous_name_add(
    *, person: Person, given_name: str, family_name: str, used_until: date | None, actor: Actor
) -> PreviousName:
    """Keep a name the person was known by, so searches for it still find them."""
    require(policies.can_edit_person(actor, person), "You do not have permission to change this record")
    if not family_name.strip():
        raise DomainError("Enter the previous last name", field="family_name")
    if used_until and used_until > clock.today():
        raise DomainError("The date the name was used until must be today or in the past", field="used_until")
    previous = PreviousName.objects.create(
        person=person, given_name=given_name.strip(), family_name=family_name.strip(), used_until=used_until
    )
    person_tokens_refresh(person)
    audit.record(
        actor=actor,
        action="people.previous_name.added",
        person=person,
        target=previous,
        summary=f"Added previous name {previous}",
    )
    return previous


def _network_summary(wording: str, member: NetworkMember, *, with_relationship: bool = False) -> str:
    """What the history and timeline say. A member linked to a record of their own is not named:
    that record may be (or become) restricted, and the history is shown to everyone who may open
    this one (ADR 0003); the event's target still says exactly who it was."""
    if member.linked_person_id is not None:
        return wording.format("someone with a record of their own")
    if with_relationship:
        return wording.format(f"{member.name} ({member.get_relationship_display()})")
    return wording.format(member.name)


@transaction.atomic
def network_member_add(
    *,
    person: Person,
    name: str,
    relationship: str,
    what_they_do: str,
    contact: str,
    is_unpaid_carer: bool,
    linked_person: Person | None,
    actor: Actor,
) -> NetworkMember:
    """Add someone from the person's informal network: who they are and what they do."""
    require(policies.can_edit_person(actor, person), "You do not have permission to change this record")
    if linked_person is not None:
        name = name.strip() or linked_person.full_name
        if linked_person.pk == person.pk:
            raise DomainError("A person cannot be in their own network", field="linked_person")
    if not name.strip():
        raise DomainError("Enter the name of the person or group", field="name")
    if relationship not in Relationship.values:
        raise DomainError("Select their relationship to the person", field="relationship")
    member = NetworkMember.objects.create(
        person=person,
        name=name.strip(),
        relationship=relationship,
        what_they_do=what_they_do.strip(),
        contact=contact.strip(),
        is_unpaid_carer=is_unpaid_carer,
        linked_person=linked_person,
        added_by=actor,
    )
    audit.record(
        actor=actor,
        action="people.network_member.added",
        person=person,
        target=member,
        summary=_network_summary("Added {} to the network", member, with_relationship=True),
    )
    return member


@transaction.atomic
def network_member_end(*, member: NetworkMember, actor: Actor) -> NetworkMember:
    """Someone is no longer part of the person's network; they stay in the history."""
    require(policies.can_edit_person(actor, member.person), "You do not have permission to change this record")
    if member.ended_on is not None:
        raise DomainError(f"{member.name} was already removed from the network")
    member.ended_on = clock.today()
    member.save(update_fields=["ended_on", "updated_at"])
    audit.record(
        actor=actor,
        action="people.network_member.ended",
        person=member.person,
        target=member,
        summary=_network_summary("Removed {} from the network", member),
    )
    return member


@transaction.atomic
def consent_record(
    *, person: Person, organisation: Organisation, decision: str, decided_on: date, note: str, actor: Actor
) -> ConsentToShare:
    """Record the person's decision to share (or not) their record with a partner organisation."""
    require(policies.can_edit_person(actor, person), "You do not have permission to change this record")
    if decision not in ConsentDecision.values:
        raise DomainError("Select whether the person gave consent", field="decision")
    if decided_on > clock.today():
        raise DomainError("The date of the decision must be today or in the past", field="decided_on")
    # A new decision replaces the previous one for the same organisation.
    ConsentToShare.objects.filter(person=person, organisation=organisation, withdrawn_on__isnull=True).update(
        withdrawn_on=decided_on
    )
    consent = ConsentToShare.objects.create(
        person=person,
        organisation=organisation,
        decision=decision,
        decided_on=decided_on,
        note=note.strip(),
        recorded_by=actor,
    )
    audit.record(
        actor=actor,
        action="people.consent.recorded",
        person=person,
        target=consent,
        summary=f"{consent.get_decision_display()} to share with {organisation.name}",
    )
    return consent


@transaction.atomic
def warning_raise(
    *, person: Person, category: str, description: str, starts_on: date, review_on: date, actor: Actor
) -> HazardWarning:
    """Raise a hazard warning; it shows on every page of the person's record until ended."""
    require(policies.can_raise_warning(actor, person), "You do not have permission to raise warnings")
    if category not in WarningCategory.values:
        raise DomainError("Select the kind of hazard", field="category")
    if not description.strip():
        raise DomainError("Describe the hazard and what staff should do", field="description")
    if starts_on > clock.today() + timedelta(days=365):
        raise DomainError("The warning must start within the next year", field="starts_on")
    if review_on < starts_on:
        raise DomainError("The review date must be on or after the start date", field="review_on")
    warning = HazardWarning.objects.create(
        person=person,
        category=category,
        description=description.strip(),
        starts_on=starts_on,
        review_on=review_on,
        raised_by=actor,
    )
    audit.record(
        actor=actor,
        action="people.warning.raised",
        person=person,
        target=warning,
        summary=f"Raised a warning: {warning.get_category_display()}",
    )
    return warning


@transaction.atomic
def warning_end(*, warning: HazardWarning, reason: str, actor: Actor) -> HazardWarning:
    """End a hazard warning that no longer applies; it stays in the record's history."""
    require(policies.can_end_warning(actor, warning), "This warning cannot be ended")
    if not reason.strip():
        raise DomainError("Say why the warning no longer applies", field="reason")
    warning.ends_on = max(clock.today(), warning.starts_on)
    warning.ended_by = actor
    warning.end_reason = reason.strip()
    warning.save(update_fields=["ends_on", "ended_by", "end_reason", "updated_at"])
    audit.record(
        actor=actor,
        action="people.warning.ended",
        person=warning.person,
        target=warning,
        summary=f"Ended a warning: {warning.get_category_display()}",
        reason=warning.end_reason,
    )
    return warning


@transaction.atomic
def warning_review(*, warning: HazardWarning, review_on: date, actor: Actor) -> HazardWarning:
    """Confirm a warning still applies and set when it is next reviewed."""
    require(policies.can_end_warning(actor, warning), "This warning cannot be reviewed")
    if review_on <= clock.today():
        raise DomainError("The next review date must be in the future", field="review_on")
    old = warning.review_on
    warning.review_on = review_on
    warning.save(update_fields=["review_on", "updated_at"])
    audit.record(
        actor=actor,
        action="people.warning.reviewed",
        person=warning.person,
        target=warning,
        summary="Reviewed a warning",
        changes={"review_on": [old.isoformat(), review_on.isoformat()]},
    )
    return warning


def _repoint_everything(*, duplicate: Person, keep: Person) -> dict[str, int]:
    """Move every row that points at the duplicate onto the record we keep, whichever app owns it."""
    moved: dict[str, int] = {}
    for relation in Person._meta.related_objects:
        model = relation.related_model
        field_name = relation.field.name
        if model is Person or not relation.field.concrete:
            continue
        label = model._meta.label
        if relation.one_to_one and model._default_manager.filter(**{field_name: keep}).exists():
            # The kept record already has its own (for example a restriction): keep that one.
            model._default_manager.filter(**{field_name: duplicate}).delete()
            continue
        count = model._default_manager.filter(**{field_name: duplicate}).update(**{field_name: keep})
        if count:
            # A model can point at a person twice (a network member's person and linked person).
            moved[label] = moved.get(label, 0) + count
    return moved


@transaction.atomic
def person_merge(*, keep: Person, duplicate: Person, reason: str, actor: Actor) -> Person:
    """Merge a duplicate record into the one kept: everything is re-pointed, the duplicate closed."""
    require(policies.can_merge_people(actor), "You do not have permission to merge records")
    if keep.pk == duplicate.pk:
        raise DomainError("Choose two different records to merge")
    both = scope.visible(Person.objects.filter(pk__in=[keep.pk, duplicate.pk]), actor)
    require(both.count() == 2, "You can only merge records you are allowed to open")
    # Merging moves a restriction with the record: a privileged act, so it needs standing access
    # (a team that holds the restriction), never a break-glass grant (ADR 0003).
    require(
        scope.held_by_teams_of(actor, keep) and scope.held_by_teams_of(actor, duplicate),
        "A restricted record can be merged only by a manager in a team that holds its restriction",
    )
    if keep.merged_into_id or duplicate.merged_into_id:
        raise DomainError("One of these records has already been merged into another")
    if not reason.strip():
        raise DomainError("Say why these records are the same person", field="reason")
    if keep.nhs_number and duplicate.nhs_number and keep.nhs_number != duplicate.nhs_number:
        raise DomainError("These records have different NHS numbers, so they are not the same person")
    # The search index is rebuilt for the kept record, not moved.
    PersonNameToken.objects.filter(person=duplicate).delete()
    # Anything the kept record lacks is taken from the duplicate, so nothing known is lost.
    filled = {}
    for name in (
        "nhs_number",
        "date_of_birth",
        "address_line_1",
        "postcode",
        "gp_practice_id",
        "what_matters_to_me",
        "strengths",
        "communication_needs",
    ):
        if not getattr(keep, name) and getattr(duplicate, name):
            filled[name] = getattr(duplicate, name)
    if "postcode" in filled:
        # The neighbourhood is derived from the postcode, so it must follow a postcode taken over.
        filled["neighbourhood"] = neighbourhood_for_postcode(filled["postcode"])
    # Who may open the duplicate's part of the record can change with the merge: listed for review.
    access_services.restriction_merge_log(keep=keep, duplicate=duplicate, reason=reason, actor=actor)
    moved = _repoint_everything(duplicate=duplicate, keep=keep)
    if filled.get("nhs_number"):
        Person.objects.filter(pk=duplicate.pk).update(nhs_number=None)
    if filled:
        Person.objects.filter(pk=keep.pk).update(**filled, version=F("version") + 1, updated_at=clock.now())
    if duplicate.full_name.lower() != keep.full_name.lower():
        PreviousName.objects.create(person=keep, given_name=duplicate.given_name, family_name=duplicate.family_name)
    Person.objects.filter(pk=duplicate.pk).update(
        merged_into=keep, merged_at=clock.now(), version=F("version") + 1, updated_at=clock.now()
    )
    # The kept record's access log and history include the duplicate's (and any it had absorbed).
    absorbed = sorted({*keep.merged_record_uuids.split(), str(duplicate.uuid), *duplicate.merged_record_uuids.split()})
    Person.objects.filter(pk=keep.pk).update(merged_record_uuids=" ".join(absorbed))
    # A network link from the kept record to the duplicate now points at itself: drop the link.
    NetworkMember.objects.filter(person=keep, linked_person=keep).update(linked_person=None)
    keep.refresh_from_db()
    person_tokens_refresh(keep)
    audit.record(
        actor=actor,
        action="people.person.merged",
        person=keep,
        target=keep,
        reason=reason.strip(),
        summary=f"Merged record {duplicate.local_id} into this one",
        changes={"duplicate": str(duplicate.uuid), "moved": moved, "filled": sorted(filled)},
    )
    audit.record(
        actor=actor,
        action="people.person.merged_away",
        person=duplicate,
        target=duplicate,
        reason=reason.strip(),
        summary=f"Merged into record {keep.local_id}",
    )
    return keep


def person_view_record(*, person: Person, actor: Actor, page: str, target: Any = None) -> None:
    """Log that someone looked at a person's record: every view is accountable.

    `target` names what was shown when it is not the record itself (a contact, say).
    """
    audit.record(
        actor=actor,
        action="people.person.viewed",
        person=person,
        target=target if target is not None else person,
        summary=f"Viewed {page}",
    )


@transaction.atomic
def search_record(*, people: Sequence[Person], text: str, total: int, where: str, actor: Actor) -> None:
    """Log a search shown to someone: who searched, for what, and which records were listed.

    One event a search, whatever it found, naming the records listed by public id in its changes;
    and one index row a record listed (a single INSERT), so each record's access log finds the
    searches that showed it without reading every search ever made.
    """
    terms = " ".join(text.split())
    event = audit.record(
        actor=actor,
        action="people.search.listed",
        summary=f"Searched for “{terms[:200]}” ({where}): {len(people)} listed",
        changes={"terms": terms, "where": where, "total": total, "listed": [str(p.uuid) for p in people]},
    )
    if people:
        SearchListing.objects.bulk_create([SearchListing(event=event, person_uuid=p.uuid) for p in people])
