"""Each rule of intake-spec.md §3 on its own, through the public ``recommend``."""

import itertools

import pytest

from intake.engine import reasons
from intake.engine.care_rules import CARE_OPTION_IDS, Plan, suggest
from intake.engine.recommend import recommend
from intake.engine.rules import CARE_OPTION_ORDER
from intake.engine.validation import InvalidAnswers
from tests.intake.answers import dast_answers, make_answers, sows_answers

MEDICINES = ["mat_buprenorphine", "mat_methadone", "mat_naltrexone"]


def run(**changes):
    return recommend(make_answers(**changes))


def suggested(result):
    return [option.id for option in result.care_options]


def held(result):
    return [option.id for option in result.not_now]


def reasons_of(result, option_id):
    [option] = [o for o in (*result.care_options, *result.not_now) if o.id == option_id]
    return list(option.reasons)


def test_invalid_answers_are_refused_not_guessed():
    with pytest.raises(InvalidAnswers) as raised:
        recommend(make_answers() | {"age": "34", "mystery": 1})
    assert [error.key for error in raised.value.errors] == ["age", "mystery"]


# --- Rule 1 -------------------------------------------------------------------------------------------------------


def test_rule_1_emergency_stops_everything():
    assert recommend({"danger_now": True}).as_dict() == {
        "rules_version": "2026.2",
        "urgency": "emergency",
        "care_options": [],
        "not_now": [],
        "flags": ["emergency_now"],
        "scores": {},
    }


# --- Rule 2 -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("dast", "expected"), [(0, []), (2, []), (3, ["outpatient", "aftercare"]), (10, ["outpatient", "aftercare"])]
)
def test_rule_2_no_opioids_suggests_care_only_from_dast_3(dast, expected):
    result = run(opioids_used=["none"], **dast_answers(dast))
    assert suggested(result) == expected
    assert held(result) == []
    assert "no_opioid_use" in result.flags
    assert reasons_of(result, "outpatient") == [reasons.NO_OPIOIDS_OUTPATIENT] if expected else True


def test_rule_2_means_rules_3_to_8_do_not_apply():
    result = run(
        opioids_used=["none"],
        pregnant="yes",
        housing="homeless",
        setting_preference="inpatient",
        medication_openness="no",
        goal="stop_completely",
        **dast_answers(9),
    )
    assert suggested(result) == ["outpatient", "aftercare"]
    assert held(result) == []
    assert "pregnancy" not in result.flags


# --- Rule 3 -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("medicine", ["methadone", "buprenorphine"])
@pytest.mark.parametrize("opioids", [["none"], ["heroin"]])
def test_rule_3_current_maintenance_medicine_is_continued(medicine, opioids):
    result = run(current_moud=medicine, opioids_used=opioids, goal="stop_completely", last_use="1_to_3_days")
    assert suggested(result) == [f"mat_{medicine}", "outpatient", "aftercare"]
    assert held(result) == ["mat_naltrexone", "detox_inpatient", "detox_outpatient"]
    assert reasons_of(result, f"mat_{medicine}") == [reasons.CONTINUE_MEDICINE.format(medicine=medicine)]
    other = "mat_buprenorphine" if medicine == "methadone" else "mat_methadone"
    assert other not in suggested(result) + held(result)


def test_rule_3_current_naltrexone_is_continued_and_other_medicines_are_absent():
    result = run(current_moud="naltrexone", opioids_used=["none"])
    assert suggested(result) == ["mat_naltrexone", "outpatient", "aftercare"]
    assert held(result) == []
    assert "continue or transfer" in reasons_of(result, "mat_naltrexone")[0]


# --- Rule 4 -------------------------------------------------------------------------------------------------------


def test_rule_4_no_to_medication_holds_all_three_medicines():
    result = run(medication_openness="no")
    assert held(result) == ["mat_buprenorphine", "mat_methadone", "mat_naltrexone"]
    assert all(reasons_of(result, option) == [reasons.PREFERS_NO_MEDICINE] for option in MEDICINES)
    assert "talk it through" in reasons.PREFERS_NO_MEDICINE


