"""The outbox's health for the metrics endpoint (``config.metrics``).

The backlog is every message not yet sent and not given up on by staff: ``queued`` (waiting for the worker, quiet
hours or a retry), ``sending`` (with the provider now, or its worker died mid-call), ``failed`` (out of tries or
refused; a person must act) and ``unknown`` (a text to a person interrupted by a crash: never resent by itself, a
person decides). Staff alerts (urgent cases, escalations) that failed are the ones nobody on call received. Both
queries read only unsent rows through partial indexes (``message_backlog``, ``message_queued_due``), so sent
messages, however many, cost nothing.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Count, Min

from messaging.models import Message

BACKLOG_STATUSES = (Message.Status.QUEUED, Message.Status.SENDING, Message.Status.FAILED, Message.Status.UNKNOWN)
STAFF_ALERT_KINDS = frozenset({Message.Kind.URGENT_ALERT, Message.Kind.ESCALATION})


@dataclass(frozen=True)
class OutboxGauges:
    backlog: dict[tuple[str, str], int]  # (status, kind) -> messages, every pair included
    oldest_due_age: timedelta | None  # how long the longest-waiting due message has waited past its time

    @property
    def undeliverable_alerts(self) -> dict[str, int]:
        return {kind.value: self.backlog[(Message.Status.FAILED.value, kind.value)] for kind in STAFF_ALERT_KINDS}


def outbox_gauges(now: datetime) -> OutboxGauges:
    counts = {
        (status, kind): n
        for status, kind, n in Message.objects.filter(status__in=BACKLOG_STATUSES)
        .values("status", "kind")
        .annotate(n=Count("pk"))
        .values_list("status", "kind", "n")
    }
    oldest_due = Message.objects.filter(status=Message.Status.QUEUED, next_attempt_at__lte=now).aggregate(
        oldest=Min("next_attempt_at")
    )["oldest"]
    return OutboxGauges(
        backlog={
            (status.value, kind.value): counts.get((status, kind), 0)
            for status in BACKLOG_STATUSES
            for kind in Message.Kind
        },
        oldest_due_age=None if oldest_due is None else now - oldest_due,
    )
