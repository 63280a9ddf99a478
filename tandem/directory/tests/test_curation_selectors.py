"""What the curation pages read: the staff list's search, filters and sorts, and the stale list."""

from datetime import date, time

import pytest

from tandem.directory import selectors
from tandem.directory.categories import BY_CODE
from tandem.directory.models import Attribute, Organization, Service
from tandem.directory.services import categories_ensure

pytestmark = pytest.mark.django_db

TODAY = date(2026, 3, 5)


@pytest.fixture
def directory():
    """Five services, checked at different times (one never), one of them defunct."""
    categories_ensure()
    carers = Organization.objects.create(name="Wirral Carers Network", description="Carers")
    hoylake = Organization.objects.create(name="Hoylake Good Neighbours", description="Neighbours")
    rows = [
        ("Thursday Lunch Club", hoylake, "active", date(2026, 3, 1), "lunch-clubs"),
        ("Carers' Café", carers, "active", date(2025, 3, 4), "carers-support"),
        ("Walking Football", None, "temporarily closed", None, "physical-activity"),
        ("Memory Café", carers, "active", date(2024, 1, 10), "dementia"),
        ("Old Bus Service", None, "defunct", date(2020, 1, 1), "transport"),
    ]
    made = {}
    for name, organization, status, checked, code in rows:
        service = Service.objects.create(name=name, organization=organization, status=status, last_checked_on=checked)
        Attribute.objects.create(service=service, taxonomy_term_id=BY_CODE[code].term_id)
        made[name] = service
    return made


def _names(services) -> list[str]:
    return [service.name for service in services]


def test_every_word_must_be_in_the_name_or_the_organisation(directory):
    assert _names(selectors.services_for_curation(text="carers")) == ["Carers' Café", "Memory Café"]
    assert _names(selectors.services_for_curation(text="café memory")) == ["Memory Café"]
    assert _names(selectors.services_for_curation(text="HOYLAKE lunch")) == ["Thursday Lunch Club"]
    assert _names(selectors.services_for_curation(text="bingo")) == []


def test_status_and_category_narrow_the_list(directory):
    assert _names(selectors.services_for_curation(status="temporarily closed")) == ["Walking Football"]
    assert _names(selectors.services_for_curation(category="dementia")) == ["Memory Café"]
    assert _names(selectors.services_for_curation(text="carers", category="dementia")) == ["Memory Café"]


def test_the_list_sorts_by_name_or_by_when_it_was_last_checked(directory):
    assert _names(selectors.services_for_curation()) == [
        "Carers' Café",
        "Memory Café",
        "Old Bus Service",
        "Thursday Lunch Club",
        "Walking Football",
    ]
    assert _names(selectors.services_for_curation(sort="checked")) == [
        "Walking Football",
        "Old Bus Service",
        "Memory Café",
        "Carers' Café",
        "Thursday Lunch Club",
    ]
    assert _names(selectors.services_for_curation(sort="recent")) == [
        "Thursday Lunch Club",
        "Carers' Café",
        "Memory Café",
        "Old Bus Service",
        "Walking Football",
    ]


def test_the_stale_list_is_never_checked_first_then_the_oldest_and_leaves_out_closed_services(directory):
    stale = selectors.services_stale(today=TODAY, after_days=365)

    # Carers' Café was checked 366 days ago; the lunch club four days ago; the bus service is defunct.
    assert _names(stale) == ["Walking Football", "Memory Café", "Carers' Café"]


def test_the_stale_age_is_a_setting_the_caller_passes(directory):
    assert _names(selectors.services_stale(today=TODAY, after_days=3)) == [
        "Walking Football",
        "Memory Café",
        "Carers' Café",
        "Thursday Lunch Club",
    ]
    assert _names(selectors.services_stale(today=TODAY, after_days=366)) == ["Walking Football", "Memory Café"]


def test_a_day_exactly_the_age_ago_is_not_yet_stale():
    assert selectors.stale_before(today=TODAY, after_days=365) == date(2025, 3, 5)


@pytest.mark.parametrize(
    ("moment", "text"),
    [((9, 0), "9am"), ((14, 30), "2:30pm"), ((12, 0), "midday"), ((0, 0), "midnight"), ((12, 15), "12:15pm")],
)
def test_times_are_written_the_gov_uk_way(moment, text):
    assert selectors.time_text(time(*moment)) == text
