"""Celery tasks for the outbox. Arguments are ids only: no personal data ever reaches the broker."""

from celery import shared_task

from messaging import services


@shared_task(bind=True, name="messaging.deliver", acks_late=True, ignore_result=True, max_retries=None)
def deliver(self, message_id: int) -> str:
    """Send one outbox message if it is still queued; idempotent (see ``messaging.services``)."""
    outcome = services.deliver(message_id)
    if outcome.retry_in is not None and not self.request.is_eager:
        # The row already holds the attempt count and the next try time; this is the fast path, and the outbox
        # sweep is the safety net if the retry itself is lost. In-process (no broker), the sweep does the retry.
        raise self.retry(countdown=outcome.retry_in)
    return outcome.status


@shared_task(name="messaging.sweep_outbox", ignore_result=True)
def sweep_outbox() -> int:
    """Periodic: hand stuck, deferred or due-for-retry messages to the worker again."""
    return services.sweep()
