"""What "Check your answers" shows: each part of the questionnaire with short rows, and scales in words.

A row per question would make the page about 16 phone screens long. Here each part gets one "Change" link, each
question a short label, a multiple choice one line, and the rating scales (SOWS, DAST-10, PHQ-2, GAD-2) one row
each, in words ("Withdrawal right now: moderate", "Mood: some low days"). Plain Python: no HTTP.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from intake.engine.items import Question, Section, Step
from intake.engine.scoring import dast10_score, gad2_score, phq2_score, sows_band, sows_score

SHORT_LABELS = {
    "danger_now": _("In danger right now"),
    "cssrs_1": _("Wished you could go to sleep and not wake up"),
    "cssrs_2": _("Thoughts of killing yourself"),
    "cssrs_3": _("Thought about how"),
    "cssrs_4": _("Some intention of acting on them"),
    "cssrs_5": _("Worked out a plan and intend to carry it out"),
    "cssrs_6": _("Ever done or prepared anything to end your life"),
    "cssrs_6_recent": _("In the past 3 months"),
    "age": _("Age"),
    "pregnant": _("Pregnant"),
    "postcode": _("ZIP code"),
    "opioids_used": _("Opioids"),
    "other_substances": _("Other drugs, alcohol"),
    "sedatives_daily": _("Benzos or alcohol most days"),
    "injects": _("Injecting"),
    "use_frequency": _("How often"),
    "use_duration": _("For how long"),
    "last_use": _("Last used"),
    "overdose_history": _("Overdose"),
    "conditions": _("Health"),
    "current_moud": _("Medicine now"),
    "previous_treatment": _("Treatment before"),
    "relapsed_after_treatment": _("Used again after treatment"),
    "complicated_withdrawal": _("Hard withdrawal before"),
    "goal": _("Your goal"),
    "medication_openness": _("Open to medicine"),
    "preferred_medicine": _("Medicine you'd like"),
    "housing": _("Where you live"),
    "others_use_at_home": _("Drug use at home"),
    "support_person": _("Support person"),
    "can_attend_daily": _("Clinic most days"),
    "responsibilities": _("Responsibilities"),
    "setting_preference": _("Care you'd like"),
    "insurance": _("Paying"),
}


@dataclass(frozen=True)
class Scale:
    """A rating scale shown as one row: its items, its label and the words for its answers."""

    question_ids: frozenset[str]
    label: str
    words: Callable[[Mapping[str, Any]], str]


WITHDRAWAL_WORDS = {"none": _("none"), "mild": _("mild"), "moderate": _("moderate"), "severe": _("severe")}
MOOD_WORDS = (_("no low days"), _("some low days"), _("low on more than half the days"), _("low nearly every day"))
WORRY_WORDS = (
    _("no worried days"),
    _("some worried days"),
    _("worried on more than half the days"),
    _("worried nearly every day"),
)


def _two_weeks(total: int, words: tuple) -> str:
    """PHQ-2 or GAD-2 (two items scored 0-3): none, some days (1-2), more than half (3-4), nearly every day."""
    return str(words[0 if total == 0 else 1 if total <= 2 else 2 if total <= 4 else 3])


SCALES = (
    Scale(
        frozenset(f"sows_{n}" for n in range(1, 17)),
        _("Withdrawal right now"),
        lambda answers: str(WITHDRAWAL_WORDS[sows_band(sows_score(answers))]),
    ),
    Scale(
        frozenset(f"dast_{n}" for n in range(1, 11)),
        _("Signs of a problem"),
        lambda answers: _("%(count)d of 10") % {"count": dast10_score(answers)},
    ),
    Scale(frozenset(("phq_1", "phq_2")), _("Mood"), lambda answers: _two_weeks(phq2_score(answers), MOOD_WORDS)),
    Scale(frozenset(("gad_1", "gad_2")), _("Worry"), lambda answers: _two_weeks(gad2_score(answers), WORRY_WORDS)),
)


@dataclass(frozen=True)
class Row:
    label: str
    answer: str
    question_ids: tuple[str, ...]


@dataclass(frozen=True)
class Part:
    section: Section
    first_step: Step
    rows: tuple[Row, ...]


def _short(label: str) -> str:
    """A choice label without its examples: "Buprenorphine (like Suboxone, ...)" → "Buprenorphine"."""
    return label.split(" (like ")[0].split(" (")[0]


def answer_text(question: Question, value: Any) -> str:
    """The answer as the person chose it: choice labels without their examples (a multiple choice on one line), or
    what they typed."""
    if value is None or value == "":
        return str(_("Not given"))
    if isinstance(value, list):
        return ", ".join(_short(question.label_for(item)) for item in value)
    if question.choices:
        return _short(question.label_for(value))
    return str(value)


def _safety_rows(journey, steps) -> tuple[Row, ...] | None:
    """The safety part in one row when every answer was no (the usual case); None otherwise, to show each."""
    questions = [question for step in steps for question in journey.questions_for(step)]
    if any(journey.answers.get(question.id) is not False for question in questions):
        return None
    ids = tuple(question.id for question in questions)
    return (Row(str(_("Safety questions")), str(_("No to all")), ids),)


def summarise(journey) -> tuple[Part, ...]:
    """The parts of the questionnaire the person saw, with their rows, for "Check your answers"."""
    parts = []
    for section, steps in journey.sections():
        rows: list[Row] = []
        scales_done: set[Scale] = set()
        for step in steps:
            for question in journey.questions_for(step):
                scale = next((scale for scale in SCALES if question.id in scale.question_ids), None)
                if scale is None:
                    value = journey.answers.get(question.id)
                    rows.append(Row(str(SHORT_LABELS[question.id]), answer_text(question, value), (question.id,)))
                elif scale not in scales_done:
                    scales_done.add(scale)
                    ids = tuple(sorted(scale.question_ids))
                    rows.append(Row(str(scale.label), scale.words(journey.answers), ids))
        if section.id == "safety":
            rows = list(_safety_rows(journey, steps) or rows)
        if steps:
            parts.append(Part(section, steps[0], tuple(rows)))
    return tuple(parts)
