"""The public site: home, the page list, a page with its review, sources and related pages; drafts stay hidden.
The treatment pages are Wagtail pages, at the addresses they always had."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from content.loader import read_initial
from tests import two_factor
from tests.config.test_public_pages import CSS_IMPORT, EXTERNAL_URL
from tests.content.factories import PageGroupFactory, PageSourceFactory, TreatmentPageFactory
from tests.content.html_checks import live_dangers

pytestmark = pytest.mark.django_db

INITIAL_SLUGS = [page.slug for page in read_initial().pages]


@pytest.mark.parametrize("slug", INITIAL_SLUGS)
def test_every_initial_page_meets_the_public_page_rules(client, initial_content, slug):
    response = client.get(f"/pages/{slug}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert not EXTERNAL_URL.search(html)
    assert not CSS_IMPORT.search(html)
    assert 'href="/exit/"' in html and "Leave this site quickly" in html
    for number in ("911", "988", "1-800-662-4357"):
        assert number in html
    assert 'href="/help-now/"' in html
    assert html.count("<h1") == 1
    assert live_dangers(html) == []
    assert 'id="source-1"' in html and 'id="source-2"' in html
    # Loaded, never approved: no claim of a review, and no placeholder text.
    assert "Not yet medically reviewed." in html
    assert "Medically reviewed by" not in html and "medical reviewer name" not in html
    assert len(response.content) <= 60 * 1024


def test_home_offers_the_three_paths_and_the_pages(client, initial_content):
    html = client.get("/").content.decode()
    for path in ('href="/intake/"', 'href="/callback/"', 'href="/help-now/"'):
        assert path in html
    assert 'href="/pages/methadone/"' in html
    assert html.count("<h1") == 1


def test_the_index_groups_published_pages_in_order_and_hides_drafts(client):
    first, second = PageGroupFactory(name="Understanding", order=1), PageGroupFactory(name="Treatment", order=2)
    TreatmentPageFactory(title="Buprenorphine", group=second)
    TreatmentPageFactory(title="Methadone", group=second)
    TreatmentPageFactory(title="Withdrawal", group=first)
    TreatmentPageFactory(title="Secret draft", group=first, live=False)

    html = client.get("/pages/").content.decode()

    positions = [
        html.index(text) for text in ("Understanding", "Withdrawal", "Treatment", "Buprenorphine", "Methadone")
    ]
    assert positions == sorted(positions)
    assert "Secret draft" not in html


def queries_for(path, client) -> int:
    client.get(path)  # Wagtail caches the site's root paths on the first request
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


def test_the_index_lists_pages_in_one_query_whatever_their_number(client):
    TreatmentPageFactory()
    one = queries_for("/pages/", client)
    TreatmentPageFactory.create_batch(5)
    assert queries_for("/pages/", client) == one


def test_a_page_shows_numbered_sources_cited_from_the_body_and_live_related_pages(client):
    related = [TreatmentPageFactory(title="Relapse"), TreatmentPageFactory(title="Draft page", live=False)]
    page = TreatmentPageFactory(body="<p>It eases withdrawal [1].</p>", sources=2, related=related)

    html = client.get(page.get_absolute_url()).content.decode()

    assert "2 cited sources" in html
    assert '<a href="#source-1" rel="noopener noreferrer">[1]</a>' in html
    first, second = html.index('id="source-1"'), html.index('id="source-2"')
    assert first < second
    assert f'href="/pages/{page.slug}/sources/2/"' in html and "SAMHSA (samhsa.gov)" in html
    assert "Relapse" in html and "Draft page" not in html
    assert 'rel="stylesheet" href="/static/content/content.css"' in html  # print styles


def test_a_page_never_reviewed_says_so(client):
    page = TreatmentPageFactory()
    html = client.get(page.get_absolute_url()).content.decode()
    assert "Not yet medically reviewed." in html and "Medically reviewed by" not in html


def test_a_page_renders_in_a_fixed_number_of_queries_whatever_its_sources_and_related_pages(client):
    small = TreatmentPageFactory(sources=1, related=TreatmentPageFactory.create_batch(1))
    large = TreatmentPageFactory(sources=5, related=TreatmentPageFactory.create_batch(5))
    assert queries_for(large.get_absolute_url(), client) == queries_for(small.get_absolute_url(), client)


def test_drafts_and_unknown_pages_are_not_found(client):
    draft = TreatmentPageFactory(live=False)
    assert client.get(f"/pages/{draft.slug}/").status_code == 404
    assert client.get("/pages/no-such-page/").status_code == 404


def test_a_source_link_leaves_through_the_site_without_a_referrer(client):
    page = TreatmentPageFactory()
    PageSourceFactory(page=page, sort_order=1, url="https://www.samhsa.gov/first")
    PageSourceFactory(page=page, sort_order=2, url="https://www.asam.org/second")

    response = client.get(f"/pages/{page.slug}/sources/2/")
    assert response.status_code == 302
    assert response["Location"] == "https://www.asam.org/second"
    assert response["Referrer-Policy"] == "no-referrer"
    assert client.get(f"/pages/{page.slug}/sources/3/").status_code == 404
    assert client.get(f"/pages/{page.slug}/sources/0/").status_code == 404


def test_a_body_link_to_another_site_leaves_through_the_site(client):
    page = TreatmentPageFactory(
        body='<p>Find a clinic at <a href="https://findtreatment.gov/locator">FindTreatment</a>.</p>'
    )
    html = client.get(page.get_absolute_url()).content.decode()
    assert f'href="/pages/{page.slug}/links/1/"' in html and "findtreatment.gov" not in html

    response = client.get(f"/pages/{page.slug}/links/1/")
    assert (response.status_code, response["Location"]) == (302, "https://findtreatment.gov/locator")
    assert response["Referrer-Policy"] == "no-referrer"
    assert client.get(f"/pages/{page.slug}/links/2/").status_code == 404


def test_a_drafts_links_work_for_editors_only(client, content_editor):
    page = TreatmentPageFactory(live=False, body='<p><a href="https://findtreatment.gov/">x</a></p>', sources=1)
    assert client.get(f"/pages/{page.slug}/links/1/").status_code == 404
    assert client.get(f"/pages/{page.slug}/sources/1/").status_code == 404
    two_factor.sign_in(client, content_editor)
    assert client.get(f"/pages/{page.slug}/links/1/").status_code == 302
    assert client.get(f"/pages/{page.slug}/sources/1/").status_code == 302


def test_a_changed_slug_keeps_its_body_links_working(client):
    page = TreatmentPageFactory(slug="old", body='<p><a href="https://findtreatment.gov/">x</a></p>')
    page.slug = "new"
    page.save_revision().publish()
    assert 'href="/pages/new/links/1/"' in client.get("/pages/new/").content.decode()
