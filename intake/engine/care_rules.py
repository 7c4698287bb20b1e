"""The care-option rules (intake-spec.md §3): an ordered table of named rules, each a pure function from the
``Context`` (and the plan so far) to ``Decision``s.

How decisions combine: a decision for an option with the same verdict as before adds its reason; a decision with
a different verdict replaces the earlier one and its reasons. That is how rule 5 (pregnancy) overrides rule 4.
Rapid or anaesthesia-assisted detox is not a care option at all, so it can never be suggested.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from intake.engine import reasons
from intake.engine.context import Context

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

SUGGESTED = "suggested"
NOT_NOW = "not_now"

MAINTENANCE_MEDICINES = ("methadone", "buprenorphine")


def preferred_medicine_option(answers: Mapping[str, object]) -> str | None:
    """The care option of the medicine the person said they'd like to try (2026.2), or None."""
    medicine = answers.get("preferred_medicine")
    return f"mat_{medicine}" if medicine in reasons.MEDICINE_NAMES else None

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


def rule_preferred_medicine(ctx: Context, plan: Plan) -> Iterable[Decision]:
    """The medicine the person would like to try (2026.2): say so beside its verdict, and why when it's not now.

    It is listed first when suggested (``recommend``); it is never suggested only because it was asked for.
    """
    option = preferred_medicine_option(ctx.answers)
    if option is None or option not in plan.entries:
        return
    medicine = reasons.MEDICINE_NAMES[ctx.answers["preferred_medicine"]]
    if plan.is_suggested(option):
        yield suggest(option, reasons.PREFERRED_MEDICINE.format(medicine=medicine))
    else:
        yield not_now(option, reasons.PREFERRED_MEDICINE_NOT_YET.format(medicine=medicine))


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
        yield not_now("outpatient", reasons.OUTPATIENT_PREFERS_INPATIENT)
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
    Rule("preferred_medicine", lambda ctx: True, rule_preferred_medicine),
    Rule("detox", _detox_applies, rule_detox),
    Rule("inpatient_stay", lambda ctx: ctx.oud_likely, rule_inpatient_stay),
    Rule("outpatient", lambda ctx: ctx.in_treatment_scope, rule_outpatient),
    Rule("aftercare", lambda ctx: True, rule_aftercare),
)


