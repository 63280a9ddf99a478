"""Records merged before the kept record carried their ids get them from the data migration."""

import importlib

from django.apps import apps

from tandem.people.models import Person
from tandem.people.tests.factories import PersonFactory

backfill = importlib.import_module("tandem.people.migrations.0003_merged_record_uuids_backfill")


def test_it_gives_each_kept_record_the_ids_of_the_records_merged_into_it_along_the_chain(db):
    first, second, last, untouched = (PersonFactory(given_name=n, family_name="Price") for n in "ABCD")
    Person.objects.filter(pk=first.pk).update(merged_into=second)
    Person.objects.filter(pk=second.pk).update(merged_into=last)

    backfill.merged_record_uuids_backfill(apps, None)

    assert Person.objects.get(pk=last.pk).merged_record_uuids.split() == sorted([str(first.uuid), str(second.uuid)])
    assert Person.objects.get(pk=second.pk).merged_record_uuids == str(first.uuid)
    assert Person.objects.get(pk=untouched.pk).merged_record_uuids == ""
