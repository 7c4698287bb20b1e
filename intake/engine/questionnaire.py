"""The intake questionnaire's parts and pages, in order (intake-spec.md §1), and which of them a person sees.

Pages: the web shows one ``Step`` per page, safety steps first, grouped in ``SECTIONS`` for the progress line.
Contact and consent fields are not part of this questionnaire; the web builds those forms.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from intake.engine import instruments
from intake.engine import questions as q
from intake.engine.items import Question, Section, Step

QUESTIONNAIRE_VERSION = "2026.2"

# --- Parts and pages ---------------------------------------------------------------------------------------------
# At most 16 pages when every conditional question is shown (31 in 2026.1). A page holds questions a person answers
# together; a question never depends on another on its own page, so every page works without JavaScript.

SECTIONS: tuple[Section, ...] = (
    Section(
        "safety",
        "Your safety",
        (
            Step("danger", "Are you safe right now?", (q.DANGER_NOW,)),
            Step(
                "safety_feelings",
                "How you've been feeling",
                (q.CSSRS_1, q.CSSRS_2, q.CSSRS_6),
                intro=q.CSSRS_INTRO,
            ),
            Step(
                "safety_details",
                "A little more about this",
                (q.CSSRS_3, q.CSSRS_4, q.CSSRS_5, q.CSSRS_6_RECENT),
                intro=q.CSSRS_INTRO,
            ),
        ),
    ),
    Section("about_you", "About you", (Step("about_you", "About you", (q.AGE, q.PREGNANT, q.POSTCODE)),)),
    Section(
        "opioid_use",
        "Your opioid use",
        (
            Step("substances", "What you use", (q.OPIOIDS_USED_Q, q.OTHER_SUBSTANCES)),
            Step(
                "opioid_pattern",
                "How you use",
                (q.SEDATIVES_DAILY, q.INJECTS, q.USE_FREQUENCY, q.USE_DURATION, q.LAST_USE, q.OVERDOSE_HISTORY),
            ),
            Step("sows_1", "How you feel right now (1 of 2)", instruments.SOWS[0:8], intro=instruments.SOWS_INTRO),
            Step("sows_2", "How you feel right now (2 of 2)", instruments.SOWS[8:16], intro=instruments.SOWS_INTRO),
        ),
    ),
    Section(
        "drug_use",
        "Drug use in the past year",
        (
            Step(
                "dast_1", "Drug use in the past 12 months (1 of 2)", instruments.DAST[0:5], intro=instruments.DAST_INTRO
            ),
            Step(
                "dast_2",
                "Drug use in the past 12 months (2 of 2)",
                instruments.DAST[5:10],
                intro=instruments.DAST_INTRO,
            ),
        ),
    ),
    Section(
        "health",
        "Your mood and health",
        (
            Step("mood", "Your mood", instruments.MOOD, intro=instruments.MOOD_INTRO),
            Step(
                "health_history",
                "Your health and treatment",
                (q.CONDITIONS, q.CURRENT_MOUD_Q, q.PREVIOUS_TREATMENT, q.COMPLICATED_WITHDRAWAL),
            ),
        ),
    ),
    Section(
        "goals",
        "Your goals",
        (
            Step("goals", "What you'd like now", (q.RELAPSED_AFTER_TREATMENT, q.GOAL, q.MEDICATION_OPENNESS)),
            Step(
                "care_choices",
                "Care that would suit you",
                (q.PREFERRED_MEDICINE, q.CAN_ATTEND_DAILY, q.SETTING_PREFERENCE),
            ),
        ),
    ),
    Section(
        "everyday_life",
        "Home and everyday life",
        (
            Step("home_and_support", "Home and support", (q.HOUSING, q.OTHERS_USE_AT_HOME, q.SUPPORT_PERSON)),
            Step("life_and_paying", "Your days and paying for care", (q.RESPONSIBILITIES, q.INSURANCE)),
        ),
    ),
)

STEPS: tuple[Step, ...] = tuple(step for section in SECTIONS for step in section.steps)

# After these steps the web checks is_emergency / is_crisis (intake.engine.recommend) before asking anything else.
SAFETY_STEP_IDS: tuple[str, ...] = tuple(step.id for step in SECTIONS[0].steps)

SECTION_OF_STEP: dict[str, Section] = {step.id: section for section in SECTIONS for step in section.steps}
STEPS_BY_ID: dict[str, Step] = {step.id: step for step in STEPS}
QUESTION_SEQUENCE: tuple[Question, ...] = tuple(question for step in STEPS for question in step.questions)
QUESTIONS: dict[str, Question] = {question.id: question for question in QUESTION_SEQUENCE}
STEP_OF_QUESTION: dict[str, str] = {question.id: step.id for step in STEPS for question in step.questions}


def visible_questions(
    answers: Mapping[str, Any], questions: Sequence[Question] = QUESTION_SEQUENCE
) -> tuple[Question, ...]:
    """The questions shown for these answers, in order.

    Each condition sees only the answers to questions shown before it, so an answer left over from a hidden
    question (e.g. after the person went back and changed an earlier answer) can never make a question appear.
    """
    shown_answers: dict[str, Any] = {}
    visible = []
    for question in questions:
        if question.asked_when(shown_answers):
            visible.append(question)
            if question.id in answers:
                shown_answers[question.id] = answers[question.id]
    return tuple(visible)


def visible_steps(answers: Mapping[str, Any]) -> tuple[Step, ...]:
    """The pages shown for these answers, in order: those with at least one visible question."""
    shown = {question.id for question in visible_questions(answers)}
    return tuple(step for step in STEPS if any(question.id in shown for question in step.questions))
