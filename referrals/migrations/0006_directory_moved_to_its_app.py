import django.db.models.deletion
from django.db import migrations, models


# The provider directory moved to the directory app (directory 0001): removed from the migration state only,
# the tables stay.
STATE_OPERATIONS = [
    migrations.RemoveField(
        model_name='service',
        name='languages',
    ),
    migrations.RemoveField(
        model_name='location',
        name='organization',
    ),
    migrations.RemoveField(
        model_name='schedule',
        name='location',
    ),
    migrations.RemoveField(
        model_name='serviceatlocation',
        name='location',
    ),
    migrations.RemoveField(
        model_name='phone',
        name='location',
    ),
    migrations.RemoveField(
        model_name='phone',
        name='organization',
    ),
    migrations.RemoveField(
        model_name='schedule',
        name='organization',
    ),
    migrations.RemoveField(
        model_name='service',
        name='organization',
    ),
    migrations.RemoveField(
        model_name='phone',
        name='service',
    ),
    migrations.RemoveField(
        model_name='phone',
        name='service_at_location',
    ),
    migrations.RemoveField(
        model_name='schedule',
        name='service',
    ),
    migrations.RemoveField(
        model_name='schedule',
        name='service_at_location',
    ),
    migrations.RemoveField(
        model_name='service',
        name='assured_by',
    ),
    migrations.RemoveField(
        model_name='service',
        name='terms',
    ),
    migrations.RemoveField(
        model_name='serviceatlocation',
        name='service',
    ),
    migrations.AlterField(
        model_name='referral',
        name='service',
        field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='referrals', to='directory.service'),
    ),
    migrations.AlterField(
        model_name='referral',
        name='service_at_location',
        field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='referrals', to='directory.serviceatlocation'),
    ),
    migrations.DeleteModel(
        name='Language',
    ),
    migrations.DeleteModel(
        name='Location',
    ),
    migrations.DeleteModel(
        name='Organization',
    ),
    migrations.DeleteModel(
        name='Phone',
    ),
    migrations.DeleteModel(
        name='Schedule',
    ),
    migrations.DeleteModel(
        name='TaxonomyTerm',
    ),
    migrations.DeleteModel(
        name='Service',
    ),
    migrations.DeleteModel(
        name='ServiceAtLocation',
    ),
]


class Migration(migrations.Migration):

    dependencies = [
        ('directory', '0001_initial'),
        ('referrals', '0005_audit_message_retried'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=STATE_OPERATIONS),
    ]
