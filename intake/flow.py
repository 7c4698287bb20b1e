"""Where someone is in the questionnaire and where they go next. Plain Python: no HTTP, no database.

The pages and their "asked when" conditions are the engine's (``intake.engine.questionnaire``); this module only
adds the web's rules on top:

* safety first: ``danger_now`` = yes sends the person to the emergency page and nothing else is asked; a high
  C-SSRS risk sends them to the crisis page before any further question, until they choose to carry on (meanwhile
  they may only go back to change a safety answer they gave);
* a page can be opened only when every page shown before it has been answered (so nobody can skip the safety
  questions by typing an address), and only while it is shown for the answers so far;
* after a page, the next page in order; when changing a part from "Check your answers", the next page of that
  part, then the next page that still needs an answer (a change can reveal new questions), else back to "Check
  your answers".
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from intake.engine.items import Question, Section, Step
from intake.engine.questionnaire import (
    SAFETY_STEP_IDS,
    SECTION_OF_STEP,
    SECTIONS,
    STEPS,
    visible_questions,
    visible_steps,
)
from intake.engine.recommend import is_crisis, is_emergency
from intake.engine.validation import prune_hidden

EMERGENCY = "emergency"
CRISIS = "crisis"
CHECK = "check"
STEP = "step"

FIRST_STEP_ID = STEPS[0].id


@dataclass(frozen=True)
class Destination:
    """Where to send the person: a page of questions (``step``), or one of the fixed pages."""

    kind: str
    step: Step | None = None


@dataclass(frozen=True)
class Journey:
    answers: Mapping[str, Any]
    completed: frozenset[str] = frozenset()
    crisis_acknowledged: bool = False

    @classmethod
    def of(cls, draft) -> Journey:
        if draft is None:
            return cls({})
        return cls(draft.answers, frozenset(draft.completed_steps), draft.crisis_acknowledged_at is not None)

    @cached_property
    def steps(self) -> tuple[Step, ...]:
        return visible_steps(self.answers)

    @cached_property
    def _visible_ids(self) -> frozenset[str]:
        return frozenset(question.id for question in visible_questions(self.answers))

    def questions_for(self, step: Step) -> tuple[Question, ...]:
        """The questions of ``step`` shown for these answers."""
        return tuple(question for question in step.questions if question.id in self._visible_ids)

    def is_shown(self, step: Step) -> bool:
        return step in self.steps

    def is_done(self, step: Step) -> bool:
        return step.id in self.completed and all(
            question.id in self.answers for question in self.questions_for(step) if question.required
        )

    @property
    def gate(self) -> str | None:
        """The safety page the person must see now, if any."""
        if is_emergency(self.answers):
            return EMERGENCY
        if is_crisis(self.answers) and not self.crisis_acknowledged:
            return CRISIS
        return None

    def first_undone(self) -> Step | None:
        return next((step for step in self.steps if not self.is_done(step)), None)

    @property
    def is_complete(self) -> bool:
        """Every shown page answered and no safety page pending: ready for "Check your answers"."""
        return self.gate is None and self.first_undone() is None

    def can_open(self, step: Step) -> bool:
        if not self.is_shown(step):
            return False
        gate = self.gate
        if gate == EMERGENCY:
            return step.id == FIRST_STEP_ID
        if gate == CRISIS:  # only to change an answer already given on a safety page
            return step.id in SAFETY_STEP_IDS and self.is_done(step)
        before = self.steps[: self.steps.index(step)]
        return all(self.is_done(earlier) for earlier in before)

    def resume(self) -> Destination:
        """Where someone carries on: a pending safety page, the first page still to answer, or the check page."""
        gate = self.gate
        if gate:
            return Destination(gate)
        step = self.first_undone()
        return Destination(STEP, step) if step else Destination(CHECK)

    def after(self, step: Step, changing: bool = False) -> Destination:
        """Where to go once ``step`` is answered."""
        gate = self.gate
        if gate:
            return Destination(gate)
        if step in self.steps:
            later = self.steps[self.steps.index(step) + 1 :]
            if later and (not changing or SECTION_OF_STEP[later[0].id] == SECTION_OF_STEP[step.id]):
                return Destination(STEP, later[0])
        return self.resume()

    def previous(self, step: Step) -> Step | None:
        if step not in self.steps:
            return None
        index = self.steps.index(step)
        return self.steps[index - 1] if index else None

    def sections(self) -> tuple[tuple[Section, tuple[Step, ...]], ...]:
        """Each part with its pages shown for these answers (every part has a page that is always shown)."""
        return tuple((section, tuple(step for step in section.steps if self.is_shown(step))) for section in SECTIONS)


def position(step: Step) -> tuple[int, int, Section]:
    """``(n, total, section)`` for "Part n of total: section title". Parts are fixed, so the total never changes."""
    section = SECTION_OF_STEP[step.id]
    return SECTIONS.index(section) + 1, len(SECTIONS), section


def merge_step(
    answers: Mapping[str, Any], completed: Iterable[str], step: Step, step_answers: Mapping[str, Any]
) -> tuple[dict[str, Any], list[str]]:
    """The draft after answering ``step``: only that page's answers change, and answers (and pages) that are no
    longer shown are dropped (e.g. the SOWS answers after ``opioids_used`` changes to ``none``)."""
    merged = {key: value for key, value in answers.items() if key not in step.question_ids}
    merged.update(step_answers)
    merged = prune_hidden(merged)
    shown = {shown_step.id for shown_step in visible_steps(merged)}
    done = [step_id for step_id in completed if step_id in shown and step_id != step.id]
    if step.id in shown:
        done.append(step.id)
    return merged, done