@pytest.mark.parametrize("openness", ["yes", "not_sure"])
def test_rule_4_otherwise_buprenorphine_and_methadone_are_suggested(openness):
    result = run(medication_openness=openness)
    assert suggested(result)[:2] == ["mat_buprenorphine", "mat_methadone"]
    assert held(result) == ["mat_naltrexone"]


def test_rule_4_methadone_not_now_when_daily_visits_are_impossible():
    result = run(can_attend_daily="no")
    assert "mat_methadone" in held(result)
    assert reasons_of(result, "mat_methadone") == [reasons.METHADONE_NOT_DAILY]
    assert "mat_buprenorphine" in suggested(result)


def test_rule_4_methadone_still_suggested_when_unsure_about_daily_visits():
    result = run(can_attend_daily="not_sure")
    assert "mat_methadone" in suggested(result)
    assert reasons.METHADONE_UNSURE_DAILY in reasons_of(result, "mat_methadone")


@pytest.mark.parametrize(("age", "held_methadone"), [(17, True), (18, False)])
def test_rule_4_methadone_under_18_needs_a_specialist(age, held_methadone):
    result = run(age=age)
    assert ("mat_methadone" in held(result)) is held_methadone
    if held_methadone:
        assert reasons_of(result, "mat_methadone") == [reasons.METHADONE_UNDER_18]


def test_rule_4_methadone_gives_every_not_now_reason():
    result = run(age=16, can_attend_daily="no")
    assert reasons_of(result, "mat_methadone") == [reasons.METHADONE_NOT_DAILY, reasons.METHADONE_UNDER_18]


@pytest.mark.parametrize("last_use", ["8_to_14_days", "over_14_days"])
def test_rule_4_naltrexone_suggested_when_opioid_free_8_days(last_use):
    result = run(last_use=last_use)
    assert "mat_naltrexone" in suggested(result)
    assert reasons_of(result, "mat_naltrexone") == [reasons.NALTREXONE]


@pytest.mark.parametrize("last_use", ["today", "1_to_3_days", "4_to_7_days"])
def test_rule_4_naltrexone_not_now_after_recent_use(last_use):
    result = run(last_use=last_use)
    assert reasons_of(result, "mat_naltrexone") == [reasons.NALTREXONE_TOO_SOON]
    assert "mat_naltrexone" in held(result)


def test_rule_4_naltrexone_not_now_with_liver_disease():
    result = run(last_use="over_14_days", conditions=["liver_disease"])
    assert reasons_of(result, "mat_naltrexone") == [reasons.NALTREXONE_LIVER]


def test_rule_4_naltrexone_not_now_in_pregnancy():
    result = run(last_use="over_14_days", pregnant="not_sure")
    assert "mat_naltrexone" in held(result)
    assert reasons_of(result, "mat_naltrexone") == [reasons.NALTREXONE_PREGNANT]


def test_rule_4_naltrexone_gives_every_matching_reason():
    result = run(last_use="today", conditions=["liver_disease", "seizures"])
    assert reasons_of(result, "mat_naltrexone") == [reasons.NALTREXONE_TOO_SOON, reasons.NALTREXONE_LIVER]


@pytest.mark.parametrize(
    ("changes", "oud_likely"),
    [
        ({"use_frequency": "daily", **dast_answers(0)}, True),
        ({"use_frequency": "most_days", **dast_answers(2)}, True),
        ({"use_frequency": "weekly", **dast_answers(3)}, True),
        ({"use_frequency": "weekly", **dast_answers(2)}, False),
        ({"use_frequency": "less_than_weekly", **dast_answers(0)}, False),
    ],
)
def test_oud_likely_from_frequency_or_dast(changes, oud_likely):
    result = run(**changes)
    assert ("mat_buprenorphine" in suggested(result)) is oud_likely


