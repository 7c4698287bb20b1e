"""The questions of the intake questionnaire (intake-spec.md §1), by section.

Identifiers, kinds, choices and "asked when" conditions follow the spec exactly; the wording is ours (plain
language, warm, US grade 6–8). The standard instruments (C-SSRS screener, SOWS, DAST-10, PHQ-2, GAD-2) keep their
published item wording as closely as plain language allows, because changing it would change what they measure.
"""

from __future__ import annotations

from intake.engine.conditions import (
    NOT_EMERGENCY,
    OPIOIDS_USED,
    AllOf,
    ContainsAny,
    ContainsOtherThan,
    Equals,
    Not,
)
from intake.engine.items import (
    INTEGER,
    NONE,
    TEXT,
    Question,
    multi_choice,
    single_choice,
    yes_no,
)

# --- Safety ------------------------------------------------------------------------------------------------------

DANGER_NOW = yes_no(
    "danger_now",
    "Are you, or is someone with you, in danger right now or possibly overdosing?",
    hint=(
        "Signs of an overdose include being very hard to wake up, slow or stopped breathing, "
        "blue or gray lips or fingertips, and gurgling or snoring sounds."
    ),
    why_we_ask="If someone is in danger, we'll show you what to do right away.",
)

_PAST_MONTH = "In the past month, "
CSSRS_1 = yes_no(
    "cssrs_1",
    _PAST_MONTH + "have you wished you were dead or wished you could go to sleep and not wake up?",
    asked_when=NOT_EMERGENCY,
)
CSSRS_2 = yes_no(
    "cssrs_2",
    _PAST_MONTH + "have you actually had any thoughts of killing yourself?",
    asked_when=NOT_EMERGENCY,
)
_THOUGHTS = Equals("cssrs_2", True)
CSSRS_3 = yes_no("cssrs_3", "Have you been thinking about how you might do this?", asked_when=_THOUGHTS)
CSSRS_4 = yes_no(
    "cssrs_4", "Have you had these thoughts and had some intention of acting on them?", asked_when=_THOUGHTS
)
CSSRS_5 = yes_no(
    "cssrs_5",
    "Have you started to work out, or worked out, the details of how to kill yourself? "
    "And do you intend to carry out this plan?",
    hint="Answer yes if both are true.",
    asked_when=_THOUGHTS,
)
CSSRS_6 = yes_no(
    "cssrs_6",
    "Have you ever done anything, started to do anything, or prepared to do anything to end your life?",
    hint=(
        "For example: collected pills, got a gun, gave away valuables, wrote a will or suicide note, took out pills "
        "but didn't swallow any, held a gun but changed your mind, cut yourself, or tried to hang yourself."
    ),
    asked_when=NOT_EMERGENCY,
)
CSSRS_6_RECENT = yes_no("cssrs_6_recent", "Was this within the past 3 months?", asked_when=Equals("cssrs_6", True))

CSSRS_INTRO = (
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
PREGNANT = single_choice(
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
    label="What is your ZIP code? (optional)",
    hint="For example, 10001. You can leave this blank.",
    why_we_ask="We use it only to find services near you.",
    required=False,
    max_length=10,
    pattern=r"[A-Za-z0-9][A-Za-z0-9 -]{1,9}",
    asked_when=NOT_EMERGENCY,
    personal_data=True,
)

# --- Substance use -----------------------------------------------------------------------------------------------

OPIOIDS_USED_Q = multi_choice(
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
OTHER_SUBSTANCES = multi_choice(
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
SEDATIVES_DAILY = yes_no(
    "sedatives_daily",
    "Do you take benzodiazepines or drink alcohol on most days?",
    why_we_ask=(
        "Mixing these with opioids raises the risk of overdose, and stopping them suddenly can be dangerous. "
        "Knowing helps us keep you safe."
    ),
    asked_when=ContainsAny("other_substances", ("benzodiazepines", "alcohol")),
)
INJECTS = yes_no(
    "injects",
    "Do you inject any drugs?",
    why_we_ask="This helps the care team offer health checks and care that keep you safer.",
    asked_when=OPIOIDS_USED,
)
USE_FREQUENCY = single_choice(
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
USE_DURATION = single_choice(
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
LAST_USE = single_choice(
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
OVERDOSE_HISTORY = single_choice(
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

# --- Health and treatment history --------------------------------------------------------------------------------

CONDITIONS = multi_choice(
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
CURRENT_MOUD_Q = single_choice(
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
PREVIOUS_TREATMENT = multi_choice(
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
RELAPSED_AFTER_TREATMENT = yes_no(
    "relapsed_after_treatment",
    "After treatment, did you start using again?",
    hint="This is very common. Recovery often takes more than one try.",
    why_we_ask="It helps us suggest care with the right amount of support this time.",
    asked_when=ContainsOtherThan("previous_treatment", NONE),
)
COMPLICATED_WITHDRAWAL = yes_no(
    "complicated_withdrawal",
    "When you stopped or cut down on alcohol, benzodiazepines or opioids, have you ever had a seizure, "
    "seen or heard things that weren't there, or needed hospital care?",
    why_we_ask="If so, stopping safely may need medical staff close by.",
    asked_when=NOT_EMERGENCY,
)

# --- Goals and everyday life -------------------------------------------------------------------------------------

GOAL = single_choice(
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
MEDICATION_OPENNESS = single_choice(
    "medication_openness",
    "Would you think about taking a medicine like methadone, buprenorphine or naltrexone?",
    (("yes", "Yes"), ("no", "No"), ("not_sure", "I'm not sure")),
    hint=(
        "These medicines can ease cravings and withdrawal. Methadone and buprenorphine also lower the risk of "
        "dying from an overdose."
    ),
    asked_when=NOT_EMERGENCY,
)
PREFERRED_MEDICINE = single_choice(
    "preferred_medicine",
    "Is there a medicine you'd like to try?",
    (
        ("methadone", "Methadone"),
        ("buprenorphine", "Buprenorphine (like Suboxone)"),
        ("naltrexone", "Naltrexone (like Vivitrol)"),
        ("no_preference", "No, I don't mind"),
    ),
    hint="What you'd like matters. A counselor will talk it through with you.",
    asked_when=AllOf(OPIOIDS_USED, Equals("current_moud", NONE), Not(Equals("medication_openness", "no"))),
)
HOUSING = single_choice(
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
OTHERS_USE_AT_HOME = yes_no("others_use_at_home", "Does anyone you live with use drugs?", asked_when=NOT_EMERGENCY)
SUPPORT_PERSON = yes_no(
    "support_person",
    "Is there someone in your life who supports your recovery?",
    hint="For example, a family member, partner, friend or sponsor.",
    asked_when=NOT_EMERGENCY,
)
CAN_ATTEND_DAILY = single_choice(
    "can_attend_daily",
    "Could you visit a clinic most days for the first few weeks of treatment?",
    (("yes", "Yes"), ("no", "No"), ("not_sure", "I'm not sure")),
    hint="Some treatments, like methadone, usually start with daily clinic visits.",
    asked_when=NOT_EMERGENCY,
)
RESPONSIBILITIES = multi_choice(
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
SETTING_PREFERENCE = single_choice(
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
INSURANCE = single_choice(
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

