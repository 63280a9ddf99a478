"""Every resource Tandem emits validates as FHIR R4 and meets the UK Core profile it claims."""

from datetime import date

import pytest

from tandem.interop import resources
from tandem.interop.tests.profiles import emitted_check
from tandem.people.codes import Ethnicity, Gender
from tests.conftest import person_make

pytestmark = pytest.mark.django_db


def test_a_full_patient_meets_uk_core(fhir, borough):
    body = fhir(f"/fhir/Patient/{borough.shared.uuid}").json()

    emitted_check(body)
    (nhs,) = body["identifier"]
    assert nhs["system"] == "https://fhir.nhs.uk/Id/nhs-number"
    assert nhs["extension"][0]["valueCodeableConcept"]["coding"][0]["code"] == "02"
    extensions = {e["url"]: e for e in body["extension"]}
    ethnic = extensions["https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-EthnicCategory"]
    assert ethnic["valueCodeableConcept"]["coding"][0]["code"] == "B"
    assert extensions["http://hl7.org/fhir/StructureDefinition/patient-interpreterRequired"]["valueBoolean"] is True


def test_a_sparse_patient_meets_uk_core(fhir, borough):
    emitted_check(fhir(f"/fhir/Patient/{borough.second.uuid}").json())


@pytest.mark.parametrize("ethnicity", Ethnicity.values)
def test_every_ethnicity_has_a_uk_core_code(ethnicity):
    person = person_make(given_name="A", family_name="B", ethnicity=ethnicity, date_of_death=date(2020, 1, 1))

    emitted_check(resources.patient(person))


@pytest.mark.parametrize("gender", Gender.values)
def test_every_gender_is_an_administrative_gender(gender):
    emitted_check(resources.patient(person_make(given_name="A", family_name="B", gender=gender)))


def test_a_language_uk_core_cannot_code_is_left_out():
    person = person_make(given_name="A", family_name="B", preferred_language="Scouse")

    body = resources.patient(person)

    assert "communication" not in body
    emitted_check(body)


def test_the_dead_carry_their_date_of_death():
    person = person_make(
        given_name="A", family_name="B", date_of_birth=date(1930, 1, 1), date_of_death=date(2020, 1, 1)
    )

    assert resources.patient(person)["deceasedDateTime"] == "2020-01-01"


def test_search_bundles_meet_uk_core(fhir, borough):
    emitted_check(fhir("/fhir/Patient").json())
    emitted_check(fhir("/fhir/Flag", _include="Flag:patient").json())
    emitted_check(fhir(f"/fhir/Flag/{borough.warning.uuid}").json())


@pytest.mark.parametrize("path", ["/fhir/Patient?surname=x", "/fhir/Patient/nobody", "/fhir/Procedure"])
def test_operation_outcomes_are_valid(fhir, borough, path):
    emitted_check(fhir(path).json())
