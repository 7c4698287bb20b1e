import pytest

from intake.engine.conditions import (
    ALWAYS,
    CURRENT_MOUD,
    ENVIRONMENT_RISK,
    OPIOID_FREE_8_DAYS,
    PREGNANT,
    AllOf,
    AnyOf,
    Contains,
    ContainsAny,
    ContainsOtherThan,
    Equals,
    LessThan,
    Not,
    OneOf,
    OpioidsUsed,
)


def test_always_holds_for_empty_answers():
    assert ALWAYS({}) is True


@pytest.mark.parametrize(
    ("answers", "expected"),
    [({"danger_now": True}, True), ({"danger_now": False}, False), ({}, False), ({"danger_now": 1}, False)],
)
def test_equals_is_type_strict(answers, expected):
    assert Equals("danger_now", True)(answers) is expected


def test_equals_does_not_take_zero_for_false():
    assert Equals("support_person", False)({"support_person": 0}) is False


@pytest.mark.parametrize(
    ("value", "expected"), [("yes", True), ("not_sure", True), ("no", False), ("prefer_not_to_say", False)]
)
def test_one_of(value, expected):
    assert PREGNANT({"pregnant": value}) is expected


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        ({"conditions": ["seizures", "liver_disease"]}, True),
        ({"conditions": ["seizures"]}, False),
        ({"conditions": "liver_disease"}, False),  # a string is not a list of choices
        ({}, False),
    ],
)
def test_contains(answers, expected):
    assert Contains("conditions", "liver_disease")(answers) is expected


@pytest.mark.parametrize(
    ("chosen", "expected"),
    [(["alcohol"], True), (["benzodiazepines", "cannabis"], True), (["cannabis"], False), (["none"], False)],
)
def test_contains_any(chosen, expected):
    condition = ContainsAny("other_substances", ("benzodiazepines", "alcohol"))
    assert condition({"other_substances": chosen}) is expected


@pytest.mark.parametrize(
    ("chosen", "expected"),
    [(["heroin"], True), (["fentanyl", "heroin"], True), (["none"], False), ([], False), ("heroin", False)],
)
def test_opioids_used_means_anything_but_none(chosen, expected):
    assert OpioidsUsed()({"opioids_used": chosen}) is expected


def test_contains_other_than_reads_its_own_key():
    condition = ContainsOtherThan("previous_treatment")
    assert condition({"previous_treatment": ["detox"]}) is True
    assert condition({"previous_treatment": ["none"], "opioids_used": ["heroin"]}) is False


@pytest.mark.parametrize(("age", "expected"), [(17, True), (18, False), (True, False), ("12", False)])
def test_less_than_only_counts_integers(age, expected):
    assert LessThan("age", 18)({"age": age}) is expected


def test_less_than_is_false_without_an_answer():
    assert LessThan("age", 18)({}) is False


def test_not_any_all_compose():
    yes_a, yes_b = Equals("a", True), Equals("b", True)
    assert AllOf(yes_a, yes_b)({"a": True, "b": True}) is True
    assert AllOf(yes_a, yes_b)({"a": True, "b": False}) is False
    assert AnyOf(yes_a, yes_b)({"a": False, "b": True}) is True
    assert AnyOf(yes_a, yes_b)({}) is False
    assert Not(yes_a)({}) is True


def test_operators_build_the_same_conditions():
    yes_a, yes_b = Equals("a", True), Equals("b", True)
    assert (yes_a & yes_b) == AllOf(yes_a, yes_b)
    assert (yes_a | yes_b) == AnyOf(yes_a, yes_b)
    assert ~yes_a == Not(yes_a)


def test_references_collects_every_key_read():
    condition = (Equals("a", 1) | Contains("b", "x")) & Not(LessThan("c", 3))
    assert condition.references() == frozenset({"a", "b", "c"})
    assert ALWAYS.references() == frozenset()


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        ({"housing": "stable", "others_use_at_home": False}, False),
        ({"housing": "unstable", "others_use_at_home": False}, True),
        ({"housing": "homeless", "others_use_at_home": False}, True),
        ({"housing": "stable", "others_use_at_home": True}, True),
    ],
)
def test_environment_risk_definition(answers, expected):
    assert ENVIRONMENT_RISK(answers) is expected


@pytest.mark.parametrize(
    ("last_use", "expected"),
    [("today", False), ("1_to_3_days", False), ("4_to_7_days", False), ("8_to_14_days", True), ("over_14_days", True)],
)
def test_opioid_free_8_days_definition(last_use, expected):
    assert OPIOID_FREE_8_DAYS({"last_use": last_use}) is expected


@pytest.mark.parametrize(
    ("current", "expected"), [("none", False), ("methadone", True), ("buprenorphine", True), ("naltrexone", True)]
)
def test_current_moud_definition(current, expected):
    assert CURRENT_MOUD({"current_moud": current}) is expected


def test_one_of_is_type_strict():
    condition = OneOf("age", (1, 2))
    assert condition({"age": 2}) is True
    assert condition({"age": True}) is False
    assert condition({}) is False
