"""Flags and urgency (intake-spec.md §4): tables of named predicates over the context and the care plan."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from intake.engine.care_rules import Plan
from intake.engine.context import Context

URGENCIES = ("emergency", "urgent", "soon", "routine")

FLAG_IDS = (
    "naloxone",
    "fentanyl",
    "injecting",
    "sedative_co_use",
    "active_withdrawal",
    "pregnancy",
    "minor",
    "recent_overdose",
    "co_occurring_mental_health",
    "qt_review",
    "liver_review",
    "current_moud",
    "environment_risk",
    "overdose_risk_after_detox",
    "suicide_risk_low",
    "suicide_risk_moderate",
    "suicide_risk_high",
    "emergency_now",
    "no_opioid_use",
)

FlagRule = Callable[[Context, Plan], bool]

FLAG_RULES: dict[str, FlagRule] = {
    # 2026.2: also on a current medicine, because tolerance drops on treatment.
    "naloxone": lambda ctx, plan: ctx.opioids_used or ctx.on_moud,
    "fentanyl": lambda ctx, plan: ctx.has("opioids_used", "fentanyl"),
    "injecting": lambda ctx, plan: ctx.has("injects"),
    "sedative_co_use": lambda ctx, plan: ctx.sedative_co_use,
    "active_withdrawal": lambda ctx, plan: (ctx.scores["sows"] or 0) >= ctx.config.active_withdrawal_sows,
    "pregnancy": lambda ctx, plan: ctx.pregnancy,
    "minor": lambda ctx, plan: ctx.minor,
    "recent_overdose": lambda ctx, plan: ctx.has("overdose_history", "within_30_days"),
    "co_occurring_mental_health": lambda ctx, plan: ctx.co_occurring_mental_health,
    "qt_review": lambda ctx, plan: ctx.has("conditions", "heart_rhythm_problem") and plan.is_suggested("mat_methadone"),
    "liver_review": lambda ctx, plan: ctx.has("conditions", "liver_disease"),
    "current_moud": lambda ctx, plan: ctx.on_moud,
    "environment_risk": lambda ctx, plan: ctx.environment_risk,
    "overdose_risk_after_detox": lambda ctx, plan: (
        plan.is_suggested("detox_inpatient") or plan.is_suggested("detox_outpatient")
    ),
    "suicide_risk_low": lambda ctx, plan: ctx.scores["cssrs_risk"] == "low",
    "suicide_risk_moderate": lambda ctx, plan: ctx.scores["cssrs_risk"] == "moderate",
    "suicide_risk_high": lambda ctx, plan: ctx.scores["cssrs_risk"] == "high",
    "no_opioid_use": lambda ctx, plan: not ctx.in_treatment_scope,
}


@dataclass(frozen=True)
class UrgencyTrigger:
    urgency: str
    name: str
    applies: Callable[[Context, frozenset[str]], bool]


def _flag(name: str) -> Callable[[Context, frozenset[str]], bool]:
    return lambda ctx, flags: name in flags


# Urgency is the highest level any trigger reaches ("routine" when none does). Triggers are named so the
# counselor queue can say why an intake is urgent.
URGENCY_TRIGGERS: tuple[UrgencyTrigger, ...] = (
    UrgencyTrigger("emergency", "emergency_now", _flag("emergency_now")),
    UrgencyTrigger("emergency", "suicide_risk_high", _flag("suicide_risk_high")),
    UrgencyTrigger("urgent", "suicide_risk_moderate", _flag("suicide_risk_moderate")),
    UrgencyTrigger("urgent", "pregnancy", _flag("pregnancy")),
    UrgencyTrigger("urgent", "recent_overdose", _flag("recent_overdose")),
    UrgencyTrigger("urgent", "minor_using_opioids", lambda ctx, flags: ctx.minor and ctx.opioids_used),
    UrgencyTrigger(
        "urgent", "severe_withdrawal", lambda ctx, flags: (ctx.scores["sows"] or 0) >= ctx.config.urgent_sows
    ),
    UrgencyTrigger("soon", "suicide_risk_low", _flag("suicide_risk_low")),
    UrgencyTrigger(
        "soon", "daily_opioid_use", lambda ctx, flags: ctx.opioids_used and ctx.has("use_frequency", "daily")
    ),
    UrgencyTrigger("soon", "fentanyl", _flag("fentanyl")),
    UrgencyTrigger("soon", "injecting", _flag("injecting")),
    UrgencyTrigger("soon", "sedative_co_use", _flag("sedative_co_use")),
    UrgencyTrigger("soon", "active_withdrawal", _flag("active_withdrawal")),
)


def urgency_for(ctx: Context, flags: frozenset[str]) -> tuple[str, tuple[str, ...]]:
    """The highest urgency reached and the names of the triggers that reached it."""
    fired = [trigger for trigger in URGENCY_TRIGGERS if trigger.applies(ctx, flags)]
    for level in URGENCIES:
        names = tuple(trigger.name for trigger in fired if trigger.urgency == level)
        if names:
            return level, names
    return "routine", ()


