"""Indexes that keep the queue and the supervisor view fast at a million cases, and the phone search column.

Index builds don't lock out writes on PostgreSQL: ``CREATE INDEX CONCURRENTLY`` (so the migration is not atomic,
and a failed build leaves an INVALID index to drop before re-running). Other databases (SQLite in development and
tests) get a plain ``CREATE INDEX``; the partial ``condition`` is the same on both. ``phone_e164`` is filled for
existing cases in chunks of ``CHUNK`` rows, each its own transaction, before its index is built.
"""

import django.db.models.functions.text
from django.contrib.postgres.operations import AddIndexConcurrently
from django.db import migrations, models, transaction
from django.db.migrations.operations import AddIndex

CHUNK = 5000


class AddIndexConcurrentlyOnPostgreSQL(AddIndexConcurrently):
    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            return super().database_forwards(app_label, schema_editor, from_state, to_state)
        return AddIndex.database_forwards(self, app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            return super().database_backwards(app_label, schema_editor, from_state, to_state)
        return AddIndex.database_backwards(self, app_label, schema_editor, from_state, to_state)


def fill_phone_e164(apps, schema_editor):
    from referrals.phones import e164

    Case = apps.get_model("referrals", "Case")
    last = 0
    while True:
        with transaction.atomic():
            rows = list(Case.objects.filter(pk__gt=last).exclude(phone="").order_by("pk").only("pk", "phone")[:CHUNK])
            for case in rows:
                case.phone_e164 = e164(case.phone)
            Case.objects.bulk_update(rows, ["phone_e164"])
        if len(rows) < CHUNK:
            return
        last = rows[-1].pk


OPEN_IN_QUEUE = models.Q(("anonymised_at__isnull", True), ("status__in", ("new", "contacting", "reached", "referred")))


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("intake", "0003_draft_crisis_case"),
        ("referrals", "0006_directory_moved_to_its_app"),
    ]

    operations = [
        migrations.AddField(
            model_name="case",
            name="phone_e164",
            field=models.CharField(blank=True, editable=False, help_text="The phone number in E.164 (+15558675309), kept from ``phone`` on save, for the queue's search.", max_length=16),
        ),
        migrations.RunPython(fill_phone_e164, migrations.RunPython.noop, elidable=True),
        AddIndexConcurrentlyOnPostgreSQL(
            model_name="case",
            index=models.Index(condition=OPEN_IN_QUEUE, fields=["urgency_rank", "due_at", "created_at", "id"], name="case_open_queue"),
        ),
        AddIndexConcurrentlyOnPostgreSQL(
            model_name="case",
            index=models.Index(condition=OPEN_IN_QUEUE, fields=["assigned_to", "urgency_rank", "due_at", "created_at", "id"], name="case_open_by_assignee"),
        ),
        AddIndexConcurrentlyOnPostgreSQL(
            model_name="case",
            index=models.Index(django.db.models.functions.text.Right("phone_e164", 4), models.F("phone_e164"), name="case_phone_search"),
        ),
        AddIndexConcurrentlyOnPostgreSQL(
            model_name="followup",
            index=models.Index(condition=models.Q(("status", "pending")), fields=["due_at"], name="followup_pending_due"),
        ),
    ]
