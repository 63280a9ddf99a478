"""Consent to share gets a public id (the FHIR Consent's), first as a nullable column."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("people", "0004_search_listings")]

    operations = [
        migrations.AddField(model_name="consenttoshare", name="uuid", field=models.UUIDField(null=True, editable=False)),
    ]
