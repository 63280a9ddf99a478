"""Case events become versioned-document events (core.models.DocumentEvent): each carries the
version of the case it made and what changed, so a stale save can say what changed since.

Additive only: events written before count as made at version 1 (older than any page open now)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("workforce", "0001_workforce"),
    ]

    operations = [
        migrations.AddField(
            model_name="caseevent",
            name="changes",
            field=models.JSONField(blank=True, default=dict),
        ),
        migrations.AddField(
            model_name="caseevent",
            name="version",
            field=models.PositiveIntegerField(default=1),
            preserve_default=False,
        ),
    ]
