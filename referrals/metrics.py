"""Queue metrics for supervisors, and the de-identified CSV export.

"Time to first contact" runs from the case opening to the first contact attempt of any outcome
(``Case.first_contact_at``). Cases not yet contacted are left out of the median and 90th percentile and counted
separately, so a backlog shows up instead of hiding. "Referred" means the case has at least one referral.
Percentiles interpolate between observed values (``percentile_cont``, the inclusive method).

Every figure is a SQL aggregate (``window``: one query per window; ``workload``: one grouped query over open
cases), so the database returns numbers, never rows. The whole page's figures are computed together
(``snapshot``) and kept for ``SNAPSHOT_CACHE_SECONDS``: they read every open case and every case of the last 30
days, which at a million cases is too much to do on each view, and a minute's delay changes nothing a supervisor
decides. To add a figure, add an aggregate to ``window`` (cases opened in the window) or ``workload`` (open cases
per person) and a field to their result.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db.models import Count, DurationField, Exists, ExpressionWrapper, F, OuterRef, Q

from accounts.roles import COUNSELLORS, SUPERVISORS
from referrals import queue
from referrals.aggregates import PercentileCont
from referrals.models import OPEN_IN_QUEUE, URGENCY_RANK, Case, Referral, Urgency, overdue_q

WINDOWS = (7, 30)
SNAPSHOT_CACHE_KEY = "referrals:supervisor-metrics"
SNAPSHOT_CACHE_SECONDS = 60


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


def _minutes(duration: timedelta | None) -> float | None:
    return None if duration is None else duration.total_seconds() / 60


def window(days: int, now: datetime) -> WindowStats:
    """Cases opened in the last ``days`` days: one aggregate query."""
    waited = ExpressionWrapper(F("first_contact_at") - F("created_at"), output_field=DurationField())
    totals = Case.objects.filter(created_at__gte=now - timedelta(days=days)).aggregate(
        opened=Count("pk"),
        contacted=Count("first_contact_at"),
        referred=Count("pk", filter=Q(Exists(Referral.objects.filter(case=OuterRef("pk"))))),
        median=PercentileCont(waited, 0.5),
        p90=PercentileCont(waited, 0.9),
    )
    return WindowStats(
        days=days,
        opened=totals["opened"],
        contacted=totals["contacted"],
        not_contacted=totals["opened"] - totals["contacted"],
        median_minutes=_minutes(totals["median"]),
        p90_minutes=_minutes(totals["p90"]),
        referred=totals["referred"],
    )


def workload(now: datetime) -> list:
    """Each active counsellor and supervisor, with ``open_cases``, ``overdue_cases`` and ``urgent_cases`` (emergency
    or urgent) among the open cases assigned to them, busiest first: two queries, the staff and one grouped
    aggregate over open cases."""
    loads = {
        row.pop("assigned_to"): row
        for row in Case.objects.filter(OPEN_IN_QUEUE, assigned_to__isnull=False)
        .values("assigned_to")
        .annotate(
            open_cases=Count("pk"),
            overdue_cases=Count("pk", filter=overdue_q(now)),
            urgent_cases=Count("pk", filter=Q(urgency_rank__lte=URGENCY_RANK[Urgency.URGENT])),
        )
        .order_by()
    }
    idle = {"open_cases": 0, "overdue_cases": 0, "urgent_cases": 0}
    staff = list(
        get_user_model().objects.filter(is_active=True, groups__name__in=(COUNSELLORS, SUPERVISORS)).distinct()
    )
    for person in staff:
        for name, value in loads.get(person.pk, idle).items():
            setattr(person, name, value)
    return sorted(staff, key=lambda person: (-person.open_cases, person.get_username()))


@dataclass(frozen=True)
class Snapshot:
    as_of: datetime
    by_urgency: list[tuple[str, str, int]]  # (urgency, label, open cases)
    overdue: int
    windows: list[WindowStats]
    workload: list


def snapshot(now: datetime) -> Snapshot:
    """Everything the supervisor view shows, as of at most ``SNAPSHOT_CACHE_SECONDS`` ago."""
    cached = cache.get(SNAPSHOT_CACHE_KEY)
    if cached is not None:
        return cached
    counts = queue.counts(now)
    result = Snapshot(
        as_of=now,
        by_urgency=[(u.value, u.label, counts[u.value]) for u in Urgency],
        overdue=counts["overdue"],
        windows=[window(days, now) for days in WINDOWS],
        workload=workload(now),
    )
    cache.set(SNAPSHOT_CACHE_KEY, result, SNAPSHOT_CACHE_SECONDS)
    return result


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
