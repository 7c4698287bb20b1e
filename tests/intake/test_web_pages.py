"""Question pages: one page per questionnaire step, GOV.UK/NHS patterns, and the testability hooks (field names are
the spec's answer ids; yes/no posts yes/no; a multiple choice posts repeated values)."""

import re

import pytest

from intake.engine.items import MULTI, YES_NO
from intake.engine.questionnaire import STEPS, STEPS_BY_ID, visible_questions
from intake.models import IntakeDraft
from tests.intake.answers import BASE
from tests.intake.web_helpers import (
    FIRST_STEP_URL,
    VIGNETTES,
    fresh_rate_limits,  # noqa: F401 (fixture)
    step_data,
    step_url,
    walk,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_rate_limits")]


def html(response) -> str:
    return response.content.decode()


ABOUT = step_data("about_you", BASE)


def answer_up_to(client, step_id: str, answers=BASE):
    """Answer every page before ``step_id`` (which must be shown for ``answers``)."""
    url = FIRST_STEP_URL
    while url != step_url(step_id):
        current = url.rstrip("/").split("/")[-1]
        url = client.post(url, step_data(current, answers))["Location"]


def test_start_page_explains_and_starts_without_creating_anything(client):
    page = html(client.get("/intake/"))
    assert "10 to 15 minutes" in page
    assert "private" in page
    assert "not a diagnosis" in page
    assert f'href="{FIRST_STEP_URL}"' in page
    assert 'href="/help-now/"' in page
    assert not IntakeDraft.objects.exists()
    assert "intake_draft" not in client.session


def test_every_page_is_reachable_and_names_its_fields_by_answer_id(client):
    """Drive every vignette through the web, reading each page before answering it: together they reach every
    page of the questionnaire, and every page offers exactly its questions under their spec ids."""
    seen, asked = set(), set()
    answer_sets = [vignette["answers"] for vignette in VIGNETTES.values()]
    answer_sets.append({**BASE, "cssrs_6": True, "cssrs_6_recent": False})  # no vignette has past behaviour
    for answers in answer_sets:
        client.cookies.clear()
        url = FIRST_STEP_URL
        shown = {question.id for question in visible_questions(answers)}
        while "/intake/q/" in url:
            step_id = url.split("/intake/q/")[1].strip("/")
            page = html(client.get(url))
            for question in STEPS_BY_ID[step_id].questions:
                if question.id not in shown:
                    assert f'name="{question.id}"' not in page
                    continue
                asked.add(question.id)
                if question.kind == YES_NO:
                    assert f'name="{question.id}" value="yes"' in page
                    assert f'name="{question.id}" value="no"' in page
                elif question.kind == MULTI:
                    assert f'type="checkbox" name="{question.id}"' in page
                else:
                    assert f'name="{question.id}"' in page
            seen.add(step_id)
            url = client.post(url, step_data(step_id, answers))["Location"]
            if url.endswith("/intake/crisis/"):
                url = client.post("/intake/crisis/continue/")["Location"]
    assert seen == {step.id for step in STEPS}
    assert asked == {question.id for step in STEPS for question in step.questions}


def test_yes_no_posts_yes_or_no_and_multiple_choice_posts_repeated_values(client):
    answer_up_to(client, "substances")
    client.post(step_url("substances"), {"opioids_used": ["heroin", "fentanyl"], "other_substances": ["alcohol"]})
    client.post(step_url("opioid_pattern"), step_data("opioid_pattern", {**BASE, "sedatives_daily": True}))
    answers = IntakeDraft.objects.get().answers
    assert answers["opioids_used"] == ["heroin", "fentanyl"]
    assert answers["other_substances"] == ["alcohol"]
    assert answers["sedatives_daily"] is True
    assert answers["injects"] is False
    assert answers["danger_now"] is False
    assert answers["age"] == 34


def test_a_page_with_one_question_uses_it_as_the_heading(client):
    page = html(client.get(FIRST_STEP_URL))
    assert page.count("<h1") == 1
    assert re.search(r"<legend[^>]*>\s*<h1>Are you, or is someone with you, in danger", page)
    assert "<fieldset" in page


def test_a_page_with_several_questions_has_the_step_title_as_heading_and_a_fieldset_each(client):
    answer_up_to(client, "dast_1")
    page = html(client.get(step_url("dast_1")))
    assert page.count("<h1") == 1
    assert "<h1>Drug use in the past 12 months (1 of 2)</h1>" in page
    assert page.count("<fieldset") == 5
    assert page.count("<legend") == 5


def test_progress_back_link_and_continue_button(client):
    page = html(client.get(FIRST_STEP_URL))
    assert "Part 1 of 7: Your safety" in page
    assert 'class="back-link"' in page and 'href="/intake/"' in page
    client.post(FIRST_STEP_URL, {"danger_now": "no"})
    page = html(client.get(step_url("safety_feelings")))
    assert "Part 1 of 7: Your safety" in page
    assert f'href="{FIRST_STEP_URL}" class="back-link"' in page
    assert ">Continue</button>" in page


def test_the_question_about_illegal_things_says_answers_are_not_shared_with_the_police(client):
    answer_up_to(client, "dast_2")
    page = html(client.get(step_url("dast_2")))
    assert "Have you done illegal things in order to get drugs?" in page
    assert "We don&#x27;t share them with the police" in page


def test_why_we_ask_and_hints_are_shown_with_the_question(client):
    answer_up_to(client, "about_you")
    page = html(client.get(step_url("about_you")))
    assert "<summary>Why we ask</summary>" in page
    assert "Pregnant people can get care sooner" in page
    assert "I&#x27;d prefer not to say" in page  # "prefer not to say" where the spec has it


def test_an_unanswered_page_shows_the_error_summary_and_inline_error_and_stores_nothing(client):
    response = client.post(FIRST_STEP_URL, {})
    page = html(response)
    assert response.status_code == 200
    assert "<title>Error: " in page
    assert 'class="error-summary"' in page and "data-error-summary" in page
    assert '<a href="#id_danger_now">Select yes or no: Are you, or is someone with you, in danger' in page  # names it
    assert 'id="id_danger_now"' in page  # the summary's link lands on the question
    assert 'id="id_danger_now_error"' in page
    assert not IntakeDraft.objects.exists()


def test_an_error_keeps_what_was_already_answered_on_the_page(client):
    answer_up_to(client, "home_and_support")
    response = client.post(step_url("home_and_support"), {"housing": "unstable", "support_person": "yes"})
    page = html(response)
    assert "Select yes or no: Does anyone you live with use drugs?" in page
    assert re.search(r'value="unstable"[^>]*checked', page)
    assert re.search(r'name="support_person" value="yes"[^>]*checked', page)
    assert "housing" not in IntakeDraft.objects.get().answers


@pytest.mark.parametrize(
    ("value", "message"),
    [("", "Enter your age"), ("thirty", "Enter your age as a number, like 34"), ("5", "Enter a number from 12 to 110")],
)
def test_age_must_be_a_whole_number_in_range(client, value, message):
    answer_up_to(client, "about_you")
    page = html(client.post(step_url("about_you"), {**ABOUT, "age": value}))
    assert message in page
    assert "age" not in IntakeDraft.objects.get().answers


def test_age_is_stored_as_a_number(client):
    answer_up_to(client, "about_you")
    client.post(step_url("about_you"), {**ABOUT, "age": " 41 "})
    assert IntakeDraft.objects.get().answers["age"] == 41


def test_none_of_these_cannot_be_combined(client):
    answer_up_to(client, "substances")
    page = html(client.post(step_url("substances"), {"opioids_used": ["heroin", "none"], "other_substances": "none"}))
    assert "Select \u2018None of these\u2019 on its own, or untick it" in page
    assert "opioids_used" not in IntakeDraft.objects.get().answers


def test_the_optional_postcode_may_be_left_blank_but_not_malformed(client):
    answer_up_to(client, "about_you")
    page = html(client.post(step_url("about_you"), {**ABOUT, "postcode": "!!"}))
    assert "Enter a 5-digit ZIP code, like 10001, or leave this blank" in page
    response = client.post(step_url("about_you"), {**ABOUT, "postcode": ""})
    assert response["Location"] == step_url("substances")
    assert "postcode" not in IntakeDraft.objects.get().answers
    # A blank optional answer counts as answered: returning later doesn't send the person back to it.
    assert client.get("/intake/").context["resume_url"] == step_url("substances")


def test_scales_post_their_numbers_and_store_integers(client):
    answer_up_to(client, "mood")
    client.post(step_url("mood"), {"phq_1": "3", "phq_2": "0", "gad_1": "2", "gad_2": "1"})
    answers = IntakeDraft.objects.get().answers
    assert (answers["phq_1"], answers["phq_2"], answers["gad_1"], answers["gad_2"]) == (3, 0, 2, 1)


def test_help_now_page_has_overdose_steps(client):
    page = html(client.get("/help-now/"))
    assert "naloxone" in page.lower() and "breath" in page and "911" in page and "988" in page


def test_walk_helper_follows_the_site(client):
    """The helper used across these tests really goes through the pages the site sends it to."""
    visited = walk(client, VIGNETTES["P01"]["answers"])
    assert visited[0] == "danger" and visited[-1] == "/intake/check/"
    assert "sows_1" not in visited


def test_forms_post_to_an_explicit_address_that_keeps_the_change_mode(client):
    """Without an action, a "#main" fragment from the skip link would follow the post and take focus away from
    the error summary."""
    assert f'<form method="post" action="{FIRST_STEP_URL}"' in html(client.get(FIRST_STEP_URL))
    client.post(FIRST_STEP_URL, {"danger_now": "no"})
    changing = step_url("danger", change=True)
    assert f'<form method="post" action="{changing}"' in html(client.get(changing))
    for url in ("/callback/", "/self-check/"):
        assert f'<form method="post" action="{url}"' in html(client.get(url))
