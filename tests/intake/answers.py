"""Builders for valid answers objects, so each rule test states only the answers it is about."""

from intake.engine.questionnaire import visible_questions
from intake.engine.validation import prune_hidden, validate_answers

# An adult using heroin daily, last use 4-7 days ago, open to medicine, stable home: vignette P01 without postcode.
BASE = {
    "danger_now": False,
    "cssrs_1": False,
    "cssrs_2": False,
    "cssrs_6": False,
    "age": 34,
    "pregnant": "not_applicable",
    "opioids_used": ["heroin"],
    "other_substances": ["none"],
    "injects": False,
    "use_frequency": "daily",
    "use_duration": "1_to_5_years",
    "last_use": "4_to_7_days",
    "overdose_history": "never",
    "dast_1": True,
    "dast_2": False,
    "dast_3": False,
    "dast_4": False,
    "dast_5": True,
    "dast_6": False,
    "dast_7": True,
    "dast_8": False,
    "dast_9": True,
    "dast_10": False,
    "phq_1": 0,
    "phq_2": 0,
    "gad_1": 0,
    "gad_2": 0,
    "conditions": ["none"],
    "current_moud": "none",
    "previous_treatment": ["none"],
    "complicated_withdrawal": False,
    "goal": "stop_with_medication",
    "medication_openness": "yes",
    "preferred_medicine": "no_preference",
    "housing": "stable",
    "others_use_at_home": False,
    "support_person": True,
    "can_attend_daily": "yes",
    "responsibilities": ["work"],
    "setting_preference": "no_preference",
    "insurance": "medicaid",
}

# Neutral answers for questions that only appear after a change (e.g. SOWS when last use becomes "today").
FILL = {
    "cssrs_3": False,
    "cssrs_4": False,
    "cssrs_5": False,
    "cssrs_6_recent": False,
    "sedatives_daily": False,
    "injects": False,
    "use_frequency": "daily",
    "use_duration": "1_to_5_years",
    "last_use": "4_to_7_days",
    "overdose_history": "never",
    "relapsed_after_treatment": False,
    "preferred_medicine": "no_preference",
} | {f"sows_{number}": 0 for number in range(1, 17)}


def make_answers(**changes):
    """BASE with ``changes`` applied (``None`` removes a key), hidden answers dropped, newly shown ones filled."""
    answers = {key: value for key, value in (BASE | changes).items() if value is not None}
    answers = prune_hidden(answers)
    for question in visible_questions(answers):
        if question.required and question.id not in answers:
            answers[question.id] = changes.get(question.id, FILL[question.id])
    assert validate_answers(answers) == [], validate_answers(answers)
    return answers


def dast_answers(score):
    """DAST-10 answers with the given total (dast_3 is reverse-scored: "no" scores)."""
    scored_by_yes = [f"dast_{number}" for number in (1, 2, 4, 5, 6, 7, 8, 9, 10)]
    answers = {key: index < score for index, key in enumerate(scored_by_yes)}
    answers["dast_3"] = score < 10  # "always able to stop": yes scores 0, so only the 10th point comes from a no
    return answers


def sows_answers(total):
    """SOWS answers (16 items, 0-4) adding up to ``total``."""
    items = {}
    for number in range(1, 17):
        items[f"sows_{number}"] = min(4, total)
        total -= items[f"sows_{number}"]
    return items
