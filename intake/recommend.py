"""The recommendation engine (intake-spec.md §3–4): answers in, suggested care options out.

Shape: ``Context`` derives the spec's definitions from the answers once; ``RULES`` is an ordered table of named
rules, each a pure function from the context (and the plan so far) to ``Decision``s; ``FLAG_RULES`` and
``URGENCY_TRIGGERS`` are tables of predicates. Nothing here prescribes: a counselor reviews every suggestion.

How decisions combine: a decision for an option with the same verdict as before adds its reason; a decision with
a different verdict replaces the earlier one and its reasons. That is how rule 5 (pregnancy) overrides rule 4.
Rapid or anaesthesia-assisted detox is not a care option at all, so it can never be suggested.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from intake import reasons
from intake.conditions import (
    CURRENT_MOUD,
    EMERGENCY_NOW,
    ENVIRONMENT_RISK,
    OPIOID_FREE_8_DAYS,
    OPIOIDS_USED,
    PREGNANT,
    SEDATIVE_CO_USE,
    Contains,
    Equals,
)
from intake.rules import DEFAULT, RulesConfig
from intake.scoring import cssrs_risk, score
from intake.validation import InvalidAnswers, validate_answers

CARE_OPTION_IDS = (
    "detox_inpatient",
    "detox_outpatient",
    "mat_methadone",
    "mat_buprenorphine",
    "mat_naltrexone",
    "inpatient_stay",
    "outpatient",
    "aftercare",
)

# "Most fitting first". Medicine comes first because maintenance medicine is the standard of care and lowers
# overdose deaths (reference.md §3); buprenorphine before methadone because it needs fewer clinic visits to start,
# naltrexone last of the three because it needs a week or more without opioids. Then withdrawal care (a first
# step, never treatment on its own), the setting (an inpatient stay before outpatient care, since it is only
# suggested when something at home or in the history calls for more support), and aftercare, which follows all.
CARE_OPTION_PRIORITY = (
    "mat_buprenorphine",
    "mat_methadone",
    "mat_naltrexone",
    "detox_inpatient",
    "detox_outpatient",
    "inpatient_stay",
    "outpatient",
    "aftercare",
)

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

SUGGESTED = "suggested"
NOT_NOW = "not_now"

MAINTENANCE_MEDICINES = ("methadone", "buprenorphine")


# --- Context: the spec's definitions, computed once ---------------------------------------------------------------


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


# --- Decisions and the plan they build ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Decision:
    option: str
    verdict: str
    reason: str


def suggest(option: str, reason: str) -> Decision:
    return Decision(option, SUGGESTED, reason)


def not_now(option: str, reason: str) -> Decision:
    return Decision(option, NOT_NOW, reason)


@dataclass(frozen=True)
class Plan:
    """Verdict and reasons per option so far. Immutable: ``apply`` returns a new plan."""

    entries: Mapping[str, tuple[str, tuple[str, ...]]] = field(default_factory=dict)

    def apply(self, decisions: Iterable[Decision]) -> Plan:
        entries = dict(self.entries)
        for decision in decisions:
            if decision.option not in CARE_OPTION_IDS:
                raise ValueError(f"unknown care option {decision.option!r}")
            verdict, earlier = entries.get(decision.option, (decision.verdict, ()))
            kept = earlier if verdict == decision.verdict else ()
            if decision.reason not in kept:
                kept = (*kept, decision.reason)
            entries[decision.option] = (decision.verdict, kept)
        return Plan(entries)

    def with_verdict(self, verdict: str) -> tuple[str, ...]:
        return tuple(option for option, (found, _) in self.entries.items() if found == verdict)

    def is_suggested(self, option: str) -> bool:
        return self.entries.get(option, (None,))[0] == SUGGESTED

    def reasons_for(self, option: str) -> tuple[str, ...]:
        return self.entries[option][1]


# --- The rules ----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    name: str
    applies: Callable[[Context], bool]
    decide: Callable[[Context, Plan], Iterable[Decision]]


def rule_no_opioids(ctx: Context, plan: Plan) -> Iterable[Decision]:
    """Rule 2: without opioid use, outpatient care and aftercare only if the DAST-10 suggests drug problems."""
    if ctx.scores["dast10"] >= ctx.config.no_opioid_care_dast10:
        yield suggest("outpatient", reasons.NO_OPIOIDS_OUTPATIENT)
        yield suggest("aftercare", reasons.AFTERCARE)


def rule_current_moud(ctx: Context, plan: Plan) -> Iterable[Decision]:
    """Rule 3: keep a current medicine going; the other medicines are left out."""
    medicine = reasons.MEDICINE_NAMES[ctx.current_moud]
    yield suggest(f"mat_{ctx.current_moud}", reasons.CONTINUE_MEDICINE.format(medicine=medicine))
    if ctx.current_moud in MAINTENANCE_MEDICINES:
        for option in ("detox_inpatient", "detox_outpatient"):
            yield not_now(option, reasons.ON_MEDICINE_NO_DETOX.format(medicine=medicine))
        yield not_now("mat_naltrexone", reasons.ON_MEDICINE_NO_NALTREXONE.format(medicine=medicine))


def rule_medication(ctx: Context, plan: Plan) -> Iterable[Decision]:
    """Rule 4: medicine for likely opioid use disorder, unless the person would rather not (and isn't pregnant)."""
    if ctx.has("medication_openness", "no") and not ctx.pregnant:
        for option in ("mat_buprenorphine", "mat_methadone", "mat_naltrexone"):
            yield not_now(option, reasons.PREFERS_NO_MEDICINE)
        return

    yield suggest("mat_buprenorphine", reasons.BUPRENORPHINE.format(frequency=ctx.frequency_words))

    methadone_barriers = []
    if ctx.has("can_attend_daily", "no"):
        methadone_barriers.append(reasons.METHADONE_NOT_DAILY)
    if ctx.minor:
        methadone_barriers.append(reasons.METHADONE_UNDER_18)
    if methadone_barriers:
        yield from (not_now("mat_methadone", reason) for reason in methadone_barriers)
    else:
        yield suggest("mat_methadone", reasons.METHADONE.format(frequency=ctx.frequency_words))
        if ctx.has("can_attend_daily", "not_sure"):
            yield suggest("mat_methadone", reasons.METHADONE_UNSURE_DAILY)

    naltrexone_barriers = []
    if not ctx.opioid_free_8_days:
        naltrexone_barriers.append(reasons.NALTREXONE_TOO_SOON)
    if ctx.pregnant:
        naltrexone_barriers.append(reasons.NALTREXONE_PREGNANT)
    if ctx.has("conditions", "liver_disease"):
        naltrexone_barriers.append(reasons.NALTREXONE_LIVER)
    if naltrexone_barriers:
        yield from (not_now("mat_naltrexone", reason) for reason in naltrexone_barriers)
    else:
        yield suggest("mat_naltrexone", reasons.NALTREXONE)


def rule_pregnancy(ctx: Context, plan: Plan) -> Iterable[Decision]:
    """Rule 5: in pregnancy, methadone or buprenorphine rather than withdrawal or naltrexone."""
    yield not_now("mat_naltrexone", reasons.NALTREXONE_PREGNANT)
    for option in ("detox_inpatient", "detox_outpatient"):
        yield not_now(option, reasons.PREGNANT_NO_WITHDRAWAL)
    if ctx.current_moud in MAINTENANCE_MEDICINES:
        return
    for option in ("mat_methadone", "mat_buprenorphine"):
        yield suggest(option, reasons.PREGNANT_MEDICINE)
        if ctx.has("medication_openness", "no"):
            yield suggest(option, reasons.PREGNANT_BUT_PREFERS_NO_MEDICINE)


def _detox_applies(ctx: Context) -> bool:
    """Rule 6's condition: recent use, not pregnant, no current medicine, and wants to stop or no medicine."""
    return (
        ctx.oud_likely
        and ctx.opioids_used
        and not ctx.opioid_free_8_days
        and not ctx.pregnant
        and not ctx.on_moud
        and (ctx.has("goal", "stop_completely") or ctx.has("medication_openness", "no"))
    )


def _inpatient_detox_reasons(ctx: Context) -> list[str]:
    found = []
    if ctx.sedative_co_use:
        found.append(reasons.DETOX_INPATIENT_SEDATIVES)
    if ctx.has("complicated_withdrawal"):
        found.append(reasons.DETOX_INPATIENT_COMPLICATED)
    if ctx.has("conditions", "seizures"):
        found.append(reasons.DETOX_INPATIENT_SEIZURES)
    if ctx.has("conditions", "heart_rhythm_problem"):
        found.append(reasons.DETOX_INPATIENT_HEART)
    if ctx.environment_risk:
        found.append(reasons.DETOX_INPATIENT_ENVIRONMENT)
    return found


def rule_detox(ctx: Context, plan: Plan) -> Iterable[Decision]:
    """Rule 6: withdrawal care, inpatient when withdrawal could be dangerous or home is not a safe place for it."""
    why = reasons.DETOX_GOAL_STOP if ctx.has("goal", "stop_completely") else reasons.DETOX_NO_MEDICINE
    inpatient_reasons = _inpatient_detox_reasons(ctx)
    option = "detox_inpatient" if inpatient_reasons else "detox_outpatient"
    setting_reasons = inpatient_reasons or [reasons.DETOX_OUTPATIENT]
    for reason in (why, *setting_reasons, reasons.DETOX_OVERDOSE_RISK):
        yield suggest(option, reason)


def inpatient_stay_reasons(ctx: Context) -> list[str]:
    """Rule 7's triggers, each as the reason shown for it (empty: no inpatient stay)."""
    found = []
    housing = ctx.answers.get("housing")
    if housing == "homeless":
        found.append(reasons.INPATIENT_HOMELESS)
    elif housing != "stable":
        found.append(reasons.INPATIENT_HOUSING)
    if ctx.has("others_use_at_home"):
        found.append(reasons.INPATIENT_OTHERS_USE)
    previous = [kind for kind in ctx.answers.get("previous_treatment", []) if kind != "none"]
    if ctx.has("relapsed_after_treatment") and len(previous) >= ctx.config.inpatient_previous_treatments:
        found.append(reasons.INPATIENT_RELAPSE)
    if ctx.has("setting_preference", "inpatient"):
        found.append(reasons.INPATIENT_PREFERENCE)
    no_support = ctx.has("support_person", False)
    if no_support and ctx.scores["dast10"] >= ctx.config.inpatient_dast10_without_support:
        found.append(reasons.INPATIENT_SEVERE_NO_SUPPORT)
    if no_support and ctx.co_occurring_mental_health:
        found.append(reasons.INPATIENT_MOOD_NO_SUPPORT)
    return found


def rule_inpatient_stay(ctx: Context, plan: Plan) -> Iterable[Decision]:
    """Rule 7: a stay at a treatment center when home, history or preference call for more support."""
    return [suggest("inpatient_stay", reason) for reason in inpatient_stay_reasons(ctx)]


def rule_outpatient(ctx: Context, plan: Plan) -> Iterable[Decision]:
    """Rule 8: outpatient care, unless the person prefers an inpatient stay and one is suggested."""
    if not ctx.oud_likely:
        yield suggest("outpatient", reasons.OUTPATIENT_LIGHTER_USE.format(frequency=ctx.frequency_words))
        yield suggest("aftercare", reasons.AFTERCARE)
        return
    if plan.is_suggested("inpatient_stay") and ctx.has("setting_preference", "inpatient"):
        return
    yield suggest("outpatient", reasons.OUTPATIENT)
    preference = reasons.OUTPATIENT_PREFERENCE.get(ctx.answers.get("setting_preference", ""))
    if preference:
        yield suggest("outpatient", preference)


def rule_aftercare(ctx: Context, plan: Plan) -> Iterable[Decision]:
    """Rule 9: aftercare goes with any other suggested option."""
    if plan.with_verdict(SUGGESTED) and not plan.is_suggested("aftercare"):
        yield suggest("aftercare", reasons.AFTERCARE)


def _oud_likely_without_moud(ctx: Context) -> bool:
    return ctx.oud_likely and not ctx.on_moud


# Rule 1 (emergency) is handled before these, in ``recommend``: it stops everything.
RULES: tuple[Rule, ...] = (
    Rule("no_opioids", lambda ctx: not ctx.in_treatment_scope, rule_no_opioids),
    Rule("current_moud", lambda ctx: ctx.on_moud, rule_current_moud),
    Rule("medication", _oud_likely_without_moud, rule_medication),
    Rule("pregnancy", lambda ctx: ctx.pregnancy, rule_pregnancy),
    Rule("detox", _detox_applies, rule_detox),
    Rule("inpatient_stay", lambda ctx: ctx.oud_likely, rule_inpatient_stay),
    Rule("outpatient", lambda ctx: ctx.in_treatment_scope, rule_outpatient),
    Rule("aftercare", lambda ctx: True, rule_aftercare),
)


# --- Flags and urgency --------------------------------------------------------------------------------------------

FlagRule = Callable[[Context, Plan], bool]

FLAG_RULES: dict[str, FlagRule] = {
    "naloxone": lambda ctx, plan: ctx.opioids_used,
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


def _urgency(ctx: Context, flags: frozenset[str]) -> tuple[str, tuple[str, ...]]:
    """The highest urgency reached and the names of the triggers that reached it."""
    fired = [trigger for trigger in URGENCY_TRIGGERS if trigger.applies(ctx, flags)]
    for level in URGENCIES:
        names = tuple(trigger.name for trigger in fired if trigger.urgency == level)
        if names:
            return level, names
    return "routine", ()


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
    Order: ``care_options`` by ``CARE_OPTION_PRIORITY``; ``not_now`` and ``flags`` alphabetically.
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
    urgency, triggers = _urgency(ctx, flags)
    suggested = set(plan.with_verdict(SUGGESTED))
    return Recommendation(
        rules_version=config.version,
        urgency=urgency,
        care_options=tuple(
            CareOption(option, plan.reasons_for(option)) for option in CARE_OPTION_PRIORITY if option in suggested
        ),
        not_now=tuple(CareOption(option, plan.reasons_for(option)) for option in sorted(plan.with_verdict(NOT_NOW))),
        flags=tuple(sorted(flags)),
        scores=ctx.scores,
        urgency_triggers=triggers,
    )


def is_emergency(answers: Mapping[str, Any]) -> bool:
    """Someone may be in danger or overdosing now: show the emergency page and stop the questionnaire."""
    return EMERGENCY_NOW(answers)


def is_crisis(answers: Mapping[str, Any]) -> bool:
    """High suicide risk on the C-SSRS screener: show the crisis page before any further question.

    Works on partial answers, right after the C-SSRS pages.
    """
    return not EMERGENCY_NOW(answers) and cssrs_risk(answers) == "high"
