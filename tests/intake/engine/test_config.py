"""The versioned configuration in intake.engine.rules: defaults from the spec, and overrides that take effect."""

import dataclasses

import pytest

from intake.engine.recommend import recommend
from intake.engine.rules import DEFAULT, RULES_VERSION, RulesConfig, band
from tests.intake.answers import dast_answers, make_answers, sows_answers


def test_version():
    assert RULES_VERSION == "2026.2"
    assert DEFAULT.version == RULES_VERSION


def test_defaults_are_the_spec_values():
    assert DEFAULT.dast10_bands == ((0, "none"), (1, "low"), (3, "moderate"), (6, "substantial"), (9, "severe"))
    assert DEFAULT.sows_bands == ((0, "none"), (1, "mild"), (11, "moderate"), (21, "severe"))
    assert (DEFAULT.phq2_positive, DEFAULT.gad2_positive) == (3, 3)
    assert (DEFAULT.oud_likely_dast10, DEFAULT.no_opioid_care_dast10, DEFAULT.inpatient_dast10_without_support) == (
        3,
        3,
        9,
    )
    assert DEFAULT.inpatient_previous_treatments == 2
    assert (DEFAULT.active_withdrawal_sows, DEFAULT.urgent_sows, DEFAULT.adult_age) == (11, 21, 18)


def test_configuration_is_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        DEFAULT.adult_age = 21


@pytest.mark.parametrize(
    "bands",
    [(), ((1, "low"),), ((0, "none"), (3, "x"), (2, "y")), ((0, "none"), (0, "again"))],
)
def test_band_tables_must_start_at_zero_and_rise(bands):
    with pytest.raises(ValueError, match="must start at 0"):
        RulesConfig(sows_bands=bands)


def test_band_picks_the_last_edge_reached():
    assert [band(score, DEFAULT.dast10_bands) for score in (0, 1, 2, 3, 6, 9, 10)] == [
        "none",
        "low",
        "low",
        "moderate",
        "substantial",
        "severe",
        "severe",
    ]


def test_the_output_carries_the_configured_version():
    config = dataclasses.replace(DEFAULT, version="2026.2-pilot")
    assert recommend(make_answers(), config).rules_version == "2026.2-pilot"
    assert recommend({"danger_now": True}, config).rules_version == "2026.2-pilot"


def test_screen_thresholds_can_be_overridden():
    answers = make_answers(phq_1=1, phq_2=1)
    assert "co_occurring_mental_health" not in recommend(answers).flags
    assert "co_occurring_mental_health" in recommend(answers, dataclasses.replace(DEFAULT, phq2_positive=2)).flags


def test_adult_age_can_be_overridden():
    answers = make_answers(age=19)
    assert "minor" in recommend(answers, dataclasses.replace(DEFAULT, adult_age=21)).flags


def test_sows_thresholds_can_be_overridden():
    answers = make_answers(last_use="today", **sows_answers(17))
    assert recommend(answers).urgency == "soon"
    assert recommend(answers, dataclasses.replace(DEFAULT, urgent_sows=17)).urgency == "urgent"


def test_dast_thresholds_can_be_overridden():
    answers = make_answers(opioids_used=["none"], **dast_answers(2))
    assert recommend(answers).care_options == ()
    lowered = dataclasses.replace(DEFAULT, no_opioid_care_dast10=2)
    assert [option.id for option in recommend(answers, lowered).care_options] == ["outpatient", "aftercare"]
