"""Follow-ups on a case: the automatic post-referral check-ins and the ones counsellors schedule.

The background job (``referrals.checkins``) dispatches check-ins when they fall due; counsellors see due
follow-ups in the queue and mark them done on the case page.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Q

from referrals.models import Case, FollowUp


def schedule_check_ins(case: Case, referred_at: datetime, *, created_by=None) -> list[FollowUp]:
    """Create the check-ins due ``settings.FOLLOW_UP_CHECK_IN_DAYS`` days after ``referred_at``.

    Idempotent: a day that already has a check-in on this case (from an earlier referral) keeps it, so referring
    again never doubles the messages. Returns the check-ins created now.
    """
    existing = set(case.follow_ups.filter(check_in_day__isnull=False).values_list("check_in_day", flat=True))
    created = [
        FollowUp(
            case=case,
            check_in_day=day,
            due_at=referred_at + timedelta(days=day),
            reason=f"Check-in {day} day{'s' if day != 1 else ''} after referral",
            created_by=created_by,
        )
        for day in sorted(set(settings.FOLLOW_UP_CHECK_IN_DAYS))
        if day not in existing
    ]
    return FollowUp.objects.bulk_create(created)


def due(now: datetime):
    """Pending follow-ups that are due, or that the check-in job has already dispatched, soonest first."""
    return (
        FollowUp.objects.filter(status=FollowUp.Status.PENDING, case__anonymised_at__isnull=True)
        .filter(Q(due_at__lte=now) | Q(dispatched_at__isnull=False))
        .order_by("due_at")
    )
