"""Merging a duplicate record into the one kept: everything re-pointed, blanks filled, duplicate closed."""

from datetime import UTC, date, datetime

import pytest

from tandem.access.models import BreakGlass, RecordRestriction, RestrictionChange
from tandem.access.services import glass_break, record_restrict
from tandem.audit.models import AuditEvent
from tandem.core.errors import DomainError, NotPermitted
from tandem.identity.models import OrganisationKind
from tandem.identity.tests.factories import OrganisationFactory
from tandem.people.codes import ConsentDecision, Relationship
from tandem.people.models import (
    ConsentToShare,
    HazardWarning,
    NetworkMember,
    Person,
    PersonNameToken,
    PreviousName,
)
from tandem.people.search import people_search
from tandem.people.services import consent_record, person_merge
from tandem.people.tests.factories import (
    HazardWarningFactory,
    NeighbourhoodFactory,
    PersonFactory,
    PreviousNameFactory,
)

MERGED_AT = datetime(2024, 3, 5, 12, 0, tzinfo=UTC)
REASON = "Same person: the GP confirmed the date of birth and address"


@pytest.fixture
def keep(person):
    return person


@pytest.fixture
def duplicate(db):
    return PersonFactory(given_name="Maggie", family_name="Okafor", nhs_number=None, date_of_birth=None, postcode="")


def snapshot(*people):
    """Everything a refused merge must leave exactly as it was."""
    return {
        "people": list(Person.objects.filter(pk__in=[p.pk for p in people]).order_by("pk").values()),
        "tokens": sorted(PersonNameToken.objects.values_list("person_id", "term_id")),
        "previous_names": list(PreviousName.objects.order_by("pk").values()),
        "network": list(NetworkMember.objects.order_by("pk").values()),
        "warnings": list(HazardWarning.objects.order_by("pk").values()),
        "audit": AuditEvent.objects.count(),
    }


def test_it_closes_the_duplicate_as_merged_into_the_record_kept(manager, keep, duplicate, set_clock):
    set_clock(MERGED_AT)

    result = person_merge(keep=keep, duplicate=duplicate, reason=REASON, actor=manager)

    closed = Person.objects.get(pk=duplicate.pk)
    assert result.pk == keep.pk
    assert closed.merged_into_id == keep.pk
    assert closed.merged_at == MERGED_AT
    assert closed.version == 2
    assert Person.objects.get(pk=keep.pk).merged_into is None


def test_it_writes_two_audit_events_one_for_each_record(manager, keep, duplicate):
    person_merge(keep=keep, duplicate=duplicate, reason=f" {REASON} ", actor=manager)

    merged, merged_away = AuditEvent.objects.order_by("id")
    assert merged.action == "people.person.merged"
    assert merged.person_uuid == keep.uuid
    assert merged.reason == REASON
    assert merged.summary == f"Merged record {duplicate.local_id} into this one"
    assert merged.changes == {"duplicate": str(duplicate.uuid), "moved": {}, "filled": []}
    assert merged_away.action == "people.person.merged_away"
    assert merged_away.person_uuid == duplicate.uuid
    assert merged_away.reason == REASON
    assert merged_away.summary == f"Merged into record {keep.local_id}"
    assert AuditEvent.objects.count() == 2


def test_it_moves_the_network_warnings_consents_and_previous_names(manager, practitioner, keep, duplicate):
    trust = OrganisationFactory(name="Wirral Community Health", kind=OrganisationKind.NHS_TRUST)
    carer = NetworkMember.objects.create(
        person=duplicate, name="Grace Okafor", relationship=Relationship.CHILD, added_by=practitioner
    )
    neighbour = PersonFactory(given_name="Dave", family_name="Price")
    appears_in = NetworkMember.objects.create(
        person=neighbour,
        name="Maggie Okafor",
        linked_person=duplicate,
        relationship=Relationship.NEIGHBOUR,
        added_by=practitioner,
    )
    warning = HazardWarningFactory(person=duplicate)
    consent = consent_record(
        person=duplicate,
        organisation=trust,
        decision=ConsentDecision.GIVEN,
        decided_on=date(2024, 1, 10),
        note="",
        actor=practitioner,
    )
    previous = PreviousNameFactory(person=duplicate, given_name="Margaret", family_name="Whitfield")

    person_merge(keep=keep, duplicate=duplicate, reason=REASON, actor=manager)

    assert NetworkMember.objects.get(pk=carer.pk).person_id == keep.pk
    assert NetworkMember.objects.get(pk=appears_in.pk).linked_person_id == keep.pk
    assert HazardWarning.objects.get(pk=warning.pk).person_id == keep.pk
    assert ConsentToShare.objects.get(pk=consent.pk).person_id == keep.pk
    assert PreviousName.objects.get(pk=previous.pk).person_id == keep.pk
    merged = AuditEvent.objects.get(action="people.person.merged")
    assert merged.changes["moved"] == {
        "people.PreviousName": 1,
        "people.NetworkMember": 2,
        "people.ConsentToShare": 1,
        "people.HazardWarning": 1,
    }


