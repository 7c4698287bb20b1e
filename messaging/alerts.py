"""Urgent-case alerts that reached nobody: flagged for the staff pages until someone acknowledges them.

An alert is undelivered when nobody on call could be addressed at all, or when every alert message for the case
ended failed or not sent. One open flag per case; acknowledging it records who and when.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone

from messaging.models import Message, UndeliveredAlert

GAVE_UP = (Message.Status.FAILED, Message.Status.CANCELLED)


def flag(case_id: int, reason: str) -> None:
    if UndeliveredAlert.objects.filter(case_id=case_id, acknowledged_at__isnull=True).exists():
        return
    try:
        with transaction.atomic():
            UndeliveredAlert.objects.create(case_id=case_id, reason=reason[:200])
    except IntegrityError:  # another worker flagged it a moment ago
        pass


def after_giving_up(message: Message) -> None:
    """Called when a message ends failed or not sent: flag its case if no urgent alert for it can still arrive."""
    if message.kind != Message.Kind.URGENT_ALERT or message.case_id is None:
        return
    alerts = Message.objects.filter(case_id=message.case_id, kind=Message.Kind.URGENT_ALERT)
    if not alerts.exclude(status__in=GAVE_UP).exists():
        flag(message.case_id, f"every on-call alert failed (last: {message.last_error})")


def open_alerts():
    return UndeliveredAlert.objects.filter(acknowledged_at__isnull=True).select_related("case")


def acknowledge(alert_id: int, user) -> bool:
    return bool(
        UndeliveredAlert.objects.filter(pk=alert_id, acknowledged_at__isnull=True).update(
            acknowledged_at=timezone.now(), acknowledged_by=user
        )
    )
