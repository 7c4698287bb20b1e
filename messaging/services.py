"""The outbox: queue a message with its event, hand it to the worker, send it once, re-drive what got stuck.

How "nothing lost, nothing twice" holds (see also ``shared/design/perf-security.md`` §2):

* **Queued with the event.** ``queue`` writes the row inside the caller's transaction; a unique ``key`` means the
  same event can't queue the same message twice. Only ids go to the broker, and only after commit
  (``publish_on_commit``), so a rolled-back event sends nothing and the worker always finds the row.
* **Broker down.** Publishing gives up after a fraction of a second and the request carries on; the row stays
  ``queued`` and the outbox sweep (every minute) hands it over again once it has been untouched for
  ``MESSAGING_REDRIVE_AFTER`` seconds.
* **Sent once.** ``deliver`` takes the row with ``SELECT ... FOR UPDATE SKIP LOCKED``, checks it is still
  ``queued``, sends, and marks it ``sent`` in the same transaction. A second delivery of the same task (a broker
  redelivery, the sweep, a retry) either finds the row locked and leaves it to the holder, or finds it ``sent``
  and does nothing. If the worker dies mid-send, PostgreSQL drops its connection, rolls back and releases the
  lock: the row is ``queued`` again and the redelivered task sends it. The one window left is a crash after the
  provider accepted and before the commit (milliseconds); the e-mail then goes again with the same Message-ID.
* **Retries.** Transient errors (timeouts, provider 5xx/429) are retried with capped exponential backoff and
  jitter, up to ``MESSAGING_MAX_ATTEMPTS``; permanent ones (an address the provider refuses) fail at once. Staff
  see failures on the case timeline and can ``retry`` them.
"""

import logging
import random
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from messaging import channels
from messaging.models import Message
from messaging.policy import person_route, quiet_until
from messaging.rendering import render
from messaging.signals import StatusNote, notify
from messaging.sms import PermanentSendError, SendError

logger = logging.getLogger(__name__)

MAX_BACKOFF_SECONDS = 600  # below the broker's visibility timeout, so a retry countdown never loops


@dataclass(frozen=True)
class Outcome:
    status: str  # sent, failed, cancelled, deferred, retry, skipped
    retry_in: int | None = None


