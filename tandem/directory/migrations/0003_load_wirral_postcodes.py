"""Load the demo borough's postcode centroids (OS Code-Point Open, shipped in tandem/people/reference)."""

from typing import Any

from django.db import migrations


def load(apps: Any, schema_editor: Any) -> None:
    from tandem.directory.postcodes import codepoint_load

    codepoint_load(model=apps.get_model("directory", "PostcodeCentroid"))


def unload(apps: Any, schema_editor: Any) -> None:
    apps.get_model("directory", "PostcodeCentroid").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("directory", "0002_search_index_and_postcodes")]

    operations = [migrations.RunPython(load, unload, elidable=True)]
