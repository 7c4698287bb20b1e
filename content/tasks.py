"""Weekly reminder to content editors: the live treatment pages whose medical review is due or that have none.

The e-mail lists the pages' staff (admin) links and their number, not their titles: titles name medicines, and
no message the app sends carries a clinical word (see ``messaging.rendering``). Sent once per ISO week — the key
of each e-mail holds the week — on the first run after ``CONTENT_REVIEW_REMINDER_WEEKDAY`` at
``CONTENT_REVIEW_REMINDER_HOUR`` (clinic time), so a run missed on Monday still sends on Tuesday.
"""

from datetime import datetime, timedelta

from celery import shared_task
from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from content.reviews import pages_due_for_review
from messaging.notifications import content_review_reminders
from messaging.services import publish_on_commit


def staff_path(page) -> str:
    """The page's editor in the CMS (its id only, no title or slug in the address)."""
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def reminder_due(now: datetime) -> tuple[bool, str]:
    """Whether this week's reminder time has come, and the ISO week it belongs to (e.g. ``2026-W47``)."""
    local = timezone.localtime(now)
    year, week, weekday = local.isocalendar()
    monday = local.date() - timedelta(days=weekday - 1)
    due = timezone.make_aware(
        datetime.combine(monday + timedelta(days=settings.CONTENT_REVIEW_REMINDER_WEEKDAY), datetime.min.time())
        + timedelta(hours=settings.CONTENT_REVIEW_REMINDER_HOUR)
    )
    return local >= due, f"{year}-W{week:02d}"


def send_review_reminders(now: datetime | None = None) -> int:
    """Queue this week's reminder to each content editor, if due and not sent yet. Returns how many were queued."""
    now = now or timezone.now()
    due, week = reminder_due(now)
    if not due:
        return 0
    pages = list(pages_due_for_review(timezone.localdate(now)))
    if not pages:
        return 0
    paths = list(dict.fromkeys(staff_path(page) for page in pages))
    with transaction.atomic():
        queued = content_review_reminders(paths, week)
        publish_on_commit(queued)
    return len(queued)


@shared_task(name="content.send_review_reminders", ignore_result=True)
def send_review_reminders_task() -> int:
    return send_review_reminders()
