"""The demo directory: about 300 services in every category, at real Wirral postcodes, the same for a seed."""

import csv
from datetime import UTC, date, datetime, timedelta

import pytest
from django.core.management import call_command
from django.db.models import Count

from tandem.audit.models import AuditEvent
from tandem.demo.directory_seed import SEEDED_ACTION, SERVICES, directory_seed
from tandem.demo.geography import POSTCODES_CSV
from tandem.directory.categories import CATEGORIES
from tandem.directory.models import (
    Attribute,
    CostOption,
    Location,
    Organization,
    Phone,
    Schedule,
    Service,
    ServiceAtLocation,
    ServiceTerm,
)
from tandem.directory.services import dataset_import
from tandem.directory.tests.datasets import SERVICE_ID, lunch_club

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 23)


@pytest.fixture(autouse=True)
def _a_fixed_day(set_clock):
    set_clock(datetime(2026, 11, 23, 9, 0, tzinfo=UTC))


def _wirral_postcodes() -> set[str]:
    with POSTCODES_CSV.open(newline="", encoding="utf-8") as handle:
        return {f"{row[0][:-3].strip()} {row[0][-3:]}" for row in csv.reader(handle) if row}


def _directory() -> list[tuple]:
    return list(
        Service.objects.order_by("id").values_list(
            "id", "name", "organization__name", "description", "status", "last_checked_on", "minimum_age"
        )
    )


def test_it_seeds_about_three_hundred_services_with_every_category_used():
    report = directory_seed(seed=2026)

    assert report.services == Service.objects.count() == SERVICES == 300
    uses = dict(Attribute.objects.values_list("taxonomy_term_id").annotate(n=Count("id")))
    assert {category.term_id for category in CATEGORIES} <= set(uses)
    assert min(uses[category.term_id] for category in CATEGORIES) >= 25
    assert 30 <= Organization.objects.count() <= 150
    assert report.organisations == Organization.objects.count()
    assert Service.objects.values("name").distinct().count() == 300


def test_places_are_at_real_wirral_postcodes_with_coordinates_in_wirral():
    directory_seed(seed=2026)

    postcodes = _wirral_postcodes()
    locations = list(Location.objects.all())
    assert len(locations) >= 100
    for location in locations:
        assert location.postal_code in postcodes
        assert location.latitude is not None
        assert location.longitude is not None
        assert 53.28 < location.latitude < 53.45
        assert -3.25 < location.longitude < -2.92
        assert (location.state_province, location.country) == ("Merseyside", "GB")
    # Venues are shared: some community centres hold more than one service.
    assert ServiceAtLocation.objects.values("location").annotate(n=Count("id")).filter(n__gt=1).exists()


def test_contact_details_are_synthetic_and_reach_nobody():
    directory_seed(seed=2026)

    assert all(number.startswith("0151 496 0") for number in Phone.objects.values_list("number", flat=True))
    for email, url in Service.objects.values_list("email", "url"):
        assert email.endswith(".example.org")
        assert url.startswith("https://")
        assert ".example.org/" in url


def test_every_service_has_opening_times_a_cost_and_is_indexed_for_keyword_search():
    directory_seed(seed=2026)

    assert not Service.objects.filter(schedules__isnull=True).exists()
    assert CostOption.objects.values("service").distinct().count() == 300
    assert Schedule.objects.exclude(freq="WEEKLY").count() == 0
    assert ServiceTerm.objects.values("service").distinct().count() == 300
    uses = dict(ServiceTerm.objects.values_list("term").annotate(n=Count("service")))
    for stem in ("lunch", "carer", "dementia", "fall", "transport", "befriend", "benefit", "walk"):
        assert uses.get(stem, 0) >= 10, stem


def test_some_entries_are_stale_and_most_are_not():
    report = directory_seed(seed=2026)

    year_ago = TODAY - timedelta(days=365)
    never = Service.objects.filter(last_checked_on__isnull=True).count()
    old = Service.objects.filter(last_checked_on__lt=year_ago).count()
    assert 10 <= never <= 60
    assert 30 <= old <= 100
    assert 0 < report.stale < 150


def test_it_writes_one_audit_event():
    directory_seed(seed=2026)

    assert list(AuditEvent.objects.values_list("action", flat=True)) == [SEEDED_ACTION]


def test_a_directory_already_there_is_left_as_it_is_without_reset(admin_user):
    dataset_import(data=lunch_club(), actor=admin_user)

    report = directory_seed(seed=2026)

    assert report.kept == 1
    assert str(report) == "The directory already holds 1 services: left as it is (seed with --reset to replace it)"
    assert list(Service.objects.values_list("name", flat=True)) == ["Thursday Lunch Club"]


# --reset truncates tables, which PostgreSQL refuses inside the transaction a test normally runs in.
@pytest.mark.django_db(transaction=True)
def test_the_same_seed_gives_the_same_directory_and_another_seed_another():
    directory_seed(seed=7)
    first = _directory()

    directory_seed(seed=7, reset=True)
    again = _directory()
    directory_seed(seed=8, reset=True)
    other = _directory()

    assert again == first
    assert other != first


@pytest.mark.django_db(transaction=True)
def test_the_seed_command_builds_the_directory_and_reset_replaces_it(admin_user, capsys):
    dataset_import(data=lunch_club(), actor=admin_user)

    call_command("seed", "--people", "200", "--reset")

    assert Service.objects.count() == 300
    assert not Service.objects.filter(pk=SERVICE_ID).exists()
    assert "300 directory services from" in capsys.readouterr().out


def test_entries_checked_by_someone_name_a_demo_login(user_factory):
    checker = user_factory(username="support")

    directory_seed(seed=2026)

    checked = Service.objects.filter(last_checked_on__isnull=False)
    assert checked.count() == checked.filter(checked_by=checker).count() > 200
