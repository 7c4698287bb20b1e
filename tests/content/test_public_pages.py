"""The public site: home, the page list, a page with its reviewer, sources and related pages; drafts stay hidden."""

import datetime

import pytest

from content.loader import read_initial
from content.models import Page
from tests.config.test_public_pages import CSS_IMPORT, EXTERNAL_URL
from tests.content.factories import PageFactory, PageGroupFactory, SourceFactory
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
    assert "Medically reviewed by" in html


def test_home_offers_the_three_paths_and_the_pages(client, initial_content):
    html = client.get("/").content.decode()
    for path in ('href="/intake/"', 'href="/callback/"', 'href="/help-now/"'):
        assert path in html
    assert 'href="/pages/methadone/"' in html
    assert html.count("<h1") == 1


def test_the_index_groups_published_pages_in_order_and_hides_drafts(client):
    first, second = PageGroupFactory(name="Understanding", order=1), PageGroupFactory(name="Treatment", order=2)
    PageFactory(title="Methadone", group=second, order=2)
    PageFactory(title="Buprenorphine", group=second, order=1)
    PageFactory(title="Withdrawal", group=first, order=1)
    PageFactory(title="Secret draft", group=first, status="draft")

    html = client.get("/pages/").content.decode()

    positions = [
        html.index(text) for text in ("Understanding", "Withdrawal", "Treatment", "Buprenorphine", "Methadone")
    ]
    assert positions == sorted(positions)
    assert "Secret draft" not in html


def test_the_index_lists_pages_in_one_query_whatever_their_number(client, django_assert_num_queries):
    for count in (1, 3):
        Page.objects.all().delete()
        PageFactory.create_batch(count)
        with django_assert_num_queries(3):  # clinic settings, helplines, pages
            assert client.get("/pages/").status_code == 200


def test_a_page_shows_reviewer_review_date_numbered_sources_and_published_related_pages(client):
    page = PageFactory(
        title="Naltrexone",
        reviewer_name="Dr Ada Lovelace",
        reviewer_credentials="MD, addiction medicine",
        last_reviewed=datetime.date(2026, 10, 1),
        body="It blocks opioids [2].",
    )
    SourceFactory(page=page, title="First source", order=1, url="https://www.samhsa.gov/a")
    SourceFactory(page=page, title="Second source", order=2, publisher="ASAM", url="https://www.asam.org/b")
    page.related.set([PageFactory(title="Relapse"), PageFactory(title="Draft page", status="draft")])

    html = client.get("/pages/" + page.slug + "/").content.decode()

    assert "Medically reviewed by <strong>Dr Ada Lovelace</strong>, MD, addiction medicine." in html
    assert '<time datetime="2026-10-01">1 October 2026</time>' in html
    assert "2 cited sources" in html
    assert '<a href="#source-2" rel="noopener noreferrer">[2]</a>' in html
    first, second = html.index('id="source-1"'), html.index('id="source-2"')
    assert first < html.index("First source") < second < html.index("Second source")
    assert f'href="/pages/{page.slug}/sources/2/"' in html and "ASAM (asam.org)" in html
    assert "Relapse" in html and "Draft page" not in html
    assert 'rel="stylesheet" href="/static/content/content.css"' in html  # print styles


def test_a_page_never_reviewed_says_so(client):
    page = PageFactory(last_reviewed=None)
    assert "This page is waiting for its medical review." in client.get(page.get_absolute_url()).content.decode()


def test_a_page_renders_in_a_fixed_number_of_queries(client, django_assert_num_queries):
    for count in (1, 3):
        page = PageFactory()
        SourceFactory.create_batch(count, page=page)
        page.related.set(PageFactory.create_batch(count))
        # page, sources, related, clinic settings, helplines
        with django_assert_num_queries(5):
            assert client.get(page.get_absolute_url()).status_code == 200


def test_drafts_and_unknown_pages_are_not_found(client):
    draft = PageFactory(status="draft")
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get("/pages/no-such-page/").status_code == 404


def test_a_source_link_leaves_through_the_site_without_a_referrer(client):
    page = PageFactory()
    SourceFactory(page=page, order=1, url="https://www.samhsa.gov/first")
    SourceFactory(page=page, order=2, url="https://www.asam.org/second")

    response = client.get(f"/pages/{page.slug}/sources/2/")
    assert response.status_code == 302
    assert response["Location"] == "https://www.asam.org/second"
    assert response["Referrer-Policy"] == "no-referrer"
    assert client.get(f"/pages/{page.slug}/sources/3/").status_code == 404
    assert client.get(f"/pages/{page.slug}/sources/0/").status_code == 404


def test_a_body_link_to_another_site_leaves_through_the_site(client):
    page = PageFactory(body="Find a clinic at [FindTreatment](https://findtreatment.gov/locator).")
    html = client.get(page.get_absolute_url()).content.decode()
    assert f'href="/pages/{page.slug}/links/1/"' in html and "findtreatment.gov" not in html

    response = client.get(f"/pages/{page.slug}/links/1/")
    assert (response.status_code, response["Location"]) == (302, "https://findtreatment.gov/locator")
    assert response["Referrer-Policy"] == "no-referrer"
    assert client.get(f"/pages/{page.slug}/links/2/").status_code == 404


def test_a_drafts_links_work_for_editors_only(client, content_editor):
    page = PageFactory(status="draft", body="[x](https://findtreatment.gov/)")
    SourceFactory(page=page)
    assert client.get(f"/pages/{page.slug}/links/1/").status_code == 404
    assert client.get(f"/pages/{page.slug}/sources/1/").status_code == 404
    client.force_login(content_editor)
    assert client.get(f"/pages/{page.slug}/links/1/").status_code == 302
    assert client.get(f"/pages/{page.slug}/sources/1/").status_code == 302


def test_a_changed_slug_keeps_its_body_links_working(client):
    page = PageFactory(slug="old", body="[x](https://findtreatment.gov/)")
    page.slug = "new"
    page.save()
    assert 'href="/pages/new/links/1/"' in client.get("/pages/new/").content.decode()
