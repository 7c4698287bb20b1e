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
from datetime import date, datetime, timedelta

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db.models import Count, DurationField, Exists, ExpressionWrapper, F, OuterRef, Q, Sum
from django.db.models.functions import TruncWeek
from django.utils import timezone

from accounts.roles import COUNSELLORS, SUPERVISORS
from messaging.models import Message
from referrals import queue
from referrals.aggregates import PercentileCont
from referrals.charts import trend_chart
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


# --- Reaching people: per urgency and per week, over a date range ------------------------------------------------
# "Time to reached" runs from the case opening to the first time a counselor spoke to the person
# (``Case.reached_at``); "within target" means reached by the due time, out of the cases already due or reached (a
# case not due yet can still make it); "attempts per reached person" counts every attempt, the one that reached them
# included. Alerts (urgent-case alerts) and escalations are the staff e-mails sent or failed for those cases.


@dataclass(frozen=True)
class ReachStats:
    urgency: str
    week: date | None  # the Monday of the week; None for the whole range
    opened: int
    reached: int
    due_or_reached: int
    within_target: int
    median_minutes: float | None
    p90_minutes: float | None
    attempts_by_reached: int
    alerts_sent: int = 0
    alerts_failed: int = 0
    escalations_sent: int = 0
    escalations_failed: int = 0

    @property
    def within_target_percent(self) -> int | None:
        return round(100 * self.within_target / self.due_or_reached) if self.due_or_reached else None

    @property
    def attempts_per_reached(self) -> float | None:
        return round(self.attempts_by_reached / self.reached, 1) if self.reached else None


def reach(start: date, end: date, now: datetime) -> tuple[list[ReachStats], list[ReachStats]]:
    """Cases opened from ``start`` to ``end`` (clinic dates, inclusive): per urgency over the range, and per urgency
    and week. Three grouped aggregate queries (weekly cases, staff e-mails, whole-range percentiles), whatever the
    number of cases."""
    zone = timezone.get_current_timezone()
    cases = Case.objects.filter(created_at__date__gte=start, created_at__date__lte=end)
    to_reach = ExpressionWrapper(F("reached_at") - F("created_at"), output_field=DurationField())
    reached = Q(reached_at__isnull=False)
    rows = (
        cases.values(week=TruncWeek("created_at", tzinfo=zone), urgency_key=F("urgency"))
        .annotate(
            opened=Count("pk"),
            reached=Count("pk", filter=reached),
            due_or_reached=Count("pk", filter=reached | Q(due_at__lte=now)),
            within_target=Count("pk", filter=Q(reached_at__lte=F("due_at"))),
            median=PercentileCont(to_reach, 0.5),
            p90=PercentileCont(to_reach, 0.9),
            attempts=Sum(F("contact_attempts") + 1, filter=reached),
        )
        .order_by("week", "urgency_key")
    )
    mail = (
        Message.objects.filter(case__in=cases, kind__in=(Message.Kind.URGENT_ALERT, Message.Kind.ESCALATION))
        .values(week=TruncWeek("case__created_at", tzinfo=zone), urgency_key=F("case__urgency"), message_kind=F("kind"))
        .annotate(sent=Count("pk", filter=Q(status=Message.Status.SENT)),
                  failed=Count("pk", filter=Q(status=Message.Status.FAILED)))
        .order_by()
    )
    sent = {}
    for row in mail:
        prefix = "alerts" if row["message_kind"] == Message.Kind.URGENT_ALERT else "escalations"
        key = (_day(row["week"]), row["urgency_key"])
        sent.setdefault(key, {}).update({f"{prefix}_sent": row["sent"], f"{prefix}_failed": row["failed"]})
    weekly = [
        ReachStats(
            urgency=row["urgency_key"], week=_day(row["week"]), opened=row["opened"], reached=row["reached"],
            due_or_reached=row["due_or_reached"], within_target=row["within_target"],
            median_minutes=_minutes(row["median"]), p90_minutes=_minutes(row["p90"]),
            attempts_by_reached=row["attempts"] or 0, **sent.get((_day(row["week"]), row["urgency_key"]), {}),
        )
        for row in rows
    ]
    return _whole_range(cases, weekly, now), weekly


