"""The snapshot the accessibility check's world is put back from (tests/journeys/snapshot.py)."""

import pytest
from django.db import connection

from tandem.identity.models import Organisation
from tests.journeys.snapshot import Snapshot


@pytest.mark.django_db(transaction=True)
def test_it_builds_once_then_puts_back_what_was_built_and_afterwards_an_empty_database(request):
    if not (connection.vendor == "sqlite" and connection.is_in_memory_db()):
        pytest.skip("only SQLite's in-memory test database is copied; elsewhere every test builds")
    snapshot: Snapshot[Organisation] = Snapshot()

    def build() -> Organisation:
        return Organisation.objects.create(name="Snapshot Borough Council")

    with snapshot.used(request, build) as first:
        Organisation.objects.create(name="Made by the first test")
    Organisation.objects.all().delete()  # as pytest-django empties it after a test
    Organisation.objects.create(name="Left by another test")

    with snapshot.used(request, build) as second:
        names = sorted(Organisation.objects.values_list("name", flat=True))
        kept = Organisation.objects.get(pk=first.pk)
        Organisation.objects.create(name="Made by the second test")

    assert snapshot.builds == 1
    assert second is first
    assert kept.name == "Snapshot Borough Council"
    assert names == ["Snapshot Borough Council"]  # as built: nothing a test made, nothing left over
    assert not Organisation.objects.exists()  # the database is empty again after the second test
