"""Staff pages in a real browser: signing in, the counsellor's queue and case work, the supervisor view, and who
may open the content editor."""

import pytest

from referrals.demo import DEMO_LOGINS
from tests.e2e import support
from tests.e2e.conftest import DESKTOP, NARROW

pytestmark = pytest.mark.browser

LOGINS = {login.username: login for login in DEMO_LOGINS}


def test_staff_login_is_accessible_and_a_failed_sign_in_focuses_the_error_summary(open_page, demo_data):
    page = open_page(NARROW)
    page.goto("/staff/login/")
    support.assert_accessible(page, "staff login")
    assert support.horizontal_overflow(page) == []

    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    assert page.title().startswith("Error: ")
    assert page.evaluate("document.activeElement.matches('[data-error-summary]')")
    support.assert_accessible(page, "staff login after a failed sign-in")
    assert support.horizontal_overflow(page) == []

    counsellor = LOGINS["counsellor"]
    support.sign_in(page, counsellor.username, "not-the-password")
    assert page.title().startswith("Error: ")
    support.sign_in(page, counsellor.username, counsellor.password)
    assert page.url.endswith("/staff/")


def test_the_queue_needs_a_signed_in_counsellor(open_page, demo_data):
    page = open_page(DESKTOP)
    page.goto("/staff/")
    assert "/staff/login/" in page.url
