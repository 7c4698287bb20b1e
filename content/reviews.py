"""Medical review schedule of the published pages."""

from datetime import date

from django.db.models import F, Q

from content.models import Page, PageQuerySet


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
