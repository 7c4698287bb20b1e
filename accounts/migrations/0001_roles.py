from django.db import migrations

ROLES = ("Counsellors", "Supervisors", "Content editors")


def create_roles(apps, schema_editor):
    # get_or_create: databases migrated before this app existed already have the groups (referrals 0002).
    Group = apps.get_model("auth", "Group")
    for name in ROLES:
        Group.objects.get_or_create(name=name)


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    """The staff roles. Their permissions are synced from accounts.roles.ROLE_PERMISSIONS after migrate."""

    dependencies = [("auth", "0012_alter_user_first_name_max_length")]
    operations = [migrations.RunPython(create_roles, remove_roles)]
