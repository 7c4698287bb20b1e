"""The clinic's worked cases (intake-spec.md §4): the engine must pass them all."""

import json
from pathlib import Path

import pytest

from intake.engine.recommend import CARE_OPTION_PRIORITY, recommend

VIGNETTES = json.loads((Path(__file__).parent.parent / "vignettes.json").read_text(encoding="utf-8"))


def test_the_copy_holds_the_clinics_cases():
    assert len(VIGNETTES) == 13
    assert len({vignette["id"] for vignette in VIGNETTES}) == 13


@pytest.mark.parametrize("vignette", VIGNETTES, ids=[vignette["id"] for vignette in VIGNETTES])
def test_vignette(vignette):
    result = recommend(vignette["answers"]).as_dict()
    expect = vignette["expect"]
    assert result["rules_version"] == "2026.1"
    assert result["urgency"] == expect["urgency"]
    # The spec leaves the order of these sets free; care options must still follow the documented priority.
    assert sorted(option["id"] for option in result["care_options"]) == sorted(expect["care_options"])
    assert sorted(option["id"] for option in result["not_now"]) == sorted(expect["not_now"])
    assert sorted(result["flags"]) == sorted(expect["flags"])
    assert result["scores"] == expect["scores"]
    care_ids = [option["id"] for option in result["care_options"]]
    assert care_ids == [option for option in CARE_OPTION_PRIORITY if option in care_ids]
    assert all(option["reasons"] for option in result["care_options"] + result["not_now"])


@pytest.mark.parametrize("vignette", VIGNETTES, ids=[vignette["id"] for vignette in VIGNETTES])
def test_vignette_output_has_exactly_the_spec_keys(vignette):
    result = recommend(vignette["answers"]).as_dict()
    assert list(result) == ["rules_version", "urgency", "care_options", "not_now", "flags", "scores"]
    assert all(list(option) == ["id", "reasons"] for option in result["care_options"] + result["not_now"])
    assert json.loads(json.dumps(result)) == result
