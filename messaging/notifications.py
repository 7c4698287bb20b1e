"""Which messages each event queues, and to whom. Called inside the event's own transaction.

Every key says what the message is for, so running an event's code twice never queues a second copy:
``confirmation:case:<id>``, ``urgent-alert:case:<id>:<recipient>``, ``escalation:case:<id>:level:<n>:<recipient>``,
``check-in:follow-up:<id>``, ``content-review:<ISO week>:<recipient>``.
"""

import hashlib

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import QuerySet

from accounts.roles import CONTENT_EDITORS, COUNSELLORS, SUPERVISORS
from messaging.models import Message
from messaging.services import publish_on_commit, queue, queue_for_person
from referrals.models import CaseEvent, Urgency

ALERT_URGENCIES = frozenset({Urgency.EMERGENCY, Urgency.URGENT})


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


def _to_staff(recipients, *, key: str, kind: str, case=None, context=None) -> list[Message]:
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


def case_opened(case) -> list[Message]:
    """A case was just opened (``referrals.cases.open_case``): confirm to the person, alert on-call if urgent."""
    messages = [queue_for_person(case, Message.Kind.CONFIRMATION, key=f"confirmation:case:{case.pk}")]
    if case.urgency in ALERT_URGENCIES:
        messages += urgent_alerts(case)
    publish_on_commit(messages)
    return [m for m in messages if m is not None]


def urgent_alerts(case) -> list[Message]:
    recipients = on_call_recipients()
    messages = _to_staff(recipients, key=f"urgent-alert:case:{case.pk}", kind=Message.Kind.URGENT_ALERT, case=case)
    summary = (
        f"On-call alerted by email ({len(recipients)} recipient{'s' if len(recipients) != 1 else ''})"
        if recipients
        else "On-call alert not sent: nobody on call has an email address"
    )
    CaseEvent.objects.create(case=case, kind=CaseEvent.Kind.MESSAGE, summary=summary)
    return messages


def escalation_alerts(case, level: int) -> list[Message]:
    """E-mails to every active supervisor for escalation ``level`` of ``case`` (the caller publishes them)."""
    recipients = [(user, user.email) for user in staff_in(SUPERVISORS)]
    return _to_staff(
        recipients,
        key=f"escalation:case:{case.pk}:level:{level}",
        kind=Message.Kind.ESCALATION,
        case=case,
        context={"level": level},
    )


def check_in(follow_up) -> Message | None:
    """The discreet check-in message for a dispatched follow-up, if the person consented and a channel is safe."""
    return queue_for_person(follow_up.case, Message.Kind.CHECK_IN, key=f"check-in:follow-up:{follow_up.pk}")


def content_review_reminders(paths: list[str], week: str) -> list[Message]:
    """This ``week``'s reminder to every active content editor, listing the staff pages of the pages due."""
    recipients = [(user, user.email) for user in staff_in(CONTENT_EDITORS)]
    return _to_staff(
        recipients,
        key=f"content-review:{week}",
        kind=Message.Kind.CONTENT_REVIEW,
        context={"count": len(paths), "paths": paths},
    )
