"""Page revisions: a snapshot on every save, and restoring one (which is itself a new revision).

Snapshots are taken explicitly by every code path that saves a page (the admin after its inlines are saved, the
loader, restore), not in ``Page.save()``: sources and related pages are saved after the page itself, and a
snapshot taken in ``save()`` would miss them.
"""

from datetime import date

from django.db import transaction
from django.db.models import Max

from content.models import Page, PageRevision

# What a restore brings back. The address (slug) and the published/draft status stay as they are: restoring old
# wording must not move a page or put a withdrawn page back on the site.
RESTORED_FIELDS = (
    "title",
    "summary",
    "body",
    "reviewer_name",
    "reviewer_credentials",
    "review_interval_days",
    "order",
)


def snapshot(page: Page) -> dict:
    return {
        "title": page.title,
        "slug": page.slug,
        "summary": page.summary,
        "body": page.body,
        "status": page.status,
        "group": page.group.name,
        "order": page.order,
        "reviewer_name": page.reviewer_name,
        "reviewer_credentials": page.reviewer_credentials,
        "last_reviewed": page.last_reviewed.isoformat() if page.last_reviewed else None,
        "review_interval_days": page.review_interval_days,
        "sources": [
            {"title": s.title, "publisher": s.publisher, "url": s.url, "accessed": s.accessed.isoformat()}
            for s in page.sources.all()
        ],
        "related": [p.slug for p in page.related.order_by("title")],
    }


@transaction.atomic
def record_revision(page: Page, *, user=None, note: str = "") -> PageRevision:
    # Lock the page row so two saves at once can't take the same revision number.
    Page.objects.select_for_update().filter(pk=page.pk).first()
    latest = page.revisions.aggregate(latest=Max("number"))["latest"] or 0
    return PageRevision.objects.create(
        page=page, number=latest + 1, snapshot=snapshot(page), created_by=user, note=note[:200]
    )


@transaction.atomic
def restore_revision(revision: PageRevision, *, user=None) -> PageRevision:
    """Put the revision's wording, review details, sources and related pages back on its page and record that as
    a new revision. Related pages that no longer exist are left out."""
    page = Page.objects.select_for_update().get(pk=revision.page_id)
    data = revision.snapshot
    for field in RESTORED_FIELDS:
        setattr(page, field, data[field])
    page.last_reviewed = date.fromisoformat(data["last_reviewed"]) if data["last_reviewed"] else None
    page.save()
    page.sources.all().delete()
    page.sources.bulk_create(
        [
            page.sources.model(
                page=page,
                order=position,
                title=source["title"],
                publisher=source["publisher"],
                url=source["url"],
                accessed=date.fromisoformat(source["accessed"]),
            )
            for position, source in enumerate(data["sources"], start=1)
        ]
    )
    page.related.set(Page.objects.filter(slug__in=data["related"]).exclude(pk=page.pk))
    return record_revision(page, user=user, note=f"Restored revision {revision.number}")
