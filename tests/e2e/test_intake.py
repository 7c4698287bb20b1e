"""The public questionnaire in a real browser, driven from the questionnaire data and the clinical vignettes."""

from urllib.parse import urlsplit

import pytest

from config.demo import DEMO_LOGINS
from intake.engine.questionnaire import QUESTIONS, SAFETY_STEP_IDS, STEPS, STEPS_BY_ID, visible_steps
from intake.engine.recommend import is_crisis
from tests.e2e import intake_flow, keyboard, support
from tests.e2e.conftest import DESKTOP, NARROW, PHONE
from tests.intake.answers import make_answers

pytestmark = pytest.mark.browser

COUNSELLOR = next(login for login in DEMO_LOGINS if login.username == "counsellor")

# Answers that show every question page at least once (C-SSRS details and recent actions without a high risk,
# alcohol, used today so SOWS is asked, treatment before).
EVERY_PAGE = make_answers(
    cssrs_2=True,
    cssrs_3=True,
    cssrs_4=False,
    cssrs_5=False,
    cssrs_6=True,
    cssrs_6_recent=False,
    other_substances=["alcohol"],
    sedatives_daily=False,
    last_use="today",
    previous_treatment=["detox"],
    relapsed_after_treatment=False,
    postcode="10001",  # so the results page lists places nearby
)


def step_ids(answers):
    return [step.id for step in visible_steps(answers)]


def assert_results_match(result, expect):
    assert result["urgency"] == expect["urgency"]
    assert result["care_options"] == sorted(expect["care_options"])
    assert result["not_now"] == sorted(expect["not_now"])
    # Every suggestion says why, in words.
    assert result["reasons"] and all(reasons and all(r.strip() for r in reasons) for reasons in result["reasons"])


def assert_case_in_queue(open_page, reference, urgency):
    page = open_page(DESKTOP)
    support.sign_in(page, COUNSELLOR.username, COUNSELLOR.password)
    row = page.locator(f'tr[data-case="{reference}"]')
    assert row.count() == 1, f"case {reference} is not in the queue"
    assert row.get_attribute("data-urgency") == urgency
    return page


def test_full_questionnaire_on_a_phone_with_javascript(open_page, demo_data):
    vignette = intake_flow.VIGNETTES["P01"]
    page = open_page(PHONE)

    progress = []

    def read_progress_and_screenshot_a_grouped_page(page, step_id):
        progress.append(page.locator(".progress-caption").inner_text())
        if step_id == "about_you":  # three questions on one page, a fieldset each
            support.screenshot(page, "question-phone")
            page.set_viewport_size(DESKTOP)
            support.screenshot(page, "question-desktop")
            page.set_viewport_size(PHONE)

    def check_answers(page):
        # Grouped by part, one Change link each, scales in words: at most 3 phone screens (the page's own content;
        # the site's header and footer come on top).
        assert page.locator("[data-change]").count() == 7
        height = page.evaluate("document.querySelector('main').getBoundingClientRect().height")
        assert height <= 3 * PHONE["height"], f"check your answers is {height / PHONE['height']:.1f} phone screens"
        support.screenshot(page, "check-answers-phone")

    steps = intake_flow.complete_intake(
        page, vignette["answers"], on_step=read_progress_and_screenshot_a_grouped_page, on_check=check_answers
    )
    assert steps == step_ids(vignette["answers"])
    assert len(steps) <= 16
    assert {caption.split(":")[0].split(" of ")[1] for caption in progress} == {"7"}, progress
    assert progress[0] == "Part 1 of 7: Your safety" and progress[-1].startswith("Part 7 of 7:")
    result = intake_flow.results_on(page)
    assert_results_match(result, vignette["expect"])
    # The suggestions and the places nearby are what matter on a phone; the desktop shot shows the top of the page.
    support.screenshot(page, "results-phone", scroll_to="main h2:has(+ p + [data-option])")
    providers = page.locator("[data-provider]")
    assert 1 <= providers.count() <= 3
    assert providers.first.locator('a[href^="tel:"]').is_visible()
    support.screenshot(page, "results-providers-phone", scroll_to="#where-to-go")
    page.set_viewport_size(DESKTOP)
    support.screenshot(page, "results-desktop")

    assert_case_in_queue(open_page, result["reference"], vignette["expect"]["urgency"])


def test_full_questionnaire_without_javascript(open_page, demo_data):
    vignette = intake_flow.VIGNETTES["P03"]  # severe withdrawal now: SOWS pages, urgent
    page = open_page(PHONE, javascript=False)
    steps = intake_flow.complete_intake(page, vignette["answers"])
    assert steps == step_ids(vignette["answers"])
    assert {"sows_1", "sows_2"} <= set(steps)
    result = intake_flow.results_on(page)
    assert_results_match(result, vignette["expect"])
    assert_case_in_queue(open_page, result["reference"], vignette["expect"]["urgency"])


