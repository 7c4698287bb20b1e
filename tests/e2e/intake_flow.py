"""Driving the public questionnaire in the browser, generically from the app's own questionnaire data.

Nothing here knows the page sequence: each question page is recognised by the answer ids its fields are named
after (``intake.engine.questionnaire.QUESTIONS``), answered from an answers object (a vignette's, say) and
submitted. The tests then compare the pages seen with ``visible_steps(answers)``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from intake.engine.items import MULTI, YES_NO, Question
from intake.engine.questionnaire import QUESTIONS, STEP_OF_QUESTION

VIGNETTES_FILE = Path(__file__).resolve().parent.parent / "intake" / "vignettes.json"
VIGNETTES = {vignette["id"]: vignette for vignette in json.loads(VIGNETTES_FILE.read_text())}

STEP_PATH = re.compile(r"/intake/q/(?P<step>[\w-]+)/")

# What a person types on the contact page (any phone number the form accepts).
CONTACT = {"first_name": "Alex", "phone": "555 010 0199"}


def web_value(question: Question, value: Any) -> Any:
    """The value a browser posts for a typed answer: yes/no for booleans, strings for numbers."""
    if question.kind == YES_NO:
        return "yes" if value else "no"
    if question.kind == MULTI:
        return [str(item) for item in value]
    return "" if value is None else str(value)


def question_ids_on(page) -> list[str]:
    """The answer ids asked on the current page, in page order."""
    names = page.eval_on_selector_all("main form [name]", "fields => fields.map(field => field.name)")
    return list(dict.fromkeys(name for name in names if name in QUESTIONS))


def current_step(page) -> str | None:
    match = STEP_PATH.search(page.url)
    return match["step"] if match else None


def fill_question(page, question: Question, value: Any):
    fields = page.locator(f'main form [name="{question.id}"]')
    posted = web_value(question, value)
    states = fields.evaluate_all("fields => fields.map(field => [field.type, field.value, field.checked])")
    if states[0][0] == "radio":
        fields.and_(page.locator(f'[value="{posted}"]')).check()
    elif states[0][0] == "checkbox":
        for index, (_, option, checked) in enumerate(states):  # click only the boxes that must change
            if checked != (option in posted):
                fields.nth(index).set_checked(option in posted)
    else:
        fields.fill(posted)


def submit(page, name: str = "Continue"):
    with page.expect_navigation():
        page.locator("main").get_by_role("button", name=name, exact=True).click()


def answer_step(page, answers: Mapping[str, Any]) -> str:
    """Answer every question on this page from ``answers`` and continue; returns the step id."""
    ids = question_ids_on(page)
    assert ids, f"no questions on {page.url}"
    step_id = STEP_OF_QUESTION[ids[0]]
    assert current_step(page) == step_id, (page.url, ids)
    for question_id in ids:
        fill_question(page, QUESTIONS[question_id], answers.get(question_id))
    submit(page)
    return step_id


def start_questionnaire(page):
    page.goto("/intake/")
    with page.expect_navigation():
        page.get_by_role("button", name="Start now").click()


def answer_questions(page, answers: Mapping[str, Any], on_step: Callable | None = None) -> list[str]:
    """From the current question page, answer page after page until the questions end (check answers, or a safety
    page). ``on_step(page, step_id)`` runs on each page before it is answered. Returns the step ids seen."""
    seen = []
    while (step_id := current_step(page)) is not None:
        assert step_id not in seen, f"{step_id} shown twice: {seen}"
        if on_step:
            on_step(page, step_id)
        seen.append(answer_step(page, answers))
    return seen


def send_contact_details(page, contact: Mapping[str, str] = CONTACT):
    """The contact page: a phone call at any time, no voicemail or texts, consent to be contacted."""
    assert page.url.endswith("/intake/contact/"), page.url
    page.get_by_label("What should we call you? (optional)").fill(contact["first_name"])
    page.get_by_label("Phone number (optional)").fill(contact["phone"])
    page.get_by_role("group", name="How would you like us to contact you?").get_by_label("Phone call").check()
    page.get_by_role("group", name="When is the best time to contact you?").get_by_label("Any time").check()
    page.get_by_role("group", name="Is it safe for us to leave a voicemail?").get_by_label("No").check()
    page.get_by_role("group", name="Is it safe for us to send you a text message?").get_by_label("No").check()
    if contact.get("own_words"):
        page.get_by_label("Is there anything else you want us to know? (optional)").fill(contact["own_words"])
    page.locator('input[name="consent_contact"]').check()
    submit(page, "Send my answers")


def results_on(page) -> dict[str, Any]:
    """What the results page says, read from its data hooks."""
    return {
        "urgency": page.locator("main").get_attribute("data-urgency"),
        "care_options": sorted(
            page.eval_on_selector_all("[data-option]", "els => els.map(el => el.dataset.option)")
        ),
        "not_now": sorted(page.eval_on_selector_all("[data-not-now]", "els => els.map(el => el.dataset.notNow)")),
        "reasons": page.eval_on_selector_all(
            "[data-option]", "els => els.map(el => [...el.querySelectorAll('li')].map(li => li.innerText))"
        ),
        "reference": page.locator("main strong").filter(has_text=re.compile(r"^\w{4}-\w{4}$")).first.inner_text(),
    }


def complete_intake(
    page,
    answers: Mapping[str, Any],
    on_step: Callable | None = None,
    contact: Mapping[str, str] = CONTACT,
    on_check: Callable | None = None,
) -> list[str]:
    """The whole intake from /intake/ to the results page; returns the question steps seen. ``on_check(page)``
    runs on "Check your answers"."""
    start_questionnaire(page)
    steps = answer_questions(page, answers, on_step)
    assert page.url.endswith("/intake/check/"), page.url
    if on_check:
        on_check(page)
    with page.expect_navigation():
        page.locator("main").get_by_role("button", name="Continue").click()
    send_contact_details(page, contact)
    assert page.url.endswith("/intake/results/"), page.url
    return steps
