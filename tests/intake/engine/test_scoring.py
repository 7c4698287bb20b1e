import dataclasses

import pytest

from intake.engine.rules import DEFAULT
from intake.engine.scoring import (
    cssrs_risk,
    dast10_band,
    dast10_score,
    gad2_score,
    phq2_score,
    score,
    sows_band,
    sows_score,
)
from tests.intake.answers import dast_answers, make_answers, sows_answers


def test_dast10_counts_yes_answers():
    answers = {f"dast_{n}": False for n in range(1, 11)} | {"dast_3": True, "dast_1": True, "dast_9": True}
    assert dast10_score(answers) == 2


def test_dast10_item_3_is_reverse_scored():
    all_no = {f"dast_{n}": False for n in range(1, 11)}
    assert dast10_score(all_no) == 1  # "not always able to stop" scores
    assert dast10_score(all_no | {"dast_3": True}) == 0


@pytest.mark.parametrize("total", range(11))
def test_dast_answers_helper_gives_each_total(total):
    assert dast10_score(dast_answers(total)) == total


@pytest.mark.parametrize(
    ("total", "band"),
    [
        (0, "none"),
        (1, "low"),
        (2, "low"),
        (3, "moderate"),
        (5, "moderate"),
        (6, "substantial"),
        (8, "substantial"),
        (9, "severe"),
        (10, "severe"),
    ],
)
def test_dast10_band_edges(total, band):
    assert dast10_band(total) == band


def test_sows_is_null_when_not_asked():
    answers = make_answers(last_use="4_to_7_days")
    assert sows_score(answers) is None
    assert sows_band(None) is None
    assert (score(answers)["sows"], score(answers)["sows_band"]) == (None, None)


@pytest.mark.parametrize(
    ("total", "band"),
    [(0, "none"), (1, "mild"), (10, "mild"), (11, "moderate"), (20, "moderate"), (21, "severe"), (64, "severe")],
)
def test_sows_band_edges(total, band):
    answers = make_answers(last_use="today", **sows_answers(total))
    assert sows_score(answers) == total
    assert sows_band(total) == band
    assert score(answers)["sows_band"] == band


def test_sows_sums_all_16_items():
    answers = {f"sows_{n}": 4 for n in range(1, 17)}
    assert sows_score(answers) == 64


@pytest.mark.parametrize(("items", "total"), [((0, 0), 0), ((1, 1), 2), ((1, 2), 3), ((3, 3), 6)])
def test_phq2_and_gad2_sum_their_items(items, total):
    assert phq2_score({"phq_1": items[0], "phq_2": items[1]}) == total
    assert gad2_score({"gad_1": items[0], "gad_2": items[1]}) == total


# C-SSRS screener risk, every row of intake-spec.md §2.
@pytest.mark.parametrize(
    ("answers", "risk"),
    [
        ({"cssrs_1": False, "cssrs_2": False, "cssrs_6": False}, "none"),
        ({"cssrs_1": True, "cssrs_2": False, "cssrs_6": False}, "low"),
        (
            {"cssrs_1": False, "cssrs_2": True, "cssrs_3": False, "cssrs_4": False, "cssrs_5": False, "cssrs_6": False},
            "low",
        ),
        (
            {"cssrs_1": True, "cssrs_2": True, "cssrs_3": True, "cssrs_4": False, "cssrs_5": False, "cssrs_6": False},
            "moderate",
        ),
        ({"cssrs_1": False, "cssrs_2": False, "cssrs_6": True, "cssrs_6_recent": False}, "moderate"),
        (
            {"cssrs_1": True, "cssrs_2": True, "cssrs_3": False, "cssrs_4": True, "cssrs_5": False, "cssrs_6": False},
            "high",
        ),
        (
            {"cssrs_1": True, "cssrs_2": True, "cssrs_3": False, "cssrs_4": False, "cssrs_5": True, "cssrs_6": False},
            "high",
        ),
        ({"cssrs_1": False, "cssrs_2": False, "cssrs_6": True, "cssrs_6_recent": True}, "high"),
    ],
)
def test_cssrs_risk(answers, risk):
    assert cssrs_risk(answers) == risk


def test_cssrs_risk_works_on_partial_answers():
    assert cssrs_risk({"danger_now": False, "cssrs_1": True, "cssrs_2": True, "cssrs_4": True}) == "high"
    assert cssrs_risk({}) == "none"


def test_score_object_has_exactly_the_spec_keys():
    assert score(make_answers()) == {
        "dast10": 5,
        "dast10_band": "moderate",
        "sows": None,
        "sows_band": None,
        "phq2": 0,
        "gad2": 0,
        "cssrs_risk": "none",
    }


def test_score_is_empty_in_an_emergency():
    assert score({"danger_now": True}) == {}


def test_bands_follow_the_configuration():
    config = dataclasses.replace(
        DEFAULT, dast10_bands=((0, "none"), (1, "low"), (4, "moderate"), (6, "high"), (9, "severe"))
    )
    assert dast10_band(3, config) == "low"
    assert score(make_answers(**dast_answers(3)), config)["dast10_band"] == "low"
    sows_config = dataclasses.replace(DEFAULT, sows_bands=((0, "none"), (1, "mild"), (17, "moderate"), (25, "severe")))
    assert sows_band(21, sows_config) == "moderate"
