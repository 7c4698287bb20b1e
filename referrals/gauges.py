"""The queue's health for the metrics endpoint (``config.metrics``): per urgency, open cases, overdue cases and the
oldest case still waiting for someone to reach the person.

"Unreached" is an open case whose person nobody has reached yet (``Case.reached_at`` empty), the same "reached" as
the queue's own overdue (``models.overdue_q``: not reached by the due time, or a retry is late).

Two queries, both over open cases only through the ``case_queue_order`` index (status first), so their cost
follows the size of the queue, not of the table: closed cases, however many, are never read.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Count, Min, Q

from referrals.models import URGENCY_RANK, Case, Urgency

URGENCY_BY_RANK = {rank: urgency for urgency, rank in URGENCY_RANK.items()}


@dataclass(frozen=True)
class UrgencyGauges:
    urgency: str
    open: int
    overdue: int
    oldest_unreached_age: timedelta | None


def queue_gauges(now: datetime) -> list[UrgencyGauges]:
    """One row per urgency, most urgent first, zeros included (an absent series would hide a recovery)."""
    open_rows = {
        row["urgency_rank"]: row
        for row in Case.objects.open()
        .values("urgency_rank")
        .annotate(open=Count("pk"), oldest_unreached=Min("created_at", filter=Q(reached_at__isnull=True)))
    }
    overdue = dict(
        Case.objects.overdue(now).values("urgency_rank").annotate(n=Count("pk")).values_list("urgency_rank", "n")
    )
    gauges = []
    for urgency in Urgency:
        rank = URGENCY_RANK[urgency]
        row = open_rows.get(rank, {"open": 0, "oldest_unreached": None})
        oldest = row["oldest_unreached"]
        gauges.append(
            UrgencyGauges(
                urgency=urgency.value,
                open=row["open"],
                overdue=overdue.get(rank, 0),
                oldest_unreached_age=None if oldest is None else max(now - oldest, timedelta(0)),
            )
        )
    return gauges
