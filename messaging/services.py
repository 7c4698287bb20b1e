"""The outbox: queue a message with its event, hand it to the worker, send it once, re-drive what got stuck.

How "nothing lost; to a person, never twice" holds (see also ``shared/design/perf-security.md`` §2):

* **Queued with the event.** ``queue`` writes the row inside the caller's transaction; a unique ``key`` means the
  same event can't queue the same message twice. Only ids go to the broker, and only after commit
  (``publish_on_commit``), so a rolled-back event sends nothing and the worker always finds the row.
* **Broker down.** Publishing gives up after a fraction of a second and the request carries on; the row stays
  ``queued`` and the outbox sweep (every minute) hands it over again once it has been untouched for
  ``MESSAGING_REDRIVE_AFTER`` seconds.
* **Claimed, then sent.** ``deliver`` takes the row with ``SELECT ... FOR UPDATE SKIP LOCKED``, checks it is
  still ``queued`` and commits it as ``sending`` *before* asking the provider; then it holds the row's lock for
  the call and marks the outcome. A second delivery of the same task (a broker redelivery, the sweep, a retry)
  finds the row locked (being sent: it leaves it), or done.
* **A crash mid-send.** A row found ``sending`` with its lock free was being sent by a worker that died (the lock
  dies with its connection), so nobody knows whether the provider took it. A message to a person is then marked
  ``unknown`` and never sent again by itself: it shows on the case and in the supervisor view for a person to
  decide (a lost confirmation costs little; a second discreet text can out someone). Staff alerts go again: at
  least once. The redelivered task or, failing that, the outbox sweep finds such rows.
* **Retries.** Transient errors (provider unreachable, 5xx/429) are retried with capped exponential backoff and
  jitter, up to ``MESSAGING_MAX_ATTEMPTS``; permanent ones (an address the provider refuses) fail at once. No
  answer after the request went out (``UnconfirmedSendError``) is ``unknown`` for a person, a retry for staff.
  Staff see failures and unknown deliveries on the case timeline and can ``retry`` them.
"""

import logging
import random
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from messaging import alerts, channels
from messaging.models import Message
from messaging.policy import person_route, quiet_until
from messaging.rendering import render
from messaging.signals import StatusNote, notify
from messaging.sms import PermanentSendError, SendError, UnconfirmedSendError

logger = logging.getLogger(__name__)

MAX_BACKOFF_SECONDS = 600  # below the broker's visibility timeout, so a retry countdown never loops


@dataclass(frozen=True)
class Outcome:
    status: str  # sent, failed, cancelled, deferred, retry, skipped, unknown
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
        alerts.after_giving_up(message)
    elif status == Message.Status.UNKNOWN:
        timeline(message, f"{label}: delivery unknown ({reason})")
        logger.warning("messaging: message %s delivery unknown: %s", message.pk, reason)
    else:
        timeline(message, f"{label} not sent: {reason}")
        logger.info("messaging: message %s cancelled: %s", message.pk, reason)
        alerts.after_giving_up(message)


INTERRUPTED = "the send was interrupted, so it may or may not have arrived; check before sending again"


def _interrupted(message: Message, *, now) -> None:
    """A send that began and never finished (its worker died): a message to a person becomes ``unknown``, never
    sent again by itself; a staff alert is queued again (at least once). The caller holds the row's lock."""
    if message.for_person:
        _finish(message, Message.Status.UNKNOWN, INTERRUPTED, now=now)
    else:
        message.status = Message.Status.QUEUED
        message.save(update_fields=["status"])
        logger.warning("messaging: message %s was interrupted mid-send; sending it again", message.pk)


def _claim(message_id: int, now) -> Outcome | tuple[str, str]:
    """Commit the message as ``sending`` and return its channel and address, or the outcome if there is nothing to
    send now."""
    with transaction.atomic():
        message = (
            Message.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("case", "to_user")
            .filter(pk=message_id)
            .first()
        )
        if message is None:
            return Outcome("skipped")  # being sent right now by another worker, or gone
        if message.status == Message.Status.SENDING:
            _interrupted(message, now=now)
        if message.status != Message.Status.QUEUED:
            return Outcome(message.status if message.status == Message.Status.UNKNOWN else "skipped")
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
        else:
            channel, address = message.channel, message.to_address
            if not address:
                _finish(message, Message.Status.CANCELLED, "no address", now=now)
                return Outcome("cancelled")
        message.status, message.channel, message.next_attempt_at = Message.Status.SENDING, channel, now
        message.attempts += 1
        message.save(update_fields=["status", "channel", "next_attempt_at", "attempts"])
    return channel, address


