"""What a page's template needs, shared by the public page and the editors' preview so both look the same."""

from content.models import Page


def page_context(page: Page, *, preview: bool = False) -> dict:
    return {
        "page": page,
        "sources": list(page.sources.all()),
        "related_pages": list(page.related.published().exclude(pk=page.pk).in_navigation_order()),
        "preview": preview,
    }


def navigation():
    """Published pages with their group, in navigation order (one query); templates group them with regroup."""
    return Page.objects.published().select_related("group").in_navigation_order()
