"""Crisis numbers that every public page shows.

They are code, not only editable content, on purpose: a page must never lose its crisis numbers because the
content tables are empty or an editor deleted a row. Editable helplines are shown in addition.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class CrisisLine:
    name: str
    number: str
    how: str
    tel: str


EMERGENCY = CrisisLine("Emergency services", "911", "Call if someone may be overdosing or is in danger", "911")
SUICIDE_CRISIS = CrisisLine("988 Suicide & Crisis Lifeline", "988", "Call or text, 24/7", "988")
SAMHSA = CrisisLine(
    "SAMHSA National Helpline", "1-800-662-4357", "Free, confidential, 24/7, English and Spanish", "+18006624357"
)

ALWAYS_SHOWN = (EMERGENCY, SUICIDE_CRISIS, SAMHSA)
