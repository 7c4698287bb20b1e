import re

import pytest

from intake.engine.items import KINDS
from intake.engine.questionnaire import (
    QUESTION_SEQUENCE,
    QUESTIONNAIRE_VERSION,
    QUESTIONS,
    SAFETY_STEP_IDS,
    SECTIONS,
    STEP_OF_QUESTION,
    STEPS,
    STEPS_BY_ID,
    visible_questions,
    visible_steps,
)
from tests.intake.answers import make_answers

YES_NO = (True, False)
SOWS_RANGE = tuple(range(5))
MOOD_RANGE = tuple(range(4))

# Identifiers, kinds and choices exactly as intake-spec.md §1 lists them.
SPEC = {
    "danger_now": ("yes_no", YES_NO),
    **{f"cssrs_{n}": ("yes_no", YES_NO) for n in range(1, 7)},
    "cssrs_6_recent": ("yes_no", YES_NO),
    "age": ("integer", ()),
    "pregnant": ("choice", ("yes", "no", "not_sure", "not_applicable", "prefer_not_to_say")),
    "postcode": ("text", ()),
    "opioids_used": (
        "multi",
        (
            "heroin",
            "fentanyl",
            "prescription_opioids",
            "methadone_not_prescribed",
            "buprenorphine_not_prescribed",
            "other_opioid",
            "none",
        ),
    ),
    "other_substances": ("multi", ("benzodiazepines", "alcohol", "stimulants", "cannabis", "other", "none")),
    "sedatives_daily": ("yes_no", YES_NO),
    "injects": ("yes_no", YES_NO),
    "use_frequency": ("choice", ("daily", "most_days", "weekly", "less_than_weekly")),
    "use_duration": ("choice", ("under_1_month", "1_to_12_months", "1_to_5_years", "over_5_years")),
    "last_use": ("choice", ("today", "1_to_3_days", "4_to_7_days", "8_to_14_days", "over_14_days")),
    "overdose_history": ("choice", ("never", "over_a_year_ago", "within_year", "within_30_days")),
    **{f"sows_{n}": ("integer", SOWS_RANGE) for n in range(1, 17)},
    **{f"dast_{n}": ("yes_no", YES_NO) for n in range(1, 11)},
    **dict.fromkeys(("phq_1", "phq_2", "gad_1", "gad_2"), ("integer", MOOD_RANGE)),
    "conditions": (
        "multi",
        ("liver_disease", "heart_rhythm_problem", "seizures", "chronic_pain", "hiv_or_hepatitis_c", "none"),
    ),
    "current_moud": ("choice", ("none", "methadone", "buprenorphine", "naltrexone")),
    "previous_treatment": (
        "multi",
        ("detox", "methadone", "buprenorphine", "naltrexone", "residential", "counselling", "none"),
    ),
    "relapsed_after_treatment": ("yes_no", YES_NO),
    "complicated_withdrawal": ("yes_no", YES_NO),
    "goal": ("choice", ("stop_completely", "stop_with_medication", "cut_down", "not_sure")),
    "medication_openness": ("choice", ("yes", "no", "not_sure")),
    "preferred_medicine": ("choice", ("methadone", "buprenorphine", "naltrexone", "no_preference")),
    "housing": ("choice", ("stable", "unstable", "homeless")),
    "others_use_at_home": ("yes_no", YES_NO),
    "support_person": ("yes_no", YES_NO),
    "can_attend_daily": ("choice", ("yes", "no", "not_sure")),
    "responsibilities": ("multi", ("work", "children", "caring", "study", "none")),
    "setting_preference": ("choice", ("inpatient", "outpatient", "telehealth", "no_preference")),
    "insurance": (
        "choice",
        (
            "medicaid",
            "medicare",
            "cigna",
            "aetna",
            "united_healthcare",
            "humana",
            "blue_cross_blue_shield",
            "kaiser_permanente",
            "other_private",
            "self_pay",
            "none",
            "not_sure",
        ),
    ),
}