def test_every_question_page_is_accessible_empty_and_after_a_failed_submit_at_320px(open_page, demo_data):
    assert step_ids(EVERY_PAGE) == [step.id for step in STEPS]
    page = open_page(NARROW)

    def check(page, step_id):
        support.assert_accessible(page, f"question page {step_id}")
        assert support.horizontal_overflow(page) == [], step_id
        assert support.small_targets(page) == [], step_id
        questions = [QUESTIONS[question_id] for question_id in intake_flow.question_ids_on(page)]
        if not any(question.required for question in questions):
            for question in questions:  # nothing required here: an answer in the wrong format fails instead
                page.locator(f'[name="{question.id}"]').fill("!!")
        intake_flow.submit(page)
        assert intake_flow.current_step(page) == step_id, "a failed submit stays on the page"
        assert page.title().startswith("Error: "), step_id
        assert page.evaluate("document.activeElement.matches('[data-error-summary]')"), step_id
        support.assert_accessible(page, f"question page {step_id} after a failed submit")
        assert support.horizontal_overflow(page) == [], step_id

    intake_flow.start_questionnaire(page)
    assert intake_flow.answer_questions(page, EVERY_PAGE, on_step=check) == step_ids(EVERY_PAGE)

    assert page.url.endswith("/intake/check/")
    support.assert_accessible(page, "check your answers")
    assert support.horizontal_overflow(page) == []
    with page.expect_navigation():
        page.locator("main").get_by_role("button", name="Continue").click()

    support.assert_accessible(page, "contact and consent")
    page.get_by_label("Phone number (optional)").fill("555 010 0199")  # a number but no consent: fails
    intake_flow.submit(page, "Send my answers")
    assert page.title().startswith("Error: ")
    support.assert_accessible(page, "contact and consent after a failed submit")
    assert support.horizontal_overflow(page) == []
    intake_flow.send_contact_details(page)

    assert page.locator("[data-provider]").count() >= 1  # places near 10001, checked with the rest of the page
    support.assert_accessible(page, "results")
    assert support.horizontal_overflow(page) == []
    assert support.small_targets(page) == []


def test_danger_now_yes_lands_on_the_emergency_page_and_asks_nothing_more(open_page, demo_data):
    page = open_page(PHONE)
    intake_flow.start_questionnaire(page)
    assert intake_flow.answer_questions(page, {"danger_now": True}) == ["danger"]
    assert page.url.endswith("/intake/emergency/")
    assert page.get_by_role("heading", level=1).inner_text() == "Call 911 now"
    assert page.locator('main a[href="tel:911"]').first.is_visible()
    support.assert_accessible(page, "emergency page")
    assert support.horizontal_overflow(page) == []
    # No further question can be opened, even by address.
    page.goto(f"/intake/q/{STEPS[1].id}/")
    assert page.url.endswith("/intake/emergency/")


def test_high_suicide_risk_shows_the_crisis_page_before_any_further_question(open_page, demo_data):
    answers = intake_flow.VIGNETTES["P08"]["answers"]
    page = open_page(PHONE)
    intake_flow.start_questionnaire(page)
    seen = intake_flow.answer_questions(page, answers)
    assert page.url.endswith("/intake/crisis/")
    # The crisis page came right after the page whose answers made the risk high.
    assert set(seen) <= set(SAFETY_STEP_IDS)
    answered = {qid: answers[qid] for step_id in seen for qid in STEPS_BY_ID[step_id].question_ids if qid in answers}
    before_last = {qid: value for qid, value in answered.items() if qid not in STEPS_BY_ID[seen[-1]].question_ids}
    assert is_crisis(answered) and not is_crisis(before_last)
    assert page.locator('main a[href="tel:988"]').first.is_visible()
    support.assert_accessible(page, "crisis page")
    assert support.horizontal_overflow(page) == []

    page.get_by_role("button", name="Call me as soon as possible").click()
    page.wait_for_load_state()
    assert page.title().startswith("Error: ")
    support.assert_accessible(page, "crisis page after a failed submit")

    # Carrying on goes to the next question after the safety pages.
    with page.expect_navigation():
        page.get_by_role("button", name="Continue the questionnaire").click()
    remaining = [step for step in step_ids(answers) if step not in seen]
    assert intake_flow.current_step(page) == remaining[0]


def test_call_back_request_from_the_home_page(open_page, demo_data):
    page = open_page(PHONE)
    page.goto("/")
    with page.expect_navigation():
        page.locator("main").get_by_role("link", name="Ask for a call back").click()
    support.assert_accessible(page, "call-back form")
    intake_flow.submit(page, "Ask for a call back")
    assert page.title().startswith("Error: ")
    assert page.evaluate("document.activeElement.matches('[data-error-summary]')")
    support.assert_accessible(page, "call-back form after a failed submit")

    page.get_by_label("What should we call you? (optional)").fill("Sam")
    page.get_by_label("Phone number").fill("(555) 010-0142")
    page.get_by_role("group", name="When is the best time to call?").get_by_label("Evening").check()
    page.get_by_role("group", name="Is it safe for us to leave a voicemail?").get_by_label("No").check()
    page.get_by_role("group", name="Is it safe for us to send you a text message?").get_by_label("Yes").check()
    page.locator('input[name="consent_contact"]').check()
    intake_flow.submit(page, "Ask for a call back")
    assert page.url.endswith("/callback/requested/")
    support.assert_accessible(page, "call-back requested")
    reference = page.locator("main strong").first.inner_text()
    assert_case_in_queue(open_page, reference, "routine")


