"""A short "Is buprenorphine (Suboxone) right for me?" self-check.

Seven questions from the intake (same identifiers, wording and validation) and the same named conditions the
rules use, so its answer never contradicts what the full intake would suggest. It gives an honest, plain answer
in one of three kinds and always points to a counselor: it is not a diagnosis and never mentions a dose.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from intake.engine.conditions import (
    CURRENT_MOUD,
    OPIOID_FREE_8_DAYS,
    OPIOIDS_USED,
    PREGNANT,
    Condition,
    Contains,
    Equals,
    LessThan,
    Not,
)
from intake.engine.questionnaire import QUESTIONS
from intake.engine.rules import DEFAULT, RulesConfig
from intake.engine.validation import InvalidAnswers, validate_answers

SELFCHECK_QUESTION_IDS = (
    "opioids_used",
    "last_use",
    "current_moud",
    "pregnant",
    "age",
    "conditions",
    "medication_openness",
)
SELFCHECK_QUESTIONS = tuple(QUESTIONS[key] for key in SELFCHECK_QUESTION_IDS)

# Outcomes, from most to least encouraging. The overall outcome is the most cautious one any point reaches.
WORTH_DISCUSSING = "worth_discussing"
DISCUSS_POINTS = "discuss_points"
ANOTHER_OPTION = "another_option"
OUTCOMES = (WORTH_DISCUSSING, DISCUSS_POINTS, ANOTHER_OPTION)

HEADLINES = {
    WORTH_DISCUSSING: "Buprenorphine is likely worth talking about with a counselor.",
    DISCUSS_POINTS: "Buprenorphine may be an option. There are a few things to talk through with a counselor first.",
    ANOTHER_OPTION: "Another kind of support may fit you better. A counselor can help you find it.",
}

NEXT_STEP = (
    "This check isn't a diagnosis or medical advice. Whatever your answers, a counselor can talk it through with "
    "you and help you decide what's right for you."
)


@dataclass(frozen=True)
class Point:
    """One thing worth saying when ``applies`` holds, and how far it moves the outcome."""

    outcome: str
    applies: Condition
    text: str


def points_for(config: RulesConfig = DEFAULT) -> tuple[Point, ...]:
    """The self-check's points, in the order they are shown."""
    no_opioid_use = Not(OPIOIDS_USED) & Not(CURRENT_MOUD)
    return (
        Point(
            ANOTHER_OPTION,
            no_opioid_use,
            "You said you haven't used opioids and don't take medicine for opioid use. Buprenorphine is a "
            "medicine for opioid use, so other support is likely to fit you better.",
        ),
        Point(
            WORTH_DISCUSSING,
            OPIOIDS_USED & Not(CURRENT_MOUD) & (Not(Equals("medication_openness", "no")) | PREGNANT),
            "Buprenorphine (like Suboxone) eases withdrawal and cravings and lowers the risk of overdose. It can "
            "often be prescribed at a visit or by video and taken at home.",
        ),
        Point(
            WORTH_DISCUSSING,
            Equals("current_moud", "buprenorphine"),
            "You said you take buprenorphine now. Keep taking it as prescribed. A counselor can help you continue "
            "or transfer your treatment without a gap.",
        ),
        Point(
            DISCUSS_POINTS,
            Equals("current_moud", "methadone"),
            "You said you take methadone now. Moving from methadone to buprenorphine is possible, but it needs "
            "careful planning with your prescriber. Please don't stop methadone on your own.",
        ),
        Point(
            DISCUSS_POINTS,
            Equals("current_moud", "naltrexone"),
            "You said you take naltrexone now. Naltrexone blocks opioids, so any change to buprenorphine needs "
            "planning with your prescriber.",
        ),
        Point(
            DISCUSS_POINTS,
            PREGNANT & Not(no_opioid_use),
            "You said you are or might be pregnant. Buprenorphine and methadone are the safest treatments for you "
            "and your baby, and pregnant people can get care sooner. Please talk to a counselor soon.",
        ),
        Point(
            ANOTHER_OPTION,
            Equals("medication_openness", "no") & Not(PREGNANT) & Not(no_opioid_use),
            "You said you'd rather not take medicine. That's your choice, and there are other kinds of support, "
            "like counseling. A counselor can talk the options through with you.",
        ),
        Point(
            WORTH_DISCUSSING,
            Equals("medication_openness", "not_sure") & Not(no_opioid_use),
            "It's OK not to be sure about medicine. A counselor can answer your questions, with no pressure.",
        ),
        Point(
            DISCUSS_POINTS,
            Contains("opioids_used", "fentanyl"),
            "You said you use fentanyl. Starting buprenorphine after fentanyl needs careful planning with a "
            "clinician, so that it doesn't bring on sudden withdrawal.",
        ),
        Point(
            DISCUSS_POINTS,
            Equals("last_use", "today"),
            "You said you used opioids today. The timing of the first buprenorphine dose matters, and a clinician "
            "will help you plan when to start.",
        ),
        Point(
            WORTH_DISCUSSING,
            OPIOIDS_USED & OPIOID_FREE_8_DAYS & Not(CURRENT_MOUD),
            "It's been more than a week since you last used opioids. A counselor can also tell you about "
            "naltrexone, another medicine that may suit you.",
        ),
        Point(
            DISCUSS_POINTS,
            LessThan("age", config.adult_age) & Not(no_opioid_use),
            "You told us you are under 18. Young people can get treatment with medicine, and a specialist will "
            "usually be involved.",
        ),
        Point(
            DISCUSS_POINTS,
            Contains("conditions", "liver_disease") & Not(no_opioid_use),
            "You said you have liver disease. Buprenorphine can still be an option, but a doctor will want to "
            "check your liver first.",
        ),
    )


@dataclass(frozen=True)
class SelfCheckResult:
    outcome: str
    headline: str
    points: tuple[str, ...]
    next_step: str = NEXT_STEP


def selfcheck(answers: Mapping[str, Any], config: RulesConfig = DEFAULT) -> SelfCheckResult:
    """The self-check's answer. Raises ``InvalidAnswers`` for answers that don't validate."""
    errors = validate_answers(answers, SELFCHECK_QUESTIONS)
    if errors:
        raise InvalidAnswers(errors)
    found = [point for point in points_for(config) if point.applies(answers)]
    outcome = max((point.outcome for point in found), key=OUTCOMES.index, default=WORTH_DISCUSSING)
    return SelfCheckResult(outcome=outcome, headline=HEADLINES[outcome], points=tuple(p.text for p in found))
