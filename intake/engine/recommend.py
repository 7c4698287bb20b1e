"""The recommendation engine (intake-spec.md §3–4): answers in, suggested care options out.

Shape: ``Context`` (``intake.engine.context``) derives the spec's definitions from the answers once; ``RULES``
(``intake.engine.care_rules``) decides the care options; ``FLAG_RULES`` and ``URGENCY_TRIGGERS``
(``intake.engine.urgency``) are tables of predicates. Nothing here prescribes: a counselor reviews every suggestion.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from intake.engine.care_rules import NOT_NOW, RULES, SUGGESTED, Plan, preferred_medicine_option
from intake.engine.conditions import EMERGENCY_NOW
from intake.engine.context import Context
from intake.engine.rules import DEFAULT, RulesConfig
from intake.engine.scoring import cssrs_risk
from intake.engine.urgency import FLAG_RULES, urgency_for
from intake.engine.validation import InvalidAnswers, validate_answers

# --- The result ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CareOption:
    id: str
    reasons: tuple[str, ...]

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "reasons": list(self.reasons)}


@dataclass(frozen=True)
class Recommendation:
    """The engine's output. ``as_dict()`` is exactly the spec §4 object that an intake stores.

    ``urgency_triggers`` (not part of the stored object) names what set the urgency, for the counselor queue.
    """

    rules_version: str
    urgency: str
    care_options: tuple[CareOption, ...]
    not_now: tuple[CareOption, ...]
    flags: tuple[str, ...]
    scores: Mapping[str, Any]
    urgency_triggers: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {
            "rules_version": self.rules_version,
            "urgency": self.urgency,
            "care_options": [option.as_dict() for option in self.care_options],
            "not_now": [option.as_dict() for option in self.not_now],
            "flags": list(self.flags),
            "scores": dict(self.scores),
        }


def recommend(answers: Mapping[str, Any], config: RulesConfig = DEFAULT) -> Recommendation:
    """Suggested care options, not-now options, flags, urgency and scores for one complete answers object.

    Raises ``InvalidAnswers`` (listing every problem) rather than guess from invalid input.
    Order: ``care_options`` by ``config.care_option_order`` with a suggested preferred medicine first; ``not_now``
    by ``config.care_option_order``; ``flags`` alphabetically.
    """
    errors = validate_answers(answers)
    if errors:
        raise InvalidAnswers(errors)

    if EMERGENCY_NOW(answers):  # Rule 1: emergency now. Nothing else is asked or suggested.
        return Recommendation(
            rules_version=config.version,
            urgency="emergency",
            care_options=(),
            not_now=(),
            flags=("emergency_now",),
            scores={},
            urgency_triggers=("emergency_now",),
        )

    ctx = Context.build(answers, config)
    plan = Plan()
    for rule in RULES:
        if rule.applies(ctx):
            plan = plan.apply(rule.decide(ctx, plan))

    flags = frozenset(name for name, applies in FLAG_RULES.items() if applies(ctx, plan))
    urgency, triggers = urgency_for(ctx, flags)
    return Recommendation(
        rules_version=config.version,
        urgency=urgency,
        care_options=_listed(plan, SUGGESTED, _suggested_order(ctx, plan)),
        not_now=_listed(plan, NOT_NOW, config.care_option_order),
        flags=tuple(sorted(flags)),
        scores=ctx.scores,
        urgency_triggers=triggers,
    )


def _suggested_order(ctx: Context, plan: Plan) -> tuple[str, ...]:
    """The listing order, with the medicine the person would like to try first when it is suggested."""
    preferred = preferred_medicine_option(ctx.answers)
    if preferred is None or not plan.is_suggested(preferred):
        return ctx.config.care_option_order
    return (preferred, *(option for option in ctx.config.care_option_order if option != preferred))


def _listed(plan: Plan, verdict: str, order: tuple[str, ...]) -> tuple[CareOption, ...]:
    chosen = set(plan.with_verdict(verdict))
    return tuple(CareOption(option, plan.reasons_for(option)) for option in order if option in chosen)


def is_emergency(answers: Mapping[str, Any]) -> bool:
    """Someone may be in danger or overdosing now: show the emergency page and stop the questionnaire."""
    return EMERGENCY_NOW(answers)


def is_crisis(answers: Mapping[str, Any]) -> bool:
    """High suicide risk on the C-SSRS screener: show the crisis page before any further question.

    Works on partial answers, right after the C-SSRS pages.
    """
    return not EMERGENCY_NOW(answers) and cssrs_risk(answers) == "high"
