"""Two-factor sign-in in a real browser: setting up an authenticator app, the recovery codes and entering a code
are accessible (axe), work without sideways scrolling at 320 px, and an error is announced at the top."""

import pytest
from django.contrib.auth.models import Group
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.roles import COUNSELLORS
from tests import two_factor
from tests.e2e import support
from tests.e2e.conftest import NARROW

pytestmark = pytest.mark.browser

PASSWORD = "a long enough test password 2026"


@pytest.fixture
def new_counselor(transactional_db, django_user_model):
    user = django_user_model.objects.create_user("newcounselor", password=PASSWORD)
    user.groups.add(Group.objects.get(name=COUNSELLORS))
    return user


def submit(page, button):
    with page.expect_navigation():
        page.get_by_role("button", name=button).click()


def test_setting_up_and_entering_a_code_are_accessible(open_page, new_counselor):
    page = open_page(NARROW)
    page.goto("/staff/login/")
    page.get_by_label("Username").fill(new_counselor.username)
    page.get_by_label("Password").fill(PASSWORD)
    submit(page, "Sign in")
    assert "/staff/two-factor/set-up/" in page.url
    support.assert_accessible(page, "two-factor set-up")
    assert support.horizontal_overflow(page) == []

    page.get_by_label("Code").fill("000000")
    submit(page, "Confirm")
    assert page.title().startswith("Error: ")
    assert page.evaluate("document.activeElement.matches('[data-error-summary]')")
    support.assert_accessible(page, "two-factor set-up after a wrong code")

    device = TOTPDevice.objects.get(user=new_counselor, confirmed=False)
    device.throttle_reset()  # the wrong code made the next try wait a second
    page.get_by_label("Code").fill(two_factor.code_for(device))
    submit(page, "Confirm")
    assert page.get_by_test_id("recovery-codes").locator("li").count() == 10
    support.assert_accessible(page, "recovery codes")
    assert support.horizontal_overflow(page) == []

    page.context.clear_cookies()
    page.goto("/staff/login/")
    page.get_by_label("Username").fill(new_counselor.username)
    page.get_by_label("Password").fill(PASSWORD)
    submit(page, "Sign in")
    assert "/staff/two-factor/?next=" in page.url
    support.assert_accessible(page, "two-factor code")
    page.get_by_label("Code").fill(two_factor.code_for(device))
    submit(page, "Continue")
    assert page.url.endswith("/staff/")
