"""The spec's definitions (intake-spec.md §3 "Definitions"), derived from the answers once for every rule."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from intake.engine import reasons
from intake.engine.conditions import (
    CURRENT_MOUD,
    ENVIRONMENT_RISK,
    OPIOID_FREE_8_DAYS,
    OPIOIDS_USED,
    PREGNANT,
    SEDATIVE_CO_USE,
    Contains,
    Equals,
)
from intake.engine.rules import DEFAULT, RulesConfig
from intake.engine.scoring import score


@dataclass(frozen=True)
class Context:
    """The answers plus every derived fact the rules talk about (intake-spec.md §3 "Definitions")."""

    answers: Mapping[str, Any]
    config: RulesConfig
    scores: Mapping[str, Any]
    opioids_used: bool
    current_moud: str
    oud_likely: bool
    pregnant: bool
    opioid_free_8_days: bool
    environment_risk: bool
    sedative_co_use: bool
    minor: bool
    co_occurring_mental_health: bool

    @classmethod
    def build(cls, answers: Mapping[str, Any], config: RulesConfig = DEFAULT) -> Context:
        scores = score(answers, config)
        opioids_used = OPIOIDS_USED(answers)
        on_moud = CURRENT_MOUD(answers)
        frequent_use = answers.get("use_frequency") in ("daily", "most_days")
        oud_likely = on_moud or (opioids_used and (scores["dast10"] >= config.oud_likely_dast10 or frequent_use))
        mood_positive = scores["phq2"] >= config.phq2_positive or scores["gad2"] >= config.gad2_positive
        return cls(
            answers=answers,
            config=config,
            scores=scores,
            opioids_used=opioids_used,
            current_moud=answers.get("current_moud", "none"),
            oud_likely=oud_likely,
            pregnant=PREGNANT(answers),
            opioid_free_8_days=OPIOID_FREE_8_DAYS(answers),
            environment_risk=ENVIRONMENT_RISK(answers),
            sedative_co_use=SEDATIVE_CO_USE(answers),
            minor=answers.get("age", config.adult_age) < config.adult_age,
            co_occurring_mental_health=mood_positive,
        )

    @property
    def on_moud(self) -> bool:
        return self.current_moud != "none"

    @property
    def in_treatment_scope(self) -> bool:
        """Rules 3–8 apply only to people who use opioids or take a medicine for opioid use (rule 2)."""
        return self.opioids_used or self.on_moud

    @property
    def pregnancy(self) -> bool:
        """Rule 5's condition, also the ``pregnancy`` flag."""
        return self.pregnant and self.in_treatment_scope

    def has(self, key: str, value: Any = True) -> bool:
        """The answer to ``key`` is ``value`` (or, for a multiple choice, includes it)."""
        if isinstance(self.answers.get(key), list):
            return Contains(key, value)(self.answers)
        return Equals(key, value)(self.answers)

    @property
    def frequency_words(self) -> str:
        return reasons.USE_FREQUENCY_WORDS.get(self.answers.get("use_frequency", ""), "")

