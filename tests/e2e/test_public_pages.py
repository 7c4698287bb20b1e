"""Every public page in a real browser: accessibility, reflow at 320 px, text zoom, target size, the way to
/help-now/, and leaving the site quickly."""

import pytest

from tests.e2e import support
from tests.e2e.conftest import DESKTOP, NARROW, PHONE

pytestmark = pytest.mark.browser


def test_every_public_page_is_accessible_reflows_at_320px_and_reaches_help_now_in_one_click(
    open_page, live_server, demo_data
):
    page = open_page(NARROW)
    visited = []
    for path in support.crawl_public_pages(page, live_server.url):
        visited.append(path)
        support.assert_accessible(page, f"public page {path} at 320px")
        assert support.horizontal_overflow(page) == [], path
        assert support.small_targets(page) == [], path
        help_link = page.locator('a[href="/help-now/"]').first
        assert help_link.is_visible(), f"{path}: no visible link to /help-now/"
        help_link.click()
        assert page.url == f"{live_server.url}/help-now/", path
        assert page.get_by_role("heading", level=1).inner_text() == "Get help now"
    # The crawl found the pages that must exist (and, as they land, the content pages).
    assert {"/", "/help-now/", "/callback/", "/intake/", "/pages/"} <= set(visited), visited


def test_public_pages_lose_nothing_with_text_zoomed_to_200_percent(open_page, live_server, demo_data):
    page = open_page(DESKTOP)
    for path in support.crawl_public_pages(page, live_server.url):
        assert support.text_zoom_problems(page) == [], path


def test_home_page_screenshots(open_page):
    for name, viewport in (("phone", PHONE), ("desktop", DESKTOP)):
        page = open_page(viewport)
        page.goto("/")
        assert page.get_by_role("link", name="Leave this site quickly").first.is_visible()
        support.screenshot(page, f"home-{name}")


def test_quick_exit_button_leaves_and_drops_the_page_from_history(open_page, live_server, neutral_site):
    page = open_page(PHONE)
    page.goto("/")
    page.goto("/help-now/")
    page.locator(".quick-exit").get_by_role("link", name="Leave this site quickly").click()
    page.wait_for_url(neutral_site)
    # location.replace(): Back does not return to the page the person was on.
    page.go_back()
    assert page.url == f"{live_server.url}/"


def test_shift_pressed_three_times_leaves_the_site_even_while_typing(open_page, neutral_site):
    page = open_page(PHONE)
    page.goto("/callback/")
    page.get_by_label("What should we call you? (optional)").fill("somebody")
    for _ in range(3):
        page.keyboard.press("Shift")
    page.wait_for_url(neutral_site)
    assert page.get_by_role("heading", level=1).inner_text() == "Weather"


def test_a_single_shift_or_escape_does_not_leave(open_page, live_server):
    page = open_page(PHONE)
    page.goto("/callback/")
    page.keyboard.press("Escape")
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    page.get_by_label("What should we call you? (optional)").type("Al")  # other keys start the count again
    page.keyboard.press("Shift")
    page.wait_for_timeout(300)
    assert page.url == f"{live_server.url}/callback/"


def test_quick_exit_works_without_javascript(open_page, neutral_site):
    page = open_page(PHONE, javascript=False)
    page.goto("/pages/")
    # The "Shift 3 times" hint needs JavaScript, so it is not offered without it.
    assert not page.get_by_text("Press Shift 3 times to leave").is_visible()
    page.locator(".quick-exit").get_by_role("link", name="Leave this site quickly").click()
    page.wait_for_url(neutral_site)


def test_the_shift_hint_and_browsing_safely_sit_beside_the_exit_button(open_page):
    page = open_page(PHONE)
    page.goto("/pages/")
    bar = page.locator(".quick-exit")
    assert bar.get_by_text("Press Shift 3 times to leave").is_visible()
    with page.expect_navigation():
        bar.get_by_role("link", name="Browsing safely").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Browsing safely"
