"""Retention of messages: the outbox holds no personal data (addresses are read at send time), so nothing is
purged on a timer; a message still queued for a case that is being anonymised is cancelled instead of sent."""

from messaging.models import Message


def cancel_queued(case_ids: list[int], *, reason: str) -> int:
    """Cancel the queued messages of these cases. Returns how many."""
    return Message.objects.filter(case_id__in=case_ids, status=Message.Status.QUEUED).update(
        status=Message.Status.CANCELLED, last_error=reason
    )
