"""Instrument scores and bands (intake-spec.md §2), driven by the bands in ``intake.engine.rules``.

The functions read whatever answers exist, so ``cssrs_risk`` can run as soon as the C-SSRS page is answered,
before the rest of the questionnaire.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from intake.engine.conditions import EMERGENCY_NOW
from intake.engine.rules import DEFAULT, RulesConfig, band

DAST_IDS = tuple(f"dast_{number}" for number in range(1, 11))
# "Are you always able to stop using drugs when you want to?": a "no" scores the point.
DAST_REVERSE_SCORED = frozenset({"dast_3"})
SOWS_IDS = tuple(f"sows_{number}" for number in range(1, 17))
PHQ2_IDS = ("phq_1", "phq_2")
GAD2_IDS = ("gad_1", "gad_2")

CSSRS_RISKS = ("none", "low", "moderate", "high")

Answers = Mapping[str, Any]


def _yes(answers: Answers, key: str) -> bool:
    return answers.get(key) is True


def _no(answers: Answers, key: str) -> bool:
    return answers.get(key) is False


def dast10_score(answers: Answers) -> int:
    """DAST-10 total, 0–10: one point per yes, except ``dast_3`` where no scores."""
    return sum(1 for key in DAST_IDS if (_no(answers, key) if key in DAST_REVERSE_SCORED else _yes(answers, key)))


def dast10_band(score: int, config: RulesConfig = DEFAULT) -> str:
    return band(score, config.dast10_bands)


def sows_score(answers: Answers) -> int | None:
    """SOWS total, 0–64, or None when the SOWS was not asked (no recent opioid use)."""
    items = [answers[key] for key in SOWS_IDS if key in answers]
    return sum(items) if items else None


def sows_band(score: int | None, config: RulesConfig = DEFAULT) -> str | None:
    return None if score is None else band(score, config.sows_bands)


def phq2_score(answers: Answers) -> int:
    return sum(answers.get(key, 0) for key in PHQ2_IDS)


def gad2_score(answers: Answers) -> int:
    return sum(answers.get(key, 0) for key in GAD2_IDS)


def cssrs_risk(answers: Answers) -> str:
    """C-SSRS screener risk: the highest level any answer reaches (Columbia triage, as fixed by the spec)."""
    behaviour = _yes(answers, "cssrs_6")
    if _yes(answers, "cssrs_4") or _yes(answers, "cssrs_5") or (behaviour and _yes(answers, "cssrs_6_recent")):
        return "high"
    if _yes(answers, "cssrs_3") or (behaviour and _no(answers, "cssrs_6_recent")):
        return "moderate"
    if _yes(answers, "cssrs_1") or _yes(answers, "cssrs_2"):
        return "low"
    return "none"


def score(answers: Answers, config: RulesConfig = DEFAULT) -> dict[str, Any]:
    """The spec's "scores" object; empty when the questionnaire ended at the emergency question."""
    if EMERGENCY_NOW(answers):
        return {}
    dast10 = dast10_score(answers)
    sows = sows_score(answers)
    return {
        "dast10": dast10,
        "dast10_band": dast10_band(dast10, config),
        "sows": sows,
        "sows_band": sows_band(sows, config),
        "phq2": phq2_score(answers),
        "gad2": gad2_score(answers),
        "cssrs_risk": cssrs_risk(answers),
    }
