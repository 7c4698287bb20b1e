"""Every flag and every urgency trigger of intake-spec.md §3, each with a case that just misses it."""

import pytest

from intake.engine.recommend import is_crisis, is_emergency, recommend
from intake.engine.urgency import FLAG_IDS, URGENCIES
from tests.intake.answers import dast_answers, make_answers, sows_answers


def run(**changes):
    return recommend(make_answers(**changes))


# A person who raises no flag and no urgency trigger: weekly heroin with a DAST-10 of 3.
QUIET = {"use_frequency": "weekly", **dast_answers(3)}


def test_the_quiet_baseline_only_has_the_naloxone_flag_and_is_routine():
    result = run(**QUIET)
    assert (result.flags, result.urgency, result.urgency_triggers) == (("naloxone",), "routine", ())


def test_flag_ids_are_the_spec_list():
    assert set(FLAG_IDS) == {
        "naloxone", "fentanyl", "injecting", "sedative_co_use", "active_withdrawal", "pregnancy", "minor",
        "recent_overdose", "co_occurring_mental_health", "qt_review", "liver_review", "current_moud",
        "environment_risk", "overdose_risk_after_detox", "suicide_risk_low", "suicide_risk_moderate",
        "suicide_risk_high", "emergency_now", "no_opioid_use",
    }  # fmt: skip
    assert len(FLAG_IDS) == 19


def test_urgencies_are_ordered_highest_first():
    assert URGENCIES == ("emergency", "urgent", "soon", "routine")


@pytest.mark.parametrize(
    ("flag", "raises", "misses"),
    [
        ("naloxone", {"opioids_used": ["none"], "current_moud": "methadone"}, {"opioids_used": ["none"]}),
        ("fentanyl", {"opioids_used": ["fentanyl"]}, {"opioids_used": ["heroin", "prescription_opioids"]}),
        ("injecting", {"injects": True}, {"injects": False}),
        (
            "sedative_co_use",
            {"other_substances": ["benzodiazepines"], "sedatives_daily": True},
            {"other_substances": ["benzodiazepines"], "sedatives_daily": False},
        ),
        (
            "active_withdrawal",
            {"last_use": "today", **sows_answers(11)},
            {"last_use": "today", **sows_answers(10)},
        ),
        ("pregnancy", {"pregnant": "not_sure"}, {"pregnant": "prefer_not_to_say"}),
        (
            "pregnancy",
            {"pregnant": "yes", "opioids_used": ["none"], "current_moud": "buprenorphine"},
            {"pregnant": "yes", "opioids_used": ["none"], "current_moud": "none"},
        ),
        ("minor", {"age": 17}, {"age": 18}),
        ("recent_overdose", {"overdose_history": "within_30_days"}, {"overdose_history": "within_year"}),
        ("co_occurring_mental_health", {"phq_1": 3, "phq_2": 0}, {"phq_1": 1, "phq_2": 1}),
        ("co_occurring_mental_health", {"gad_1": 2, "gad_2": 1}, {"gad_1": 2, "gad_2": 0}),
        (
            "qt_review",
            {"conditions": ["heart_rhythm_problem"]},
            {"conditions": ["heart_rhythm_problem"], "can_attend_daily": "no"},  # methadone not suggested
        ),
        ("qt_review", {"conditions": ["heart_rhythm_problem"]}, {"conditions": ["seizures"]}),
        ("liver_review", {"conditions": ["liver_disease", "chronic_pain"]}, {"conditions": ["hiv_or_hepatitis_c"]}),
        ("current_moud", {"current_moud": "naltrexone"}, {"current_moud": "none"}),
        ("environment_risk", {"housing": "unstable"}, {"housing": "stable"}),
        ("environment_risk", {"others_use_at_home": True}, {"others_use_at_home": False}),
        ("overdose_risk_after_detox", {"goal": "stop_completely"}, {"goal": "stop_completely", "pregnant": "yes"}),
        (
            "overdose_risk_after_detox",
            {"goal": "stop_completely", "complicated_withdrawal": True},
            {"goal": "stop_completely", "last_use": "8_to_14_days"},
        ),
        ("suicide_risk_low", {"cssrs_1": True}, {"cssrs_1": False}),
        ("suicide_risk_moderate", {"cssrs_6": True, "cssrs_6_recent": False}, {"cssrs_6": False}),
        ("suicide_risk_high", {"cssrs_6": True, "cssrs_6_recent": True}, {"cssrs_6": True, "cssrs_6_recent": False}),
        ("no_opioid_use", {"opioids_used": ["none"]}, {"opioids_used": ["none"], "current_moud": "methadone"}),
    ],
)
def test_flag(flag, raises, misses):
    assert flag in run(**raises).flags
    assert flag not in run(**misses).flags


