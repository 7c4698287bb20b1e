"""Error messages say which question they are about (the GOV.UK pattern): every public form, sent empty and with
wrong input, shows an error summary whose messages are all different and each link to their own field."""

import re
from html import unescape

import pytest
from django.urls import resolve, reverse

from intake.engine.items import INTEGER, TEXT
from intake.engine.questionnaire import QUESTIONS, STEPS_BY_ID
from intake.engine.selfcheck import SELFCHECK_QUESTIONS
from intake.forms import QUESTION_MESSAGES, field_for
from tests.intake.answers import make_answers
from tests.intake.web_helpers import (
    CHECK_URL,
    CONTACT_URL,
    CRISIS_URL,
    FIRST_STEP_URL,
    fresh_rate_limits,  # noqa: F401 (fixture)
    step_data,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_rate_limits")]

SUMMARY = re.compile(r'<div class="error-summary".*?</ul>', re.S)
ITEM = re.compile(r'<li><a href="#([^"]+)">(.*?)</a></li>', re.S)
# Answers that show every question page (suicidal thoughts without a plan, alcohol, used today, treatment before).
EVERY_PAGE = make_answers(
    cssrs_2=True, cssrs_3=True, cssrs_4=False, cssrs_5=False, cssrs_6=True, cssrs_6_recent=False,
    other_substances=["alcohol"], sedatives_daily=False, last_use="today", previous_treatment=["detox"],
    relapsed_after_treatment=False,
)  # fmt: skip
WRONG = {INTEGER: "thirty", TEXT: "!!"}


def summary_of(response) -> list[tuple[str, str]]:
    """The error summary's (field id, message) pairs; fails when the page shows no summary."""
    assert response.status_code == 200, response.status_code
    page = response.content.decode()
    summary = SUMMARY.search(page)
    assert summary, "no error summary"
    return [(target, " ".join(unescape(text).split())) for target, text in ITEM.findall(summary.group())]


def assert_distinct_and_linked(response, where: str):
    page = response.content.decode()
    items = summary_of(response)
    assert items, f"{where}: an empty error summary"
    messages = [message for _, message in items]
    assert len(set(messages)) == len(messages), f"{where}: the same message twice: {messages}"
    targets = [target for target, _ in items]
    assert len(set(targets)) == len(targets), f"{where}: two messages link to the same field: {targets}"
    for target in targets:
        assert page.count(f'id="{target}"') == 1, f"{where}: {target} is not one field on the page"
    return messages


def test_every_question_page_sent_empty_or_wrong_names_each_question_once(client):
    url, checked = FIRST_STEP_URL, []
    while (match := resolve(url.split("?")[0])).url_name == "step":
        step = STEPS_BY_ID[match.kwargs["step_id"]]
        fields = [question for question in step.questions if question.required]
        if fields:
            messages = assert_distinct_and_linked(client.post(url, {}), f"{step.id} sent empty")
            assert len(messages) == len(fields)
            for question, message in zip(fields, messages, strict=True):
                own = QUESTION_MESSAGES.get(question.id, {}).get("required")
                assert message == own or question.label in message, (step.id, message)
        typed = {q.id: WRONG[q.kind] for q in step.questions if q.kind == INTEGER and not q.choices or q.pattern}
        if typed:
            assert_distinct_and_linked(client.post(url, typed), f"{step.id} with wrong input")
        checked.append(step.id)
        url = client.post(url, step_data(step.id, EVERY_PAGE))["Location"]
    assert url == CHECK_URL and len(checked) == len(set(checked)) > 10, (url, checked)


def test_the_age_question_says_what_to_enter():
    field = field_for(QUESTIONS["age"])
    assert field.error_messages["required"] == "Enter your age"
    assert field.error_messages["invalid"] == "Enter your age as a number, like 34"


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"phone": "12", "best_time": "never", "voicemail_safe": "maybe", "text_safe": "maybe"},
    ],
    ids=["empty", "wrong"],
)
def test_the_call_back_form(client, data):
    messages = assert_distinct_and_linked(client.post(reverse("intake:callback"), data), "call back")
    assert "Select yes if it's safe for us to leave you a voicemail" in messages
    assert "Select yes if it's safe for us to send you a text message" in messages


@pytest.mark.parametrize("data", [{}, {"phone": "12", "voicemail_safe": "maybe"}], ids=["empty", "wrong"])
def test_the_crisis_call_back_form(client, data):
    answers = {**EVERY_PAGE, "cssrs_4": True}
    url = FIRST_STEP_URL
    while url != CRISIS_URL:
        url = client.post(url, step_data(resolve(url).kwargs["step_id"], answers))["Location"]
    assert_distinct_and_linked(client.post(CRISIS_URL, data), "crisis call back")


@pytest.mark.parametrize(
    "data",
    [
        {"phone": "555 010 0199"},
        {"phone": "12", "email": "nope", "preferred_method": "carrier pigeon", "consent_share": "on"},
        {"phone": "555 010 0199", "email": "a@example.org", "preferred_method": "text", "text_safe": "no"},
    ],
    ids=["no choices", "wrong", "texts not safe"],
)
def test_the_contact_form(client, data):
    url = FIRST_STEP_URL
    while url != CHECK_URL:
        url = client.post(url, step_data(resolve(url.split("?")[0]).kwargs["step_id"], EVERY_PAGE))["Location"]
    messages = assert_distinct_and_linked(client.post(CONTACT_URL, data), "contact")
    if data.get("phone") == "555 010 0199" and len(data) == 1:
        assert "Select yes if it's safe for us to leave you a voicemail" in messages
        assert "Select yes if it's safe for us to send you a text message" in messages


@pytest.mark.parametrize("data", [{}, {q.id: "maybe" for q in SELFCHECK_QUESTIONS}], ids=["empty", "wrong"])
def test_the_self_check(client, data):
    assert_distinct_and_linked(client.post(reverse("intake:selfcheck"), data), "self-check")


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({}, ["Enter your username", "Enter your password"]),
        ({"username": "nobody", "password": "wrong"}, None),
    ],
    ids=["empty", "wrong"],
)
def test_staff_sign_in_shows_each_problem_once(client, data, expected):
    response = client.post(reverse("staff:login"), data)
    page = response.content.decode()
    summary = SUMMARY.search(page)
    assert summary, "no error summary"
    items = re.findall(r"<li>(?:<a [^>]*>)?(.*?)(?:</a>)?</li>", summary.group(), re.S)
    messages = [" ".join(unescape(text).split()) for text in items]
    assert messages and len(set(messages)) == len(messages), messages
    if expected:
        assert messages == expected
    for message in messages:  # shown in the summary, and at most once beside its field
        assert page.count(message) <= 2, (message, page.count(message))
    assert "alert-danger" not in page  # no second copy of the summary in a box of its own