def test_it_moves_break_glass_grants_and_the_restriction(manager, outsider, team, keep, duplicate):
    record_restrict(person=duplicate, teams=[team], reason="Works in the locality team", actor=manager)
    grant = glass_break(person=duplicate, reason="Hospital discharge planning today", actor=outsider)

    person_merge(keep=keep, duplicate=duplicate, reason=REASON, actor=manager)

    assert BreakGlass.objects.get(pk=grant.pk).person_id == keep.pk
    restriction = RecordRestriction.objects.get()
    assert restriction.person_id == keep.pk
    assert list(restriction.teams.all()) == [team]


def test_it_refuses_to_merge_a_record_the_manager_may_not_open(manager, other_team, keep, duplicate):
    record_restrict(person=duplicate, teams=[other_team], reason="Works in Wallasey", actor=manager)
    events_before = AuditEvent.objects.count()

    with pytest.raises(NotPermitted) as refused:
        person_merge(keep=keep, duplicate=duplicate, reason=REASON, actor=manager)

    assert refused.value.message == "You can only merge records you are allowed to open"
    duplicate.refresh_from_db()
    assert duplicate.merged_into_id is None
    assert AuditEvent.objects.count() == events_before


def test_the_kept_records_own_restriction_wins(manager, team, other_team, keep, duplicate):
    record_restrict(person=keep, teams=[team], reason="Works in the locality team", actor=manager)
    record_restrict(person=duplicate, teams=[other_team, team], reason="Works in Wallasey", actor=manager)

    person_merge(keep=keep, duplicate=duplicate, reason=REASON, actor=manager)

    restriction = RecordRestriction.objects.get()
    assert restriction.person_id == keep.pk
    assert list(restriction.teams.all()) == [team]


def test_it_fills_what_the_kept_record_lacks_and_keeps_what_it_has(manager):
    birkenhead = NeighbourhoodFactory(name="Birkenhead", postcode_districts="CH41 CH42")
    keep = PersonFactory(
        given_name="Margaret",
        family_name="Okafor",
        nhs_number=None,
        date_of_birth=None,
        what_matters_to_me="My garden",
        strengths="",
    )
    duplicate = PersonFactory(
        given_name="Margaret",
        family_name="Okafor",
        nhs_number="9000000033",
        date_of_birth=date(1948, 3, 12),
        address_line_1="1 Market Street",
        postcode="CH41 1AA",
        neighbourhood=birkenhead,
        what_matters_to_me="Church on Sunday",
        strengths="Knows everyone in the street",
    )

    person_merge(keep=keep, duplicate=duplicate, reason=REASON, actor=manager)

    kept = Person.objects.get(pk=keep.pk)
    assert kept.nhs_number == "9000000033"
    assert kept.date_of_birth == date(1948, 3, 12)
    assert (kept.address_line_1, kept.postcode, kept.neighbourhood) == ("1 Market Street", "CH41 1AA", birkenhead)
    assert kept.what_matters_to_me == "My garden"
    assert kept.strengths == "Knows everyone in the street"
    assert kept.version == 2
    assert Person.objects.get(pk=duplicate.pk).nhs_number is None
    merged = AuditEvent.objects.get(action="people.person.merged")
    assert merged.changes["filled"] == [
        "address_line_1",
        "date_of_birth",
        "neighbourhood",
        "nhs_number",
        "postcode",
        "strengths",
    ]


def test_the_duplicates_name_becomes_a_previous_name_and_search_finds_the_kept_record(
    manager, practitioner, keep, duplicate
):
    person_merge(keep=keep, duplicate=duplicate, reason=REASON, actor=manager)

    assert list(PreviousName.objects.filter(person=keep).values_list("given_name", "family_name")) == [
        ("Maggie", "Okafor")
    ]
    assert PersonNameToken.objects.filter(person=duplicate).count() == 0
    assert [p.pk for p in people_search(actor=practitioner, text="Maggie Okafor").people] == [keep.pk]


def test_the_same_name_in_another_case_is_not_kept_as_a_previous_name(manager, keep):
    duplicate = PersonFactory(given_name="MARY", family_name="smith", nhs_number=None)

    person_merge(keep=keep, duplicate=duplicate, reason=REASON, actor=manager)

    assert PreviousName.objects.count() == 0


def test_it_refuses_records_with_different_nhs_numbers(manager, keep):
    duplicate = PersonFactory(given_name="Margaret", family_name="Okafor", nhs_number="9000000033")
    before = snapshot(keep, duplicate)

    with pytest.raises(DomainError) as refused:
        person_merge(keep=keep, duplicate=duplicate, reason=REASON, actor=manager)

    assert refused.value.message == "These records have different NHS numbers, so they are not the same person"
    assert refused.value.field is None
    assert snapshot(keep, duplicate) == before


def test_it_refuses_to_merge_a_record_into_itself(manager, keep):
    before = snapshot(keep)

    with pytest.raises(DomainError) as refused:
        person_merge(keep=keep, duplicate=Person.objects.get(pk=keep.pk), reason=REASON, actor=manager)

    assert refused.value.message == "Choose two different records to merge"
    assert snapshot(keep) == before


