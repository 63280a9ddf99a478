"""Every concern has the date it was received: those handed over before were received the day they were raised."""

from django.db import migrations, models


def received_on_from_raised_at(apps, schema_editor):
    from django.utils import timezone

    Concern = apps.get_model("safeguarding", "Concern")
    for concern in Concern.objects.filter(received_on__isnull=True).only("pk", "raised_at"):
        Concern.objects.filter(pk=concern.pk).update(received_on=timezone.localdate(concern.raised_at))


class Migration(migrations.Migration):
    dependencies = [("safeguarding", "0002_triage_enquiries_and_dols")]

    operations = [
        migrations.RunPython(received_on_from_raised_at, migrations.RunPython.noop),
        migrations.AlterField(model_name="concern", name="received_on", field=models.DateField()),
    ]
