"""Queue metrics for supervisors, and the de-identified CSV export.

"Time to first contact" runs from the case opening to the first contact attempt of any outcome
(``Case.first_contact_at``). Cases not yet contacted are left out of the median and 90th percentile and counted
separately, so a backlog shows up instead of hiding. "Referred" means the case has at least one referral.
Percentiles use the inclusive method (``statistics.quantiles``), which interpolates between observed values.
"""

import statistics
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, OuterRef, Q

from accounts.roles import COUNSELLORS, SUPERVISORS
from referrals.models import OPEN_STATUSES, Case, Referral, Urgency

WINDOWS = (7, 30)


@dataclass(frozen=True)
class WindowStats:
    days: int
    opened: int
    contacted: int
    not_contacted: int
    median_minutes: float | None
    p90_minutes: float | None
    referred: int

    @property
    def referred_share(self) -> float | None:
        return self.referred / self.opened if self.opened else None

    @property
    def referred_percent(self) -> int | None:
        share = self.referred_share
        return None if share is None else round(share * 100)


def open_by_urgency() -> list[tuple[str, str, int]]:
    counts = dict(
        Case.objects.filter(status__in=OPEN_STATUSES, anonymised_at__isnull=True)
        .values_list("urgency")
        .annotate(n=Count("pk"))
        .values_list("urgency", "n")
    )
    return [(u.value, u.label, counts.get(u.value, 0)) for u in Urgency]


def overdue_now(now: datetime) -> int:
    return Case.objects.overdue(now).count()


def percentile(values: list[float], fraction: float) -> float | None:
    if not values:
        return None
    if len(values) == 1:
        return values[0]
    cuts = statistics.quantiles(values, n=100, method="inclusive")
    return cuts[round(fraction * 100) - 1]


def window(days: int, now: datetime) -> WindowStats:
    rows = list(
        Case.objects.filter(created_at__gte=now - timedelta(days=days))
        .annotate(has_referral=Exists(Referral.objects.filter(case=OuterRef("pk"))))
        .values_list("created_at", "first_contact_at", "has_referral")
    )
    waits = sorted((first - created).total_seconds() / 60 for created, first, _ in rows if first is not None)
    return WindowStats(
        days=days,
        opened=len(rows),
        contacted=len(waits),
        not_contacted=len(rows) - len(waits),
        median_minutes=statistics.median(waits) if waits else None,
        p90_minutes=percentile(waits, 0.9),
        referred=sum(1 for *_, referred in rows if referred),
    )


def workload(now: datetime):
    """Per counsellor (and supervisor): open cases assigned, how many overdue or urgent, referrals in 30 days."""
    open_q = Q(assigned_cases__status__in=OPEN_STATUSES)
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name__in=(COUNSELLORS, SUPERVISORS))
        .distinct()
        .annotate(
            open_cases=Count("assigned_cases", filter=open_q, distinct=True),
            overdue_cases=Count(
                "assigned_cases",
                filter=open_q & Q(assigned_cases__first_contact_at__isnull=True, assigned_cases__due_at__lt=now),
                distinct=True,
            ),
            urgent_cases=Count(
                "assigned_cases",
                filter=open_q & Q(assigned_cases__urgency__in=(Urgency.EMERGENCY, Urgency.URGENT)),
                distinct=True,
            ),
        )
        .order_by("-open_cases", "username")
    )


CSV_COLUMNS = (
    "opened_date",
    "source",
    "urgency",
    "status",
    "due_met",
    "minutes_to_first_contact",
    "unsuccessful_attempts",
    "referrals",
    "assigned_to",
    "closed_date",
)


def csv_rows(days: int, now: datetime):
    """One row per case opened in the last ``days`` days, without personal data: no reference, no contact details,
    no flags or answers, and dates rather than times."""
    cases = (
        Case.objects.filter(created_at__gte=now - timedelta(days=days))
        .select_related("assigned_to")
        .annotate(referral_count=Count("referrals"))
        .order_by("created_at")
    )
    for case in cases:
        minutes = (
            round((case.first_contact_at - case.created_at).total_seconds() / 60)
            if case.first_contact_at
            else ""
        )
        due_met = "" if case.first_contact_at is None else ("yes" if case.first_contact_at <= case.due_at else "no")
        yield (
            case.created_at.date().isoformat(),
            case.source,
            case.urgency,
            case.status,
            due_met,
            minutes,
            case.contact_attempts,
            case.referral_count,
            case.assigned_to.get_username() if case.assigned_to else "",
            case.closed_at.date().isoformat() if case.closed_at else "",
        )