def test_emergency_now_flag():
    assert recommend({"danger_now": True}).flags == ("emergency_now",)
    assert "emergency_now" not in run().flags


def test_suicide_risk_flags_are_exclusive():
    result = run(cssrs_1=True, cssrs_2=True, cssrs_3=True, cssrs_4=True)
    assert [flag for flag in result.flags if flag.startswith("suicide")] == ["suicide_risk_high"]


def test_flags_combine():
    result = run(opioids_used=["fentanyl"], injects=True, age=16, housing="homeless", conditions=["liver_disease"])
    assert result.flags == ("environment_risk", "fentanyl", "injecting", "liver_review", "minor", "naloxone")


# --- Urgency ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "urgency", "trigger"),
    [
        ({"cssrs_2": True, "cssrs_5": True}, "emergency", "suicide_risk_high"),
        ({"cssrs_6": True, "cssrs_6_recent": True}, "emergency", "suicide_risk_high"),
        ({"cssrs_2": True, "cssrs_3": True}, "urgent", "suicide_risk_moderate"),
        ({"cssrs_6": True, "cssrs_6_recent": False}, "urgent", "suicide_risk_moderate"),
        ({"pregnant": "yes"}, "urgent", "pregnancy"),
        ({"overdose_history": "within_30_days"}, "urgent", "recent_overdose"),
        ({"age": 17}, "urgent", "minor_using_opioids"),
        ({"last_use": "today", **sows_answers(21)}, "urgent", "severe_withdrawal"),
        ({"cssrs_1": True}, "soon", "suicide_risk_low"),
        ({"use_frequency": "daily"}, "soon", "daily_opioid_use"),
        ({"opioids_used": ["fentanyl"]}, "soon", "fentanyl"),
        ({"injects": True}, "soon", "injecting"),
        ({"other_substances": ["alcohol"], "sedatives_daily": True}, "soon", "sedative_co_use"),
        ({"last_use": "1_to_3_days", **sows_answers(11)}, "soon", "active_withdrawal"),
    ],
)
def test_urgency_trigger(changes, urgency, trigger):
    result = run(**(QUIET | changes))
    assert result.urgency == urgency
    assert result.urgency_triggers == (trigger,)


@pytest.mark.parametrize(
    "changes",
    [
        {"use_frequency": "most_days"},  # only daily use counts
        {"last_use": "today", **sows_answers(10)},
        {"overdose_history": "within_year"},
        {"pregnant": "prefer_not_to_say"},
    ],
)
def test_near_misses_stay_routine(changes):
    assert run(**(QUIET | changes)).urgency == "routine"


def test_severe_withdrawal_is_urgent_at_21_but_soon_at_20():
    assert run(**(QUIET | {"last_use": "today", **sows_answers(20)})).urgency == "soon"


def test_a_minor_without_opioid_use_is_not_urgent_for_that():
    result = run(age=15, opioids_used=["none"], **dast_answers(3))
    assert ("minor" in result.flags, result.urgency) == (True, "routine")


def test_the_highest_urgency_wins_and_lists_its_triggers():
    result = run(pregnant="yes", overdose_history="within_30_days", use_frequency="daily", injects=True)
    assert result.urgency == "urgent"
    assert result.urgency_triggers == ("pregnancy", "recent_overdose")


def test_emergency_now_is_the_top_urgency():
    assert recommend({"danger_now": True}).urgency_triggers == ("emergency_now",)


def test_sedative_co_use_counts_without_opioids():
    assert run(opioids_used=["none"], other_substances=["alcohol"], sedatives_daily=True).urgency == "soon"


# --- Helpers the web runs right after the safety pages -------------------------------------------------------------


def test_is_emergency():
    assert is_emergency({"danger_now": True}) is True
    assert is_emergency({"danger_now": False}) is False
    assert is_emergency({}) is False


@pytest.mark.parametrize(
    ("answers", "crisis"),
    [
        ({"danger_now": False, "cssrs_1": True, "cssrs_2": True, "cssrs_3": False, "cssrs_4": True}, True),
        ({"danger_now": False, "cssrs_1": False, "cssrs_2": True, "cssrs_5": True}, True),
        ({"danger_now": False, "cssrs_1": False, "cssrs_2": False, "cssrs_6": True, "cssrs_6_recent": True}, True),
        ({"danger_now": False, "cssrs_1": False, "cssrs_2": False, "cssrs_6": True, "cssrs_6_recent": False}, False),
        ({"danger_now": False, "cssrs_1": True, "cssrs_2": True, "cssrs_3": True}, False),
        ({"danger_now": False, "cssrs_1": True}, False),
        ({"danger_now": True}, False),  # the emergency page comes first
    ],
)
def test_is_crisis_on_partial_answers(answers, crisis):
    assert is_crisis(answers) is crisis
