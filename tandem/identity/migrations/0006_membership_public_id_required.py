"""Every team membership now has its public id: required and unique from here on."""

import uuid

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("identity", "0005_membership_public_id_backfill")]

    operations = [
        migrations.AlterField(
            model_name="membership",
            name="uuid",
            field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True),
        ),
    ]
