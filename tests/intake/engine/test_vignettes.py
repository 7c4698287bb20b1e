"""The clinic's worked cases (intake-spec.md §4): the engine must pass them all."""

import json
from pathlib import Path

import pytest

from intake.engine.recommend import recommend

VIGNETTES = json.loads((Path(__file__).parent.parent / "vignettes.json").read_text(encoding="utf-8"))


def test_the_copy_holds_the_clinics_cases():
    assert len(VIGNETTES) == 14
    assert len({vignette["id"] for vignette in VIGNETTES}) == 14


@pytest.mark.parametrize("vignette", VIGNETTES, ids=[vignette["id"] for vignette in VIGNETTES])
def test_vignette(vignette):
    result = recommend(vignette["answers"]).as_dict()
    expect = vignette["expect"]
    assert result["rules_version"] == "2026.2"
    assert result["urgency"] == expect["urgency"]
    # 2026.2 fixes the order of care options (preferred medicine first) and of not-now options; flags are a set.
    assert [option["id"] for option in result["care_options"]] == expect["care_options"]
    assert [option["id"] for option in result["not_now"]] == expect["not_now"]
    assert sorted(result["flags"]) == sorted(expect["flags"])
    assert result["scores"] == expect["scores"]
    assert all(option["reasons"] for option in result["care_options"] + result["not_now"])


@pytest.mark.parametrize("vignette", VIGNETTES, ids=[vignette["id"] for vignette in VIGNETTES])
def test_vignette_output_has_exactly_the_spec_keys(vignette):
    result = recommend(vignette["answers"]).as_dict()
    assert list(result) == ["rules_version", "urgency", "care_options", "not_now", "flags", "scores"]
    assert all(list(option) == ["id", "reasons"] for option in result["care_options"] + result["not_now"])
    assert json.loads(json.dumps(result)) == result
