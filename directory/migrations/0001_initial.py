import django.db.models.deletion
import uuid
from django.conf import settings
from django.db import migrations, models


# The provider directory was part of referrals until referrals 0006. Here it is taken over in the migration
# state only: the tables and their rows stay as they are (0002 renames them).
STATE_OPERATIONS = [
    migrations.CreateModel(
        name='Language',
        fields=[
            ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
            ('code', models.CharField(max_length=8, unique=True)),
            ('name', models.CharField(max_length=60)),
        ],
        options={
            'db_table': 'referrals_language',
            'ordering': ['name'],
        },
    ),
    migrations.CreateModel(
        name='Organization',
        fields=[
            ('id', models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)),
            ('name', models.CharField(max_length=200)),
            ('alternate_name', models.CharField(blank=True, max_length=200)),
            ('description', models.TextField()),
            ('website', models.URLField(blank=True)),
            ('email', models.EmailField(blank=True, max_length=254)),
            ('samhsa_frid', models.CharField(blank=True, max_length=40, verbose_name='SAMHSA facility id')),
            ('updated_at', models.DateTimeField(auto_now=True)),
        ],
        options={
            'db_table': 'referrals_organization',
            'ordering': ['name'],
        },
    ),
    migrations.CreateModel(
        name='Location',
        fields=[
            ('id', models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)),
            ('name', models.CharField(max_length=200)),
            ('location_type', models.CharField(choices=[('physical', 'Physical (people visit)'), ('virtual', 'Virtual (telehealth or phone only)')], default='physical', max_length=10)),
            ('description', models.TextField(blank=True)),
            ('transportation', models.CharField(blank=True, help_text='e.g. bus lines and subway stops nearby', max_length=200)),
            ('address_1', models.CharField(blank=True, max_length=200)),
            ('address_2', models.CharField(blank=True, max_length=200)),
            ('city', models.CharField(blank=True, max_length=100)),
            ('state_province', models.CharField(blank=True, max_length=2, verbose_name='state')),
            ('postal_code', models.CharField(blank=True, max_length=10, verbose_name='ZIP code')),
            ('country', models.CharField(default='US', max_length=2)),
            ('latitude', models.DecimalField(blank=True, decimal_places=6, max_digits=9, null=True)),
            ('longitude', models.DecimalField(blank=True, decimal_places=6, max_digits=9, null=True)),
            ('organization', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='locations', to='directory.organization')),
        ],
        options={
            'db_table': 'referrals_location',
            'ordering': ['organization__name', 'name'],
        },
    ),
    migrations.CreateModel(
        name='Service',
        fields=[
            ('id', models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)),
            ('name', models.CharField(max_length=200)),
            ('description', models.TextField(blank=True)),
            ('status', models.CharField(choices=[('active', 'Active'), ('inactive', 'Inactive'), ('defunct', 'Defunct'), ('temporarily closed', 'Temporarily closed')], default='active', max_length=20)),
            ('url', models.URLField(blank=True)),
            ('email', models.EmailField(blank=True, max_length=254)),
            ('application_process', models.TextField(blank=True, help_text='How to get in: walk-in, referral, phone first ...')),
            ('fees_description', models.TextField(blank=True)),
            ('eligibility_description', models.TextField(blank=True)),
            ('minimum_age', models.PositiveSmallIntegerField(blank=True, null=True)),
            ('maximum_age', models.PositiveSmallIntegerField(blank=True, null=True)),
            ('accepting_new_patients', models.BooleanField(default=True)),
            ('capacity', models.PositiveSmallIntegerField(blank=True, help_text='New-patient intake slots open this week, if the provider tells us.', null=True)),
            ('capacity_updated_at', models.DateTimeField(blank=True, null=True)),
            ('assured_date', models.DateField(blank=True, null=True, verbose_name='last verified')),
            ('updated_at', models.DateTimeField(auto_now=True)),
            ('assured_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='last verified by')),
            ('languages', models.ManyToManyField(blank=True, related_name='services', to='directory.language')),
            ('organization', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='services', to='directory.organization')),
        ],
        options={
            'db_table': 'referrals_service',
            'ordering': ['organization__name', 'name'],
        },
    ),
    migrations.CreateModel(
        name='ServiceAtLocation',
        fields=[
            ('id', models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)),
            ('description', models.CharField(blank=True, max_length=300)),
            ('location', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='services_at', to='directory.location')),
            ('service', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='locations_at', to='directory.service')),
        ],
        options={
            'verbose_name': 'service at location',
            'db_table': 'referrals_serviceatlocation',
        },
    ),
    migrations.CreateModel(
        name='Schedule',
        fields=[
            ('id', models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)),
            ('byday', models.CharField(help_text='iCal day codes separated by commas, e.g. MO,TU,WE,TH,FR', max_length=40, verbose_name='days')),
            ('opens_at', models.TimeField()),
            ('closes_at', models.TimeField()),
            ('description', models.CharField(blank=True, help_text='e.g. Walk-in intake until 11am', max_length=200)),
            ('location', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='%(class)ss', to='directory.location')),
            ('organization', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='%(class)ss', to='directory.organization')),
            ('service', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='%(class)ss', to='directory.service')),
            ('service_at_location', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='%(class)ss', to='directory.serviceatlocation')),
        ],
        options={
            'db_table': 'referrals_schedule',
            'ordering': ['opens_at'],
        },
    ),
    migrations.CreateModel(
        name='Phone',
        fields=[
            ('id', models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)),
            ('number', models.CharField(max_length=32)),
            ('extension', models.PositiveIntegerField(blank=True, null=True)),
            ('type', models.CharField(choices=[('voice', 'Voice'), ('text', 'Text'), ('fax', 'Fax')], default='voice', max_length=10)),
            ('description', models.CharField(blank=True, help_text='e.g. Intake line, 24/7', max_length=200)),
            ('location', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='%(class)ss', to='directory.location')),
            ('organization', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='%(class)ss', to='directory.organization')),
            ('service', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='%(class)ss', to='directory.service')),
            ('service_at_location', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='%(class)ss', to='directory.serviceatlocation')),
        ],
        options={
            'db_table': 'referrals_phone',
        },
    ),
    migrations.CreateModel(
        name='TaxonomyTerm',
        fields=[
            ('id', models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)),
            ('taxonomy', models.CharField(choices=[('care_option', 'Care option (intake)'), ('samhsa', 'SAMHSA locator service code')], max_length=20)),
            ('code', models.CharField(max_length=40)),
            ('name', models.CharField(max_length=120)),
            ('category', models.CharField(blank=True, help_text='SAMHSA category code: TC type of care, OM medication, PAY payment, ...', max_length=10)),
            ('description', models.CharField(blank=True, max_length=300)),
        ],
        options={
            'db_table': 'referrals_taxonomyterm',
            'ordering': ['taxonomy', 'category', 'code'],
            'constraints': [models.UniqueConstraint(fields=('taxonomy', 'code'), name='term_code_unique_in_taxonomy')],
        },
    ),
    migrations.AddField(
        model_name='service',
        name='terms',
        field=models.ManyToManyField(blank=True, help_text='Care options offered and SAMHSA service codes.', related_name='services', to='directory.taxonomyterm'),
    ),
    migrations.AddConstraint(
        model_name='serviceatlocation',
        constraint=models.UniqueConstraint(fields=('service', 'location'), name='service_once_per_location'),
    ),
    migrations.AddConstraint(
        model_name='service',
        constraint=models.CheckConstraint(condition=models.Q(('minimum_age__isnull', True), ('maximum_age__isnull', True), ('minimum_age__lte', models.F('maximum_age')), _connector='OR'), name='service_age_range_valid'),
    ),
]


MODELS = ('organization', 'language', 'taxonomyterm', 'service', 'location', 'serviceatlocation', 'phone', 'schedule')


def _relabel(apps, old, new):
    # Keeps the permissions (and so the roles holding them) and the admin history of existing installations.
    apps.get_model("contenttypes", "ContentType").objects.filter(app_label=old, model__in=MODELS).update(app_label=new)


def move_content_types(apps, schema_editor):
    _relabel(apps, "referrals", "directory")


def move_content_types_back(apps, schema_editor):
    _relabel(apps, "directory", "referrals")


class Migration(migrations.Migration):
    """The provider directory, taken over from referrals with its rows."""

    initial = True

    dependencies = [
        ('referrals', '0005_audit_message_retried'),
        ('contenttypes', '0002_remove_content_type_name'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=STATE_OPERATIONS),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]