# --- Rule 5 -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("pregnant", ["yes", "not_sure"])
def test_rule_5_pregnancy_overrides_no_to_medication(pregnant):
    result = run(pregnant=pregnant, medication_openness="no", goal="stop_completely")
    assert suggested(result) == ["mat_buprenorphine", "mat_methadone", "outpatient", "aftercare"]
    assert held(result) == ["mat_naltrexone", "detox_inpatient", "detox_outpatient"]
    assert reasons_of(result, "detox_outpatient") == [reasons.PREGNANT_NO_WITHDRAWAL]
    # Pregnancy takes rule 4's "otherwise" branch, so its reason comes first.
    assert reasons_of(result, "mat_methadone") == [
        reasons.METHADONE.format(frequency="every day"),
        reasons.PREGNANT_MEDICINE,
        reasons.PREGNANT_BUT_PREFERS_NO_MEDICINE,
    ]


@pytest.mark.parametrize("changes", [{"can_attend_daily": "no"}, {"age": 16}])
def test_rule_5_overrides_rule_4_methadone_not_now(changes):
    result = run(pregnant="yes", **changes)
    assert "mat_methadone" in suggested(result)
    assert reasons_of(result, "mat_methadone") == [reasons.PREGNANT_MEDICINE]


def test_rule_5_adds_its_reason_to_rule_4_suggestions():
    result = run(pregnant="yes")
    assert reasons_of(result, "mat_buprenorphine") == [
        reasons.BUPRENORPHINE.format(frequency="every day"),
        reasons.PREGNANT_MEDICINE,
    ]


def test_rule_5_holds_naltrexone_even_when_opioid_free():
    result = run(pregnant="yes", last_use="over_14_days")
    assert "mat_naltrexone" in held(result)


@pytest.mark.parametrize("medicine", ["methadone", "buprenorphine"])
def test_rule_5_keeps_a_current_maintenance_medicine(medicine):
    result = run(pregnant="yes", current_moud=medicine)
    assert suggested(result) == [f"mat_{medicine}", "outpatient", "aftercare"]
    assert held(result) == ["mat_naltrexone", "detox_inpatient", "detox_outpatient"]


def test_rule_5_replaces_current_naltrexone_with_methadone_or_buprenorphine():
    result = run(pregnant="yes", current_moud="naltrexone", opioids_used=["none"])
    assert suggested(result) == ["mat_buprenorphine", "mat_methadone", "outpatient", "aftercare"]
    assert held(result) == ["mat_naltrexone", "detox_inpatient", "detox_outpatient"]
    assert reasons_of(result, "mat_naltrexone") == [reasons.NALTREXONE_PREGNANT]


def test_rule_5_still_applies_when_oud_is_not_likely():
    result = run(pregnant="yes", use_frequency="less_than_weekly", **dast_answers(1))
    assert suggested(result) == ["mat_buprenorphine", "mat_methadone", "outpatient", "aftercare"]
    assert held(result) == ["mat_naltrexone", "detox_inpatient", "detox_outpatient"]


@pytest.mark.parametrize("pregnant", ["no", "not_applicable", "prefer_not_to_say"])
def test_rule_5_other_pregnancy_answers_do_not_count(pregnant):
    result = run(pregnant=pregnant, medication_openness="no")
    assert held(result) == ["mat_buprenorphine", "mat_methadone", "mat_naltrexone"]
    assert "pregnancy" not in result.flags