def ids(questions):
    return [question.id for question in questions]


def test_version():
    assert QUESTIONNAIRE_VERSION == "2026.2"


def test_questions_are_exactly_the_spec_identifiers():
    assert sorted(ids(QUESTION_SEQUENCE)) == sorted(SPEC)
    assert len(QUESTIONS) == len(SPEC)


@pytest.mark.parametrize("key", list(SPEC))
def test_kind_and_choices_match_the_spec(key):
    kind, choices = SPEC[key]
    question = QUESTIONS[key]
    assert question.kind == kind
    assert question.choice_values == choices
    assert all(choice.label.strip() for choice in question.choices)
    assert question.label.strip()


def test_age_range_is_12_to_110():
    assert (QUESTIONS["age"].min_value, QUESTIONS["age"].max_value) == (12, 110)


@pytest.mark.parametrize("key", [f"sows_{n}" for n in range(1, 17)] + ["phq_1", "phq_2", "gad_1", "gad_2"])
def test_rating_scales_have_ranges_matching_their_choices(key):
    question = QUESTIONS[key]
    assert (question.min_value, question.max_value) == (question.choices[0].value, question.choices[-1].value)


def test_only_postcode_is_optional():
    assert [question.id for question in QUESTION_SEQUENCE if not question.required] == ["postcode"]


def test_prefer_not_to_say_only_for_pregnancy():
    offering = [
        q.id
        for q in QUESTION_SEQUENCE
        if any(c.value == "prefer_not_to_say" or "prefer not to say" in c.label.lower() for c in q.choices)
    ]
    assert offering == ["pregnant"]


def test_kinds_are_known():
    assert {question.kind for question in QUESTION_SEQUENCE} <= set(KINDS)


def test_instrument_scale_labels_follow_the_instruments():
    assert [c.label for c in QUESTIONS["sows_1"].choices] == [
        "Not at all",
        "A little",
        "Moderately",
        "Quite a bit",
        "Extremely",
    ]
    assert [c.label for c in QUESTIONS["phq_1"].choices] == [
        "Not at all",
        "Several days",
        "More than half the days",
        "Nearly every day",
    ]


def test_dast_3_asks_about_always_being_able_to_stop():
    assert "always able to stop" in QUESTIONS["dast_3"].label


def test_dast_intro_excludes_alcohol_and_names_the_12_months():
    intro = STEPS_BY_ID["dast_1"].intro
    assert "past 12 months" in intro and "Don't count alcohol" in intro


@pytest.mark.parametrize(
    ("key", "words"),
    [
        ("sows_1", "anxious"),
        ("sows_6", "goosebumps"),
        ("sows_10", "bones and muscles ache"),
        ("sows_16", "like using now"),
        ("cssrs_1", "wished you were dead"),
        ("cssrs_4", "intention of acting on them"),
        ("cssrs_6_recent", "past 3 months"),
        ("phq_2", "down, depressed or hopeless"),
        ("gad_2", "stop or control worrying"),
    ],
)
def test_instrument_items_in_their_standard_order(key, words):
    assert words in QUESTIONS[key].label


def test_personal_data_is_marked():
    assert {q.id for q in QUESTION_SEQUENCE if q.personal_data} == {"postcode", "age"}


def test_postcode_pattern_takes_zip_and_uk_postcodes():
    pattern = QUESTIONS["postcode"].pattern
    assert all(re.fullmatch(pattern, value) for value in ("10001", "10001-1234", "SW1A 1AA"))
    assert not any(re.fullmatch(pattern, value) for value in ("", "1", "<script>", "x" * 11))


# --- Pages --------------------------------------------------------------------------------------------------------


def test_danger_now_is_alone_on_the_first_page():
    assert STEPS[0].question_ids == ("danger_now",)


