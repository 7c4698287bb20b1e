"""Staff pages in a real browser: signing in, the counsellor's queue and case work, the supervisor view, and who
may open the content editor."""

from datetime import timedelta

import pytest
from django.utils import timezone

from config.demo import DEMO_LOGINS
from content.models import Page
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
    assert page.locator("[data-status]").get_attribute("data-status") == "referred"

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


def test_content_editor_changes_a_page_and_publishes_it(open_page, demo_data):
    target = Page.objects.published().order_by("title").first()
    page = open_page(DESKTOP)
    admin_sign_in(page, LOGINS["editor"])
    page.goto("/admin/content/page/")
    with page.expect_navigation():
        page.get_by_role("link", name=target.title, exact=True).click()

    new_text = "Our clinic now opens at 7 in the morning on weekdays."
    body = page.locator("#id_body")
    body.fill(body.input_value() + f"\n\n{new_text}\n")
    page.locator("#id_status").select_option("draft")
    with page.expect_navigation():
        page.get_by_role("button", name="Save", exact=True).first.click()
    # A draft is not on the site, but its preview shows the change.
    assert page.request.get(f"/pages/{target.slug}/").status == 404
    page.goto(f"/admin/content/page/{target.pk}/preview/")
    assert page.get_by_text(new_text).is_visible()

    page.goto("/admin/content/page/")
    page.locator(f'input[name="_selected_action"][value="{target.pk}"]').check()
    page.locator('select[name="action"]').select_option("publish")
    with page.expect_navigation():
        page.get_by_role("button", name="Run").or_(page.get_by_role("button", name="Go")).click()
    assert page.get_by_text("Published: 1 page(s).").is_visible()

    public = open_page(PHONE)
    public.goto(f"/pages/{target.slug}/")
    assert public.get_by_text(new_text).is_visible()
    support.assert_accessible(public, f"content page {target.slug} after an edit")


def test_counsellor_cannot_open_the_content_editor(open_page, demo_data):
    target = Page.objects.published().first()
    page = open_page(DESKTOP)
    counsellor = LOGINS["counsellor"]
    support.sign_in(page, counsellor.username, counsellor.password)
    for path in ("/admin/", "/admin/content/page/", f"/admin/content/page/{target.pk}/change/",
                 f"/admin/content/page/{target.pk}/preview/"):
        page.goto(path)
        assert "/admin/login/" in page.url, path
        assert page.locator("#id_body").count() == 0
        assert page.get_by_text("not authorized to access this page").is_visible(), path


def admin_sign_in(page, login):
    page.goto("/admin/login/")
    page.get_by_label("Username").fill(login.username)
    page.get_by_label("Password").fill(login.password)
    with page.expect_navigation():
        page.get_by_role("button", name="Log in").click()
    assert "/admin/login/" not in page.url


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
