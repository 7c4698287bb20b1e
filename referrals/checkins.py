"""Follow-up check-ins: dispatch the post-referral check-ins that have fallen due.

``referrals.followups.schedule_check_ins`` creates one ``FollowUp`` per check-in day at referral time. When one
falls due, this job dispatches it once: ``dispatched_at`` puts it in the counsellor queue (``followups.due``), a line
goes on the timeline, and the person gets a discreet message offering a call where they consented and a channel is
safe. It works in chunks under ``SELECT ... FOR UPDATE SKIP LOCKED``, so memory stays flat however many are due and
two overlapping runs never dispatch the same check-in.
"""

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from messaging.models import Message
from messaging.services import publish_on_commit, queue_for_people
from referrals.models import CaseEvent, FollowUp

CHUNK_SIZE = 1000


def due_check_ins(now: datetime):
    """Automatic check-ins that are due and not dispatched yet, on cases that still hold a person."""
    return FollowUp.objects.filter(
        status=FollowUp.Status.PENDING,
        check_in_day__isnull=False,
        dispatched_at__isnull=True,
        due_at__lte=now,
        case__anonymised_at__isnull=True,
    )


def dispatch_chunk(now: datetime, chunk_size: int = CHUNK_SIZE) -> int:
    """Dispatch up to ``chunk_size`` due check-ins in one transaction; returns how many."""
    with transaction.atomic():
        batch = list(
            due_check_ins(now)
            .select_for_update(skip_locked=True, of=("self",))
            .select_related("case")
            .order_by("due_at", "pk")[:chunk_size]
        )
        if not batch:
            return 0
        FollowUp.objects.filter(pk__in=[f.pk for f in batch], dispatched_at__isnull=True).update(dispatched_at=now)
        CaseEvent.objects.bulk_create(
            CaseEvent(
                case_id=f.case_id,
                kind=CaseEvent.Kind.FOLLOW_UP,
                summary=f"Check-in due (day {f.check_in_day}): added to the queue",
                data={"follow_up": f.pk},
            )
            for f in batch
        )
        messages = queue_for_people(Message.Kind.CHECK_IN, [(f.case, f"check-in:follow-up:{f.pk}") for f in batch])
        publish_on_commit(messages)
        return len(batch)


def dispatch_due_check_ins(now: datetime | None = None, *, chunk_size: int = CHUNK_SIZE) -> int:
    """Periodic job: dispatch every due check-in, a chunk at a time. Returns how many were dispatched."""
    now = now or timezone.now()
    total = 0
    while count := dispatch_chunk(now, chunk_size):
        total += count
    return total