def test_safety_steps_come_first_and_hold_every_cssrs_question():
    assert tuple(step.id for step in STEPS[: len(SAFETY_STEP_IDS)]) == SAFETY_STEP_IDS
    safety_questions = [key for step_id in SAFETY_STEP_IDS for key in STEPS_BY_ID[step_id].question_ids]
    assert sorted(safety_questions) == sorted(["danger_now", *[f"cssrs_{n}" for n in range(1, 7)], "cssrs_6_recent"])


def test_every_question_is_on_exactly_one_page():
    on_pages = [key for step in STEPS for key in step.question_ids]
    assert sorted(on_pages) == sorted(SPEC)
    assert len(on_pages) == len(set(on_pages))


def test_step_ids_are_unique():
    assert len(STEPS_BY_ID) == len(STEPS)


def test_at_most_16_pages_even_when_every_conditional_question_is_shown():
    assert len(STEPS) <= 16
    assert max(len(step.questions) for step in STEPS) <= 8


def test_sows_on_two_pages_of_8_and_dast_on_two_of_5():
    sows_pages = [STEP_OF_QUESTION[f"sows_{n}"] for n in range(1, 17)]
    dast_pages = [STEP_OF_QUESTION[f"dast_{n}"] for n in range(1, 11)]
    assert [sows_pages.count(page) for page in dict.fromkeys(sows_pages)] == [8, 8]
    assert [dast_pages.count(page) for page in dict.fromkeys(dast_pages)] == [5, 5]


@pytest.mark.parametrize(
    "together",
    [
        ("age", "pregnant", "postcode"),
        ("conditions", "current_moud", "previous_treatment", "complicated_withdrawal"),
        ("housing", "others_use_at_home", "support_person"),
    ],
)
def test_questions_answered_together_share_a_page(together):
    assert len({STEP_OF_QUESTION[key] for key in together}) == 1


def test_parts_are_fixed_and_each_has_a_page_that_is_always_shown():
    assert [section.title for section in SECTIONS] == [
        "Your safety",
        "About you",
        "Your opioid use",
        "Drug use in the past year",
        "Your mood and health",
        "Your goals",
        "Home and everyday life",
    ]
    always = {step.id for step in visible_steps({"danger_now": False})}
    assert all(always & {step.id for step in section.steps} for section in SECTIONS)
    assert tuple(step for section in SECTIONS for step in section.steps) == STEPS


def test_the_dast_question_about_illegal_things_reassures():
    assert "not share them with the police" in QUESTIONS["dast_8"].hint.replace("don't", "not")


def test_phq2_and_gad2_share_a_page():
    assert len({STEP_OF_QUESTION[key] for key in ("phq_1", "phq_2", "gad_1", "gad_2")}) == 1


def test_conditions_only_look_at_earlier_questions():
    seen = set()
    for question in QUESTION_SEQUENCE:
        assert question.asked_when.references() <= seen, question.id
        seen.add(question.id)


def test_no_question_depends_on_another_on_its_own_page():
    # Pages must work without JavaScript, so nothing on a page may appear because of another answer on it.
    for step in STEPS:
        for question in step.questions:
            assert not question.asked_when.references() & set(step.question_ids), (step.id, question.id)


def test_question_with_a_sensitive_topic_says_why_we_ask():
    sensitive = (
        "pregnant",
        "postcode",
        "opioids_used",
        "injects",
        "sedatives_daily",
        "age",
        "relapsed_after_treatment",
    )
    assert all(QUESTIONS[key].why_we_ask for key in sensitive)


def test_label_for_returns_the_human_label():
    assert QUESTIONS["pregnant"].label_for("prefer_not_to_say") == "I'd prefer not to say"
    assert QUESTIONS["injects"].label_for(True) == "Yes"
    with pytest.raises(KeyError):
        QUESTIONS["injects"].label_for(1)


def test_unknown_kind_is_refused():
    from intake.engine.items import Question

    with pytest.raises(ValueError, match="unknown kind"):
        Question(id="x", kind="slider", label="X")


