"""Fill `merged_record_uuids` for records merged before the field existed (data only)."""

from typing import Any

from django.db import migrations


def merged_record_uuids_backfill(apps: Any, schema_editor: Any) -> None:
    Person = apps.get_model("people", "Person")
    merged = dict(Person.objects.filter(merged_into__isnull=False).values_list("pk", "merged_into_id"))
    if not merged:
        return
    uuids = dict(Person.objects.filter(pk__in=set(merged) | set(merged.values())).values_list("pk", "uuid"))
    absorbed: dict[int, list[str]] = {}
    for pk in merged:
        # A record merged into one that was itself merged later belongs to the last record kept.
        seen = {pk}
        target = merged[pk]
        while True:
            absorbed.setdefault(target, []).append(str(uuids[pk]))
            following = merged.get(target)
            if following is None or following in seen:
                break
            seen.add(target)
            target = following
    for pk, found in absorbed.items():
        Person.objects.filter(pk=pk).update(merged_record_uuids=" ".join(sorted(set(found))))


class Migration(migrations.Migration):
    dependencies = [("people", "0002_person_merged_record_uuids")]

    operations = [migrations.RunPython(merged_record_uuids_backfill, migrations.RunPython.noop)]
