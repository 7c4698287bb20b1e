"""Periodic jobs on intake data: purge unfinished drafts, anonymise intakes that opened no case (logic in
``intake.retention``)."""

from celery import shared_task

from intake import retention


@shared_task(name="intake.purge_expired_drafts", ignore_result=True)
def purge_expired_drafts() -> int:
    return retention.purge_expired_drafts()


@shared_task(name="intake.anonymise_unlinked_intakes", ignore_result=True)
def anonymise_unlinked_intakes() -> int:
    return retention.anonymise_unlinked_intakes()
