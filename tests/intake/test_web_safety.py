"""Safety first: danger now -> the emergency page and nothing else; high C-SSRS risk -> the crisis page before any
further question, with 988/911, "call me as soon as possible" and "continue"."""

import pytest

from intake.engine.questionnaire import SAFETY_STEP_IDS
from intake.models import Intake, IntakeDraft
from messaging.models import Message
from referrals.models import Case, Source, Urgency
from tests.intake.answers import BASE
from tests.intake.web_helpers import (
    CHECK_URL,
    CONTACT,
    CRISIS_URL,
    EMERGENCY_URL,
    FIRST_STEP_URL,
    RESULTS_URL,
    VIGNETTES,
    fresh_rate_limits,  # noqa: F401 (fixture)
    step_data,
    step_url,
    submit,
    walk,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_rate_limits")]

CALL_ME = {"phone": "555-010-9999", "first_name": "", "voicemail_safe": "no", "consent_contact": "on"}
HIGH_RISK = {**BASE, "cssrs_1": True, "cssrs_2": True, "cssrs_3": True, "cssrs_4": True, "cssrs_5": False}


def answer_safety_pages(client, answers):
    """Answer the safety pages the site asks for; returns where it went after them."""
    url = FIRST_STEP_URL
    while "/intake/q/" in url and (step_id := url.split("/intake/q/")[1].strip("/")) in SAFETY_STEP_IDS:
        url = client.post(url, step_data(step_id, answers))["Location"]
    return url


# --- Emergency ---------------------------------------------------------------------------------------------------


def test_danger_now_goes_straight_to_the_emergency_page_and_asks_nothing_else(client):
    assert walk(client, VIGNETTES["P02"]["answers"]) == ["danger", EMERGENCY_URL]
    page = client.get(EMERGENCY_URL).content.decode()
    assert 'href="tel:911"' in page and 'href="tel:988"' in page
    assert "naloxone" in page.lower() and "Narcan" in page
    assert "one slow breath into their mouth every 5 seconds" in page  # rescue breathing
    for url in (step_url("safety_feelings"), step_url("about_you"), CHECK_URL, "/intake/contact/"):
        assert client.get(url)["Location"] == EMERGENCY_URL
    response = client.post(step_url("about_you"), {"age": "30", "pregnant": "no"})
    assert response["Location"] == EMERGENCY_URL
    assert IntakeDraft.objects.get().answers == {"danger_now": True}


def test_a_mistaken_yes_can_be_changed_from_the_emergency_page(client):
    client.post(FIRST_STEP_URL, {"danger_now": "yes"})
    page = client.get(EMERGENCY_URL).content.decode()
    assert f'href="{FIRST_STEP_URL}"' in page
    assert client.post(FIRST_STEP_URL, {"danger_now": "no"})["Location"] == step_url("safety_feelings")


def test_the_emergency_page_is_logged_without_any_identifier(client, caplog):
    caplog.set_level("INFO", logger="intake")
    client.post(FIRST_STEP_URL, {"danger_now": "yes"})
    client.get(EMERGENCY_URL)
    assert "emergency page shown" in caplog.text
    assert client.session.session_key not in caplog.text
    assert str(IntakeDraft.objects.get().pk) not in caplog.text


# --- Crisis -------------------------------------------------------------------------------------------------------


def test_intent_or_a_plan_shows_the_crisis_page_before_any_further_question(client):
    assert answer_safety_pages(client, HIGH_RISK) == CRISIS_URL
    assert "age" not in IntakeDraft.objects.get().answers  # no further page was asked first
    for url in (step_url("about_you"), step_url("substances"), CHECK_URL):
        assert client.get(url)["Location"] == CRISIS_URL
    page = client.get(CRISIS_URL).content.decode()
    assert 'href="tel:988"' in page and 'href="tel:911"' in page
    assert "Call me as soon as possible" in page and "Continue the questionnaire" in page
    assert IntakeDraft.objects.get().crisis_shown_at is not None


def test_recent_suicidal_behaviour_shows_the_crisis_page(client):
    answers = {**BASE, "cssrs_6": True, "cssrs_6_recent": True}
    assert answer_safety_pages(client, answers) == CRISIS_URL


@pytest.mark.parametrize(
    "changes",
    [
        {"cssrs_2": True, "cssrs_3": True, "cssrs_4": False, "cssrs_5": False},  # moderate
        {"cssrs_6": True, "cssrs_6_recent": False},  # moderate
        {"cssrs_1": True},  # low
    ],
)
def test_lower_risk_carries_on_with_the_questions(client, changes):
    assert answer_safety_pages(client, {**BASE, **changes}) == step_url("about_you")


def test_call_me_as_soon_as_possible_opens_one_emergency_case(client):
    answer_safety_pages(client, HIGH_RISK)
    response = client.post(CRISIS_URL, CALL_ME)
    assert response["Location"] == "/intake/crisis/call-requested/"
    client.post(CRISIS_URL, CALL_ME)  # a double click
    case = Case.objects.get()
    assert case.source == Source.CRISIS_CALLBACK
    assert case.urgency == Urgency.EMERGENCY
    assert case.flags == ["suicide_risk_high"]
    assert case.phone == "5550109999" and case.voicemail_safe is False
    assert case.consent_contact is True and case.consent_version
    assert case.intake is None
    page = client.get("/intake/crisis/call-requested/").content.decode()
    assert case.reference in page and 'href="tel:988"' in page
    assert "Continue the questionnaire" in page


def test_the_call_me_form_needs_a_phone_number_and_consent(client):
    answer_safety_pages(client, HIGH_RISK)
    response = client.post(CRISIS_URL, {"phone": "", "voicemail_safe": "no"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Enter a phone number so we can call you" in page
    assert "Tick the box to say we may contact you" in page
    assert 'href="tel:988"' in page  # the crisis numbers stay on the page
    assert not Case.objects.exists()


def test_continue_goes_on_with_the_next_question_and_the_crisis_page_is_not_shown_again(client):
    answer_safety_pages(client, HIGH_RISK)
    response = client.post("/intake/crisis/continue/")
    assert response["Location"] == step_url("about_you")
    visited = walk(client, HIGH_RISK, url=response["Location"])
    assert visited[-1] == CHECK_URL and "crisis" not in visited
    assert client.get(CRISIS_URL).status_code == 200  # still reachable from the back button while at risk


def test_a_crisis_intake_is_stored_as_an_emergency_with_the_crisis_page_recorded(client):
    response = submit(client, VIGNETTES["P08"]["answers"])
    assert response["Location"] == RESULTS_URL
    intake = Intake.objects.get()
    assert intake.result["urgency"] == "emergency"
    assert intake.crisis_shown_at is not None
    page = client.get(RESULTS_URL).content.decode()
    assert 'data-urgency="emergency"' in page
    assert "Talk to someone now" in page and 'href="tel:988"' in page


def test_the_crisis_page_is_not_open_without_a_high_risk_answer(client):
    assert client.get(CRISIS_URL)["Location"] == FIRST_STEP_URL
    answer_safety_pages(client, BASE)
    assert client.get(CRISIS_URL)["Location"] == step_url("about_you")
    response = client.post(CRISIS_URL, CALL_ME)
    assert response.status_code == 302
    assert not Case.objects.exists()


def test_changing_an_answer_to_high_risk_from_check_answers_shows_the_crisis_page(client):
    walk(client, BASE)
    changed = {"cssrs_1": "yes", "cssrs_2": "yes", "cssrs_6": "no"}
    response = client.post(step_url("safety_feelings", change=True), changed)
    assert response["Location"] == step_url("safety_details", change=True)
    response = client.post(response["Location"], {"cssrs_3": "no", "cssrs_4": "yes", "cssrs_5": "no"})
    assert response["Location"] == CRISIS_URL
    assert client.post("/intake/crisis/continue/")["Location"] == CHECK_URL
    assert client.post("/intake/contact/", CONTACT)["Location"] == RESULTS_URL


def test_a_crisis_call_back_and_the_finished_questionnaire_are_one_case(client, settings):
    settings.ON_CALL_ALERT_EMAILS = ["on-call@example.org"]
    answer_safety_pages(client, HIGH_RISK)
    client.post(CRISIS_URL, CALL_ME)
    crisis_case = Case.objects.get()
    messages_before = Message.objects.filter(case=crisis_case).count()
    assert messages_before >= 1  # the on-call alert
    assert client.post("/intake/crisis/continue/")["Location"] == step_url("about_you")
    walk(client, HIGH_RISK, url=step_url("about_you"))
    assert client.post("/intake/contact/", CONTACT)["Location"] == RESULTS_URL

    case = Case.objects.get()  # still one case
    assert case.pk == crisis_case.pk
    assert case.intake == Intake.objects.get()
    assert (case.source, case.urgency) == (Source.CRISIS_CALLBACK, Urgency.EMERGENCY)
    assert case.phone == "5550104477"  # the (normalised) number given with the questionnaire, the latest word
    assert case.flags[0] == "suicide_risk_high" and "naloxone" in case.flags
    assert case.due_at == crisis_case.due_at
    assert case.events.filter(summary="Questionnaire completed and added to this case").exists()
    assert Message.objects.filter(case=case).count() == messages_before  # no second confirmation or alert
