"""Safe to use at home, in a real browser: leaving leaves no answers behind (not even behind the Back button), and
crisis help is one big tap on every crisis page, on a phone."""

import pytest
from django.contrib.sessions.models import Session

from intake.models import IntakeDraft
from tests.e2e import intake_flow, support
from tests.e2e.conftest import NARROW, PHONE

pytestmark = pytest.mark.browser

# The suicide questions answered "yes" up to a plan: the crisis page follows.
SUICIDE_YES = {**intake_flow.VIGNETTES["P08"]["answers"]}

ANSWERS_ON_PAGE = """() => [...document.querySelectorAll('main input, main textarea, main select')]
  .filter(el => (['radio', 'checkbox'].includes(el.type) && el.checked) ||
                (['text', 'tel', 'email', 'number', 'textarea'].includes(el.type) && el.value) ||
                (el.tagName === 'SELECT' && el.selectedIndex > 0))
  .map(el => `${el.name}=${el.value}`)"""


def answers_on(page) -> list[str]:
    """Answers visible or selected in the page's forms (the hidden spam trap and CSRF token are never filled)."""
    return [answer for answer in page.evaluate(ANSWERS_ON_PAGE) if not answer.startswith(("website=", "csrf"))]


def to_the_crisis_page(page):
    intake_flow.start_questionnaire(page)
    seen = intake_flow.answer_questions(page, SUICIDE_YES)
    assert page.url.endswith("/intake/crisis/"), page.url
    return seen


@pytest.mark.parametrize("leave_by", ["button", "shift", "no-javascript"])
def test_after_leaving_quickly_back_shows_no_answers_and_the_visit_is_gone(
    open_page, live_server, neutral_site, transactional_db, leave_by
):
    page = open_page(PHONE, javascript=leave_by != "no-javascript")
    seen = to_the_crisis_page(page)
    page.get_by_label("Phone number").fill("555 010 0199")  # typed, not sent
    assert IntakeDraft.objects.count() == 1 and Session.objects.count() == 1

    if leave_by == "shift":
        for _ in range(3):
            page.keyboard.press("Shift")
    else:
        page.locator(".quick-exit").get_by_role("link", name="Leave this site quickly").click()
    page.wait_for_url(neutral_site)
    assert IntakeDraft.objects.count() == 0, "the unfinished questionnaire was not deleted"
    assert Session.objects.count() == 0, "the session was not ended"

    # Back through every page of the visit: not one answer is shown or selected.
    for _ in range(len(seen) + 2):
        page.go_back()
        if not page.url.startswith(live_server.url):
            break
        assert answers_on(page) == [], f"answers still shown at {page.url}"
        assert "Carry on where you left off" not in page.inner_text("main")
    page.goto("/intake/")
    assert page.get_by_role("button", name="Start now").is_visible()


def test_delete_my_answers_deletes_them_and_says_so(open_page, live_server, transactional_db):
    page = open_page(PHONE)
    to_the_crisis_page(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Delete my answers").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Your answers have been deleted"
    assert IntakeDraft.objects.count() == 0 and Session.objects.count() == 0
    support.assert_accessible(page, "answers deleted")
    page.go_back()
    assert answers_on(page) == []


def crisis_buttons(page) -> list[dict]:
    return page.eval_on_selector_all(
        "main .crisis-buttons a",
        """links => links.map(a => {
          const r = a.getBoundingClientRect(), main = document.querySelector('main').getBoundingClientRect();
          return {href: a.getAttribute('href'), height: r.height, width: r.width, mainWidth: main.width,
                  text: a.innerText.replace(/\\s+/g, ' ').trim()};
        })""",
    )


def assert_crisis_help_is_one_big_tap(page, what: str, first: str):
    # First in reading order after the heading: the element right after the h1 is the list of buttons.
    assert page.evaluate("document.querySelector('main h1').nextElementSibling.matches('.crisis-buttons')"), what
    buttons = crisis_buttons(page)
    assert [b["href"] for b in buttons][0] == first, what
    assert {"tel:911", "tel:988", "sms:988", "sms:741741?body=HOME"} == {b["href"] for b in buttons}, what
    for button in buttons:
        assert button["height"] >= 44, f"{what}: {button['text']} is {button['height']}px high"
        assert button["width"] >= button["mainWidth"] - 1, f"{what}: {button['text']} is not full width"
    assert page.locator("main h1 a").count() == 0, f"{what}: a number is a link inside the heading"
    assert page.locator(".site-footer .crisis-lines a[href='tel:988']").count() == 1, f"{what}: the crisis footer"


def crisis_pages(page):
    """Each crisis page in turn, with the button that must come first; the page is left on it."""
    page.goto("/help-now/")
    yield "help-now", "tel:911"
    intake_flow.start_questionnaire(page)
    intake_flow.answer_questions(page, {"danger_now": True})
    assert page.url.endswith("/intake/emergency/")
    yield "emergency", "tel:911"
    page.goto("/intake/")
    with page.expect_navigation():
        page.get_by_role("button", name="Delete my answers and start again").click()
    intake_flow.answer_questions(page, SUICIDE_YES)
    assert page.url.endswith("/intake/crisis/")
    yield "crisis", "tel:988"
    page.get_by_label("Phone number").fill("555 010 0199")
    page.get_by_role("group", name="Is it safe for us to leave a voicemail?").get_by_label("No").check()
    page.locator('input[name="consent_contact"]').check()
    with page.expect_navigation():
        page.get_by_role("button", name="Call me as soon as possible").click()
    assert page.url.endswith("/intake/crisis/call-requested/")
    yield "crisis call-back requested", "tel:988"


@pytest.mark.parametrize("viewport", [PHONE, NARROW], ids=["phone", "320px"])
def test_crisis_help_is_a_big_call_or_text_button_first_on_every_crisis_page(open_page, transactional_db, viewport):
    page = open_page(viewport)
    for what, first in crisis_pages(page):
        assert_crisis_help_is_one_big_tap(page, what, first)
        assert support.horizontal_overflow(page) == [], what
        assert support.small_targets(page) == [], what
        support.assert_accessible(page, f"{what} at {viewport['width']}px")
        if viewport == PHONE and what in ("crisis", "help-now"):
            support.screenshot(page, f"{what.replace(' ', '-')}-phone")


def test_browsing_safely_is_accessible_and_reflows_at_320px(open_page, transactional_db):
    page = open_page(NARROW)
    page.goto("/help-now/")
    with page.expect_navigation():
        page.locator(".quick-exit").get_by_role("link", name="Browsing safely").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Browsing safely"
    support.assert_accessible(page, "browsing safely at 320px")
    assert support.horizontal_overflow(page) == []
