"""The CapabilityStatement states exactly what the API serves: every resource type, search
parameter, `_include` and scope, and nothing it does not."""

import pytest
from django.test import Client

from tandem.interop.kinds import KINDS
from tandem.interop.scopes import RESOURCE_SCOPES, scope_for

pytestmark = pytest.mark.django_db


def _resources() -> dict[str, dict]:
    body = Client().get("/fhir/metadata").json()
    return {resource["type"]: resource for resource in body["rest"][0]["resource"]}


def test_every_resource_type_served_is_listed_and_nothing_else():
    listed = _resources()

    assert set(listed) - {"Binary", "CodeSystem"} == set(KINDS)


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_each_resource_lists_exactly_its_search_parameters_and_includes(kind):
    listed = _resources()[kind]

    assert {param["name"] for param in listed["searchParam"]} == {*KINDS[kind].parameters, "_count"}
    assert set(listed.get("searchInclude", [])) == KINDS[kind].includes
    assert scope_for(kind) in RESOURCE_SCOPES
