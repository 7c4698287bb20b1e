"""The case page's "Answers": every question the person was shown, grouped by the questionnaire's sections, with
the answer in words. Read-only; built from the stored answers and the questionnaire definition in
``intake.engine`` (pure), so it runs no query at all, however many questions there are.

A case with any suicide-risk flag shows the C-SSRS answers first, as their own highlighted group. A questionnaire a
crisis stopped (the person asked for an immediate call back) shows the answers given up to then.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from intake.engine import items
from intake.engine.questionnaire import SECTIONS, visible_questions, visible_steps

CSSRS_PREFIX = "cssrs_"
SUICIDE_RISK_PREFIX = "suicide_risk"
NOT_ANSWERED = "Not answered"


@dataclass(frozen=True)
class AnswerRow:
    question_id: str
    question: str
    answer: str


@dataclass(frozen=True)
class AnswerGroup:
    id: str
    title: str
    rows: tuple[AnswerRow, ...]
    highlighted: bool = False


@dataclass(frozen=True)
class Answers:
    groups: tuple[AnswerGroup, ...]
    stopped_at_page: int | None = None  # a crisis stopped the questionnaire on this page

    @property
    def count(self) -> int:
        return sum(len(group.rows) for group in self.groups)


def in_words(question: items.Question, value: Any) -> str:
    """A stored answer as the person read it: the choice labels, a number, or their text."""
    if value is None or value == "" or value == []:
        return NOT_ANSWERED
    if question.kind == items.MULTI:
        return ", ".join(_label(question, choice) for choice in value)
    if question.choices:
        label = _label(question, value)
        return f"{label} ({value})" if question.kind == items.INTEGER else label
    return str(value)


def _label(question: items.Question, value: Any) -> str:
    try:
        return question.label_for(value)
    except KeyError:  # an answer from an older questionnaire version: show what was stored
        return str(value)


def for_case(case) -> Answers | None:
    """The answers to show on ``case``, or None when the person never started the questionnaire."""
    suicide_risk = any(flag.startswith(SUICIDE_RISK_PREFIX) for flag in case.flags or ())
    if case.intake is not None:
        return Answers(grouped(case.intake.answers, suicide_risk=suicide_risk), stopped_at_page=case.stopped_at_page)
    if case.stopped_at_page is not None:
        groups = grouped(case.answers_so_far, suicide_risk=suicide_risk, pages=case.stopped_at_page)
        return Answers(groups, stopped_at_page=case.stopped_at_page)
    return None


def grouped(answers: Mapping[str, Any], *, suicide_risk: bool, pages: int | None = None) -> tuple[AnswerGroup, ...]:
    """Every question shown for ``answers`` (on its first ``pages`` pages, for a questionnaire that stopped), by
    section in questionnaire order; with ``suicide_risk`` the C-SSRS questions come first, highlighted."""
    shown = {question.id for question in visible_questions(answers)}
    if pages is not None:
        shown &= {question.id for step in visible_steps(answers)[:pages] for question in step.questions}

    def rows(questions) -> tuple[AnswerRow, ...]:
        return tuple(
            AnswerRow(question.id, question.label, in_words(question, answers.get(question.id)))
            for question in questions
            if question.id in shown
        )

    def is_cssrs(question) -> bool:
        return suicide_risk and question.id.startswith(CSSRS_PREFIX)

    groups = []
    if suicide_risk:
        cssrs = [question for section in SECTIONS for step in section.steps for question in step.questions
                 if is_cssrs(question)]
        groups.append(AnswerGroup("cssrs", "Suicide risk screen (C-SSRS)", rows(cssrs), highlighted=True))
    for section in SECTIONS:
        questions = [question for step in section.steps for question in step.questions if not is_cssrs(question)]
        groups.append(AnswerGroup(section.id, section.title, rows(questions)))
    return tuple(group for group in groups if group.rows)
