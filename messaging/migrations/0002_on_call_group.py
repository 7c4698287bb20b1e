"""The "On call" group: counsellors in it get the urgent-case alerts (settings.ON_CALL_GROUP)."""

from django.db import migrations

ON_CALL = "On call"


def create_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.get_or_create(name=ON_CALL)


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=ON_CALL).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("messaging", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
