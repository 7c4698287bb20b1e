from django.db import migrations


class Migration(migrations.Migration):
    """The tables taken over from referrals get this app's names (their many-to-many tables too)."""

    dependencies = [
        ('directory', '0001_initial'),
        ('referrals', '0006_directory_moved_to_its_app'),
    ]

    operations = [
        migrations.AlterModelTable(
            name='language',
            table=None,
        ),
        migrations.AlterModelTable(
            name='location',
            table=None,
        ),
        migrations.AlterModelTable(
            name='organization',
            table=None,
        ),
        migrations.AlterModelTable(
            name='phone',
            table=None,
        ),
        migrations.AlterModelTable(
            name='schedule',
            table=None,
        ),
        migrations.AlterModelTable(
            name='service',
            table=None,
        ),
        migrations.AlterModelTable(
            name='serviceatlocation',
            table=None,
        ),
        migrations.AlterModelTable(
            name='taxonomyterm',
            table=None,
        ),
    ]
