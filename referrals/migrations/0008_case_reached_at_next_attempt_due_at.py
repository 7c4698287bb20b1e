"""``Case.reached_at`` (the target is reaching the person) and ``Case.next_attempt_due_at`` (when a retry is due).

Existing cases get ``reached_at`` from the first "spoke to the person" contact attempt on their timeline, or, for a
case moved to reached (or beyond) without one, from its first contact.
"""

from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def backfill_reached_at(apps, schema_editor):
    Case = apps.get_model("referrals", "Case")
    CaseEvent = apps.get_model("referrals", "CaseEvent")
    first_reached = (
        CaseEvent.objects.filter(case=OuterRef("pk"), kind="contact_attempt", data__outcome="reached")
        .order_by("created_at")
        .values("created_at")[:1]
    )
    Case.objects.filter(pk__in=CaseEvent.objects.filter(kind="contact_attempt", data__outcome="reached")
                        .values("case")).update(reached_at=Subquery(first_reached))
    Case.objects.filter(
        reached_at__isnull=True, status__in=("reached", "referred", "in_treatment"), first_contact_at__isnull=False
    ).update(reached_at=models.F("first_contact_at"))


class Migration(migrations.Migration):
    dependencies = [("referrals", "0007_queue_indexes_and_phone_search")]

    operations = [
        migrations.AddField(
            model_name="case",
            name="next_attempt_due_at",
            field=models.DateTimeField(
                blank=True,
                help_text="After an unsuccessful attempt, when the next one is due (by urgency, settings CONTACT_RETRY).",
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="case",
            name="reached_at",
            field=models.DateTimeField(
                blank=True,
                help_text="When a counselor first spoke to the person: the target. Until then the case stays overdue "
                "once due, and keeps escalating.",
                null=True,
            ),
        ),
        migrations.RunPython(backfill_reached_at, migrations.RunPython.noop),
    ]
