"""Checks a complete answers object against the questionnaire (intake-spec.md §1).

``validate_answers`` reports every problem at once, one ``AnswerError`` per key, so the command line and the web
can name all offending answers. Messages never repeat the submitted value: it may be personal data.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from intake.engine.items import CHOICE, INTEGER, MULTI, NONE, TEXT, YES_NO, Question
from intake.engine.questionnaire import QUESTION_SEQUENCE, visible_questions

ROOT_KEY = "(answers)"


@dataclass(frozen=True)
class AnswerError:
    """One invalid answer: the answer's key (or ``ROOT_KEY`` for the object itself) and what is wrong."""

    key: str
    message: str

    def __str__(self) -> str:
        return f"{self.key}: {self.message}"


class InvalidAnswers(ValueError):
    """Raised by the engine when asked to work on answers that don't validate."""

    def __init__(self, errors: Sequence[AnswerError]):
        self.errors = tuple(errors)
        super().__init__("; ".join(str(error) for error in self.errors))


def _is_integer(value: Any) -> bool:
    # JSON true/false arrive as bool, a subclass of int: they are not numbers here.
    return isinstance(value, int) and not isinstance(value, bool)


def _check_yes_no(question: Question, value: Any) -> str | None:
    if not isinstance(value, bool):
        return "must be true or false"
    return None


def _check_choice(question: Question, value: Any) -> str | None:
    if not isinstance(value, str):
        return "must be a string, one of the listed choices"
    if value not in question.choice_values:
        return "is not one of the listed choices"
    return None


def _check_multi(question: Question, value: Any) -> str | None:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        return "must be a list of strings"
    if not value:
        return f"must hold at least one choice (use {NONE!r} for none of these)"
    if any(item not in question.choice_values for item in value):
        return "holds a value that is not one of the listed choices"
    if len(set(value)) != len(value):
        return "holds the same choice more than once"
    if NONE in value and len(value) > 1:
        return f"{NONE!r} can't be combined with other choices"
    return None


def _check_integer(question: Question, value: Any) -> str | None:
    if not _is_integer(value):
        return "must be a whole number"
    if (question.min_value is not None and value < question.min_value) or (
        question.max_value is not None and value > question.max_value
    ):
        return f"must be from {question.min_value} to {question.max_value}"
    if question.choices and value not in question.choice_values:
        return "is not one of the listed choices"
    return None


def _check_text(question: Question, value: Any) -> str | None:
    if not isinstance(value, str):
        return "must be a string"
    if question.max_length is not None and len(value) > question.max_length:
        return f"must be at most {question.max_length} characters"
    if question.pattern is not None and not re.fullmatch(question.pattern, value):
        return "is not in the expected format"
    return None


_CHECKS: dict[str, Callable[[Question, Any], str | None]] = {
    YES_NO: _check_yes_no,
    CHOICE: _check_choice,
    MULTI: _check_multi,
    INTEGER: _check_integer,
    TEXT: _check_text,
}


def check_value(question: Question, value: Any) -> str | None:
    """What is wrong with ``value`` as an answer to ``question`` on its own, or None if nothing."""
    return _CHECKS[question.kind](question, value)


def validate_answers(answers: Any, questions: Sequence[Question] = QUESTION_SEQUENCE) -> list[AnswerError]:
    """Every problem with a complete answers object, in questionnaire order, then unknown keys.

    Detects: unknown keys, wrong types, values outside the choices or range, duplicate or combined-with-none
    multiple choices, answers to questions that were not shown, and missing answers to shown questions. When an
    answer that controls whether a later question is shown is itself invalid, we can't tell whether the later
    question was shown, so only its own value is checked; the person sees one error instead of a cascade.
    """
    if not isinstance(answers, Mapping):
        return [AnswerError(ROOT_KEY, "must be one JSON object of answers")]

    known = {question.id for question in questions}
    visible = {question.id for question in visible_questions(answers, questions)}
    errors: list[AnswerError] = []
    # Questions whose answer is invalid although shown, or whose visibility we can't know.
    uncertain: set[str] = set()
    for question in questions:
        present = question.id in answers
        if question.asked_when.references() & uncertain:
            uncertain.add(question.id)
            problem = check_value(question, answers[question.id]) if present else None
            if problem:
                errors.append(AnswerError(question.id, problem))
        elif present and question.id not in visible:
            errors.append(AnswerError(question.id, "answers a question that was not shown"))
        elif present:
            problem = check_value(question, answers[question.id])
            if problem:
                uncertain.add(question.id)
                errors.append(AnswerError(question.id, problem))
        elif question.required and question.id in visible:
            errors.append(AnswerError(question.id, "is missing: this question was shown"))
    errors.extend(AnswerError(str(key), "is not a known question") for key in answers if key not in known)
    return errors


def prune_hidden(answers: Mapping[str, Any], questions: Sequence[Question] = QUESTION_SEQUENCE) -> dict[str, Any]:
    """Only the answers to questions that are still shown, in questionnaire order.

    Used after an edit: if someone changes ``opioids_used`` to ``none``, their earlier SOWS answers must go.
    """
    return {
        question.id: answers[question.id]
        for question in visible_questions(answers, questions)
        if question.id in answers
    }
