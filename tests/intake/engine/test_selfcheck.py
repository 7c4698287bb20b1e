import pytest

from intake.engine.questionnaire import QUESTIONS
from intake.engine.selfcheck import (
    ANOTHER_OPTION,
    DISCUSS_POINTS,
    HEADLINES,
    NEXT_STEP,
    SELFCHECK_QUESTIONS,
    WORTH_DISCUSSING,
    selfcheck,
)
from intake.engine.validation import InvalidAnswers

TYPICAL = {
    "opioids_used": ["heroin"],
    "last_use": "1_to_3_days",
    "current_moud": "none",
    "pregnant": "not_applicable",
    "age": 30,
    "conditions": ["none"],
    "medication_openness": "yes",
}


def check(**changes):
    answers = {key: value for key, value in (TYPICAL | changes).items() if value is not None}
    return selfcheck(answers)


def test_it_has_five_to_seven_intake_questions():
    assert 5 <= len(SELFCHECK_QUESTIONS) <= 7
    assert all(QUESTIONS[question.id] is question for question in SELFCHECK_QUESTIONS)


def test_typical_answers_are_worth_discussing():
    result = check()
    assert result.outcome == WORTH_DISCUSSING
    assert result.headline == HEADLINES[WORTH_DISCUSSING]
    assert len(result.points) == 1 and "Buprenorphine (like Suboxone)" in result.points[0]


def test_it_always_points_to_a_counselor_and_is_not_a_diagnosis():
    result = check()
    assert result.next_step == NEXT_STEP
    assert "counselor" in NEXT_STEP and "isn't a diagnosis" in NEXT_STEP


@pytest.mark.parametrize(
    ("changes", "outcome", "words"),
    [
        ({"opioids_used": ["none"], "last_use": None}, ANOTHER_OPTION, "haven't used opioids"),
        ({"medication_openness": "no"}, ANOTHER_OPTION, "rather not take medicine"),
        ({"current_moud": "methadone"}, DISCUSS_POINTS, "don't stop methadone"),
        ({"current_moud": "naltrexone"}, DISCUSS_POINTS, "Naltrexone blocks opioids"),
        ({"pregnant": "not_sure"}, DISCUSS_POINTS, "might be pregnant"),
        ({"opioids_used": ["fentanyl"]}, DISCUSS_POINTS, "after fentanyl"),
        ({"last_use": "today"}, DISCUSS_POINTS, "used opioids today"),
        ({"age": 16}, DISCUSS_POINTS, "under 18"),
        ({"conditions": ["liver_disease"]}, DISCUSS_POINTS, "check your liver"),
        ({"current_moud": "buprenorphine"}, WORTH_DISCUSSING, "Keep taking it as prescribed"),
        ({"medication_openness": "not_sure"}, WORTH_DISCUSSING, "OK not to be sure"),
        ({"last_use": "over_14_days"}, WORTH_DISCUSSING, "naltrexone"),
    ],
)
def test_outcome_and_point(changes, outcome, words):
    result = check(**changes)
    assert result.outcome == outcome
    assert any(words in point for point in result.points)


def test_pregnancy_outweighs_a_no_to_medicine_as_in_rule_5():
    result = check(pregnant="yes", medication_openness="no")
    assert result.outcome == DISCUSS_POINTS
    assert not any("rather not take medicine" in point for point in result.points)


def test_the_most_cautious_point_sets_the_outcome():
    result = check(opioids_used=["fentanyl"], medication_openness="no")
    assert result.outcome == ANOTHER_OPTION
    assert len(result.points) == 2


def test_without_opioid_use_only_the_other_option_point_is_made():
    result = check(opioids_used=["none"], last_use=None, age=16, conditions=["liver_disease"], pregnant="yes")
    assert result.outcome == ANOTHER_OPTION
    assert len(result.points) == 1


def test_it_never_mentions_a_dose_amount():
    texts = [
        point
        for changes in ({}, {"last_use": "today"}, {"opioids_used": ["fentanyl"]})
        for point in check(**changes).points
    ]
    assert not any(" mg" in text or "milligram" in text for text in texts)


def test_invalid_answers_are_refused_with_every_key():
    with pytest.raises(InvalidAnswers) as raised:
        selfcheck({"opioids_used": ["heroin"], "age": "old", "danger_now": False})
    assert [error.key for error in raised.value.errors] == [
        "last_use",
        "current_moud",
        "pregnant",
        "age",
        "conditions",
        "medication_openness",
        "danger_now",
    ]


def test_last_use_only_asked_after_opioid_use():
    with pytest.raises(InvalidAnswers) as raised:
        check(opioids_used=["none"])
    assert [error.key for error in raised.value.errors] == ["last_use"]