def backoff(attempts: int) -> int:
    """Seconds before try ``attempts + 1``: 30, 60, 120 ... capped at 10 minutes, with jitter (half to full)."""
    ceiling = min(MAX_BACKOFF_SECONDS, 30 * 2 ** max(attempts - 1, 0))
    return random.randint(ceiling // 2, ceiling)


def describe(message: Message) -> str:
    label = message.get_kind_display()
    if message.for_person:
        return label
    recipient = message.to_user.get_username() if message.to_user else message.to_address
    return f"{label} to {recipient}"


def _note(message: Message, summary: str, *, actor=None) -> StatusNote:
    return StatusNote(message.case_id, summary[:200], {"message": message.pk, "status": message.status}, actor)


def timeline(message: Message, summary: str, *, actor=None) -> None:
    if message.case_id is not None:
        notify([_note(message, summary, actor=actor)])


# --- Queueing -----------------------------------------------------------------------------------------------------


def queue(*, key: str, kind: str, channel: str, case=None, to_user=None, to_address: str = "",
          context=None) -> Message | None:
    """Add a staff message to the outbox inside the current transaction, due now; None if ``key`` was queued
    before. (Messages to the person go through ``queue_for_people``.)

    The caller hands the returned messages to ``publish_on_commit``.
    """
    message, created = Message.objects.get_or_create(
        key=key,
        defaults={
            "kind": kind,
            "channel": channel,
            "case": case,
            "to_user": to_user,
            "to_address": to_address,
            "context": context or {},
            "next_attempt_at": timezone.now(),
        },
    )
    return message if created else None


def queue_for_people(kind: str, items) -> list[Message]:
    """Queue a discreet message of ``kind`` to each ``(case, key)`` in ``items``, in bulk: by the person's safe,
    consented channel, held through quiet hours, never twice per key. Writes a line on each case's timeline either
    way ("queued", or "not sent" and why), so staff can see whether the person heard from us. Returns the messages
    queued now."""
    label = Message.Kind(kind).label
    now = timezone.now()
    held_until = quiet_until(now)
    notes, candidates = [], []
    for case, key in items:
        route = person_route(case)
        if route:
            candidates.append(
                Message(key=key, kind=kind, channel=route.channel, case=case, next_attempt_at=held_until or now)
            )
        else:
            notes.append(StatusNote(case.pk, f"{label} not sent: {route.reason}"))
    existing = set(Message.objects.filter(key__in=[m.key for m in candidates]).values_list("key", flat=True))
    created = Message.objects.bulk_create([m for m in candidates if m.key not in existing])
    held = f", held until {timezone.localtime(held_until):%a %H:%M} (quiet hours)" if held_until else ""
    notes += [_note(message, f"{label} queued ({message.get_channel_display()}){held}") for message in created]
    notify(notes)
    return created


def queue_for_person(case, kind: str, key: str) -> Message | None:
    """``queue_for_people`` for one person; None if nothing was queued (no consent, no safe channel, or ``key``
    was queued before)."""
    created = queue_for_people(kind, [(case, key)])
    return created[0] if created else None


def publish(message_ids) -> bool:
    """Hand messages to the worker (in-process in the embedded default). False if the broker is unreachable: the
    rows stay queued for the outbox sweep, and the caller carries on."""
    from messaging.tasks import deliver

    message_ids = list(message_ids)
    if not message_ids:
        return True
    try:
        if deliver.app.conf.task_always_eager:
            for pk in message_ids:
                deliver.delay(pk)
        else:
            with deliver.app.producer_or_acquire() as producer:
                for pk in message_ids:
                    deliver.apply_async((pk,), producer=producer)
    except Exception as error:
        logger.warning(
            "messaging: could not hand %d message(s) to the worker (%s); the outbox sweep will retry",
            len(message_ids),
            type(error).__name__,
        )
        return False
    return True


def publish_on_commit(messages) -> None:
    """After the current transaction commits, publish those of ``messages`` that are due now."""
    now = timezone.now()
    ids = [m.pk for m in messages if m is not None and m.next_attempt_at <= now]
    if ids:
        transaction.on_commit(lambda: publish(ids), robust=True)


# --- Sending ------------------------------------------------------------------------------------------------------


def _finish(message: Message, status: str, reason: str = "", *, now) -> None:
    message.status = status
    message.last_error = reason[:200]
    if status == Message.Status.SENT:
        message.sent_at = now
    message.save(update_fields=["status", "last_error", "sent_at", "attempts", "provider_ref", "channel"])
    label = describe(message)
    if status == Message.Status.SENT:
        if message.for_person:
            timeline(message, f"{label} sent ({message.get_channel_display()})")
        logger.info("messaging: message %s sent", message.pk)
    elif status == Message.Status.FAILED:
        timeline(message, f"{label} failed: {reason}")
        logger.warning("messaging: message %s failed: %s", message.pk, reason)
    else:
        timeline(message, f"{label} not sent: {reason}")
        logger.info("messaging: message %s cancelled: %s", message.pk, reason)


def deliver(message_id: int) -> Outcome:
    """Send one outbox message if it is still queued. Safe to call any number of times, concurrently."""
    now = timezone.now()
    with transaction.atomic():
        message = (
            Message.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("case", "to_user")
            .filter(pk=message_id)
            .first()
        )
        if message is None or message.status != Message.Status.QUEUED:
            return Outcome("skipped")  # being sent right now by another worker, already done, or gone
        if message.for_person:
            route = person_route(message.case)
            if not route:
                _finish(message, Message.Status.CANCELLED, route.reason, now=now)
                return Outcome("cancelled")
            held_until = quiet_until(now)
            if held_until:
                message.next_attempt_at = held_until
                message.save(update_fields=["next_attempt_at"])
                return Outcome("deferred")
            channel, address = route.channel, route.address
            message.channel = channel
        else:
            channel, address = message.channel, message.to_address
            if not address:
                _finish(message, Message.Status.CANCELLED, "no address", now=now)
                return Outcome("cancelled")

        message.attempts += 1
        try:
            with transaction.atomic():  # a savepoint, so an error in here leaves the row lock usable
                message.provider_ref = channels.send(message, channel, address, render(message, channel))[:100]
        except PermanentSendError as error:
            _finish(message, Message.Status.FAILED, str(error), now=now)
            return Outcome("failed")
        except Exception as error:
            reason = str(error) if isinstance(error, SendError) else f"unexpected error ({type(error).__name__})"
            if message.attempts >= settings.MESSAGING_MAX_ATTEMPTS:
                _finish(message, Message.Status.FAILED, f"{reason}; gave up after {message.attempts} tries", now=now)
                return Outcome("failed")
            delay = backoff(message.attempts)
            message.next_attempt_at = now + timedelta(seconds=delay)
            message.last_error = reason[:200]
            message.save(update_fields=["attempts", "next_attempt_at", "last_error", "channel"])
            logger.warning("messaging: message %s try %s failed (%s); next in %ss", message.pk, message.attempts,
                           reason, delay)
            return Outcome("retry", retry_in=delay)
        _finish(message, Message.Status.SENT, now=now)
        return Outcome("sent")


def sweep(now=None, *, chunk_size: int = 500) -> int:
    """Hand queued messages that nobody has touched for ``MESSAGING_REDRIVE_AFTER`` seconds to the worker again:
    those whose publish failed (broker down), whose task was lost, or whose quiet hours or backoff are over.
    Returns how many were handed over. Stops early while the broker is unreachable."""
    now = now or timezone.now()
    cutoff = now - timedelta(seconds=settings.MESSAGING_REDRIVE_AFTER)
    total = 0
    while True:
        with transaction.atomic():
            ids = list(
                Message.objects.filter(status=Message.Status.QUEUED, next_attempt_at__lte=cutoff)
                .select_for_update(skip_locked=True)
                .order_by("next_attempt_at", "pk")
                .values_list("pk", flat=True)[:chunk_size]
            )
            if not ids:
                return total
            # Marked as handed over now, so the next sweep leaves them alone for another grace period.
            Message.objects.filter(pk__in=ids).update(next_attempt_at=now)
        if not publish(ids):
            return total
        total += len(ids)


# --- Staff --------------------------------------------------------------------------------------------------------


def messages_for(case):
    """A case's messages, oldest first, for the case page: ``status_text`` reads "Failed: <reason>", and
    ``can_retry`` says whether to offer the retry button (``retry``)."""
    return case.messages.select_related("to_user").order_by("created_at", "pk")


def retry(message: Message, *, by) -> bool:
    """Queue a failed message again (a staff action). False if it is no longer failed."""
    with transaction.atomic():
        updated = Message.objects.filter(pk=message.pk, status=Message.Status.FAILED).update(
            status=Message.Status.QUEUED, attempts=0, last_error="", next_attempt_at=timezone.now()
        )
        if not updated:
            return False
        message.refresh_from_db()
        timeline(message, f"{describe(message)} queued again", actor=by)
        publish_on_commit([message])
    logger.info("messaging: message %s queued again by staff", message.pk)
    return True
