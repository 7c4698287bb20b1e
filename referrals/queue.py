"""What the counsellor queue shows: the filtered, ordered cases a page at a time, the counts per urgency, due
follow-ups.

Every function runs a fixed number of queries whatever the number of cases (tests/referrals/test_queue.py holds
the budget), and each reads rows in proportion to what it shows, not to the table (bench/README.md has the plans
at a million cases): pages go by keyset (the position after the last row shown) rather than a growing OFFSET, the
caption's count stops at ``COUNT_CAP``, and the per-urgency counts, which read every open case, are cached for
``COUNTS_CACHE_SECONDS``.
"""

from dataclasses import dataclass
from datetime import datetime

from django.core import signing
from django.core.cache import cache
from django.db.models import Count, F, Q

# Row-value comparison ("after this position in queue order"): Django 5.2's tuple lookups (made for composite
# primary keys) write (a, b, c, d) > (...) on PostgreSQL, which the index reads as a range, and an equivalent OR
# on SQLite.
from django.db.models.fields.tuple_lookups import Tuple, TupleGreaterThan, TupleLessThan
from django.db.models.functions import Right

from referrals import access, followups
from referrals.models import OPEN_IN_QUEUE, OPEN_STATUSES, QUEUE_ORDER, URGENCY_RANK, Case, Urgency, overdue_q

PAGE_SIZE = 25
FOLLOW_UPS_SHOWN = 10
COUNT_CAP = 1000
COUNTS_CACHE_KEY = "referrals:queue-counts"
COUNTS_CACHE_SECONDS = 30
CURSOR_SALT = "referrals.queue.page"


@dataclass(frozen=True)
class Filters:
    scope: str = "all"
    status: str = "open"
    urgency: str = ""
    overdue: bool = False

    @classmethod
    def from_form(cls, form) -> "Filters":
        if not form.is_valid():
            return cls()
        data = form.cleaned_data
        return cls(
            scope=data["scope"] or "all",
            status=data["status"] or "open",
            urgency=data["urgency"] or "",
            overdue=data["overdue"],
        )


def cases(user, filters: Filters, now, search: dict | None = None):
    qs = Case.objects.filter(anonymised_at__isnull=True).select_related("assigned_to")
    if search:
        # A search looks at every status unless a status was chosen: people call back about closed cases too.
        if search["kind"] == "reference":
            qs = qs.filter(reference=search["value"])
        else:
            # "Ends in" these digits (at least 4; of a whole number, its last 10), through ``case_phone_search``.
            qs = qs.alias(phone_last4=Right("phone_e164", 4)).filter(
                phone_last4=search["value"][-4:], phone_e164__endswith=search["value"][-10:]
            )
    if filters.status == "open" and not search:
        qs = qs.filter(status__in=OPEN_STATUSES)
    else:
        if filters.status not in ("open", "any"):
            qs = qs.filter(status=filters.status)
        if not access.is_supervisor(user):  # closed cases: only the counselor who had them (referrals.access)
            qs = qs.filter(Q(closed_at__isnull=True) | Q(assigned_to=user))
    if filters.scope == "mine":
        qs = qs.filter(assigned_to=user)
    elif filters.scope == "unassigned":
        qs = qs.filter(assigned_to__isnull=True)
    if filters.urgency:
        qs = qs.filter(urgency_rank=URGENCY_RANK[filters.urgency])  # the column the queue's indexes lead with
    if filters.overdue:
        qs = qs.filter(overdue_q(now))
    return qs.in_queue_order()


@dataclass(frozen=True)
class Page:
    rows: list
    count: int  # at most COUNT_CAP + 1: "more than COUNT_CAP"
    next_cursor: str = ""
    previous_cursor: str = ""

    @property
    def count_is_capped(self) -> bool:
        return self.count > COUNT_CAP


def _cursor(case: Case) -> str:
    """An opaque, signed position in queue order (no personal data; a tampered one shows the first page)."""
    position = [case.urgency_rank, case.due_at.isoformat(), case.created_at.isoformat(), case.pk]
    return signing.dumps(position, salt=CURSOR_SALT)


def _position(cursor: str) -> tuple | None:
    try:
        rank, due_at, created_at, pk = signing.loads(cursor, salt=CURSOR_SALT)
        return rank, datetime.fromisoformat(due_at), datetime.fromisoformat(created_at), pk
    except (signing.BadSignature, ValueError, TypeError):
        return None


def page(qs, *, after: str = "", before: str = "") -> Page:
    """The page of ``qs`` (in queue order) after the ``after`` cursor, or before the ``before`` one, or the first."""
    key = Tuple(*(F(field) for field in QUEUE_ORDER))
    position = _position(after or before) if (after or before) else None
    backwards = position is not None and not after
    rows = qs
    if position is not None:
        rows = rows.filter(TupleLessThan(key, position) if backwards else TupleGreaterThan(key, position))
    if backwards:
        rows = rows.reverse()
    rows = list(rows[: PAGE_SIZE + 1])
    more = len(rows) > PAGE_SIZE
    rows = rows[:PAGE_SIZE]
    if backwards:
        rows.reverse()
    has_next, has_previous = (True, more) if backwards else (more, position is not None)
    return Page(
        rows=rows,
        count=qs.order_by()[: COUNT_CAP + 1].count(),
        next_cursor=_cursor(rows[-1]) if rows and has_next else "",
        previous_cursor=_cursor(rows[0]) if rows and has_previous else "",
    )


def counts(now) -> dict:
    """Open cases per urgency, overdue ones, and unassigned ones: one query, then cached briefly (it reads every
    open case; the rows below it are always live)."""
    cached = cache.get(COUNTS_CACHE_KEY)
    if cached is not None:
        return cached
    open_cases = Case.objects.filter(OPEN_IN_QUEUE)
    aggregates = {u.value: Count("pk", filter=Q(urgency_rank=URGENCY_RANK[u])) for u in Urgency}
    aggregates["overdue"] = Count("pk", filter=overdue_q(now))
    aggregates["unassigned"] = Count("pk", filter=Q(assigned_to__isnull=True))
    aggregates["total"] = Count("pk")
    result = open_cases.aggregate(**aggregates)
    cache.set(COUNTS_CACHE_KEY, result, COUNTS_CACHE_SECONDS)
    return result


def due_follow_ups(now):
    """Up to ``FOLLOW_UPS_SHOWN`` due follow-ups (and whether there are more): one query."""
    rows = list(followups.due(now).select_related("case", "case__assigned_to")[: FOLLOW_UPS_SHOWN + 1])
    return rows[:FOLLOW_UPS_SHOWN], len(rows) > FOLLOW_UPS_SHOWN
