"""`python -m tandem.archive.tests.rows_dump OUT`: every row of every archived table, as Python sees it.

Run against the database DATABASE_URL names. Each value is the `repr` of what Django reads from the
column (a date-time with its microseconds, a Decimal, a UUID), so a comparison of two dumps does not
rest on the archive's own JSON encoding. Many-to-many targets are sorted ids (permissions by
natural key, since their ids are the database's own).
"""

import json
import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from tandem.archive import tables

    permissions = dict(tables.permission_keys())
    dump: dict[str, list[list[str]]] = {}
    for model in tables.archived_models():
        fields = tables.columns(model)
        related = tables.many_to_many(model)
        rows = []
        for row in model._default_manager.order_by("pk").prefetch_related(*(field.name for field in related)):
            values = [f"{field.attname}={field.value_from_object(row)!r}" for field in fields]
            for field in related:
                targets = [target.pk for target in getattr(row, field.name).all()]
                if field.related_model._meta.label_lower == "auth.permission":
                    targets = [permissions[pk] for pk in targets]
                values.append(f"{field.name}={sorted(targets)!r}")
            rows.append(values)
        dump[model._meta.label_lower] = rows
    with open(sys.argv[1], "w", encoding="utf-8") as handle:
        json.dump(dump, handle)


if __name__ == "__main__":
    main()
