import pytest

from tandem.access.models import RecordRestriction
from tandem.audit.models import AuditEvent
from tandem.demo.borough import SEEDED_ACTION, borough_seed
from tandem.demo.search_tokens import tokens_check
from tandem.identity.models import User
from tandem.people.identifiers import nhs_number_is_valid, postcode_district
from tandem.people.models import Person

pytestmark = pytest.mark.django_db


def test_it_seeds_a_borough_whose_search_tokens_match_the_apps_own() -> None:
    report = borough_seed(size="small", people=400)

    assert report.counts["people"] == Person.objects.count() >= 400
    assert tokens_check(Person.objects.values_list("pk", flat=True)) == []


def test_it_writes_one_audit_event_for_the_whole_run() -> None:
    borough_seed(size="small", people=300)

    assert AuditEvent.objects.count() == 1
    assert AuditEvent.objects.get().action == SEEDED_ACTION


def test_every_nhs_number_is_valid_and_every_neighbourhood_matches_the_postcode() -> None:
    borough_seed(size="small", people=300)

    for person in Person.objects.select_related("neighbourhood"):
        assert person.nhs_number is None or nhs_number_is_valid(person.nhs_number)
        assert person.neighbourhood is not None
        assert postcode_district(person.postcode) in person.neighbourhood.postcode_districts.split()


def test_the_practitioner_must_break_the_glass_on_the_restricted_record() -> None:
    borough_seed(size="small", people=300)

    restriction = RecordRestriction.objects.get()
    practitioner = User.objects.get(username="practitioner")
    assert not restriction.teams.filter(memberships__user=practitioner).exists()
    assert {"practitioner", "manager", "admin", "support", "nurse"} <= set(
        User.objects.values_list("username", flat=True)
    )


# --reset truncates tables, which PostgreSQL refuses inside the transaction a test normally runs in.
@pytest.mark.django_db(transaction=True)
def test_the_same_seed_gives_the_same_people() -> None:
    borough_seed(size="small", people=200, seed=7)
    first = list(Person.objects.order_by("pk").values_list("uuid", "given_name", "family_name", "nhs_number"))

    borough_seed(size="small", people=200, seed=7, reset=True)

    assert list(Person.objects.order_by("pk").values_list("uuid", "given_name", "family_name", "nhs_number")) == first
