"""Retention of intake data: purge what we no longer need, and log how much without the data itself.

* Unfinished intake drafts are deleted ``DRAFT_RETENTION_HOURS`` (24) after their last answer.
* Intakes submitted without contact details open no case, so no counsellor ever needs their answers; they are
  anonymised ``UNLINKED_INTAKE_RETENTION_DAYS`` (30) after submission, keeping only their urgency.
* The intake of a case is anonymised with its case (``referrals.retention``, through ``cases_anonymised``).

Each run writes one ``PurgeLog`` row per kind (count and cutoff only), also when nothing was due, so the log shows
the job ran. Work happens in chunks, each in its own transaction.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from intake.models import Intake, IntakeDraft
from referrals.models import PurgeLog

CHUNK_SIZE = 500
EXPIRED_DRAFTS = "expired_drafts"
ANONYMISED_UNLINKED_INTAKES = "anonymised_unlinked_intakes"


def expired_drafts(cutoff: datetime):
    return IntakeDraft.objects.filter(updated_at__lt=cutoff)


def purge_expired_drafts(now: datetime | None = None) -> int:
    """Delete drafts untouched since the cutoff. Returns how many were deleted."""
    now = now or timezone.now()
    cutoff = now - timedelta(hours=settings.DRAFT_RETENTION_HOURS)
    total = 0
    while ids := list(expired_drafts(cutoff).values_list("pk", flat=True)[:CHUNK_SIZE]):
        # Checked again on delete: a draft answered a moment ago stays.
        deleted, _ = expired_drafts(cutoff).filter(pk__in=ids).delete()
        total += deleted
        if deleted < len(ids):
            break
    PurgeLog.objects.create(kind=EXPIRED_DRAFTS, count=total, cutoff=cutoff)
    return total


def anonymise_intakes(intakes, now: datetime) -> int:
    """Clear answers and findings; only the urgency stays, because the metrics count by it."""
    count = 0
    for intake in intakes.filter(anonymised_at__isnull=True).only("pk", "result"):
        count += Intake.objects.filter(pk=intake.pk, anonymised_at__isnull=True).update(
            answers={},
            result={"urgency": intake.result.get("urgency")},
            consent_share_signed_name="",
            anonymised_at=now,
        )
    return count


def anonymise_intakes_of_cases(sender, case_ids: list[int], now: datetime, **kwargs) -> None:
    """Receiver of ``referrals.signals.cases_anonymised``: the intakes go with their cases, in the same transaction."""
    anonymise_intakes(Intake.objects.filter(case__pk__in=case_ids), now)


def unlinked_intakes_to_anonymise(cutoff: datetime):
    """Intakes that never opened a case (no contact details were given), submitted before the cutoff."""
    return Intake.objects.filter(case__isnull=True, submitted_at__lt=cutoff, anonymised_at__isnull=True)


def anonymise_unlinked_intakes(now: datetime | None = None) -> int:
    """Periodic job: anonymise intakes without a case once past their retention period. Returns how many."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.UNLINKED_INTAKE_RETENTION_DAYS)
    total = 0
    while ids := list(unlinked_intakes_to_anonymise(cutoff).order_by("pk").values_list("pk", flat=True)[:CHUNK_SIZE]):
        with transaction.atomic():
            done = anonymise_intakes(Intake.objects.filter(pk__in=ids), now)
        total += done
        if done == 0:
            break
    PurgeLog.objects.create(kind=ANONYMISED_UNLINKED_INTAKES, count=total, cutoff=cutoff)
    return total
