"""The intake questionnaire's pages, in order (intake-spec.md §1), and which of them a person sees.

Pages: the web shows one ``Step`` per page, safety steps first. A question never depends on another question in
the same step, so every page works without JavaScript. Contact and consent fields are not part of this
questionnaire; the web builds that form.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from intake.engine import instruments
from intake.engine import questions as q
from intake.engine.items import Question, Step

QUESTIONNAIRE_VERSION = "2026.2"

# --- Pages -------------------------------------------------------------------------------------------------------

STEPS: tuple[Step, ...] = (
    Step("danger", "Are you safe right now?", (q.DANGER_NOW,)),
    Step("cssrs_thoughts", "How you've been feeling", (q.CSSRS_1, q.CSSRS_2), intro=q.CSSRS_INTRO),
    Step("cssrs_details", "Your thoughts of suicide", (q.CSSRS_3, q.CSSRS_4, q.CSSRS_5), intro=q.CSSRS_INTRO),
    Step("cssrs_actions", "Things you may have done", (q.CSSRS_6,)),
    Step("cssrs_actions_recent", "When it happened", (q.CSSRS_6_RECENT,)),
    Step("age", "Your age", (q.AGE,)),
    Step("pregnant", "Pregnancy", (q.PREGNANT,)),
    Step("postcode", "Where you are", (q.POSTCODE,)),
    Step("opioids_used", "Opioids you use", (q.OPIOIDS_USED_Q,)),
    Step("other_substances", "Other drugs and alcohol", (q.OTHER_SUBSTANCES,)),
    Step("sedatives_daily", "Benzos and alcohol", (q.SEDATIVES_DAILY,)),
    Step("injects", "Injecting", (q.INJECTS,)),
    Step("opioid_pattern", "How you use opioids", (q.USE_FREQUENCY, q.USE_DURATION, q.LAST_USE)),
    Step("overdose_history", "Overdose", (q.OVERDOSE_HISTORY,)),
    Step("sows_1", "How you feel right now (1 of 4)", instruments.SOWS[0:4], intro=instruments.SOWS_INTRO),
    Step("sows_2", "How you feel right now (2 of 4)", instruments.SOWS[4:8], intro=instruments.SOWS_INTRO),
    Step("sows_3", "How you feel right now (3 of 4)", instruments.SOWS[8:12], intro=instruments.SOWS_INTRO),
    Step("sows_4", "How you feel right now (4 of 4)", instruments.SOWS[12:16], intro=instruments.SOWS_INTRO),
    Step("dast_1", "Drug use in the past 12 months (1 of 3)", instruments.DAST[0:4], intro=instruments.DAST_INTRO),
    Step("dast_2", "Drug use in the past 12 months (2 of 3)", instruments.DAST[4:7], intro=instruments.DAST_INTRO),
    Step("dast_3", "Drug use in the past 12 months (3 of 3)", instruments.DAST[7:10], intro=instruments.DAST_INTRO),
    Step("mood", "Your mood", instruments.MOOD, intro=instruments.MOOD_INTRO),
    Step("conditions", "Your health", (q.CONDITIONS,)),
    Step("current_moud", "Medicine you take now", (q.CURRENT_MOUD_Q,)),
    Step("previous_treatment", "Treatment you've had before", (q.PREVIOUS_TREATMENT,)),
    Step("relapsed_after_treatment", "After treatment", (q.RELAPSED_AFTER_TREATMENT,)),
    Step("complicated_withdrawal", "Withdrawal in the past", (q.COMPLICATED_WITHDRAWAL,)),
    Step("goal", "Your goal", (q.GOAL,)),
    Step("medication_openness", "Medicine for opioid use", (q.MEDICATION_OPENNESS,)),
    Step("preferred_medicine", "A medicine you'd like", (q.PREFERRED_MEDICINE,)),
    Step("home_and_support", "Home and support", (q.HOUSING, q.OTHERS_USE_AT_HOME, q.SUPPORT_PERSON)),
    Step("can_attend_daily", "Clinic visits", (q.CAN_ATTEND_DAILY,)),
    Step("responsibilities", "Your responsibilities", (q.RESPONSIBILITIES,)),
    Step("setting_preference", "Where you'd like care", (q.SETTING_PREFERENCE,)),
    Step("insurance", "Paying for treatment", (q.INSURANCE,)),
)

# After these steps the web checks is_emergency / is_crisis (intake.engine.recommend) before asking anything else.
SAFETY_STEP_IDS: tuple[str, ...] = (
    "danger",
    "cssrs_thoughts",
    "cssrs_details",
    "cssrs_actions",
    "cssrs_actions_recent",
)

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
