"""SLA escalation: open cases past their due time whose person hasn't been reached go to the supervisors, once per
level. Unsuccessful attempts (no answer, voicemail, ...) don't stop it: the target is reaching the person.

Level *n* is reached ``ESCALATION_STEPS_MINUTES[n-1]`` minutes after the case's due time (default 0, 60, 240: at
the due time, an hour later, four hours later). Each level is escalated once: the case row is locked, the level is
checked against ``Case.escalation_level`` and the levels already on the timeline, and the new level, its timeline
line and the supervisors' e-mails are written in one transaction. A job that was down for a while jumps straight to
the current level with one line and one e-mail, instead of replaying the levels it missed.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from messaging.services import publish_on_commit
from referrals.models import Case, CaseEvent
from referrals.notifications import escalation_alerts


def level_at(due_at: datetime, now: datetime) -> int:
    """The escalation level a case due at ``due_at`` and not reached has reached at ``now``."""
    return sum(1 for minutes in settings.ESCALATION_STEPS_MINUTES if now >= due_at + timedelta(minutes=minutes))


def overdue_cases(now: datetime):
    """Open cases past their due time whose person hasn't been reached."""
    return Case.objects.open().filter(reached_at__isnull=True, due_at__lt=now, anonymised_at__isnull=True)


def _escalated_level(case: Case) -> int:
    """The highest level already escalated: the case field, or the timeline if a stale save ever reset the field."""
    on_timeline = case.events.filter(kind=CaseEvent.Kind.ESCALATION).values_list("data", flat=True)
    return max([case.escalation_level, *(int(data.get("level", 0)) for data in on_timeline)])


def escalate(case_id: int, now: datetime) -> int | None:
    """Escalate one case to the level it has reached, if it hasn't been yet. Returns the new level or None."""
    with transaction.atomic():
        case = overdue_cases(now).select_for_update(of=("self",)).filter(pk=case_id).first()
        if case is None:  # reached or closed since it was selected
            return None
        level = level_at(case.due_at, now)
        if level <= _escalated_level(case):
            return None
        Case.objects.filter(pk=case.pk).update(escalation_level=level)
        messages = escalation_alerts(case, level)
        late = int((now - case.due_at).total_seconds() // 60)
        attempts = case.contact_attempts
        CaseEvent.objects.create(
            case=case,
            kind=CaseEvent.Kind.ESCALATION,
            summary=(
                f"Escalated to supervisors (level {level}): not reached {late} min after the due time, "
                f"{attempts} unsuccessful attempt{'s' if attempts != 1 else ''}; "
                f"{len(messages)} supervisor{'s' if len(messages) != 1 else ''} emailed"
            ),
            data={"level": level},
        )
        publish_on_commit(messages)
        return level


def escalate_overdue(now: datetime | None = None) -> int:
    """Periodic job: escalate every overdue case that has reached a new level. Returns how many were escalated."""
    now = now or timezone.now()
    steps = settings.ESCALATION_STEPS_MINUTES
    if not steps:
        return 0
    # Ids only (overdue cases are few); each case is then escalated in its own short transaction.
    candidates = list(overdue_cases(now).filter(escalation_level__lt=len(steps)).values_list("pk", flat=True))
    return sum(1 for case_id in candidates if escalate(case_id, now) is not None)
