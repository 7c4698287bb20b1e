"""The medical review schedule: which pages are due (the weekly reminder) and how the admin labels them."""

import datetime

import pytest

from content.reviews import ReviewState, pages_due_for_review, review_state
from tests.content.factories import PageFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 22)


def reviewed(days_ago, interval=365, **kwargs):
    return PageFactory(last_reviewed=TODAY - datetime.timedelta(days=days_ago), review_interval_days=interval, **kwargs)


def test_due_pages_are_the_overdue_the_due_today_and_the_never_reviewed_most_overdue_first():
    never = PageFactory(title="Never", last_reviewed=None)
    long_overdue = reviewed(500, title="Long overdue")
    due_today = reviewed(365, title="Due today")
    overdue = reviewed(100, interval=90, title="Overdue")
    reviewed(364, title="Due tomorrow")
    reviewed(10, title="Fresh")
    reviewed(500, title="Draft", status="draft")

    assert list(pages_due_for_review(TODAY)) == [never, long_overdue, overdue, due_today]


def test_a_new_review_date_takes_a_page_off_the_list():
    page = reviewed(400)
    assert list(pages_due_for_review(TODAY)) == [page]
    page.last_reviewed = TODAY
    page.save()
    assert list(pages_due_for_review(TODAY)) == []
    assert page.review_due == TODAY + datetime.timedelta(days=365)


@pytest.mark.parametrize(
    ("last_reviewed", "kind", "label"),
    [
        (None, "never", "Never reviewed"),
        (datetime.date(2025, 11, 1), "overdue", "Overdue since 1 Nov 2026"),
        (datetime.date(2025, 11, 22), "overdue", "Overdue since 22 Nov 2026"),
        (datetime.date(2025, 11, 23), "soon", "Due 23 Nov 2026 (in 1 day)"),
        (datetime.date(2025, 12, 22), "soon", "Due 22 Dec 2026 (in 30 days)"),
        (datetime.date(2026, 1, 1), "ok", "Up to date (due 1 Jan 2027)"),
    ],
)
def test_review_state_labels(last_reviewed, kind, label):
    page = PageFactory.build(last_reviewed=last_reviewed, review_interval_days=365)
    page.review_due = last_reviewed + datetime.timedelta(days=365) if last_reviewed else None
    assert review_state(page, TODAY) == ReviewState(kind, label)