def _day(week) -> date:
    return week.date() if isinstance(week, datetime) else week


def _whole_range(cases, weekly: list[ReachStats], now: datetime) -> list[ReachStats]:
    """Per urgency over the whole range: counts add up from the weeks; percentiles don't, so one more aggregate."""
    to_reach = ExpressionWrapper(F("reached_at") - F("created_at"), output_field=DurationField())
    percentiles = {
        row["urgency"]: row
        for row in cases.values("urgency").annotate(median=PercentileCont(to_reach, 0.5),
                                                     p90=PercentileCont(to_reach, 0.9)).order_by()
    }
    totals = []
    for urgency in Urgency:
        weeks = [row for row in weekly if row.urgency == urgency]
        summed = {name: sum(getattr(row, name) for row in weeks) for name in _COUNTS}
        found = percentiles.get(urgency.value, {})
        totals.append(ReachStats(urgency=urgency.value, week=None, median_minutes=_minutes(found.get("median")),
                                 p90_minutes=_minutes(found.get("p90")), **summed))
    return totals


def reach_charts(weekly: list[ReachStats], start: date, end: date) -> list:
    """The weekly trends of ``reach``: % reached within target, and the median hours to reached, per urgency."""
    mondays = []
    monday = start - timedelta(days=start.weekday())
    while monday <= end:
        mondays.append(monday)
        monday += timedelta(weeks=1)
    found = {(row.week, row.urgency): row for row in weekly}

    def series(figure):
        return [
            (urgency.label, f"trend--{urgency.value}",
             [figure(found[(week, urgency.value)]) if (week, urgency.value) in found else None for week in mondays])
            for urgency in Urgency
        ]

    def hours(row):
        return None if row.median_minutes is None else round(row.median_minutes / 60, 1)

    labels = [f"{week:%b} {week.day}" for week in mondays]
    return [
        trend_chart("trend-within-target", "Reached within target, per week", labels,
                    series(lambda row: row.within_target_percent), top=100, unit="%"),
        trend_chart("trend-median", "Median time to reached, per week (hours)", labels, series(hours), unit=" h"),
    ]


_COUNTS = ("opened", "reached", "due_or_reached", "within_target", "attempts_by_reached", "alerts_sent",
           "alerts_failed", "escalations_sent", "escalations_failed")


CSV_COLUMNS = (
    "opened_date",
    "source",
    "urgency",
    "status",
    "due_met",
    "minutes_to_first_contact",
    "minutes_to_reached",
    "reached_within_target",
    "unsuccessful_attempts",
    "referrals",
    "assigned_to",
    "closed_date",
)


def _minutes_between(start: datetime, end: datetime | None):
    return "" if end is None else round((end - start).total_seconds() / 60)


def csv_rows(start: date, end: date):
    """One row per case opened from ``start`` to ``end`` (clinic dates), without personal data: no reference, no
    contact details, no flags or answers, and dates rather than times."""
    cases = (
        Case.objects.filter(created_at__date__gte=start, created_at__date__lte=end)
        .select_related("assigned_to")
        .annotate(referral_count=Count("referrals"))
        .order_by("created_at")
    )
    for case in cases:
        due_met = "" if case.first_contact_at is None else ("yes" if case.first_contact_at <= case.due_at else "no")
        within_target = "" if case.reached_at is None else ("yes" if case.reached_at <= case.due_at else "no")
        yield (
            case.created_at.date().isoformat(),
            case.source,
            case.urgency,
            case.status,
            due_met,
            _minutes_between(case.created_at, case.first_contact_at),
            _minutes_between(case.created_at, case.reached_at),
            within_target,
            case.contact_attempts,
            case.referral_count,
            case.assigned_to.get_username() if case.assigned_to else "",
            case.closed_at.date().isoformat() if case.closed_at else "",
        )