# --- Branching ----------------------------------------------------------------------------------------------------


def visible(answers):
    return set(ids(visible_questions(answers)))


def test_nothing_but_danger_now_is_asked_in_an_emergency():
    assert visible({"danger_now": True}) == {"danger_now"}
    assert ids(visible_steps({"danger_now": True})) == ["danger"]


def test_an_emergency_hides_everything_even_if_other_answers_exist():
    assert visible(make_answers() | {"danger_now": True}) == {"danger_now"}


def test_cssrs_follow_up_only_after_thoughts_of_killing_yourself():
    without = visible({"danger_now": False, "cssrs_1": True, "cssrs_2": False})
    with_thoughts = visible({"danger_now": False, "cssrs_1": True, "cssrs_2": True})
    assert {"cssrs_3", "cssrs_4", "cssrs_5"} & without == set()
    assert {"cssrs_3", "cssrs_4", "cssrs_5"} <= with_thoughts


def test_cssrs_6_recent_only_after_a_yes_to_cssrs_6():
    assert "cssrs_6_recent" not in visible({"danger_now": False, "cssrs_6": False})
    assert "cssrs_6_recent" in visible({"danger_now": False, "cssrs_6": True})


OPIOID_FOLLOW_UPS = {"injects", "use_frequency", "use_duration", "last_use", "overdose_history"}


def test_opioid_questions_only_when_opioids_used():
    assert OPIOID_FOLLOW_UPS & visible(make_answers(opioids_used=["none"])) == set()
    assert visible(make_answers(opioids_used=["fentanyl"])) >= OPIOID_FOLLOW_UPS


@pytest.mark.parametrize(
    ("last_use", "asked"),
    [("today", True), ("1_to_3_days", True), ("4_to_7_days", False), ("8_to_14_days", False), ("over_14_days", False)],
)
def test_sows_only_after_use_in_the_last_3_days(last_use, asked):
    shown = visible(make_answers(last_use=last_use))
    assert ({f"sows_{n}" for n in range(1, 17)} <= shown) is asked
    assert ("sows_1" in shown) is asked


def test_sows_not_asked_without_opioid_use_even_with_a_stale_last_use():
    answers = make_answers(opioids_used=["none"]) | {"last_use": "today"}
    assert "sows_1" not in visible(answers)


@pytest.mark.parametrize(
    ("chosen", "asked"),
    [(["benzodiazepines"], True), (["alcohol", "cannabis"], True), (["cannabis"], False), (["none"], False)],
)
def test_sedatives_daily_only_for_benzodiazepines_or_alcohol(chosen, asked):
    assert ("sedatives_daily" in visible(make_answers(other_substances=chosen))) is asked


@pytest.mark.parametrize(
    ("previous", "asked"), [(["detox"], True), (["counselling", "methadone"], True), (["none"], False)]
)
def test_relapse_question_only_after_previous_treatment(previous, asked):
    assert ("relapsed_after_treatment" in visible(make_answers(previous_treatment=previous))) is asked


def test_always_asked_questions_show_with_no_answers_yet():
    shown = visible({})
    assert {
        "danger_now",
        "cssrs_1",
        "age",
        "pregnant",
        "postcode",
        "opioids_used",
        "dast_1",
        "phq_1",
        "insurance",
    } <= shown
    assert OPIOID_FOLLOW_UPS & shown == set()


def test_visible_steps_for_a_typical_person_skip_the_conditional_pages():
    shown = ids(visible_steps(make_answers()))
    for hidden in ("safety_details", "sows_1", "sows_2"):
        assert hidden not in shown
    assert shown[:3] == ["danger", "safety_feelings", "about_you"]
    assert shown[-1] == "life_and_paying"
    assert len(shown) == 13


def test_visible_steps_include_sows_pages_after_recent_use():
    shown = ids(visible_steps(make_answers(last_use="today")))
    assert [step for step in shown if step.startswith("sows")] == ["sows_1", "sows_2"]
