"""Periodic job on intake data: purge unfinished drafts (logic in ``referrals.retention``)."""

from celery import shared_task

from referrals import retention


@shared_task(name="intake.purge_expired_drafts", ignore_result=True)
def purge_expired_drafts() -> int:
    return retention.purge_expired_drafts()
