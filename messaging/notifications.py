"""Messages to staff by role, for the apps that decide when (cases in ``referrals.notifications``, content reviews in
``content.tasks``). Called inside the event's own transaction.

Every key says what the message is for, with the recipient appended, so running an event's code twice never queues
a second copy (e.g. ``content-review:<ISO week>:<recipient>``).
"""

import hashlib

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import QuerySet

from accounts.roles import CONTENT_EDITORS, COUNSELLORS
from messaging.models import Message
from messaging.services import queue


def staff_in(group: str) -> QuerySet:
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name=group)
        .exclude(email="")
        .order_by("pk")
        .distinct()
    )


def _recipient_key(user, address: str) -> str:
    if user is not None:
        return f"user:{user.pk}"
    return "address:" + hashlib.sha256(address.lower().encode()).hexdigest()[:16]


def to_staff(recipients, *, key: str, kind: str, case=None, context=None) -> list[Message]:
    """Queue an e-mail of ``kind`` to each ``(user, address)`` in ``recipients``; returns those queued now."""
    queued = []
    for user, address in recipients:
        message = queue(
            key=f"{key}:{_recipient_key(user, address)}",
            kind=kind,
            channel=Message.Channel.EMAIL,
            case=case,
            to_user=user,
            to_address=address,
            context=context,
        )
        if message is not None:
            queued.append(message)
    return queued


def on_call_recipients() -> list[tuple]:
    """``ON_CALL_ALERT_EMAILS`` if set; else the active members of the on-call group; else all counsellors, so an
    urgent case never goes unannounced because nobody was put on call."""
    if settings.ON_CALL_ALERT_EMAILS:
        return [(None, address) for address in settings.ON_CALL_ALERT_EMAILS]
    users = list(staff_in(settings.ON_CALL_GROUP)) or list(staff_in(COUNSELLORS))
    return [(user, user.email) for user in users]


def content_review_reminders(paths: list[str], week: str) -> list[Message]:
    """This ``week``'s reminder to every active content editor, listing the staff pages of the pages due."""
    recipients = [(user, user.email) for user in staff_in(CONTENT_EDITORS)]
    return to_staff(
        recipients,
        key=f"content-review:{week}",
        kind=Message.Kind.CONTENT_REVIEW,
        context={"count": len(paths), "paths": paths},
    )
