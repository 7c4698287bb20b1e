"""content.revisions without the admin."""

import datetime

import pytest

from content.revisions import record_revision, restore_revision
from tests.content.factories import PageFactory, SourceFactory

pytestmark = pytest.mark.django_db


def test_revisions_are_numbered_per_page_and_snapshot_sources_and_related_pages():
    page, other = PageFactory(title="A"), PageFactory(title="B", slug="b")
    SourceFactory(page=page, title="S1", accessed=datetime.date(2026, 11, 1))
    page.related.set([other])

    first = record_revision(page, note="Initial content")
    second = record_revision(page)
    record_revision(other)

    assert (first.number, second.number, other.revisions.get().number) == (1, 2, 1)
    assert first.snapshot["sources"] == [
        {"title": "S1", "publisher": "SAMHSA", "url": first.snapshot["sources"][0]["url"], "accessed": "2026-11-01"}
    ]
    assert first.snapshot["related"] == ["b"]


def test_restore_brings_back_wording_review_and_sources_but_keeps_address_and_status():
    page = PageFactory(title="Old title", body="Old body", status="published", last_reviewed=datetime.date(2026, 1, 1))
    SourceFactory(page=page, title="Old source")
    related = PageFactory(slug="related")
    page.related.set([related])
    old = record_revision(page)

    page.title, page.body, page.slug, page.status, page.last_reviewed = "New", "New body", "moved", "draft", None
    page.save()
    page.sources.all().delete()
    page.related.clear()
    record_revision(page)

    restored = restore_revision(old)

    page.refresh_from_db()
    assert (page.title, page.body, page.last_reviewed) == ("Old title", "Old body", datetime.date(2026, 1, 1))
    assert (page.slug, page.status) == ("moved", "draft")
    assert [s.title for s in page.sources.all()] == ["Old source"]
    assert list(page.related.all()) == [related]
    assert "Old body" in page.body_html
    assert (restored.number, restored.note) == (3, "Restored revision 1")
    assert restored.snapshot["body"] == "Old body"


def test_restore_skips_related_pages_that_no_longer_exist():
    page, gone = PageFactory(), PageFactory(slug="gone")
    page.related.set([gone])
    revision = record_revision(page)
    gone.delete()
    restore_revision(revision)
    assert page.related.count() == 0
