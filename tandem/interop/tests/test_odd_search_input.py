"""Odd values in any search parameter are an OperationOutcome or a Bundle, never a server error."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db

PATIENT = ["identifier", "family", "given", "name", "birthdate", "address-postalcode", "_id", "_lastUpdated"]
PATIENT += ["family:exact", "name:contains", "_count", "_offset", "_format", "_include"]
FLAG = ["patient", "status", "_id", "_lastUpdated", "_count", "_offset", "_include"]

ODD = st.one_of(
    st.text(max_size=40),
    st.sampled_from(
        [
            "",
            "\x00",
            "9" * 30,
            "-1",
            "1e400",
            "9999-12-31T23:59:59.999999+00:00",
            "9999",
            "9999-12",
            "0000-01-01",
            "lt",
            "ge9999-12-31",
            "2026-02-30",
            "|",
            "https://fhir.nhs.uk/Id/nhs-number|",
            "Patient/",
            "Patient/../Flag/x",
            "%",
            "_",
            "\\",
            "'; drop table people_person; --",
            "ｆａｍｉｌｙ",
            "Flag:patient,Flag:author",
        ]
    ),
)
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))


@pytest.mark.parametrize(("path", "names"), [("/fhir/Patient", PATIENT), ("/fhir/Flag", FLAG)])
def test_odd_values_are_never_a_server_error(fhir, borough, path, names):
    @SETTINGS
    @given(st.dictionaries(st.sampled_from(names), ODD, min_size=1, max_size=3))
    def ask(params):
        response = fhir(path, **params)
        assert response.status_code in {200, 400, 406}, (params, response.content)
        assert response.json()["resourceType"] in {"Bundle", "OperationOutcome"}

    ask()


@pytest.mark.parametrize("resource_id", ["\x00", "9" * 300, "%00", "..", "a b"])
def test_odd_ids_are_not_found(fhir, borough, resource_id):
    for path in ("/fhir/Patient/", "/fhir/Flag/"):
        assert fhir(path + resource_id).status_code in {404}
