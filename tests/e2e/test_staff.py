"""Staff pages in a real browser: signing in, the counsellor's queue and case work, the supervisor view, and who
may open the content editor."""

from datetime import timedelta

import pytest
from django.utils import timezone

from config.demo import DEMO_LOGINS
from tests.e2e import support
from tests.e2e.conftest import DESKTOP, NARROW, PHONE

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


def test_counsellor_filters_opens_a_case_logs_an_attempt_refers_and_schedules_a_follow_up(open_page, demo_data):
    page = open_page(DESKTOP)
    counsellor = LOGINS["counsellor"]
    support.sign_in(page, counsellor.username, counsellor.password)
    assert page.url.endswith("/staff/")
    support.assert_accessible(page, "queue")
    support.screenshot(page, "queue-desktop")
    phone_screenshot(page, "queue")

    page.get_by_label("Urgency").select_option("urgent")
    with page.expect_navigation():
        page.get_by_role("button", name="Apply filters").click()
    rows = page.locator("tr[data-case]")
    assert rows.count() >= 1
    assert {row.get_attribute("data-urgency") for row in rows.all()} == {"urgent"}
    support.assert_accessible(page, "queue, filtered")

    reference = rows.first.get_attribute("data-case")
    with page.expect_navigation():
        rows.first.get_by_role("link", name=reference).click()
    assert page.get_by_role("heading", level=1).inner_text() == f"Case {reference}"
    support.assert_accessible(page, "case page")
    support.screenshot(page, "case-desktop")
    phone_screenshot(page, "case")

    log_contact(page, "Called, no answer")
    assert page.locator(".case-facts").get_by_text("1 unsuccessful").is_visible()
    assert page.locator('.timeline__item[data-kind]').filter(has_text="no answer").count() == 1
    log_contact(page, "Spoke to the person")

    with page.expect_navigation():
        page.get_by_role("link", name="Find a provider and refer").click()
    support.assert_accessible(page, "referral: matching providers")
    matches = page.locator("[data-service-at-location]")
    assert matches.count() >= 1
    provider = matches.first.locator("label strong").inner_text()
    matches.first.get_by_role("radio").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Refer to the chosen provider").click()
    assert page.get_by_role("heading", level=1).inner_text() == f"Case {reference}"
    assert page.locator("[data-referral]").filter(has_text=provider).count() == 1
    assert page.locator("dd[data-status]").get_attribute("data-status") == "referred"

    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    page.get_by_label("Date", exact=True).fill(tomorrow)
    page.get_by_label("Time", exact=True).fill("10:30")
    page.get_by_label("What for").fill("Check the first appointment went well")
    with page.expect_navigation():
        page.get_by_role("button", name="Schedule").click()
    follow_ups = page.locator("#follow-ups tr[data-follow-up]").filter(has_text="Check the first appointment")
    assert follow_ups.count() == 1
    support.assert_accessible(page, "case page after referral and follow-up")


def test_supervisor_view_and_audit_log_are_accessible(open_page, demo_data):
    page = open_page(DESKTOP)
    supervisor = LOGINS["supervisor"]
    support.sign_in(page, supervisor.username, supervisor.password)
    page.goto("/staff/supervisor/")
    assert page.get_by_role("heading", level=1).inner_text() == "Supervisor"
    support.assert_accessible(page, "supervisor view")
    with page.expect_navigation():
        page.locator("header").get_by_role("link", name="Audit log").click()
    support.assert_accessible(page, "audit log")


def log_contact(page, outcome):
    page.get_by_label(outcome).check()
    with page.expect_navigation():
        page.get_by_role("button", name="Log contact").click()


def phone_screenshot(page, name):
    page.set_viewport_size(PHONE)
    support.screenshot(page, f"{name}-phone")
    page.set_viewport_size(DESKTOP)


def test_staff_pages_reflow_at_320px_keep_targets_big_enough_and_survive_200_percent_text(open_page, demo_data):
    page = open_page(NARROW)
    supervisor = LOGINS["supervisor"]  # sees every staff page a counsellor sees, and the supervisor view
    support.sign_in(page, supervisor.username, supervisor.password)
    assert page.url.endswith("/staff/supervisor/")  # supervisors land on their dashboard
    page.goto("/staff/")
    reference = page.locator("tr[data-case]").first.get_attribute("data-case")
    paths = (
        "/staff/",
        f"/staff/cases/{reference}/",
        f"/staff/cases/{reference}/refer/",
        "/staff/supervisor/",
        "/staff/audit/",
    )
    problems = {}
    for path in paths:
        page.goto(path)
        found = support.horizontal_overflow(page) + support.small_targets(page)
        if found:
            problems[f"{path} at 320px"] = found
    page.set_viewport_size(DESKTOP)
    for path in paths:
        page.goto(path)
        found = support.text_zoom_problems(page)
        if found:
            problems[f"{path} with text at 200%"] = found
    assert not problems, "\n".join(f"{where}:\n  " + "\n  ".join(found) for where, found in problems.items())