# --- Rule 6 -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "why"),
    [
        ({"goal": "stop_completely"}, reasons.DETOX_GOAL_STOP),
        ({"goal": "cut_down", "medication_openness": "no"}, reasons.DETOX_NO_MEDICINE),
    ],
)
def test_rule_6_outpatient_detox(changes, why):
    result = run(**changes)
    assert "detox_outpatient" in suggested(result)
    assert "detox_inpatient" not in suggested(result) + held(result)
    assert reasons_of(result, "detox_outpatient") == [why, reasons.DETOX_OUTPATIENT, reasons.DETOX_OVERDOSE_RISK]


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"other_substances": ["alcohol"], "sedatives_daily": True}, reasons.DETOX_INPATIENT_SEDATIVES),
        ({"other_substances": ["benzodiazepines"], "sedatives_daily": True}, reasons.DETOX_INPATIENT_SEDATIVES),
        ({"complicated_withdrawal": True}, reasons.DETOX_INPATIENT_COMPLICATED),
        ({"conditions": ["seizures"]}, reasons.DETOX_INPATIENT_SEIZURES),
        ({"conditions": ["heart_rhythm_problem"]}, reasons.DETOX_INPATIENT_HEART),
        ({"housing": "unstable"}, reasons.DETOX_INPATIENT_ENVIRONMENT),
        ({"housing": "homeless"}, reasons.DETOX_INPATIENT_ENVIRONMENT),
        ({"others_use_at_home": True}, reasons.DETOX_INPATIENT_ENVIRONMENT),
    ],
)
def test_rule_6_inpatient_detox_triggers(changes, reason):
    result = run(goal="stop_completely", **changes)
    assert "detox_inpatient" in suggested(result)
    assert "detox_outpatient" not in suggested(result) + held(result)
    assert reasons_of(result, "detox_inpatient") == [reasons.DETOX_GOAL_STOP, reason, reasons.DETOX_OVERDOSE_RISK]


def test_rule_6_no_sedative_co_use_when_not_daily():
    result = run(goal="stop_completely", other_substances=["alcohol"], sedatives_daily=False)
    assert "detox_outpatient" in suggested(result)


@pytest.mark.parametrize(
    "changes",
    [
        {"goal": "stop_with_medication", "medication_openness": "yes"},
        {"goal": "not_sure", "medication_openness": "not_sure"},
        {"goal": "stop_completely", "last_use": "8_to_14_days"},
        {"goal": "stop_completely", "last_use": "over_14_days"},
        {"goal": "stop_completely", "current_moud": "buprenorphine"},
        {"goal": "stop_completely", "use_frequency": "weekly", **dast_answers(2)},  # OUD not likely
    ],
)
def test_rule_6_detox_not_suggested(changes):
    result = run(**changes)
    assert not {"detox_inpatient", "detox_outpatient"} & set(suggested(result))


def test_rule_6_not_in_pregnancy():
    result = run(goal="stop_completely", pregnant="yes")
    assert not {"detox_inpatient", "detox_outpatient"} & set(suggested(result))


@pytest.mark.parametrize("last_use", ["today", "1_to_3_days", "4_to_7_days"])
def test_rule_6_applies_within_the_last_7_days(last_use):
    assert "detox_outpatient" in suggested(run(goal="stop_completely", last_use=last_use))


def test_rapid_or_anaesthesia_detox_is_not_an_option_at_all():
    assert CARE_OPTION_IDS == (
        "detox_inpatient",
        "detox_outpatient",
        "mat_methadone",
        "mat_buprenorphine",
        "mat_naltrexone",
        "inpatient_stay",
        "outpatient",
        "aftercare",
    )
    with pytest.raises(ValueError, match="unknown care option"):
        Plan().apply([suggest("rapid_detox", "no")])


# --- Rule 7 -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"housing": "unstable"}, reasons.INPATIENT_HOUSING),
        ({"housing": "homeless"}, reasons.INPATIENT_HOMELESS),
        ({"others_use_at_home": True}, reasons.INPATIENT_OTHERS_USE),
        ({"previous_treatment": ["detox", "methadone"], "relapsed_after_treatment": True}, reasons.INPATIENT_RELAPSE),
        ({"setting_preference": "inpatient"}, reasons.INPATIENT_PREFERENCE),
        ({"support_person": False, **dast_answers(9)}, reasons.INPATIENT_SEVERE_NO_SUPPORT),
        ({"support_person": False, "phq_1": 2, "phq_2": 1}, reasons.INPATIENT_MOOD_NO_SUPPORT),
        ({"support_person": False, "gad_1": 3, "gad_2": 0}, reasons.INPATIENT_MOOD_NO_SUPPORT),
    ],
)
def test_rule_7_inpatient_stay_triggers(changes, reason):
    result = run(**changes)
    assert "inpatient_stay" in suggested(result)
    assert reasons_of(result, "inpatient_stay") == [reason]


