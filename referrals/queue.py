"""What the counsellor queue shows: the filtered, ordered cases, the counts per urgency, due follow-ups.

Every function returns a fixed number of queries whatever the number of cases (tests/referrals/test_queue.py holds
the budget).
"""

from dataclasses import dataclass

from django.db.models import CharField, Count, Q, Value
from django.db.models.functions import Replace

from referrals import followups
from referrals.models import OPEN_STATUSES, Case, Urgency

PAGE_SIZE = 25
FOLLOW_UPS_SHOWN = 10


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


def _phone_digits(field: str = "phone"):
    """The phone number with the usual separators removed, computed by the database (works on SQLite too)."""
    expression = field
    for separator in (" ", "-", "(", ")", ".", "+"):
        expression = Replace(expression, Value(separator), Value(""), output_field=CharField())
    return expression


def cases(user, filters: Filters, now, search: dict | None = None):
    qs = Case.objects.filter(anonymised_at__isnull=True).select_related("assigned_to")
    if search:
        # A search looks at every status unless a status was chosen: people call back about closed cases too.
        if search["kind"] == "reference":
            qs = qs.filter(reference=search["value"])
        else:
            qs = qs.alias(phone_digits=_phone_digits()).filter(phone_digits__endswith=search["value"][-10:])
    if filters.status == "open" and not search:
        qs = qs.filter(status__in=OPEN_STATUSES)
    elif filters.status not in ("open", "any"):
        qs = qs.filter(status=filters.status)
    if filters.scope == "mine":
        qs = qs.filter(assigned_to=user)
    elif filters.scope == "unassigned":
        qs = qs.filter(assigned_to__isnull=True)
    if filters.urgency:
        qs = qs.filter(urgency=filters.urgency)
    if filters.overdue:
        qs = qs.filter(first_contact_at__isnull=True, due_at__lt=now, status__in=OPEN_STATUSES)
    return qs.in_queue_order()


def counts(now) -> dict:
    """Open cases per urgency, overdue ones, and unassigned ones: one query."""
    open_cases = Case.objects.filter(status__in=OPEN_STATUSES, anonymised_at__isnull=True)
    aggregates = {u.value: Count("pk", filter=Q(urgency=u.value)) for u in Urgency}
    aggregates["overdue"] = Count("pk", filter=Q(first_contact_at__isnull=True, due_at__lt=now))
    aggregates["unassigned"] = Count("pk", filter=Q(assigned_to__isnull=True))
    aggregates["total"] = Count("pk")
    return open_cases.aggregate(**aggregates)


def due_follow_ups(now):
    """Up to ``FOLLOW_UPS_SHOWN`` due follow-ups (and whether there are more): one query."""
    rows = list(followups.due(now).select_related("case", "case__assigned_to")[: FOLLOW_UPS_SHOWN + 1])
    return rows[:FOLLOW_UPS_SHOWN], len(rows) > FOLLOW_UPS_SHOWN
