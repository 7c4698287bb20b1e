"""The intake questionnaire as data (intake-spec.md §1).

Identifiers, kinds, choices and "asked when" conditions follow the spec exactly; the wording is ours (plain
language, warm, US grade 6–8). The standard instruments (C-SSRS screener, SOWS, DAST-10, PHQ-2, GAD-2) keep their
published item wording as closely as plain language allows, because changing it would change what they measure.

Pages: the web shows one ``Step`` per page, safety steps first. A question never depends on another question in
the same step, so every page works without JavaScript. Contact and consent fields are not part of this
questionnaire; the web builds that form.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from intake.conditions import (
    ALWAYS,
    NOT_EMERGENCY,
    OPIOIDS_USED,
    USED_IN_LAST_3_DAYS,
    Condition,
    ContainsAny,
    ContainsOtherThan,
    Equals,
)

QUESTIONNAIRE_VERSION = "2026.1"

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
    """One page: a single question or a small group that belongs together."""

    id: str
    title: str
    questions: tuple[Question, ...]
    intro: str = ""

    @property
    def question_ids(self) -> tuple[str, ...]:
        return tuple(question.id for question in self.questions)


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


def _yes_no(id: str, label: str, **kwargs: Any) -> Question:
    return Question(id=id, kind=YES_NO, label=label, choices=YES_NO_CHOICES, **kwargs)


def _choice(id: str, label: str, choices: Iterable[tuple[str, str]], **kwargs: Any) -> Question:
    return Question(id=id, kind=CHOICE, label=label, choices=tuple(Choice(v, text) for v, text in choices), **kwargs)


def _multi(id: str, label: str, choices: Iterable[tuple[str, str]], **kwargs: Any) -> Question:
    kwargs.setdefault("hint", "Choose all that apply.")
    return Question(id=id, kind=MULTI, label=label, choices=tuple(Choice(v, text) for v, text in choices), **kwargs)


def _scale(id: str, label: str, scale: tuple[Choice, ...], **kwargs: Any) -> Question:
    return Question(
        id=id, kind=INTEGER, label=label, choices=scale, min_value=scale[0].value, max_value=scale[-1].value, **kwargs
    )


# --- Safety ------------------------------------------------------------------------------------------------------

DANGER_NOW = _yes_no(
    "danger_now",
    "Are you, or is someone with you, in danger right now or possibly overdosing?",
    hint=(
        "Signs of an overdose include being very hard to wake up, slow or stopped breathing, "
        "blue or gray lips or fingertips, and gurgling or snoring sounds."
    ),
    why_we_ask="If someone is in danger, we'll show you what to do right away.",
)

_PAST_MONTH = "In the past month, "
CSSRS_1 = _yes_no(
    "cssrs_1",
    _PAST_MONTH + "have you wished you were dead or wished you could go to sleep and not wake up?",
    asked_when=NOT_EMERGENCY,
)
CSSRS_2 = _yes_no(
    "cssrs_2",
    _PAST_MONTH + "have you actually had any thoughts of killing yourself?",
    asked_when=NOT_EMERGENCY,
)
_THOUGHTS = Equals("cssrs_2", True)
CSSRS_3 = _yes_no("cssrs_3", "Have you been thinking about how you might do this?", asked_when=_THOUGHTS)
CSSRS_4 = _yes_no(
    "cssrs_4", "Have you had these thoughts and had some intention of acting on them?", asked_when=_THOUGHTS
)
CSSRS_5 = _yes_no(
    "cssrs_5",
    "Have you started to work out, or worked out, the details of how to kill yourself? "
    "And do you intend to carry out this plan?",
    hint="Answer yes if both are true.",
    asked_when=_THOUGHTS,
)
CSSRS_6 = _yes_no(
    "cssrs_6",
    "Have you ever done anything, started to do anything, or prepared to do anything to end your life?",
    hint=(
        "For example: collected pills, got a gun, gave away valuables, wrote a will or suicide note, took out pills "
        "but didn't swallow any, held a gun but changed your mind, cut yourself, or tried to hang yourself."
    ),
    asked_when=NOT_EMERGENCY,
)
CSSRS_6_RECENT = _yes_no("cssrs_6_recent", "Was this within the past 3 months?", asked_when=Equals("cssrs_6", True))

_CSSRS_INTRO = (
    "These questions can be hard to read. Many people go through times like this, and your answers help us "
    "make sure you get the right support. If you need to talk to someone now, call or text 988."
)

# --- About you ---------------------------------------------------------------------------------------------------

AGE = Question(
    id="age",
    kind=INTEGER,
    label="How old are you?",
    hint="Your age in years.",
    why_we_ask="Some treatments and services depend on your age.",
    min_value=12,
    max_value=110,
    asked_when=NOT_EMERGENCY,
    personal_data=True,
)
PREGNANT = _choice(
    "pregnant",
    "Are you pregnant?",
    (
        ("yes", "Yes"),
        ("no", "No"),
        ("not_sure", "I'm not sure"),
        ("not_applicable", "This doesn't apply to me"),
        ("prefer_not_to_say", "I'd prefer not to say"),
    ),
    why_we_ask=(
        "Pregnant people can get care sooner, and some treatments are safer for you and your baby. "
        "If you might be pregnant, it helps to tell us."
    ),
    asked_when=NOT_EMERGENCY,
)
POSTCODE = Question(
    id="postcode",
    kind=TEXT,
    label="What is your ZIP code or postcode? (optional)",
    hint="For example, 10001. You can leave this blank.",
    why_we_ask="We use it only to find services near you.",
    required=False,
    max_length=10,
    pattern=r"[A-Za-z0-9][A-Za-z0-9 -]{1,9}",
    asked_when=NOT_EMERGENCY,
    personal_data=True,
)

# --- Substance use -----------------------------------------------------------------------------------------------

OPIOIDS_USED_Q = _multi(
    "opioids_used",
    "In the past 12 months, which of these have you used?",
    (
        ("heroin", "Heroin"),
        ("fentanyl", "Fentanyl"),
        ("prescription_opioids", "Opioid pain pills not as prescribed (like oxycodone, hydrocodone or morphine)"),
        ("methadone_not_prescribed", "Methadone that was not prescribed to you"),
        ("buprenorphine_not_prescribed", "Buprenorphine or Suboxone that was not prescribed to you"),
        ("other_opioid", "Another opioid"),
        (NONE, "None of these"),
    ),
    hint="Choose all that apply. Pills bought on the street can contain fentanyl, even if they look real.",
    why_we_ask="This helps us suggest care that works for what you use.",
    asked_when=NOT_EMERGENCY,
)
OTHER_SUBSTANCES = _multi(
    "other_substances",
    "In the past 12 months, which of these have you used?",
    (
        ("benzodiazepines", "Benzodiazepines, or \u201cbenzos\u201d (like Xanax, Valium or Klonopin)"),
        ("alcohol", "Alcohol"),
        ("stimulants", "Stimulants (like cocaine, crack or meth)"),
        ("cannabis", "Cannabis (marijuana, weed)"),
        ("other", "Something else"),
        (NONE, "None of these"),
    ),
    why_we_ask="Some drugs mixed with opioids raise the risk of overdose, so we plan care with that in mind.",
    asked_when=NOT_EMERGENCY,
)
SEDATIVES_DAILY = _yes_no(
    "sedatives_daily",
    "Do you take benzodiazepines or drink alcohol on most days?",
    why_we_ask=(
        "Mixing these with opioids raises the risk of overdose, and stopping them suddenly can be dangerous. "
        "Knowing helps us keep you safe."
    ),
    asked_when=ContainsAny("other_substances", ("benzodiazepines", "alcohol")),
)
INJECTS = _yes_no(
    "injects",
    "Do you inject any drugs?",
    why_we_ask="This helps the care team offer health checks and care that keep you safer.",
    asked_when=OPIOIDS_USED,
)
USE_FREQUENCY = _choice(
    "use_frequency",
    "How often do you use opioids?",
    (
        ("daily", "Every day"),
        ("most_days", "Most days"),
        ("weekly", "Every week, but not most days"),
        ("less_than_weekly", "Less than once a week"),
    ),
    asked_when=OPIOIDS_USED,
)
USE_DURATION = _choice(
    "use_duration",
    "How long have you been using opioids like this?",
    (
        ("under_1_month", "Less than a month"),
        ("1_to_12_months", "1 to 12 months"),
        ("1_to_5_years", "1 to 5 years"),
        ("over_5_years", "More than 5 years"),
    ),
    asked_when=OPIOIDS_USED,
)
LAST_USE = _choice(
    "last_use",
    "When did you last use opioids?",
    (
        ("today", "Today"),
        ("1_to_3_days", "1 to 3 days ago"),
        ("4_to_7_days", "4 to 7 days ago"),
        ("8_to_14_days", "8 to 14 days ago"),
        ("over_14_days", "More than 14 days ago"),
    ),
    hint="Don't count medicine prescribed to you for opioid use, like methadone or buprenorphine.",
    why_we_ask="Some treatments can only start after a certain number of days without opioids.",
    asked_when=OPIOIDS_USED,
)
OVERDOSE_HISTORY = _choice(
    "overdose_history",
    "Have you ever overdosed?",
    (
        ("never", "No, never"),
        ("over_a_year_ago", "Yes, more than a year ago"),
        ("within_year", "Yes, in the past year, but not in the past 30 days"),
        ("within_30_days", "Yes, in the past 30 days"),
    ),
    hint=(
        "For example, you passed out, stopped breathing well, or needed naloxone (Narcan) or emergency help. "
        "If it happened more than once, choose the most recent time."
    ),
    why_we_ask="A recent overdose means we should talk with you sooner.",
    asked_when=OPIOIDS_USED,
)

# --- SOWS (Handelsman 1987): how you feel right now --------------------------------------------------------------

_SOWS_ITEMS = (
    "I feel anxious",
    "I am yawning",
    "I am sweating",
    "My eyes are tearing",
    "My nose is running",
    "I have goosebumps",
    "I am shaking",
    "I have hot flashes",
    "I have cold flashes",
    "My bones and muscles ache",
    "I feel restless",
    "I feel sick to my stomach (nauseous)",
    "I feel like throwing up",
    "My muscles twitch",
    "I have stomach cramps",
    "I feel like using now",
)
SOWS_ASKED = OPIOIDS_USED & USED_IN_LAST_3_DAYS
SOWS = tuple(
    _scale(f"sows_{number}", text, SOWS_SCALE, asked_when=SOWS_ASKED)
    for number, text in enumerate(_SOWS_ITEMS, start=1)
)
_SOWS_INTRO = "For each one, choose how you feel right now."

# --- DAST-10 (Skinner 1982): drug use in the past 12 months -------------------------------------------------------

_DAST_ITEMS = (
    "Have you used drugs other than those needed for medical reasons?",
    "Do you use more than one drug at a time?",
    "Are you always able to stop using drugs when you want to?",
    "Have you had \u201cblackouts\u201d or \u201cflashbacks\u201d as a result of drug use?",
    "Do you ever feel bad or guilty about your drug use?",
    "Does your spouse or partner (or parents) ever complain about your involvement with drugs?",
    "Have you neglected your family because of your use of drugs?",
    "Have you done illegal things in order to get drugs?",
    "Have you ever had withdrawal symptoms (felt sick) when you stopped taking drugs?",
    "Have you had medical problems because of your drug use (like memory loss, hepatitis, seizures or bleeding)?",
)
DAST = tuple(
    _yes_no(f"dast_{number}", text, asked_when=NOT_EMERGENCY) for number, text in enumerate(_DAST_ITEMS, start=1)
)
_DAST_INTRO = (
    "These questions are about the past 12 months. \u201cDrug use\u201d means taking medicine more than prescribed "
    "or directed, or using any drug for non-medical reasons. Don't count alcohol. If you're not sure, "
    "choose the answer that is mostly right."
)

# --- PHQ-2 and GAD-2: the past 2 weeks ---------------------------------------------------------------------------

MOOD = (
    _scale("phq_1", "Little interest or pleasure in doing things", TWO_WEEK_SCALE, asked_when=NOT_EMERGENCY),
    _scale("phq_2", "Feeling down, depressed or hopeless", TWO_WEEK_SCALE, asked_when=NOT_EMERGENCY),
    _scale("gad_1", "Feeling nervous, anxious or on edge", TWO_WEEK_SCALE, asked_when=NOT_EMERGENCY),
    _scale("gad_2", "Not being able to stop or control worrying", TWO_WEEK_SCALE, asked_when=NOT_EMERGENCY),
)
_MOOD_INTRO = "Over the last 2 weeks, how often have you been bothered by these problems?"

# --- Health and treatment history --------------------------------------------------------------------------------

CONDITIONS = _multi(
    "conditions",
    "Do you have any of these health conditions?",
    (
        ("liver_disease", "Liver disease (like cirrhosis or liver damage)"),
        ("heart_rhythm_problem", "A heart rhythm problem (like long QT or an irregular heartbeat)"),
        ("seizures", "Seizures or epilepsy"),
        ("chronic_pain", "Long-term (chronic) pain"),
        ("hiv_or_hepatitis_c", "HIV or hepatitis C"),
        (NONE, "None of these"),
    ),
    why_we_ask="Some medicines need extra health checks for people with these conditions.",
    asked_when=NOT_EMERGENCY,
)
CURRENT_MOUD_Q = _choice(
    "current_moud",
    "Are you prescribed any of these medicines for opioid use right now?",
    (
        (NONE, "No, none of these"),
        ("methadone", "Methadone"),
        ("buprenorphine", "Buprenorphine (like Suboxone, Subutex, Sublocade or Zubsolv)"),
        ("naltrexone", "Naltrexone (like Vivitrol)"),
    ),
    asked_when=NOT_EMERGENCY,
)
PREVIOUS_TREATMENT = _multi(
    "previous_treatment",
    "Have you had any of these treatments before?",
    (
        ("detox", "Detox (care while you go through withdrawal)"),
        ("methadone", "Methadone"),
        ("buprenorphine", "Buprenorphine (like Suboxone)"),
        ("naltrexone", "Naltrexone (like Vivitrol)"),
        ("residential", "A stay at a treatment center (residential or inpatient)"),
        ("counselling", "Counseling or therapy"),
        (NONE, "None of these"),
    ),
    asked_when=NOT_EMERGENCY,
)
RELAPSED_AFTER_TREATMENT = _yes_no(
    "relapsed_after_treatment",
    "After treatment, did you start using again?",
    hint="This is very common. Recovery often takes more than one try.",
    why_we_ask="It helps us suggest care with the right amount of support this time.",
    asked_when=ContainsOtherThan("previous_treatment", NONE),
)
COMPLICATED_WITHDRAWAL = _yes_no(
    "complicated_withdrawal",
    "When you stopped or cut down on alcohol, benzodiazepines or opioids, have you ever had a seizure, "
    "seen or heard things that weren't there, or needed hospital care?",
    why_we_ask="If so, stopping safely may need medical staff close by.",
    asked_when=NOT_EMERGENCY,
)

# --- Goals and everyday life -------------------------------------------------------------------------------------

GOAL = _choice(
    "goal",
    "What would you like to happen with your opioid use?",
    (
        ("stop_completely", "Stop using completely"),
        ("stop_with_medication", "Stop using, with the help of medicine"),
        ("cut_down", "Cut down"),
        ("not_sure", "I'm not sure yet"),
    ),
    hint="There's no wrong answer. You can change your mind later.",
    asked_when=NOT_EMERGENCY,
)
MEDICATION_OPENNESS = _choice(
    "medication_openness",
    "Would you think about taking a medicine like methadone, buprenorphine or naltrexone?",
    (("yes", "Yes"), ("no", "No"), ("not_sure", "I'm not sure")),
    hint=(
        "These medicines can ease cravings and withdrawal. Methadone and buprenorphine also lower the risk of "
        "dying from an overdose."
    ),
    asked_when=NOT_EMERGENCY,
)
HOUSING = _choice(
    "housing",
    "Which best describes where you live now?",
    (
        ("stable", "I have a safe, steady place to live"),
        ("unstable", "My housing isn't steady (like staying with friends, or I might lose my home)"),
        ("homeless", "I don't have a place to live (like living outside, in a car or in a shelter)"),
    ),
    why_we_ask="Where you live can make recovery easier or harder, so we look for care that fits.",
    asked_when=NOT_EMERGENCY,
)
OTHERS_USE_AT_HOME = _yes_no("others_use_at_home", "Does anyone you live with use drugs?", asked_when=NOT_EMERGENCY)
SUPPORT_PERSON = _yes_no(
    "support_person",
    "Is there someone in your life who supports your recovery?",
    hint="For example, a family member, partner, friend or sponsor.",
    asked_when=NOT_EMERGENCY,
)
CAN_ATTEND_DAILY = _choice(
    "can_attend_daily",
    "Could you visit a clinic most days for the first few weeks of treatment?",
    (("yes", "Yes"), ("no", "No"), ("not_sure", "I'm not sure")),
    hint="Some treatments, like methadone, usually start with daily clinic visits.",
    asked_when=NOT_EMERGENCY,
)
RESPONSIBILITIES = _multi(
    "responsibilities",
    "Do you have any of these responsibilities?",
    (
        ("work", "Work"),
        ("children", "Looking after children"),
        ("caring", "Caring for someone else"),
        ("study", "School or study"),
        (NONE, "None of these"),
    ),
    why_we_ask="We'll look for care that fits around your life.",
    asked_when=NOT_EMERGENCY,
)
SETTING_PREFERENCE = _choice(
    "setting_preference",
    "How would you prefer to get care?",
    (
        ("inpatient", "Staying at a treatment center for a while"),
        ("outpatient", "Visiting a clinic while living at home"),
        ("telehealth", "By phone or video"),
        ("no_preference", "I don't mind"),
    ),
    asked_when=NOT_EMERGENCY,
)
INSURANCE = _choice(
    "insurance",
    "How would you pay for treatment?",
    (
        ("medicaid", "Medicaid"),
        ("medicare", "Medicare"),
        ("cigna", "Cigna"),
        ("aetna", "Aetna"),
        ("united_healthcare", "UnitedHealthcare"),
        ("humana", "Humana"),
        ("blue_cross_blue_shield", "Blue Cross Blue Shield"),
        ("kaiser_permanente", "Kaiser Permanente"),
        ("other_private", "Other private insurance"),
        ("self_pay", "I would pay myself"),
        (NONE, "I don't have insurance"),
        ("not_sure", "I'm not sure"),
    ),
    hint="It's OK if you don't have insurance. Many services are free or low cost.",
    why_we_ask="We use it to find services you can get.",
    asked_when=NOT_EMERGENCY,
)

# --- Pages -------------------------------------------------------------------------------------------------------

STEPS: tuple[Step, ...] = (
    Step("danger", "Are you safe right now?", (DANGER_NOW,)),
    Step("cssrs_thoughts", "How you've been feeling", (CSSRS_1, CSSRS_2), intro=_CSSRS_INTRO),
    Step("cssrs_details", "Your thoughts of suicide", (CSSRS_3, CSSRS_4, CSSRS_5), intro=_CSSRS_INTRO),
    Step("cssrs_actions", "Things you may have done", (CSSRS_6,)),
    Step("cssrs_actions_recent", "When it happened", (CSSRS_6_RECENT,)),
    Step("age", "Your age", (AGE,)),
    Step("pregnant", "Pregnancy", (PREGNANT,)),
    Step("postcode", "Where you are", (POSTCODE,)),
    Step("opioids_used", "Opioids you use", (OPIOIDS_USED_Q,)),
    Step("other_substances", "Other drugs and alcohol", (OTHER_SUBSTANCES,)),
    Step("sedatives_daily", "Benzos and alcohol", (SEDATIVES_DAILY,)),
    Step("injects", "Injecting", (INJECTS,)),
    Step("opioid_pattern", "How you use opioids", (USE_FREQUENCY, USE_DURATION, LAST_USE)),
    Step("overdose_history", "Overdose", (OVERDOSE_HISTORY,)),
    Step("sows_1", "How you feel right now (1 of 4)", SOWS[0:4], intro=_SOWS_INTRO),
    Step("sows_2", "How you feel right now (2 of 4)", SOWS[4:8], intro=_SOWS_INTRO),
    Step("sows_3", "How you feel right now (3 of 4)", SOWS[8:12], intro=_SOWS_INTRO),
    Step("sows_4", "How you feel right now (4 of 4)", SOWS[12:16], intro=_SOWS_INTRO),
    Step("dast_1", "Drug use in the past 12 months (1 of 3)", DAST[0:4], intro=_DAST_INTRO),
    Step("dast_2", "Drug use in the past 12 months (2 of 3)", DAST[4:7], intro=_DAST_INTRO),
    Step("dast_3", "Drug use in the past 12 months (3 of 3)", DAST[7:10], intro=_DAST_INTRO),
    Step("mood", "Your mood", MOOD, intro=_MOOD_INTRO),
    Step("conditions", "Your health", (CONDITIONS,)),
    Step("current_moud", "Medicine you take now", (CURRENT_MOUD_Q,)),
    Step("previous_treatment", "Treatment you've had before", (PREVIOUS_TREATMENT,)),
    Step("relapsed_after_treatment", "After treatment", (RELAPSED_AFTER_TREATMENT,)),
    Step("complicated_withdrawal", "Withdrawal in the past", (COMPLICATED_WITHDRAWAL,)),
    Step("goal", "Your goal", (GOAL,)),
    Step("medication_openness", "Medicine for opioid use", (MEDICATION_OPENNESS,)),
    Step("home_and_support", "Home and support", (HOUSING, OTHERS_USE_AT_HOME, SUPPORT_PERSON)),
    Step("can_attend_daily", "Clinic visits", (CAN_ATTEND_DAILY,)),
    Step("responsibilities", "Your responsibilities", (RESPONSIBILITIES,)),
    Step("setting_preference", "Where you'd like care", (SETTING_PREFERENCE,)),
    Step("insurance", "Paying for treatment", (INSURANCE,)),
)

# After these steps the web checks is_emergency / is_crisis (intake.recommend) before asking anything else.
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