@pytest.mark.parametrize("which", ["keep", "duplicate"])
def test_it_refuses_a_record_already_merged(manager, keep, duplicate, which):
    elsewhere = PersonFactory(given_name="Maggie", family_name="Okafor", nhs_number=None)
    person_merge(keep=elsewhere, duplicate=duplicate if which == "duplicate" else keep, reason=REASON, actor=manager)
    keep.refresh_from_db()
    duplicate.refresh_from_db()
    before = snapshot(keep, duplicate, elsewhere)

    with pytest.raises(DomainError) as refused:
        person_merge(keep=keep, duplicate=duplicate, reason=REASON, actor=manager)

    assert refused.value.message == "One of these records has already been merged into another"
    assert snapshot(keep, duplicate, elsewhere) == before


def test_it_refuses_without_a_reason(manager, keep, duplicate):
    before = snapshot(keep, duplicate)

    with pytest.raises(DomainError) as refused:
        person_merge(keep=keep, duplicate=duplicate, reason="   ", actor=manager)

    assert refused.value.message == "Say why these records are the same person"
    assert refused.value.field == "reason"
    assert snapshot(keep, duplicate) == before


def test_a_practitioner_may_not_merge_records(practitioner, keep, duplicate):
    HazardWarningFactory(person=duplicate)
    before = snapshot(keep, duplicate)

    with pytest.raises(NotPermitted) as refused:
        person_merge(keep=keep, duplicate=duplicate, reason=REASON, actor=practitioner)

    assert refused.value.message == "You do not have permission to merge records"
    assert snapshot(keep, duplicate) == before


def test_the_kept_record_carries_the_public_ids_of_every_record_merged_into_it(manager, keep, duplicate):
    earlier = PersonFactory(given_name="Mary", family_name="Smithe", nhs_number=None)
    person_merge(keep=duplicate, duplicate=earlier, reason=REASON, actor=manager)

    person_merge(keep=keep, duplicate=Person.objects.get(pk=duplicate.pk), reason=REASON, actor=manager)

    kept = Person.objects.get(pk=keep.pk)
    assert sorted(kept.record_uuids[1:]) == sorted([str(duplicate.uuid), str(earlier.uuid)])
    assert kept.record_uuids[0] == str(keep.uuid)


def test_a_manager_who_broke_the_glass_may_not_merge_the_restricted_record(
    manager, user_factory, other_team, team, keep, duplicate
):
    record_restrict(person=duplicate, teams=[team], reason="Works in the locality team", actor=manager)
    visiting = user_factory(username="visiting.manager", role="team_manager", teams=[other_team])
    glass_break(person=duplicate, reason="Hospital discharge planning today", actor=visiting)
    events_before = AuditEvent.objects.count()

    with pytest.raises(NotPermitted) as refused:
        person_merge(keep=keep, duplicate=duplicate, reason=REASON, actor=visiting)

    assert refused.value.message == (
        "A restricted record can be merged only by a manager in a team that holds its restriction"
    )
    duplicate.refresh_from_db()
    assert (duplicate.merged_into_id, RecordRestriction.objects.get().person_id) == (None, duplicate.pk)
    assert AuditEvent.objects.count() == events_before


def test_a_merge_that_moves_a_restriction_is_listed_for_review(manager, team, keep, duplicate):
    record_restrict(person=duplicate, teams=[team], reason="Works in the locality team", actor=manager)

    person_merge(keep=keep, duplicate=duplicate, reason=REASON, actor=manager)

    change = RestrictionChange.objects.filter(person=keep).order_by("-id").first()
    assert (change.kind, change.teams_before, change.teams_after) == ("restricted", "", team.name)
    assert change.reason.startswith(f"Merged with record {duplicate.local_id}, whose restriction it takes: ")
    assert change.reviewed_at is None


def test_a_merge_where_the_duplicates_restriction_gives_way_is_listed_for_review(
    manager, team, other_team, keep, duplicate
):
    record_restrict(person=keep, teams=[team], reason="Works in the locality team", actor=manager)
    record_restrict(person=duplicate, teams=[other_team, team], reason="Works in Wallasey", actor=manager)
    changes_before = RestrictionChange.objects.count()

    person_merge(keep=keep, duplicate=duplicate, reason=REASON, actor=manager)

    assert RestrictionChange.objects.count() == changes_before + 1
    change = RestrictionChange.objects.order_by("-id").first()
    assert (change.person_id, change.kind) == (keep.pk, "changed")
    assert (change.teams_before, change.teams_after) == (", ".join(sorted([other_team.name, team.name])), team.name)


def test_merging_an_unrestricted_duplicate_lists_nothing(manager, team, keep, duplicate):
    record_restrict(person=keep, teams=[team], reason="Works in the locality team", actor=manager)
    changes_before = RestrictionChange.objects.count()

    person_merge(keep=keep, duplicate=duplicate, reason=REASON, actor=manager)

    assert RestrictionChange.objects.count() == changes_before
