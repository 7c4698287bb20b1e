from django.db import migrations


class Migration(migrations.Migration):
    """Created the staff roles; that is now accounts 0001 (which keeps the groups already made here)."""

    dependencies = [("referrals", "0001_initial"), ("auth", "0012_alter_user_first_name_max_length")]
    operations = []
