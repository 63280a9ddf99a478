"""A search costs the same few queries however many people a page holds (pinned, as the person
pages are): the token, the partner, the count, the page, its previous names, one audit insert a
person listed."""

import pytest

from tandem.interop.tests.conftest import consent
from tests.conftest import person_make, warning_make

pytestmark = pytest.mark.django_db


@pytest.fixture
def many(borough, partner, practitioner):
    for number in range(10):
        person = person_make(given_name=f"Extra{number}", family_name="Smith")
        consent(person, partner, practitioner)
        warning_make(person=person, raised_by=practitioner)


def _queries(fhir, django_assert_max_num_queries, path, limit, **params):
    with django_assert_max_num_queries(limit) as captured:
        response = fhir(path, **params)
    assert response.status_code == 200
    return len(captured)


def test_a_patient_search_reads_in_a_fixed_number_of_queries(fhir, many, django_assert_max_num_queries):
    few = _queries(fhir, django_assert_max_num_queries, "/fhir/Patient", 40, _count="2")
    more = _queries(fhir, django_assert_max_num_queries, "/fhir/Patient", 40, _count="10")

    # Only the audit inserts grow with the page.
    assert more - few == 8


def test_a_flag_search_with_its_patients_reads_in_a_fixed_number_of_queries(fhir, many, django_assert_max_num_queries):
    few = _queries(fhir, django_assert_max_num_queries, "/fhir/Flag", 60, _count="2", _include="Flag:patient")
    more = _queries(fhir, django_assert_max_num_queries, "/fhir/Flag", 60, _count="10", _include="Flag:patient")

    assert more - few == 16  # one event for each Flag's person read, one for each Patient included


def test_a_consent_search_reads_in_a_fixed_number_of_queries(fhir, many, django_assert_max_num_queries):
    few = _queries(fhir, django_assert_max_num_queries, "/fhir/Consent", 40, _count="2")
    more = _queries(fhir, django_assert_max_num_queries, "/fhir/Consent", 40, _count="10")

    assert more - few == 8  # one audit event for each person whose decision was read


def test_directory_searches_read_in_a_fixed_number_of_queries(
    fhir, borough, team, organisation, django_assert_max_num_queries
):
    from tests.conftest import staff_make

    for number in range(10):
        staff_make(username=f"worker{number}", role="practitioner", organisation=organisation, teams=[team])
    for path, params in (
        ("/fhir/Practitioner", {}),
        ("/fhir/Organization", {}),
        ("/fhir/PractitionerRole", {"_include": ["PractitionerRole:practitioner", "PractitionerRole:organization"]}),
    ):
        few = _queries(fhir, django_assert_max_num_queries, path, 20, _count="2", **params)
        more = _queries(fhir, django_assert_max_num_queries, path, 20, _count="10", **params)
        assert more == few, path  # the directory's read is audited once a request
