"""What a treatment page's template needs, shared by the public page and the CMS preview so both look the same."""

from django.utils import timezone

from content.models import TreatmentPage
from content.rendering import render_body


def page_context(page: TreatmentPage, request=None) -> dict:
    related = [link.related for link in page.related_links.select_related("related")]
    review = page.medical_review
    return {
        "body_html": render_body(page).html,
        "review": review,
        # Past due, the page stays up and says so.
        "review_overdue": review is not None and review.next_due <= timezone.localdate(),
        "sources": list(page.sources.all()),
        "related_pages": [p for p in related if p.live and p.pk != page.pk],
        "preview": bool(getattr(request, "is_preview", False)),
    }


def navigation():
    """Live pages with their group, in navigation order (one query); templates group them with regroup."""
    return TreatmentPage.objects.live().select_related("group").order_by("group__order", "group__name", "path")