def test_keyboard_only_questionnaire_with_visible_focus_and_text_zoomed(open_page, demo_data):
    vignette = intake_flow.VIGNETTES["P07"]  # already on methadone: routine
    answers = vignette["answers"]
    page = open_page(DESKTOP, reduced_motion="reduce")  # as many keyboard users ask: no smooth scrolling
    page.goto("/intake/")
    keyboard.skip_to_main(page)
    keyboard.press_button(page, "Start now")

    # A failed submit (tabbing from the top of the page): the error summary takes focus, and its link takes focus
    # to the question.
    first = intake_flow.current_step(page)
    keyboard.press_button(page, "Continue")
    assert page.title().startswith("Error: ")
    assert page.evaluate("document.activeElement.matches('[data-error-summary]')")
    link = keyboard.press(page, "Tab")
    assert link["tag"] == "a" and page.evaluate("document.activeElement.closest('[data-error-summary]') !== null")
    page.keyboard.press("Enter")
    (question_id,) = intake_flow.question_ids_on(page)
    assert page.evaluate("document.activeElement.id") == f"id_{question_id}"
    keyboard.choose_radio(page, question_id, intake_flow.web_value(QUESTIONS[question_id], answers[question_id]))
    keyboard.press_button(page, "Continue")

    seen = [first]
    while intake_flow.current_step(page):
        assert support.text_zoom_problems(page) == [], page.url
        seen.append(keyboard.answer_step(page, answers))
    assert seen == step_ids(answers)

    assert urlsplit(page.url).path == "/intake/check/"
    assert support.text_zoom_problems(page) == []
    keyboard.skip_to_main(page)
    keyboard.press_button(page, "Continue")

    assert urlsplit(page.url).path == "/intake/contact/"
    assert support.text_zoom_problems(page) == []
    keyboard.skip_to_main(page)
    keyboard.type_into(page, "first_name", "Robin")
    keyboard.type_into(page, "phone", "555 010 0177")
    keyboard.choose_radio(page, "preferred_method", "phone")
    keyboard.choose_radio(page, "best_time", "morning")
    keyboard.choose_radio(page, "voicemail_safe", "no")
    keyboard.choose_radio(page, "text_safe", "yes")
    keyboard.tab_until(page, lambda active: active["name"] == "consent_contact")
    page.keyboard.press("Space")
    keyboard.press_button(page, "Send my answers")

    assert urlsplit(page.url).path == "/intake/results/"
    assert support.text_zoom_problems(page) == []
    assert_results_match(intake_flow.results_on(page), vignette["expect"])



@pytest.mark.parametrize(
    ("path", "button"),
    [(f"/intake/q/{STEPS[0].id}/", "Continue"), ("/callback/", "Ask for a call back"), ("/staff/login/", "Sign in")],
)
def test_error_summary_keeps_focus_after_a_failed_submit_when_the_skip_link_was_used(
    open_page, demo_data, path, button
):
    """The skip link leaves #main in the address. A form posting back to that address re-renders with the
    fragment, and the browser may then focus <main> (focusable through tabindex=-1) after site.js has focused the
    error summary, depending on timing. Forms post to an explicit action, which drops the fragment."""
    page = open_page(DESKTOP, reduced_motion="reduce")
    page.goto(path)
    page.locator(".skip-link").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**#main")
    keyboard.press_button(page, button)
    page.wait_for_timeout(300)  # give a fragment every chance to take focus
    assert page.title().startswith("Error: ")
    focused = page.evaluate("document.activeElement.outerHTML.slice(0, 60)")
    assert page.evaluate("document.activeElement.matches('[data-error-summary]')"), (
        f"{path}: after the skip link and a failed submit, focus is on {focused}, not the error summary"
    )
    assert not page.url.endswith("#main")


def test_buprenorphine_self_check_is_accessible_empty_failed_and_answered(open_page, demo_data):
    answers = intake_flow.VIGNETTES["P01"]["answers"]
    page = open_page(NARROW)
    page.goto("/self-check/")
    support.assert_accessible(page, "self-check")
    intake_flow.submit(page, "See my answer")
    assert page.title().startswith("Error: ")
    assert page.evaluate("document.activeElement.matches('[data-error-summary]')")
    support.assert_accessible(page, "self-check after a failed submit")
    assert support.horizontal_overflow(page) == []
    for question_id in intake_flow.question_ids_on(page):
        intake_flow.fill_question(page, QUESTIONS[question_id], answers[question_id])
    intake_flow.submit(page, "See my answer")
    assert page.locator("[data-selfcheck-outcome]").count() == 1
    support.assert_accessible(page, "self-check answer")
    assert support.horizontal_overflow(page) == []
