"""The standard instruments asked in full: SOWS, DAST-10, PHQ-2 and GAD-2 (intake-spec.md §1).

They keep their published item wording as closely as plain language allows, because changing it would change
what they measure.
"""

from __future__ import annotations

from intake.engine.conditions import NOT_EMERGENCY, OPIOIDS_USED, USED_IN_LAST_3_DAYS
from intake.engine.items import SOWS_SCALE, TWO_WEEK_SCALE, scale, yes_no

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
    scale(f"sows_{number}", text, SOWS_SCALE, asked_when=SOWS_ASKED)
    for number, text in enumerate(_SOWS_ITEMS, start=1)
)
SOWS_INTRO = "For each one, choose how you feel right now."

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
# A reassurance where an honest answer could feel risky (the item's wording stays as published).
_DAST_HINTS = {
    8: "Your answers are confidential. We don't share them with the police or use them against you.",
}
DAST = tuple(
    yes_no(f"dast_{number}", text, hint=_DAST_HINTS.get(number, ""), asked_when=NOT_EMERGENCY)
    for number, text in enumerate(_DAST_ITEMS, start=1)
)
DAST_INTRO = (
    "These questions are about the past 12 months. \u201cDrug use\u201d means taking medicine more than prescribed "
    "or directed, or using any drug for non-medical reasons. Don't count alcohol. If you're not sure, "
    "choose the answer that is mostly right."
)

# --- PHQ-2 and GAD-2: the past 2 weeks ---------------------------------------------------------------------------

MOOD = (
    scale("phq_1", "Little interest or pleasure in doing things", TWO_WEEK_SCALE, asked_when=NOT_EMERGENCY),
    scale("phq_2", "Feeling down, depressed or hopeless", TWO_WEEK_SCALE, asked_when=NOT_EMERGENCY),
    scale("gad_1", "Feeling nervous, anxious or on edge", TWO_WEEK_SCALE, asked_when=NOT_EMERGENCY),
    scale("gad_2", "Not being able to stop or control worrying", TWO_WEEK_SCALE, asked_when=NOT_EMERGENCY),
)
MOOD_INTRO = "Over the last 2 weeks, how often have you been bothered by these problems?"
