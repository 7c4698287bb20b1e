"""/callback/ (a call back without the questionnaire) and /self-check/ (is buprenorphine right for me?)."""

import re

import pytest

from intake.engine.selfcheck import ANOTHER_OPTION, DISCUSS_POINTS, SELFCHECK_QUESTION_IDS, WORTH_DISCUSSING, selfcheck
from intake.models import Intake, IntakeDraft
from referrals.models import Case, Source, Urgency
from tests.intake.web_helpers import fresh_rate_limits  # noqa: F401 (fixture)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_rate_limits")]

CALLBACK = {
    "first_name": "",
    "phone": "+1 555 010 2233",
    "best_time": "morning",
    "voicemail_safe": "yes",
    "text_safe": "no",
    "consent_contact": "on",
}


def test_the_callback_form_asks_only_what_is_needed(client):
    page = client.get("/callback/").content.decode()
    for name in ("first_name", "phone", "best_time", "voicemail_safe", "text_safe", "consent_contact"):
        assert f'name="{name}"' in page
    assert "What should we call you? (optional)" in page
    assert 'type="tel"' in page and 'autocomplete="tel"' in page


def test_asking_for_a_call_back_opens_a_routine_case_and_says_what_happens_next(client):
    response = client.post("/callback/", CALLBACK)
    assert response["Location"] == "/callback/requested/"
    case = Case.objects.get()
    assert case.source == Source.CALLBACK
    assert case.urgency == Urgency.ROUTINE
    assert case.intake is None and case.flags == []
    assert (case.phone, case.first_name, case.best_time) == ("+15550102233", "", "morning")
    assert case.voicemail_safe is True and case.text_safe is False
    assert case.consent_contact is True and case.consented_at is not None and case.consent_version
    assert case.due_at > case.created_at
    page = client.get("/callback/requested/").content.decode()
    assert case.reference in page
    assert "What happens next" in page and "withheld number" in page
    assert not Intake.objects.exists() and not IntakeDraft.objects.exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"phone": ""}, "Enter a phone number so we can call you"),
        ({"phone": "call me"}, "Enter a phone number with its area code"),
        ({"phone": "1" * 40}, "Enter a phone number with its area code"),
        ({"consent_contact": ""}, "Tick the box to say we may contact you"),
        ({"best_time": ""}, "Select the best time to call you"),
        ({"best_time": "midnight"}, "Select the best time to call you"),
        ({"voicemail_safe": "perhaps"}, "Select yes if it&#x27;s safe for us to leave you a voicemail"),
    ],
)
def test_the_callback_form_explains_what_is_wrong_and_keeps_the_rest(client, changes, message):
    response = client.post("/callback/", {**CALLBACK, **changes, "first_name": "Robin"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: " in page and message in page
    assert 'value="Robin"' in page
    assert not Case.objects.exists()


def test_the_callback_confirmation_without_a_request_is_generic(client):
    page = client.get("/callback/requested/").content.decode()
    assert "within 2 business days" in page
    assert "reference" not in page


# --- Self-check ---------------------------------------------------------------------------------------------------

ON_OPIOIDS = {
    "opioids_used": ["heroin"],
    "last_use": "1_to_3_days",
    "current_moud": "none",
    "pregnant": "no",
    "age": "30",
    "conditions": ["none"],
    "medication_openness": "yes",
}


def test_the_self_check_asks_its_questions_by_answer_id(client):
    page = client.get("/self-check/").content.decode()
    assert "<h1>Is buprenorphine (Suboxone) right for me?</h1>" in page
    for key in SELFCHECK_QUESTION_IDS:
        assert f'name="{key}"' in page
    assert len(SELFCHECK_QUESTION_IDS) in range(5, 8)


@pytest.mark.parametrize(
    ("changes", "outcome"),
    [
        ({}, WORTH_DISCUSSING),
        ({"opioids_used": ["fentanyl"]}, DISCUSS_POINTS),
        ({"medication_openness": "no"}, ANOTHER_OPTION),
        ({"opioids_used": ["none"], "last_use": ""}, ANOTHER_OPTION),
    ],
)
def test_the_self_check_gives_the_engines_honest_answer_and_ways_on(client, changes, outcome):
    data = {**ON_OPIOIDS, **changes}
    page = client.post("/self-check/", data).content.decode()
    assert f'data-selfcheck-outcome="{outcome}"' in page
    typed = {key: int(value) if key == "age" else value for key, value in data.items() if value != ""}
    if typed["opioids_used"] == ["none"]:
        typed.pop("last_use", None)
    expected = selfcheck(typed)
    assert expected.headline.replace("'", "&#x27;") in page
    for point in expected.points:
        assert point.replace("'", "&#x27;") in page
    assert 'href="/intake/"' in page and 'href="/callback/"' in page
    assert not re.search(r"\d\s*mg\b", page)
    assert not Intake.objects.exists() and not IntakeDraft.objects.exists() and not Case.objects.exists()


def test_the_self_check_ignores_last_use_for_someone_who_does_not_use_opioids(client):
    page = client.post("/self-check/", {**ON_OPIOIDS, "opioids_used": ["none"]}).content.decode()
    assert f'data-selfcheck-outcome="{ANOTHER_OPTION}"' in page


def test_the_self_check_asks_for_last_use_when_opioids_are_used(client):
    response = client.post("/self-check/", {**ON_OPIOIDS, "last_use": ""})
    page = response.content.decode()
    assert "<title>Error: " in page
    assert '<a href="#id_last_use">Select when you last used opioids</a>' in page
    assert "data-selfcheck-outcome" not in page


def test_the_self_check_refuses_tampered_answers(client):
    response = client.post("/self-check/", {**ON_OPIOIDS, "age": "x" * 100_000, "pregnant": "purple"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Enter your age as a number, like 34" in page and "Select one of the answers shown" in page
    assert "data-selfcheck-outcome" not in page
