"""Periodic jobs on cases. Scheduled in ``config.celery.PERIODIC_JOBS``; each takes no arguments and is safe to
run twice or concurrently (see the modules they call)."""

from celery import shared_task

from referrals import checkins, escalation, retention


@shared_task(name="referrals.escalate_overdue", ignore_result=True)
def escalate_overdue() -> int:
    return escalation.escalate_overdue()


@shared_task(name="referrals.dispatch_check_ins", ignore_result=True)
def dispatch_check_ins() -> int:
    return checkins.dispatch_due_check_ins()


@shared_task(name="referrals.anonymise_closed_cases", ignore_result=True)
def anonymise_closed_cases() -> int:
    return retention.anonymise_closed_cases()
