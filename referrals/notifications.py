"""Which messages each case event queues, and to whom, through the outbox (``messaging``). Called inside the event's
own transaction. Also writes the outbox's news about a case's messages on its timeline.

Every key says what the message is for, so running an event's code twice never queues a second copy:
``confirmation:case:<id>``, ``urgent-alert:case:<id>:<recipient>``, ``escalation:case:<id>:level:<n>:<recipient>``,
and the check-ins' ``check-in:follow-up:<id>`` (``referrals.checkins``).
"""

from accounts.roles import SUPERVISORS
from messaging import alerts
from messaging.models import Message
from messaging.notifications import on_call_recipients, staff_in, to_staff
from messaging.services import publish_on_commit, queue_for_person
from referrals.models import CaseEvent, Urgency

ALERT_URGENCIES = frozenset({Urgency.EMERGENCY, Urgency.URGENT})


def case_opened(case) -> list[Message]:
    """A case was just opened (``referrals.cases.open_case``): confirm to the person, alert on-call if urgent."""
    messages = [queue_for_person(case, Message.Kind.CONFIRMATION, key=f"confirmation:case:{case.pk}")]
    if case.urgency in ALERT_URGENCIES:
        messages += urgent_alerts(case)
    publish_on_commit(messages)
    return [m for m in messages if m is not None]


def urgent_alerts(case) -> list[Message]:
    recipients = on_call_recipients()
    messages = to_staff(recipients, key=f"urgent-alert:case:{case.pk}", kind=Message.Kind.URGENT_ALERT, case=case)
    summary = (
        f"On-call alerted by email ({len(recipients)} recipient{'s' if len(recipients) != 1 else ''})"
        if recipients
        else "On-call alert not sent: nobody on call has an email address"
    )
    if not recipients:
        alerts.flag(case.pk, "nobody on call has an email address")
    CaseEvent.objects.create(case=case, kind=CaseEvent.Kind.MESSAGE, summary=summary)
    return messages


def escalation_alerts(case, level: int) -> list[Message]:
    """E-mails to every active supervisor for escalation ``level`` of ``case`` (the caller publishes them)."""
    recipients = [(user, user.email) for user in staff_in(SUPERVISORS)]
    return to_staff(
        recipients,
        key=f"escalation:case:{case.pk}:level:{level}",
        kind=Message.Kind.ESCALATION,
        case=case,
        context={"level": level, "attempts": case.contact_attempts},
    )


def write_on_timelines(sender, notes, **kwargs) -> None:
    """Receiver of ``messaging.signals.message_status_changed``: one timeline line per note, in one query."""
    CaseEvent.objects.bulk_create(
        CaseEvent(case_id=note.case_id, kind=CaseEvent.Kind.MESSAGE, actor=note.actor, summary=note.summary,
                  data=note.data)
        for note in notes
    )
