"""Retention of cases: anonymise closed cases, and log how many without the data itself.

Closed cases are anonymised ``CLOSED_CASE_RETENTION_DAYS`` (730) after closing: the person's details, what they
wrote and what the questionnaire found about them are removed; the rows stay, with urgency, source, status and
timestamps, so the queue metrics keep their counts. Their queued messages are cancelled (``messaging.retention``)
and their intakes anonymised by the intake app, which listens to ``cases_anonymised`` (it sits above this one).

Each run writes one ``PurgeLog`` row (count and cutoff only), also when nothing was due, so the log shows the job
ran. Work happens in chunks, each in its own transaction. Drafts and intakes without a case: ``intake.retention``.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from messaging import retention as messaging_retention
from referrals.models import OPEN_STATUSES, BestTime, Case, CaseEvent, FollowUp, PurgeLog
from referrals.signals import cases_anonymised

CHUNK_SIZE = 500
ANONYMISED_CASES = "anonymised_cases"


def cases_to_anonymise(cutoff: datetime):
    """Cases closed before the cutoff and not anonymised yet."""
    return (
        Case.objects.exclude(status__in=OPEN_STATUSES)
        .filter(closed_at__isnull=False, closed_at__lt=cutoff, anonymised_at__isnull=True)
    )


def anonymise(case_ids: list[int], now: datetime) -> int:
    """Remove personal and health data from these cases and everything hanging off them. Returns how many."""
    with transaction.atomic():
        count = Case.objects.filter(pk__in=case_ids, anonymised_at__isnull=True).update(
            first_name="",
            phone="",
            phone_e164="",
            email="",
            own_words="",
            answers_so_far={},
            flags=[],
            best_time=BestTime.ANY,
            voicemail_safe=False,
            text_safe=False,
            anonymised_at=now,
        )
        CaseEvent.objects.filter(case_id__in=case_ids).exclude(body="").update(body="")
        FollowUp.objects.filter(case_id__in=case_ids, status=FollowUp.Status.PENDING).update(
            status=FollowUp.Status.CANCELLED
        )
        # Counsellor-written follow-up reasons may say something about the person; the check-in ones don't.
        FollowUp.objects.filter(case_id__in=case_ids, check_in_day__isnull=True).update(reason="(removed)")
        messaging_retention.cancel_queued(case_ids, reason="the case has been anonymised")
        cases_anonymised.send(sender=Case, case_ids=case_ids, now=now)
    return count


def anonymise_closed_cases(now: datetime | None = None) -> int:
    """Periodic job: anonymise every case closed longer than the retention period. Returns how many."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.CLOSED_CASE_RETENTION_DAYS)
    total = 0
    while ids := list(cases_to_anonymise(cutoff).order_by("pk").values_list("pk", flat=True)[:CHUNK_SIZE]):
        done = anonymise(ids, now)
        total += done
        if done == 0:
            break
    PurgeLog.objects.create(kind=ANONYMISED_CASES, count=total, cutoff=cutoff)
    return total
