"""Answering the questionnaire with the keyboard only: Tab, Shift+Tab, arrow keys, Space and Enter.

After every key press that moves focus, the focused element must show a focus indicator and must not be covered
by anything (``support.FOCUS_PROBLEM``). Open the page with ``reduced_motion="reduce"``: with Bootstrap's smooth
scrolling the check could look while the page is still scrolling the focused element into view.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from intake.engine.items import MULTI
from intake.engine.questionnaire import QUESTIONS
from tests.e2e import intake_flow
from tests.e2e.support import FOCUS_PROBLEM

MAX_TABS = 60

_ACTIVE = """() => {
  const el = document.activeElement;
  return {name: el.name || '', type: el.type || '', value: el.value || '', text: (el.innerText || '').trim(),
          tag: el.tagName.toLowerCase(), id: el.id || '', skip: el.classList.contains('skip-link')};
}"""


def press(page, key: str) -> dict:
    """Press a key that moves focus; fail if focus is then invisible or hidden; return the focused element."""
    page.keyboard.press(key)
    problem = page.evaluate(FOCUS_PROBLEM)
    assert not problem, f"after {key} on {page.url}: {problem}"
    return page.evaluate(_ACTIVE)


def tab_until(page, wanted, backwards: bool = False) -> dict:
    """Tab (or Shift+Tab) until ``wanted(active)`` holds."""
    for _ in range(MAX_TABS):
        active = press(page, "Shift+Tab" if backwards else "Tab")
        if wanted(active):
            return active
    raise AssertionError(f"Tab never reached the wanted element on {page.url}")


def skip_to_main(page):
    """The first Tab on a page reaches the skip link; Enter moves focus to the main content.

    After a skip link has been used the address ends in ``#main``, and a form posted from there redirects to the
    next page with the same fragment, so focus may already be on the main content when a page opens."""
    if page.evaluate("document.activeElement.id") == "main":
        return
    active = press(page, "Tab")
    assert active["skip"], f"the first Tab stop on {page.url} is {active}, not the skip link"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def choose_radio(page, name: str, value: str):
    """Tab into a radio group and move to ``value`` with the arrow keys (Space when it is already focused)."""
    active = tab_until(page, lambda a: a["name"] == name)
    values = page.eval_on_selector_all(f'main [name="{name}"]', "radios => radios.map(r => r.value)")
    steps = values.index(value) - values.index(active["value"])
    if steps == 0:
        page.keyboard.press("Space")
    for _ in range(abs(steps)):
        press(page, "ArrowDown" if steps > 0 else "ArrowUp")
    assert page.locator(f'main [name="{name}"][value="{value}"]').is_checked(), (name, value)


def tick_checkboxes(page, name: str, wanted: list[str]):
    """Tab through a group of checkboxes, pressing Space on each one to tick (or untick)."""
    boxes = page.locator(f'main [name="{name}"]')
    tab_until(page, lambda a: a["name"] == name)
    count = boxes.count()
    for index in range(count):
        box = boxes.nth(index)
        if box.is_checked() != (box.get_attribute("value") in wanted):
            page.keyboard.press("Space")
        if index < count - 1:
            active = press(page, "Tab")
            assert active["name"] == name
    assert sorted(v for v in wanted) == sorted(
        boxes.nth(i).get_attribute("value") for i in range(count) if boxes.nth(i).is_checked()
    )


def type_into(page, name: str, text: str):
    tab_until(page, lambda a: a["name"] == name)
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.type(text)


def press_button(page, label: str):
    """Tab to the button (or link styled as one) called ``label``; Shift+Tab away and Tab back; Enter."""
    tab_until(page, lambda a: a["text"] == label and a["tag"] in ("button", "a"))
    press(page, "Shift+Tab")
    assert press(page, "Tab")["text"] == label
    with page.expect_navigation():
        page.keyboard.press("Enter")


def answer_step(page, answers: Mapping[str, Any]) -> str:
    ids = intake_flow.question_ids_on(page)
    step_id = intake_flow.current_step(page)
    skip_to_main(page)
    for question_id in ids:
        question = QUESTIONS[question_id]
        value = intake_flow.web_value(question, answers.get(question_id))
        kind = page.locator(f'main [name="{question_id}"]').first.get_attribute("type")
        if question.kind == MULTI:
            tick_checkboxes(page, question_id, value)
        elif kind == "radio":
            choose_radio(page, question_id, value)
        elif value:
            type_into(page, question_id, value)
    press_button(page, "Continue")
    return step_id
