"""Give every team membership recorded before public ids existed its own random id (data only)."""

import uuid
from typing import Any

from django.db import migrations


def membership_public_id_backfill(apps: Any, schema_editor: Any) -> None:
    Membership = apps.get_model("identity", "Membership")
    for pk in Membership.objects.filter(uuid__isnull=True).values_list("pk", flat=True).iterator():
        Membership.objects.filter(pk=pk).update(uuid=uuid.uuid4())


class Migration(migrations.Migration):
    dependencies = [("identity", "0004_membership_public_id")]

    operations = [migrations.RunPython(membership_public_id_backfill, migrations.RunPython.noop)]
