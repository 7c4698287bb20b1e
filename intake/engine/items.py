"""The building blocks of the questionnaire: answer kinds, choices, questions and pages (steps).

A question's "asked when" condition comes from ``intake.engine.conditions``; the questions themselves are in
``intake.engine.questions`` and the pages in ``intake.engine.questionnaire``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from intake.engine.conditions import ALWAYS, Condition

YES_NO = "yes_no"
CHOICE = "choice"
MULTI = "multi"
INTEGER = "integer"
TEXT = "text"
KINDS = (YES_NO, CHOICE, MULTI, INTEGER, TEXT)

# In a multiple choice, this value means "none of these" and can't be combined with another choice.
NONE = "none"


@dataclass(frozen=True)
class Choice:
    """One answer option: the stored ``value`` (an identifier, boolean or integer) and its patient-facing label."""

    value: Any
    label: str


@dataclass(frozen=True)
class Question:
    """One question. ``asked_when`` is evaluated on the answers to the questions shown before it.

    ``personal_data`` marks answers that could help identify someone (keep them out of logs and exports).
    Integer questions may carry ``choices`` for a labelled rating scale; the web then shows them as radios.
    """

    id: str
    kind: str
    label: str
    hint: str = ""
    why_we_ask: str = ""
    choices: tuple[Choice, ...] = ()
    required: bool = True
    asked_when: Condition = ALWAYS
    personal_data: bool = False
    min_value: int | None = None
    max_value: int | None = None
    max_length: int | None = None
    pattern: str | None = None

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"{self.id}: unknown kind {self.kind!r}")

    @property
    def choice_values(self) -> tuple[Any, ...]:
        return tuple(choice.value for choice in self.choices)

    def label_for(self, value: Any) -> str:
        """The patient-facing label of a stored choice value (for "check your answers" pages)."""
        for choice in self.choices:
            if choice.value == value and isinstance(choice.value, bool) == isinstance(value, bool):
                return choice.label
        raise KeyError(f"{self.id}: no choice {value!r}")


@dataclass(frozen=True)
class Step:
    """One page: a single question or a group a person answers together, under one heading."""

    id: str
    title: str
    questions: tuple[Question, ...]
    intro: str = ""

    @property
    def question_ids(self) -> tuple[str, ...]:
        return tuple(question.id for question in self.questions)


@dataclass(frozen=True)
class Section:
    """A part of the questionnaire ("Part 3 of 7: Your opioid use"): its pages in order.

    Every section has a page that is always shown, so the number of parts never changes during a visit.
    """

    id: str
    title: str
    steps: tuple[Step, ...]


# --- Choice sets -------------------------------------------------------------------------------------------------

YES_NO_CHOICES = (Choice(True, "Yes"), Choice(False, "No"))

SOWS_SCALE = (
    Choice(0, "Not at all"),
    Choice(1, "A little"),
    Choice(2, "Moderately"),
    Choice(3, "Quite a bit"),
    Choice(4, "Extremely"),
)

TWO_WEEK_SCALE = (
    Choice(0, "Not at all"),
    Choice(1, "Several days"),
    Choice(2, "More than half the days"),
    Choice(3, "Nearly every day"),
)


def yes_no(id: str, label: str, **kwargs: Any) -> Question:
    return Question(id=id, kind=YES_NO, label=label, choices=YES_NO_CHOICES, **kwargs)


def single_choice(id: str, label: str, choices: Iterable[tuple[str, str]], **kwargs: Any) -> Question:
    return Question(id=id, kind=CHOICE, label=label, choices=tuple(Choice(v, text) for v, text in choices), **kwargs)


def multi_choice(id: str, label: str, choices: Iterable[tuple[str, str]], **kwargs: Any) -> Question:
    kwargs.setdefault("hint", "Choose all that apply.")
    return Question(id=id, kind=MULTI, label=label, choices=tuple(Choice(v, text) for v, text in choices), **kwargs)


def scale(id: str, label: str, scale: tuple[Choice, ...], **kwargs: Any) -> Question:
    return Question(
        id=id, kind=INTEGER, label=label, choices=scale, min_value=scale[0].value, max_value=scale[-1].value, **kwargs
    )


