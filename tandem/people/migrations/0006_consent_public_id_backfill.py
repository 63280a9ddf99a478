"""Give every consent to share recorded before public ids existed its own random id (data only)."""

import uuid
from typing import Any

from django.db import migrations


def consent_public_id_backfill(apps: Any, schema_editor: Any) -> None:
    ConsentToShare = apps.get_model("people", "ConsentToShare")
    for pk in ConsentToShare.objects.filter(uuid__isnull=True).values_list("pk", flat=True).iterator():
        ConsentToShare.objects.filter(pk=pk).update(uuid=uuid.uuid4())


class Migration(migrations.Migration):
    dependencies = [("people", "0005_consent_public_id")]

    operations = [migrations.RunPython(consent_public_id_backfill, migrations.RunPython.noop)]
