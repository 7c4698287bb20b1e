"""Branching on the web follows the spec's "asked when" column exactly, pages that aren't asked can't be opened, and
"Check your answers" edits return there, revealing or pruning questions as the spec requires."""

import pytest

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

OPIOID_PAGES = {"injects", "opioid_pattern", "overdose_history"}
SOWS_PAGES = {"sows_1", "sows_2", "sows_3", "sows_4"}


def visited(client, **changes) -> list[str]:
    answers = {**BASE, **changes}
    return walk(client, {key: value for key, value in answers.items() if value is not None})


def test_the_base_answers_ask_the_opioid_pages_but_not_sows_sedatives_or_follow_ups(client):
    pages = visited(client)
    assert set(pages) >= OPIOID_PAGES
    assert not SOWS_PAGES & set(pages)
    assert not {"sedatives_daily", "relapsed_after_treatment", "cssrs_details", "cssrs_actions_recent"} & set(pages)
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
    assert {"dast_1", "mood", "insurance"} <= set(pages)


@pytest.mark.parametrize("last_use", ["today", "1_to_3_days"])
def test_withdrawal_questions_are_asked_after_recent_use(client, last_use):
    sows = {f"sows_{n}": 1 for n in range(1, 17)}
    pages = visited(client, last_use=last_use, **sows)
    assert set(pages) >= SOWS_PAGES
    assert IntakeDraft.objects.get().answers["sows_16"] == 1


@pytest.mark.parametrize("substance", ["benzodiazepines", "alcohol"])
def test_the_sedatives_question_follows_benzodiazepines_or_alcohol(client, substance):
    pages = visited(client, other_substances=[substance, "cannabis"], sedatives_daily=True)
    assert "sedatives_daily" in pages


def test_the_sedatives_question_is_not_asked_for_other_substances(client):
    assert "sedatives_daily" not in visited(client, other_substances=["stimulants", "cannabis"])


def test_cssrs_follow_ups_are_asked_only_after_a_yes(client):
    pages = visited(client, cssrs_2=True, cssrs_3=True, cssrs_4=False, cssrs_5=False)
    assert "cssrs_details" in pages
    client.cookies.clear()
    pages = visited(client, cssrs_6=True, cssrs_6_recent=False)
    assert "cssrs_actions_recent" in pages and "cssrs_details" not in pages


def test_relapse_is_asked_only_after_previous_treatment(client):
    pages = visited(client, previous_treatment=["detox", "counselling"], relapsed_after_treatment=True)
    assert "relapsed_after_treatment" in pages
    client.cookies.clear()
    assert "relapsed_after_treatment" not in visited(client)


def test_a_page_that_is_not_asked_cannot_be_opened_or_posted(client):
    complete(client, BASE)
    response = client.get(step_url("sows_1"))
    assert response.status_code == 302
    assert response["Location"] == CHECK_URL
    response = client.post(step_url("sows_1"), {f"sows_{n}": "2" for n in range(1, 5)})
    assert response["Location"] == CHECK_URL
    assert "sows_1" not in IntakeDraft.objects.get().answers


# --- Check your answers --------------------------------------------------------------------------------------------


def test_check_answers_lists_every_answer_with_a_change_link(client):
    complete(client, BASE)
    page = client.get(CHECK_URL).content.decode()
    for key in BASE:
        assert f'data-change="{key}"' in page
    assert page.count("data-change=") == len(BASE) + 1  # and the optional postcode, left blank
    assert 'data-change="postcode"' in page and "Not given" in page
    assert 'Change<span class="visually-hidden"> your answer to: How old are you?</span>' in page
    assert 'href="/intake/contact/"' in page


def test_changing_an_answer_returns_to_check_answers(client):
    complete(client, BASE)
    page = client.get(step_url("age", change=True)).content.decode()
    assert 'value="34"' in page  # the current answer is shown
    assert f'href="{CHECK_URL}" class="back-link"' in page
    response = client.post(step_url("age", change=True), {"age": "35"})
    assert response["Location"] == CHECK_URL
    assert IntakeDraft.objects.get().answers["age"] == 35
    assert ">35<" in client.get(CHECK_URL).content.decode()


def test_a_change_that_reveals_questions_asks_them_then_returns_to_check_answers(client):
    complete(client, BASE)
    recent = step_data("opioid_pattern", {**BASE, "last_use": "today"})
    response = client.post(step_url("opioid_pattern", change=True), recent)
    assert response["Location"] == step_url("sows_1", change=True)
    answers = {f"sows_{n}": 0 for n in range(1, 17)}
    url = response["Location"]
    for page in ("sows_1", "sows_2", "sows_3", "sows_4"):
        assert url == step_url(page, change=True)
        url = client.post(url, step_data(page, answers))["Location"]
    assert url == CHECK_URL
    assert IntakeDraft.objects.get().answers["sows_1"] == 0


def test_a_change_that_hides_questions_removes_their_answers(client):
    sows = {f"sows_{n}": 2 for n in range(1, 17)}
    complete(client, {**BASE, "last_use": "today", **sows, "other_substances": ["alcohol"], "sedatives_daily": True})
    response = client.post(step_url("opioids_used", change=True), {"opioids_used": ["none"]})
    assert response["Location"] == CHECK_URL
    answers = IntakeDraft.objects.get().answers
    for hidden in ("injects", "use_frequency", "last_use", "overdose_history", "sows_1", "sows_16"):
        assert hidden not in answers
    assert answers["sedatives_daily"] is True  # still asked: it depends on other_substances only
    page = client.get(CHECK_URL).content.decode()
    assert 'data-change="sows_1"' not in page and 'data-change="injects"' not in page
    assert set(IntakeDraft.objects.get().completed_steps).isdisjoint({"injects", "opioid_pattern", "sows_1"})


def test_check_answers_is_not_open_before_the_questionnaire_is_finished(client):
    client.post(step_url("danger"), {"danger_now": "no"})
    response = client.get(CHECK_URL)
    assert response["Location"] == step_url("cssrs_thoughts")
    assert client.get("/intake/contact/")["Location"] == step_url("cssrs_thoughts")
