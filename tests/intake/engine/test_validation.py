import pytest

from intake.engine.questionnaire import visible_questions
from intake.engine.validation import ROOT_KEY, AnswerError, InvalidAnswers, prune_hidden, validate_answers
from tests.intake.answers import BASE, make_answers


def keys(errors):
    return [error.key for error in errors]


def test_complete_answers_are_valid():
    assert validate_answers(make_answers()) == []


def test_emergency_answers_alone_are_valid():
    assert validate_answers({"danger_now": True}) == []


def test_postcode_may_be_left_out_or_given():
    assert validate_answers(make_answers(postcode=None)) == []
    assert validate_answers(make_answers(postcode="SW1A 1AA")) == []


def test_not_an_object():
    assert validate_answers(["danger_now"]) == [AnswerError(ROOT_KEY, "must be one JSON object of answers")]


def test_unknown_key():
    errors = validate_answers(make_answers() | {"favourite_colour": "blue"})
    assert errors == [AnswerError("favourite_colour", "is not a known question")]


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("danger_now", 1),  # 1 is not a valid yes/no
        ("injects", "yes"),
        ("injects", None),
        ("age", True),  # JSON booleans are not integers
        ("age", 34.0),
        ("age", "34"),
        ("phq_1", False),
        ("pregnant", True),
        ("pregnant", ["yes"]),
        ("opioids_used", "heroin"),
        ("opioids_used", [1]),
        ("postcode", 10001),
    ],
)
def test_wrong_type(key, value):
    errors = validate_answers(make_answers() | {key: value})
    assert keys(errors) == [key]


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("pregnant", "maybe"),
        ("use_frequency", "hourly"),
        ("insurance", "Medicaid"),  # identifiers, not labels
        ("opioids_used", ["heroin", "kratom"]),
        ("phq_1", 4),
        ("gad_2", -1),
    ],
)
def test_value_outside_its_choices(key, value):
    assert keys(validate_answers(make_answers() | {key: value})) == [key]


@pytest.mark.parametrize(("age", "valid"), [(11, False), (12, True), (110, True), (111, False)])
def test_age_range(age, valid):
    assert (validate_answers(make_answers() | {"age": age}) == []) is valid


@pytest.mark.parametrize(("value", "valid"), [(-1, False), (0, True), (4, True), (5, False)])
def test_sows_range(value, valid):
    answers = make_answers(last_use="today") | {"sows_7": value}
    assert (validate_answers(answers) == []) is valid


def test_out_of_range_message_names_the_range_not_the_value():
    [error] = validate_answers(make_answers() | {"age": 250})
    assert error == AnswerError("age", "must be from 12 to 110")


def test_postcode_format_and_length():
    assert keys(validate_answers(make_answers() | {"postcode": "<b>"})) == ["postcode"]
    assert keys(validate_answers(make_answers() | {"postcode": "1" * 11})) == ["postcode"]


def test_none_cannot_be_combined():
    [error] = validate_answers(make_answers() | {"conditions": ["none", "seizures"]})
    assert error == AnswerError("conditions", "'none' can't be combined with other choices")


def test_duplicate_choices():
    [error] = validate_answers(make_answers() | {"responsibilities": ["work", "work"]})
    assert error == AnswerError("responsibilities", "holds the same choice more than once")


def test_empty_multiple_choice():
    assert keys(validate_answers(make_answers() | {"responsibilities": []})) == ["responsibilities"]


def test_answer_to_a_question_that_was_not_shown():
    answers = make_answers(opioids_used=["none"]) | {"injects": False}
    assert validate_answers(answers) == [AnswerError("injects", "answers a question that was not shown")]


def test_answers_after_an_emergency_were_not_shown():
    errors = validate_answers({"danger_now": True, "age": 30, "opioids_used": ["heroin"], "injects": True})
    assert keys(errors) == ["age", "opioids_used", "injects"]


def test_sows_answers_without_recent_use_were_not_shown():
    answers = make_answers(last_use="4_to_7_days") | {"sows_1": 0, "sows_16": 2}
    assert keys(validate_answers(answers)) == ["sows_1", "sows_16"]


def test_missing_answer_to_a_shown_question():
    answers = make_answers()
    del answers["insurance"]
    assert validate_answers(answers) == [AnswerError("insurance", "is missing: this question was shown")]


def test_missing_follow_up_answer():
    answers = make_answers() | {"cssrs_2": True}
    assert keys(validate_answers(answers)) == ["cssrs_3", "cssrs_4", "cssrs_5"]


def test_every_error_is_reported_in_questionnaire_order_then_unknown_keys():
    answers = make_answers() | {"zzz": 1, "age": True, "pregnant": "maybe", "conditions": ["none", "seizures"]}
    del answers["goal"]
    assert keys(validate_answers(answers)) == ["age", "pregnant", "conditions", "goal", "zzz"]


def test_an_invalid_controlling_answer_does_not_cascade():
    # opioids_used is malformed, so we can't tell whether its follow-ups were shown: report it alone.
    answers = make_answers() | {"opioids_used": "heroin"}
    assert keys(validate_answers(answers)) == ["opioids_used"]


def test_follow_ups_of_an_invalid_controlling_answer_are_still_checked_on_their_own():
    answers = make_answers() | {"opioids_used": "heroin", "use_frequency": "hourly"}
    assert keys(validate_answers(answers)) == ["opioids_used", "use_frequency"]


def test_empty_object_misses_every_always_asked_question():
    expected = [question.id for question in visible_questions({}) if question.required]
    assert keys(validate_answers({})) == expected
    assert expected[0] == "danger_now" and "insurance" in expected and "postcode" not in expected


def test_error_messages_never_contain_the_value():
    secret = "ZZ99 9ZZ-secret"
    errors = validate_answers(make_answers() | {"postcode": secret, "age": 999})
    assert all(secret not in str(error) and "999" not in str(error) for error in errors)


def test_invalid_answers_exception_carries_every_error():
    errors = [AnswerError("a", "x"), AnswerError("b", "y")]
    raised = InvalidAnswers(errors)
    assert raised.errors == tuple(errors)
    assert str(raised) == "a: x; b: y"


# --- prune_hidden -------------------------------------------------------------------------------------------------


def test_prune_hidden_drops_answers_that_became_hidden_after_an_edit():
    with_sows = make_answers(last_use="today", sows_1=3)
    edited = with_sows | {"opioids_used": ["none"]}
    pruned = prune_hidden(edited)
    assert "sows_1" not in pruned and "last_use" not in pruned and "injects" not in pruned
    assert pruned["opioids_used"] == ["none"]


def test_prune_hidden_keeps_everything_still_shown_in_questionnaire_order():
    answers = make_answers(postcode="10001")
    shuffled = dict(reversed(list(answers.items())))
    assert list(prune_hidden(shuffled)) == list(answers)


def test_prune_hidden_drops_unknown_keys_and_everything_after_an_emergency():
    assert prune_hidden(BASE | {"danger_now": True, "colour": "red"}) == {"danger_now": True}


def test_prune_hidden_keeps_partial_answers():
    assert prune_hidden({"danger_now": False, "cssrs_1": True}) == {"danger_now": False, "cssrs_1": True}