@pytest.mark.parametrize(
    "changes",
    [
        {"previous_treatment": ["detox"], "relapsed_after_treatment": True},
        {"previous_treatment": ["detox", "methadone"], "relapsed_after_treatment": False},
        {"support_person": True, **dast_answers(10)},
        {"support_person": False, **dast_answers(8)},
        {"support_person": True, "phq_1": 3, "phq_2": 3},
        {"support_person": False, "phq_1": 1, "phq_2": 1, "gad_1": 1, "gad_2": 1},
        {"setting_preference": "outpatient"},
    ],
)
def test_rule_7_not_triggered(changes):
    assert "inpatient_stay" not in suggested(run(**changes))


def test_rule_7_gives_a_reason_per_trigger():
    result = run(housing="homeless", others_use_at_home=True, setting_preference="inpatient")
    assert reasons_of(result, "inpatient_stay") == [
        reasons.INPATIENT_HOMELESS,
        reasons.INPATIENT_OTHERS_USE,
        reasons.INPATIENT_PREFERENCE,
    ]


def test_rule_7_applies_to_people_on_medicine():
    assert "inpatient_stay" in suggested(run(current_moud="methadone", opioids_used=["none"], housing="homeless"))


# --- Rule 8 -------------------------------------------------------------------------------------------------------


def test_rule_8_outpatient_not_now_when_an_inpatient_stay_is_suggested_and_preferred():
    result = run(setting_preference="inpatient")
    assert "inpatient_stay" in suggested(result)
    assert "outpatient" not in suggested(result)
    assert reasons_of(result, "outpatient") == [reasons.OUTPATIENT_PREFERS_INPATIENT]


def test_rule_8_outpatient_alongside_an_inpatient_stay_without_that_preference():
    result = run(housing="homeless", setting_preference="outpatient")
    assert {"inpatient_stay", "outpatient"} <= set(suggested(result))
    assert reasons_of(result, "outpatient") == [reasons.OUTPATIENT, reasons.OUTPATIENT_PREFERENCE["outpatient"]]


def test_rule_8_mentions_a_telehealth_preference():
    result = run(setting_preference="telehealth")
    assert reasons_of(result, "outpatient") == [reasons.OUTPATIENT, reasons.OUTPATIENT_PREFERENCE["telehealth"]]


def test_rule_8_opioids_used_but_oud_not_likely_gives_outpatient_and_aftercare_only():
    # Triggers for rules 3 (none possible without medicine), 4, 6 and 7 are all present, but none of them apply.
    result = run(
        use_frequency="less_than_weekly",
        last_use="today",
        goal="stop_completely",
        medication_openness="no",
        housing="homeless",
        setting_preference="inpatient",
        **dast_answers(2),
        **sows_answers(0),
    )
    assert suggested(result) == ["outpatient", "aftercare"]
    assert held(result) == []
    assert reasons_of(result, "outpatient") == [
        reasons.OUTPATIENT_LIGHTER_USE.format(frequency="less than once a week")
    ]


# --- The medicine the person would like to try (2026.2) ---------------------------------------------------------


def test_preferred_medicine_is_asked_only_of_people_using_opioids_off_medicine_and_open_to_it():
    assert "preferred_medicine" in make_answers(medication_openness="not_sure")
    assert "preferred_medicine" not in make_answers(medication_openness="no")
    assert "preferred_medicine" not in make_answers(current_moud="buprenorphine")
    assert "preferred_medicine" not in make_answers(opioids_used=["none"])


@pytest.mark.parametrize("medicine", ["methadone", "naltrexone"])
def test_a_suggested_preferred_medicine_is_listed_first(medicine):
    result = run(preferred_medicine=medicine, last_use="over_14_days")
    assert suggested(result)[0] == f"mat_{medicine}"
    assert reasons_of(result, f"mat_{medicine}")[-1] == reasons.PREFERRED_MEDICINE.format(medicine=medicine)
    assert suggested(result)[1:] == [o for o in CARE_OPTION_ORDER if o in suggested(result) and o != f"mat_{medicine}"]


