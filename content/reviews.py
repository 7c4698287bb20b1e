"""Medical review schedule of the pages."""

from dataclasses import dataclass
from datetime import date

from django.db.models import F, Q

from content.models import Page, PageQuerySet

DUE_SOON_DAYS = 30


@dataclass(frozen=True)
class ReviewState:
    kind: str  # "never", "overdue", "soon" or "ok"
    label: str


def review_state(page: Page, today: date) -> ReviewState:
    due = page.review_due
    if due is None:
        return ReviewState("never", "Never reviewed")
    if due <= today:
        return ReviewState("overdue", f"Overdue since {due:%-d %b %Y}")
    days = (due - today).days
    if days <= DUE_SOON_DAYS:
        return ReviewState("soon", f"Due {due:%-d %b %Y} (in {days} day{'s' if days != 1 else ''})")
    return ReviewState("ok", f"Up to date (due {due:%-d %b %Y})")


def pages_due_for_review(today: date) -> PageQuerySet:
    """Published pages whose medical review is due on or before ``today``, or that were never reviewed, the most
    overdue first (never reviewed before everything else).

    Drafts are left out: review keeps live pages accurate, and a draft is reviewed before it is published.
    """
    return (
        Page.objects.published()
        .filter(Q(review_due__lte=today) | Q(review_due__isnull=True))
        .select_related("group")
        .order_by(F("review_due").asc(nulls_first=True), "title")
    )
