"""Weekly content review reminder to content editors."""

from datetime import date, datetime, timedelta

import pytest
from django.utils import timezone

from accounts.roles import CONTENT_EDITORS
from content.tasks import reminder_due, send_review_reminders
from messaging.models import Message
from tests.content.factories import TreatmentPageFactory
from tests.content.test_reviews import reviewed
from tests.jobs.support import staff

pytestmark = pytest.mark.django_db

# Monday 16 November 2026, clinic time.
MONDAY = date(2026, 11, 16)


def at(day, hour, minute=0):
    return timezone.make_aware(datetime.combine(day, datetime.min.time()) + timedelta(hours=hour, minutes=minute))


@pytest.mark.parametrize(
    ("moment", "due"),
    [
        (at(MONDAY, 8, 59), False),
        (at(MONDAY, 9, 0), True),
        (at(MONDAY + timedelta(days=2), 3), True),  # missed Monday: Wednesday still sends
        (at(MONDAY + timedelta(days=6), 23), True),
        (at(MONDAY - timedelta(days=1), 23), True),  # the previous week's Sunday
    ],
)
def test_the_reminder_is_due_from_monday_9am_each_week(moment, due):
    assert reminder_due(moment)[0] is due


def test_each_iso_week_has_its_own_key():
    assert reminder_due(at(MONDAY, 10))[1] == "2026-W47"
    assert reminder_due(at(MONDAY + timedelta(days=6), 10))[1] == "2026-W47"
    assert reminder_due(at(MONDAY + timedelta(days=7), 10))[1] == "2026-W48"


@pytest.fixture
def overdue_pages():
    return [
        reviewed(400),
        TreatmentPageFactory(),  # never reviewed
        TreatmentPageFactory(live=False),  # drafts don't count
    ]


def test_editors_get_one_reminder_a_week_listing_the_pages_due(overdue_pages, committed, mailoutbox):
    staff(CONTENT_EDITORS, email="editor@example.org")
    staff(CONTENT_EDITORS, email="")  # nowhere to send it
    assert committed(send_review_reminders, at(MONDAY, 9, 30)) == 1
    assert committed(send_review_reminders, at(MONDAY, 10, 30)) == 0
    assert committed(send_review_reminders, at(MONDAY + timedelta(days=3), 10)) == 0
    (email,) = mailoutbox
    assert email.to == ["editor@example.org"] and email.subject == "2 pages due for review"
    for page in overdue_pages[:2]:
        assert f"/cms/pages/{page.pk}/edit/" in email.body
    assert f"/cms/pages/{overdue_pages[2].pk}/" not in email.body
    assert committed(send_review_reminders, at(MONDAY + timedelta(days=7), 9, 30)) == 1
    assert len(mailoutbox) == 2
    assert Message.objects.filter(kind="content_review", key__startswith="content-review:2026-W48").count() == 1


def test_nothing_due_means_no_reminder(committed, mailoutbox):
    staff(CONTENT_EDITORS, email="editor@example.org")
    reviewed(0)
    assert committed(send_review_reminders, at(MONDAY, 9, 30)) == 0
    assert mailoutbox == []


def test_before_the_weekly_time_nothing_is_sent(overdue_pages, committed, mailoutbox):
    staff(CONTENT_EDITORS, email="editor@example.org")
    assert committed(send_review_reminders, at(MONDAY, 8)) == 0
    assert mailoutbox == []
