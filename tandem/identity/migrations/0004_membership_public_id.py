"""Team memberships get a public id (the FHIR PractitionerRole's), first as a nullable column."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("identity", "0003_staff_must_change_password")]

    operations = [
        migrations.AddField(model_name="membership", name="uuid", field=models.UUIDField(null=True, editable=False)),
    ]
