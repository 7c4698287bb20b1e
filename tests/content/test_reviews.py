"""The medical review schedule: which live pages are due (the weekly reminder lists them)."""

import datetime

import pytest

from content.models import TreatmentPage, text_fingerprint
from content.reviews import pages_due_for_review
from tests.content.factories import TreatmentPageFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 22)


def reviewed(days_ago, interval=365, **kwargs) -> TreatmentPage:
    """A page as a reviewer's approval ``days_ago`` left it (the approval itself: tests/content/test_workflow.py)."""
    page = TreatmentPageFactory(review_interval_days=interval, **kwargs)
    on = TODAY - datetime.timedelta(days=days_ago)
    TreatmentPage.objects.filter(pk=page.pk).update(
        reviewer_name="Dr. Ada Lovelace", last_reviewed=on, next_review_due=on + datetime.timedelta(days=interval),
        reviewed_fingerprint=text_fingerprint(page.summary, page.body),
    )  # fmt: skip
    return TreatmentPage.objects.get(pk=page.pk)


def test_due_pages_are_the_overdue_the_due_today_and_the_never_reviewed_most_overdue_first():
    never = TreatmentPageFactory(title="Never")
    long_overdue = reviewed(500, title="Long overdue")
    due_today = reviewed(365, title="Due today")
    overdue = reviewed(100, interval=90, title="Overdue")
    reviewed(364, title="Due tomorrow")
    reviewed(10, title="Fresh")
    reviewed(500, title="Draft", live=False)

    assert list(pages_due_for_review(TODAY)) == [never, long_overdue, overdue, due_today]


def test_a_change_to_the_text_puts_a_reviewed_page_back_on_the_list():
    page = reviewed(10)
    assert list(pages_due_for_review(TODAY)) == []

    page.body = "<p>New advice.</p>"
    page.save_revision().publish()

    assert list(pages_due_for_review(TODAY)) == [page]
