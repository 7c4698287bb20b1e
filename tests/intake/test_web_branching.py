"""Branching on the web follows the spec's "asked when" column exactly, pages that aren't asked can't be opened, and
"Check your answers" edits return there, revealing or pruning questions as the spec requires."""

import re

import pytest

from intake.engine.questionnaire import SECTIONS
from intake.models import IntakeDraft
from tests.intake.answers import BASE
from tests.intake.web_helpers import (
    CHECK_URL,
    complete,
    fresh_rate_limits,  # noqa: F401 (fixture)
    step_data,
    step_url,
    walk,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_rate_limits")]

OPIOID_PAGES = {"opioid_pattern"}
SOWS_PAGES = {"sows_1", "sows_2"}


def visited(client, **changes) -> list[str]:
    answers = {**BASE, **changes}
    return walk(client, {key: value for key, value in answers.items() if value is not None})


def test_the_base_answers_ask_the_opioid_pages_but_not_sows_sedatives_or_follow_ups(client):
    pages = visited(client)
    assert set(pages) >= OPIOID_PAGES
    assert not SOWS_PAGES & set(pages)
    assert "safety_details" not in pages
    assert not {"sedatives_daily", "relapsed_after_treatment"} & IntakeDraft.objects.get().answers.keys()
    assert pages[-1] == CHECK_URL


def test_without_opioids_the_opioid_pages_are_not_asked(client):
    pages = visited(
        client,
        opioids_used=["none"],
        injects=None,
        use_frequency=None,
        use_duration=None,
        last_use=None,
        overdose_history=None,
    )
    assert not (OPIOID_PAGES | SOWS_PAGES) & set(pages)
    assert {"dast_1", "mood", "life_and_paying"} <= set(pages)


@pytest.mark.parametrize("last_use", ["today", "1_to_3_days"])
def test_withdrawal_questions_are_asked_after_recent_use(client, last_use):
    sows = {f"sows_{n}": 1 for n in range(1, 17)}
    pages = visited(client, last_use=last_use, **sows)
    assert set(pages) >= SOWS_PAGES
    assert IntakeDraft.objects.get().answers["sows_16"] == 1


@pytest.mark.parametrize("substance", ["benzodiazepines", "alcohol"])
def test_the_sedatives_question_follows_benzodiazepines_or_alcohol(client, substance):
    visited(client, other_substances=[substance, "cannabis"], sedatives_daily=True)
    assert IntakeDraft.objects.get().answers["sedatives_daily"] is True


def test_the_sedatives_question_is_not_asked_for_other_substances(client):
    visited(client, other_substances=["stimulants", "cannabis"])
    assert "sedatives_daily" not in IntakeDraft.objects.get().answers


def test_cssrs_follow_ups_are_asked_only_after_a_yes(client):
    pages = visited(client, cssrs_2=True, cssrs_3=True, cssrs_4=False, cssrs_5=False)
    assert "safety_details" in pages
    assert {"cssrs_3", "cssrs_4", "cssrs_5"} <= IntakeDraft.objects.get().answers.keys()
    client.cookies.clear()
    IntakeDraft.objects.all().delete()
    pages = visited(client, cssrs_6=True, cssrs_6_recent=False)
    assert "safety_details" in pages
    answers = IntakeDraft.objects.get().answers
    assert answers["cssrs_6_recent"] is False and "cssrs_3" not in answers
    client.cookies.clear()
    IntakeDraft.objects.all().delete()
    assert "safety_details" not in visited(client)


def test_relapse_is_asked_only_after_previous_treatment(client):
    visited(client, previous_treatment=["detox", "counselling"], relapsed_after_treatment=True)
    assert IntakeDraft.objects.get().answers["relapsed_after_treatment"] is True
    client.cookies.clear()
    IntakeDraft.objects.all().delete()
    visited(client)
    assert "relapsed_after_treatment" not in IntakeDraft.objects.get().answers


def test_a_page_that_is_not_asked_cannot_be_opened_or_posted(client):
    complete(client, BASE)
    response = client.get(step_url("sows_1"))
    assert response.status_code == 302
    assert response["Location"] == CHECK_URL
    response = client.post(step_url("sows_1"), {f"sows_{n}": "2" for n in range(1, 9)})
    assert response["Location"] == CHECK_URL
    assert "sows_1" not in IntakeDraft.objects.get().answers


# --- Check your answers --------------------------------------------------------------------------------------------


def test_check_answers_groups_answers_by_part_with_one_change_link_each(client):
    complete(client, BASE)
    page = client.get(CHECK_URL).content.decode()
    parts = re.findall(r'data-change="([a-z_]+)"', page)
    assert parts == [section.id for section in SECTIONS]
    shown = " ".join(re.findall(r'data-answer="([a-z_0-9 ]+)"', page)).split()
    assert sorted(shown) == sorted([*BASE, "postcode"])  # every answer, and the optional postcode left blank
    assert "<dt>ZIP code</dt><dd>Not given</dd>" in page
    assert '<span class="visually-hidden"> your answers about: About you</span>' in page
    assert 'href="/intake/contact/"' in page


def test_check_answers_summarises_scales_in_words(client):
    sows = {f"sows_{n}": 1 for n in range(1, 17)}  # 16: moderate
    complete(client, {**BASE, "last_use": "today", **sows, "phq_1": 1, "phq_2": 1, "gad_1": 3, "gad_2": 3})
    page = client.get(CHECK_URL).content.decode()
    assert "<dt>Withdrawal right now</dt><dd>moderate</dd>" in page
    assert "<dt>Signs of a problem</dt><dd>5 of 10</dd>" in page
    assert "<dt>Mood</dt><dd>some low days</dd>" in page
    assert "<dt>Worry</dt><dd>worried nearly every day</dd>" in page
    assert "Sweating" not in page and "yawning" not in page  # no row per item
    # One row per answer and the blank postcode, but the 4 safety answers (all no) as 1 row, the 10 DAST answers
    # as 1, the 4 mood answers as 2 (mood, worry) and the 16 SOWS answers (not in BASE) as 1.
    assert page.count("data-answer=") == len(BASE) + 1 - 4 + 1 - 10 + 1 - 4 + 2 + 1
    assert "<dt>Safety questions</dt><dd>No to all</dd>" in page


def test_check_answers_shows_each_safety_answer_when_one_was_yes(client):
    complete(client, {**BASE, "cssrs_1": True})
    page = client.get(CHECK_URL).content.decode()
    assert "<dt>Wished you could go to sleep and not wake up</dt><dd>Yes</dd>" in page
    assert "No to all" not in page


def test_changing_a_part_goes_through_its_pages_then_returns_to_check_answers(client):
    complete(client, BASE)
    page = client.get(step_url("about_you", change=True)).content.decode()
    assert 'value="34"' in page  # the current answer is shown
    assert f'href="{CHECK_URL}" class="back-link"' in page
    response = client.post(step_url("about_you", change=True), step_data("about_you", {**BASE, "age": 35}))
    assert response["Location"] == CHECK_URL
    assert IntakeDraft.objects.get().answers["age"] == 35
    assert "<dt>Age</dt><dd>35</dd>" in client.get(CHECK_URL).content.decode()
    response = client.post(step_url("mood", change=True), step_data("mood", BASE))
    assert response["Location"] == step_url("health_history", change=True)


def test_a_change_that_reveals_questions_asks_them_then_returns_to_check_answers(client):
    complete(client, BASE)
    recent = step_data("opioid_pattern", {**BASE, "last_use": "today"})
    response = client.post(step_url("opioid_pattern", change=True), recent)
    assert response["Location"] == step_url("sows_1", change=True)
    answers = {f"sows_{n}": 0 for n in range(1, 17)}
    url = response["Location"]
    for page in ("sows_1", "sows_2"):
        assert url == step_url(page, change=True)
        url = client.post(url, step_data(page, answers))["Location"]
    assert url == CHECK_URL
    assert IntakeDraft.objects.get().answers["sows_1"] == 0


def test_a_change_that_hides_questions_removes_their_answers(client):
    sows = {f"sows_{n}": 2 for n in range(1, 17)}
    complete(client, {**BASE, "last_use": "today", **sows, "other_substances": ["alcohol"], "sedatives_daily": True})
    page = {"opioids_used": ["none"], "other_substances": ["alcohol"]}
    response = client.post(step_url("substances", change=True), step_data("substances", page))
    assert response["Location"] == step_url("opioid_pattern", change=True)  # still shown: sedatives_daily
    answers = IntakeDraft.objects.get().answers
    for hidden in ("injects", "use_frequency", "last_use", "overdose_history", "sows_1", "sows_16"):
        assert hidden not in answers
    assert answers["sedatives_daily"] is True  # still asked: it depends on other_substances only
    page = client.get(CHECK_URL).content.decode()
    assert "sows_1" not in page and '"injects"' not in page
    assert set(IntakeDraft.objects.get().completed_steps).isdisjoint({"sows_1", "sows_2"})


def test_check_answers_is_not_open_before_the_questionnaire_is_finished(client):
    client.post(step_url("danger"), {"danger_now": "no"})
    response = client.get(CHECK_URL)
    assert response["Location"] == step_url("safety_feelings")
    assert client.get("/intake/contact/")["Location"] == step_url("safety_feelings")
