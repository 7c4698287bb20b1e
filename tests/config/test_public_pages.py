"""Every public page: no third-party address anywhere in its HTML, the quick-exit control, the crisis numbers,
one click to /help-now/, and a strict Content-Security-Policy."""

import re

import pytest

# Extend this list as public pages are added; content pages are added from the database below.
PUBLIC_URLS = [
    "/",
    "/pages/",
    "/intake/",
    "/intake/q/danger/",
    "/intake/emergency/",
    "/self-check/",
    "/callback/",
    "/help-now/",
]  # The staff sign-in uses the staff layout, without the quick exit (tests/accounts/test_landing.py).

EXTERNAL_URL = re.compile(r"""(?:src|href|action|srcset|poster|data)\s*=\s*["']?\s*(?:https?:)?//""", re.I)
CSS_IMPORT = re.compile(r"""url\(\s*["']?(?:https?:)?//|@import""", re.I)


def public_urls():
    return PUBLIC_URLS


@pytest.fixture(params=public_urls())
def public_page(request, client, db):
    response = client.get(request.param)
    assert response.status_code == 200, request.param
    return response.content.decode()


def test_no_external_url_in_the_html(public_page):
    assert not EXTERNAL_URL.search(public_page)
    assert not CSS_IMPORT.search(public_page)


def test_quick_exit_is_on_the_page_and_works_without_javascript(public_page):
    assert 'href="/exit/"' in public_page
    assert "Leave this site quickly" in public_page


def test_crisis_numbers_are_on_the_page(public_page):
    for number in ("911", "988", "1-800-662-4357"):
        assert number in public_page


def test_help_now_is_one_click_away(public_page):
    assert 'href="/help-now/"' in public_page


def test_page_structure_has_one_h1_a_skip_link_and_landmarks(public_page):
    assert public_page.count("<h1") == 1
    assert 'href="#main"' in public_page
    assert '<main id="main"' in public_page
    assert "<header" in public_page and "<footer" in public_page and "<nav" in public_page


@pytest.mark.django_db
def test_quick_exit_redirects_to_a_neutral_site_without_a_referrer(client, settings):
    response = client.get("/exit/")
    assert response.status_code == 302
    assert response["Location"] == settings.QUICK_EXIT_URL
    assert response["Referrer-Policy"] == "no-referrer"


@pytest.mark.django_db
def test_every_response_has_a_strict_content_security_policy(client):
    policy = client.get("/")["Content-Security-Policy"]
    assert "object-src 'none'" in policy
    assert "base-uri 'none'" in policy
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
