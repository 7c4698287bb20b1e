"""intake.flow without HTTP: which page may open, where to go next, and how a page's answers merge into a draft."""

from intake.engine.questionnaire import STEPS, STEPS_BY_ID, visible_steps
from intake.flow import CHECK, CRISIS, EMERGENCY, STEP, Journey, merge_step, position
from tests.intake.answers import BASE

ALL_DONE = frozenset(step.id for step in STEPS)


def journey(answers, completed=None, acknowledged=False) -> Journey:
    done = ALL_DONE if completed is None else frozenset(completed)
    return Journey(answers, done, acknowledged)


def test_a_fresh_journey_opens_only_the_first_page():
    fresh = Journey({})
    assert fresh.can_open(STEPS[0])
    assert not any(fresh.can_open(step) for step in STEPS[1:])
    assert fresh.resume().step == STEPS[0]


def test_a_finished_journey_goes_to_check_answers_and_can_open_every_shown_page():
    done = journey(BASE)
    assert done.is_complete and done.resume().kind == CHECK
    assert all(done.can_open(step) for step in visible_steps(BASE))
    assert not done.can_open(STEPS_BY_ID["sows_1"])  # not shown for these answers


def test_next_page_in_order_or_the_rest_of_the_part_then_check_answers_when_changing():
    done = journey(BASE)
    assert done.after(STEPS_BY_ID["about_you"]).step == STEPS_BY_ID["substances"]
    assert done.after(STEPS_BY_ID["about_you"], changing=True).kind == CHECK
    assert done.after(STEPS_BY_ID["substances"], changing=True).step == STEPS_BY_ID["opioid_pattern"]
    assert done.after(STEPS_BY_ID["opioid_pattern"], changing=True).kind == CHECK  # no withdrawal pages shown
    assert done.after(STEPS_BY_ID["life_and_paying"]).kind == CHECK


def test_danger_now_allows_nothing_but_the_first_page():
    emergency = journey({"danger_now": True})
    assert emergency.gate == EMERGENCY
    assert emergency.resume().kind == EMERGENCY
    assert emergency.can_open(STEPS[0]) and not emergency.is_complete


def test_high_risk_blocks_every_further_page_until_acknowledged():
    answers = {
        "danger_now": False,
        "cssrs_1": True,
        "cssrs_2": True,
        "cssrs_3": False,
        "cssrs_4": True,
        "cssrs_5": False,
        "cssrs_6": False,
    }
    pages = ["danger", "safety_feelings", "safety_details"]
    at_risk = journey(answers, pages)
    assert at_risk.gate == CRISIS and at_risk.resume().kind == CRISIS
    assert at_risk.can_open(STEPS_BY_ID["safety_feelings"])  # to change an answer given
    assert not at_risk.can_open(STEPS_BY_ID["about_you"])  # no further question
    carrying_on = journey(answers, pages, acknowledged=True)
    assert carrying_on.gate is None
    assert carrying_on.resume().kind == STEP and carrying_on.resume().step.id == "about_you"


def test_position_is_the_part_of_a_fixed_number_of_parts():
    assert [position(step)[:2] for step in STEPS[:4]] == [(1, 7), (1, 7), (1, 7), (2, 7)]
    assert position(STEPS_BY_ID["substances"])[2].title == "Your opioid use"
    assert {position(step)[1] for step in STEPS} == {7}


def test_merging_a_page_changes_only_its_answers_and_drops_what_is_no_longer_asked():
    answers = {**BASE, "last_use": "today", **{f"sows_{n}": 1 for n in range(1, 17)}}
    completed = [step.id for step in visible_steps(answers)]
    page = {"opioids_used": ["none"], "other_substances": ["none"]}
    merged, done = merge_step(answers, completed, STEPS_BY_ID["substances"], page)
    assert merged["opioids_used"] == ["none"]
    assert not {"injects", "last_use", "sows_1", "sows_16"} & merged.keys()
    assert merged["age"] == BASE["age"] and merged["insurance"] == BASE["insurance"]
    assert "sows_1" not in done and "opioid_pattern" not in done and "substances" in done