def test_without_a_preference_the_fixed_order_holds():
    assert suggested(run(preferred_medicine="no_preference"))[:2] == ["mat_buprenorphine", "mat_methadone"]


def test_a_preferred_medicine_not_now_says_it_was_asked_about_and_why():
    result = run(preferred_medicine="methadone", can_attend_daily="no")
    assert suggested(result)[0] == "mat_buprenorphine"
    assert reasons_of(result, "mat_methadone") == [
        reasons.METHADONE_NOT_DAILY,
        reasons.PREFERRED_MEDICINE_NOT_YET.format(medicine="methadone"),
    ]
    assert held(result) == ["mat_methadone", "mat_naltrexone"]


def test_a_preference_never_makes_a_medicine_suggested():
    result = run(preferred_medicine="naltrexone", last_use="today", **sows_answers(0))
    assert "mat_naltrexone" in held(result)
    assert suggested(result)[0] == "mat_buprenorphine"


# --- Rule 9 and the shape of every result ---------------------------------------------------------------------------


def test_rule_9_no_aftercare_without_another_option():
    result = run(opioids_used=["none"], **dast_answers(0))
    assert suggested(result) == []


SWEEP = list(
    itertools.product(
        [["none"], ["heroin"], ["fentanyl", "prescription_opioids"]],
        ["none", "methadone", "buprenorphine", "naltrexone"],
        ["yes", "no"],
        ["yes", "no", "not_sure"],
        ["today", "4_to_7_days", "over_14_days"],
        ["stop_completely", "stop_with_medication"],
        ["stable", "homeless"],
        ["daily", "less_than_weekly"],
    )
)


@pytest.fixture(scope="module")
def sweep_results():
    results = []
    for opioids, moud, pregnant, openness, last_use, goal, housing, frequency in SWEEP:
        answers = make_answers(
            opioids_used=opioids,
            current_moud=moud,
            pregnant=pregnant,
            medication_openness=openness,
            last_use=last_use,
            goal=goal,
            housing=housing,
            use_frequency=frequency,
            **dast_answers(1),
        )
        results.append((answers, recommend(answers)))
    return results


def test_every_result_has_aftercare_exactly_when_another_option_is_suggested(sweep_results):
    for _, result in sweep_results:
        others = [option for option in suggested(result) if option != "aftercare"]
        assert ("aftercare" in suggested(result)) is bool(others)


def test_every_option_has_plain_reasons_and_one_verdict(sweep_results):
    for _, result in sweep_results:
        assert not set(suggested(result)) & set(held(result))
        for option in (*result.care_options, *result.not_now):
            assert option.reasons and all(reason.strip() for reason in option.reasons)
            assert all(reason.endswith(".") for reason in option.reasons)


def test_every_result_is_ordered_deterministically(sweep_results):
    for answers, result in sweep_results:
        preferred = [f"mat_{answers['preferred_medicine']}"] if "preferred_medicine" in answers else []
        first = [option for option in suggested(result) if option in preferred]
        rest = [option for option in CARE_OPTION_ORDER if option in suggested(result) and option not in first]
        assert suggested(result) == first + rest
        assert held(result) == [option for option in CARE_OPTION_ORDER if option in held(result)]
        assert list(result.flags) == sorted(result.flags)
        assert recommend(dict(reversed(list(answers.items())))) == result


def test_every_option_is_a_known_care_option(sweep_results):
    for _, result in sweep_results:
        assert set(suggested(result)) | set(held(result)) <= set(CARE_OPTION_IDS)


def test_reasons_are_written_to_the_person():
    result = run(goal="stop_completely", can_attend_daily="no", housing="homeless")
    texts = [reason for option in (*result.care_options, *result.not_now) for reason in option.reasons]
    assert sum(text.startswith("You said") for text in texts) >= len(texts) // 2
    assert not any(word in text.lower() for text in texts for word in ("mg", "dose of", "diagnos", "addict"))
