"""When a case is due: by urgency, counted in the clinic's business hours.

Configured in settings ``CASE_DUE`` (durations and business-day rules per urgency), ``BUSINESS_HOURS``
(start and end hour, working weekdays) and ``CLINIC_HOLIDAYS`` (ISO dates). Emergency and urgent cases are due
in wall-clock time (the on-call rota covers them); soon and routine cases in business days.
"""

from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.utils import timezone


def _business_hours():
    return settings.BUSINESS_HOURS


def is_business_day(day: date) -> bool:
    return day.weekday() in _business_hours()["weekdays"] and day.isoformat() not in settings.CLINIC_HOLIDAYS


def next_business_day(day: date) -> date:
    day += timedelta(days=1)
    while not is_business_day(day):
        day += timedelta(days=1)
    return day


def end_of_business_day(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(_business_hours()["end_hour"])))


def is_open(at: datetime) -> bool:
    """Whether the clinic is staffed at ``at``: a business day, between the start and end hour (clinic time)."""
    local = timezone.localtime(at)
    hours = _business_hours()
    return is_business_day(local.date()) and hours["start_hour"] <= local.hour < hours["end_hour"]


def next_opening(at: datetime) -> datetime:
    """When the clinic next opens after ``at`` (``at``'s own day if it is a business day and still before opening)."""
    local = timezone.localtime(at)
    day = local.date()
    if not (is_business_day(day) and local.hour < _business_hours()["start_hour"]):
        day = next_business_day(day)
    return timezone.make_aware(datetime.combine(day, time(_business_hours()["start_hour"])))


def due_at(urgency: str, opened_at: datetime) -> datetime:
    """The moment a case opened at ``opened_at`` with ``urgency`` must have had its first contact."""
    rule = settings.CASE_DUE[urgency]
    if "minutes" in rule:
        return opened_at + timedelta(minutes=rule["minutes"])
    local_day = timezone.localtime(opened_at).date()
    day = local_day
    for _ in range(rule["business_days"]):
        day = next_business_day(day)
    return end_of_business_day(day)


def add_business_hours(start: datetime, hours: float) -> datetime:
    """``start`` plus ``hours`` of clinic time: the clock runs only on business days, between the start and end
    hour (a request at 4 pm plus 4 business hours is due at 12 noon the next business day)."""
    remaining = timedelta(hours=hours)
    day = timezone.localtime(start).date()
    moment = start
    while True:
        opening = timezone.make_aware(datetime.combine(day, time(_business_hours()["start_hour"])))
        closing = end_of_business_day(day)
        moment = max(moment, opening)
        if is_business_day(day) and moment < closing:
            if moment + remaining <= closing:
                return moment + remaining
            remaining -= closing - moment
        day = next_business_day(day)


def next_attempt_due(urgency: str, attempted_at: datetime) -> datetime:
    """When the next contact attempt is due after an unsuccessful one at ``attempted_at`` (settings
    ``CONTACT_RETRY``)."""
    rule = settings.CONTACT_RETRY[urgency]
    if "minutes" in rule:
        return attempted_at + timedelta(minutes=rule["minutes"])
    return add_business_hours(attempted_at, rule["business_hours"])
