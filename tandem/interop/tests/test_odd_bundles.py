"""Odd partner JSON in a Bundle is read as faults or ignored resources, never a server error."""

import copy

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tandem.interop.bundle_reading import bundle_read
from tandem.interop.tests import events_data as data

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=12,
)
# Elements of the resources Tandem reads, each of which a partner may send in any shape.
PATHS = [
    ("resource",),
    ("resource", "status"),
    ("resource", "class"),
    ("resource", "subject"),
    ("resource", "period"),
    ("resource", "identifier"),
    ("resource", "type"),
    ("resource", "hospitalization"),
    ("resource", "serviceProvider"),
    ("resource", "code"),
    ("resource", "effectiveDateTime"),
    ("resource", "birthDate"),
    ("resource", "name"),
    ("request",),
    ("fullUrl",),
]


def _set(entry: dict, path: tuple[str, ...], value: object) -> None:
    for key in path[:-1]:
        if not isinstance(entry.get(key), dict):
            return
        entry = entry[key]
    entry[path[-1]] = value


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 4), st.sampled_from(PATHS), JSON)
def test_any_value_in_an_element_read_is_a_fault_or_ignored_never_an_exception(entry, path, value):
    bundle = copy.deepcopy(data.a_week_of_events())
    _set(bundle["entry"][entry], path, value)

    reading = bundle_read(bundle, sender="test")

    assert all(issue.expression.startswith("Bundle") for issue in reading.errors)


@settings(max_examples=60, deadline=None)
@given(JSON)
def test_any_json_at_all_is_refused_with_an_issue_or_read(value):
    reading = bundle_read(value, sender="test")

    assert reading.errors or reading.events or reading.ignored


@pytest.mark.parametrize(
    "value", ["2026-13-01", "2026-11-01T10:00:00", "01/11/2026", "", 20261101, "2026-11-01T25:00:00Z"]
)
def test_a_date_that_is_not_a_fhir_date_is_a_fault_at_its_element(value):
    bundle = data.bundle(data.patient(), data.gp_contact())
    bundle["entry"][1]["resource"]["period"]["start"] = value

    reading = bundle_read(bundle, sender="test")

    assert [issue.expression for issue in reading.errors] == ["Bundle.entry[1].resource.period.start"]
