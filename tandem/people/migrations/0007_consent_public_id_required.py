"""Every consent to share now has its public id: required and unique from here on."""

import uuid

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("people", "0006_consent_public_id_backfill")]

    operations = [
        migrations.AlterField(
            model_name="consenttoshare",
            name="uuid",
            field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True),
        ),
    ]