def deliver(message_id: int) -> Outcome:
    """Send one outbox message if it is still queued. Safe to call any number of times, concurrently."""
    now = timezone.now()
    claimed = _claim(message_id, now)
    if isinstance(claimed, Outcome):
        return claimed
    channel, address = claimed
    with transaction.atomic():
        # Held for the provider call: a lock that is free while the row says "sending" means its worker died.
        message = Message.objects.select_for_update(of=("self",)).select_related("case", "to_user").get(pk=message_id)
        if message.status != Message.Status.SENDING:
            return Outcome("skipped")  # judged interrupted in the moment between claiming and locking: not sent
        try:
            with transaction.atomic():  # a savepoint, so an error in here leaves the row lock usable
                rendered = render(message, channel)
        except Exception as error:  # nothing went out
            return _retry_or_fail(message, f"unexpected error ({type(error).__name__})", now=now)
        try:
            message.provider_ref = channels.send(message, channel, address, rendered)[:100]
        except PermanentSendError as error:
            _finish(message, Message.Status.FAILED, str(error), now=now)
            return Outcome("failed")
        except Exception as error:
            reason = str(error) if isinstance(error, SendError) else f"unexpected error ({type(error).__name__})"
            may_have_gone = isinstance(error, UnconfirmedSendError) or not isinstance(error, SendError)
            if may_have_gone and message.for_person:
                _finish(message, Message.Status.UNKNOWN, reason, now=now)
                return Outcome("unknown")
            return _retry_or_fail(message, reason, now=now)
        _finish(message, Message.Status.SENT, now=now)
        return Outcome("sent")


def _retry_or_fail(message: Message, reason: str, *, now) -> Outcome:
    """After a try that certainly sent nothing (or a staff alert's unconfirmed one): queue it again after a
    backoff, or fail it after ``MESSAGING_MAX_ATTEMPTS`` tries."""
    if message.attempts >= settings.MESSAGING_MAX_ATTEMPTS:
        _finish(message, Message.Status.FAILED, f"{reason}; gave up after {message.attempts} tries", now=now)
        return Outcome("failed")
    delay = backoff(message.attempts)
    message.status = Message.Status.QUEUED
    message.next_attempt_at = now + timedelta(seconds=delay)
    message.last_error = reason[:200]
    message.save(update_fields=["status", "next_attempt_at", "last_error"])
    logger.warning("messaging: message %s try %s failed (%s); next in %ss", message.pk, message.attempts, reason, delay)
    return Outcome("retry", retry_in=delay)


def sweep(now=None, *, chunk_size: int = 500) -> int:
    """Hand queued messages that nobody has touched for ``MESSAGING_REDRIVE_AFTER`` seconds to the worker again:
    those whose publish failed (broker down), whose task was lost, or whose quiet hours or backoff are over.
    Returns how many were handed over. Stops early while the broker is unreachable. First settles sends that a dead
    worker left ``sending`` (``recover_interrupted``)."""
    now = now or timezone.now()
    cutoff = now - timedelta(seconds=settings.MESSAGING_REDRIVE_AFTER)
    recover_interrupted(cutoff, now=now)
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


def recover_interrupted(started_before, *, now) -> int:
    """Settle messages left ``sending`` since before ``started_before`` whose lock is free (their worker died; a live
    send holds its lock): ``unknown`` for a person, queued again for staff. Returns how many."""
    with transaction.atomic():
        stuck = list(
            Message.objects.filter(status=Message.Status.SENDING, next_attempt_at__lte=started_before)
            .select_for_update(skip_locked=True, of=("self",))
            .select_related("case", "to_user")
        )
        for message in stuck:
            _interrupted(message, now=now)
    return len(stuck)


# --- Staff --------------------------------------------------------------------------------------------------------


def messages_for(case):
    """A case's messages, oldest first, for the case page: ``status_text`` reads "Failed: <reason>", and
    ``can_retry`` says whether to offer the retry button (``retry``)."""
    return case.messages.select_related("to_user").order_by("created_at", "pk")


def in_doubt(limit: int = 50):
    """Messages about cases whose delivery is unknown, oldest first, for a person to decide (the supervisor view)."""
    return (
        Message.objects.filter(status=Message.Status.UNKNOWN, case__isnull=False)
        .select_related("case")
        .order_by("next_attempt_at", "pk")[:limit]
    )


def retry(message: Message, *, by) -> bool:
    """Queue a failed message, or one whose delivery is unknown, again (a staff action, for a person to decide).
    False if it is neither any more."""
    with transaction.atomic():
        retryable = [Message.Status.FAILED, Message.Status.UNKNOWN]
        updated = Message.objects.filter(pk=message.pk, status__in=retryable).update(
            status=Message.Status.QUEUED, attempts=0, last_error="", next_attempt_at=timezone.now()
        )
        if not updated:
            return False
        message.refresh_from_db()
        timeline(message, f"{describe(message)} queued again", actor=by)
        publish_on_commit([message])
    logger.info("messaging: message %s queued again by staff", message.pk)
    return True
