"""Odd values in the search parameters of Consent, DocumentReference and the directory are an
OperationOutcome or a Bundle, never a server error; odd ids are not found."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tandem.interop.kinds import KINDS
from tandem.interop.tests.test_odd_search_input import ODD, SETTINGS

pytestmark = pytest.mark.django_db

NEW = ["Consent", "DocumentReference", "Organization", "Practitioner", "PractitionerRole"]


@pytest.mark.parametrize("kind", NEW)
def test_odd_values_are_never_a_server_error(fhir, borough, kind):
    names = [*KINDS[kind].parameters, "_count", "_offset", "_include", "name:exact", "name:contains"]

    @SETTINGS
    @given(st.dictionaries(st.sampled_from(names), ODD, min_size=1, max_size=3))
    def ask(params):
        response = fhir(f"/fhir/{kind}", **params)
        assert response.status_code in {200, 400, 406}, (params, response.content)
        assert response.json()["resourceType"] in {"Bundle", "OperationOutcome"}

    ask()


@pytest.mark.parametrize("resource_id", ["\x00", "9" * 300, "%00", "..", "a b"])
def test_odd_ids_are_not_found(fhir, borough, resource_id):
    for kind in [*NEW, "Binary"]:
        assert fhir(f"/fhir/{kind}/{resource_id}").status_code == 404
