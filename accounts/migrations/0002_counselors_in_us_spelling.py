from django.db import migrations


def rename(old, new):
    def run(apps, schema_editor):
        apps.get_model("auth", "Group").objects.filter(name=old).update(name=new)

    return run


class Migration(migrations.Migration):
    """The counselors' group is spelled the US way, as every page of this US clinic's site is."""

    dependencies = [("accounts", "0001_roles")]
    operations = [migrations.RunPython(rename("Counsellors", "Counselors"), rename("Counselors", "Counsellors"))]
