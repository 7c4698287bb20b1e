"""Submitting: contact and consent, the stored intake (exactly what ``manage.py recommend`` prints for the same
answers), the queue case, one intake per draft, and the results page."""

import io
import json
import logging.config
import re

import pytest
from django.core.management import call_command
from django.test import Client

from content.models import CareOptionQuestion, CareOptionText
from intake import submission
from intake.consent import CURRENT as CONSENT
from intake.engine.questionnaire import QUESTIONNAIRE_VERSION
from intake.models import Intake, IntakeDraft
from referrals.models import Case, Source
from tests.intake.answers import BASE
from tests.intake.web_helpers import (
    CHECK_URL,
    CONTACT,
    CONTACT_URL,
    RESULTS_URL,
    VIGNETTES,
    complete,
    fresh_rate_limits,  # noqa: F401 (fixture)
    submit,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_rate_limits")]

QUESTIONNAIRE_VIGNETTES = sorted(key for key, vignette in VIGNETTES.items() if not vignette["answers"]["danger_now"])


def recommend_command(answers: dict, tmp_path) -> dict:
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(answers), encoding="utf-8")
    stdout = io.StringIO()
    call_command("recommend", str(path), stdout=stdout)
    return json.loads(stdout.getvalue())


@pytest.mark.parametrize("vignette_id", QUESTIONNAIRE_VIGNETTES)
def test_a_submitted_intake_stores_exactly_what_the_command_prints(client, tmp_path, vignette_id):
    answers = VIGNETTES[vignette_id]["answers"]
    assert submit(client, answers)["Location"] == RESULTS_URL
    intake = Intake.objects.get()
    printed = recommend_command(answers, tmp_path)
    assert intake.answers == answers
    assert intake.result == printed
    assert intake.rules_version == printed["rules_version"]
    assert intake.questionnaire_version == QUESTIONNAIRE_VERSION
    # ... and the vignette's expectations hold for what the web stored.
    expected = VIGNETTES[vignette_id]["expect"]
    assert intake.result["urgency"] == expected["urgency"]
    assert [option["id"] for option in intake.result["care_options"]] == expected["care_options"]
    assert [option["id"] for option in intake.result["not_now"]] == expected["not_now"]


def test_a_stored_intake_keeps_the_rules_version_and_order_it_was_scored_with(client):
    """Rules change (2026.1 listed not-now options alphabetically); what a person was shown must not."""
    submit(client, VIGNETTES["P01"]["answers"])
    intake = Intake.objects.get()
    scored_before = {**intake.result, "rules_version": "2026.1", "care_options": intake.result["care_options"][::-1]}
    Intake.objects.filter(pk=intake.pk).update(rules_version="2026.1", result=scored_before)
    page = client.get(RESULTS_URL).content.decode()
    shown = re.findall(r'data-option="([a-z_]+)"', page)
    assert shown[: len(scored_before["care_options"])] == [option["id"] for option in scored_before["care_options"]]
    intake.refresh_from_db()
    assert (intake.rules_version, intake.result["rules_version"]) == ("2026.1", "2026.1")


def test_submitting_opens_a_case_with_the_contact_details_and_the_engines_urgency(client):
    submit(client, VIGNETTES["P03"]["answers"])
    intake = Intake.objects.get()
    case = Case.objects.get()
    assert case.intake == intake
    assert case.source == Source.INTAKE
    assert case.urgency == intake.result["urgency"] == "urgent"
    assert set(case.flags) == set(intake.result["flags"])
    assert case.flags.index("active_withdrawal") < case.flags.index("naloxone")  # most important first
    assert case.due_at is not None
    assert (case.first_name, case.phone, case.preferred_method, case.best_time) == (
        "Sam",
        "5550104477",
        "phone",
        "evening",
    )
    assert case.voicemail_safe is False and case.text_safe is True
    assert case.own_words == "Please call after 6."
    assert case.consent_contact is True and case.consent_share is False
    assert case.consent_version == CONSENT.version == intake.consent_text_version
    assert intake.consent_share_text == "" and intake.consent_share_signed_name == ""
    assert not IntakeDraft.objects.exists()
    assert "intake_draft" not in client.session


def test_without_contact_details_the_intake_is_stored_but_nobody_is_asked_to_call(client):
    response = submit(client, BASE, contact={"own_words": ""})
    assert response["Location"] == RESULTS_URL
    assert Intake.objects.count() == 1
    assert not Case.objects.exists()
    page = client.get(RESULTS_URL).content.decode()
    assert "You didn't leave contact details" in page
    assert 'href="/callback/"' in page


def test_consent_to_share_stores_the_part_2_wording_and_signature(client):
    contact = {**CONTACT, "consent_share": "on", "signature_name": " Samuel Rivera "}
    submit(client, BASE, contact=contact)
    intake = Intake.objects.get()
    assert intake.consent_share_text == CONSENT.share_text
    assert intake.consent_share_signed_name == "Samuel Rivera"
    assert Case.objects.get().consent_share is True
    for element in ("42 CFR Part 2", "take back (revoke)", "one year", "HIPAA", "court order", "treatment provider"):
        assert element in intake.consent_share_text


def test_the_contact_page_shows_the_versioned_consent_texts(client):
    complete(client, BASE)
    page = client.get(CONTACT_URL).content.decode()
    assert CONSENT.contact.replace("'", "&#x27;") in page
    assert f"Consent version {CONSENT.version}" in page
    for section in CONSENT.share_sections:
        assert section.heading.replace("'", "&#x27;") in page


def test_the_consent_to_share_is_in_plain_words_with_the_full_part_2_text_folded_away(client):
    complete(client, BASE)
    page = client.get(CONTACT_URL).content.decode()
    plain = page[page.index("In plain words:") : page.index('<details class="consent-text"')]
    assert "can't be used against you in court" in plain and "take it back at any time" in plain
    folded = page[page.index('<details class="consent-text"') : page.index("</details>")]
    assert "<summary>Read the full consent (federal law, 42 CFR Part 2)</summary>" in folded
    assert all(section.text.replace("'", "&#x27;") in folded for section in CONSENT.share_sections)


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"consent_contact": ""}, "consent_contact", "Tick the box to say we may contact you, or clear"),
        ({"phone": "", "email": ""}, "phone", "Enter a phone number or email address so we can contact you"),
        ({"phone": "12345"}, "phone", "Enter a phone number with its area code"),
        ({"preferred_method": "email"}, "email", "Enter an email address, or choose a phone call or text"),
        ({"preferred_method": "text", "text_safe": "no"}, "preferred_method", "You said texts aren&#x27;t safe"),
        ({"preferred_method": ""}, "preferred_method", "Select how you would like us to contact you"),
        ({"voicemail_safe": ""}, "voicemail_safe", "Select yes if it&#x27;s safe for us to leave you a voicemail"),
        ({"email": "not-an-email"}, "email", "Enter an email address like name@example.com"),
        ({"consent_share": "on"}, "signature_name", "Type your full name to sign the consent to share"),
    ],
)
def test_contact_details_are_checked_and_nothing_is_lost_or_stored_on_an_error(client, changes, field, message):
    complete(client, BASE)
    response = client.post(CONTACT_URL, {**CONTACT, **changes})
    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: " in page
    assert message in page
    assert f'href="#id_{field}"' in page
    assert 'value="Sam"' in page  # what was entered is kept
    assert not Intake.objects.exists() and not Case.objects.exists()
    assert IntakeDraft.objects.exists()


def test_a_double_clicked_submit_creates_one_intake_and_one_case(client):
    complete(client, BASE)
    first = client.post(CONTACT_URL, CONTACT)
    second = client.post(CONTACT_URL, CONTACT)
    assert first["Location"] == second["Location"] == RESULTS_URL
    assert Intake.objects.count() == 1 and Case.objects.count() == 1


def test_a_submit_that_lost_the_race_returns_the_winners_intake(client):
    """Two submits of one draft racing past the lock (as on SQLite): the unique draft key stops the second,
    which then answers with the first one's intake and opens no second case."""
    complete(client, BASE)
    draft = IntakeDraft.objects.get()
    winner = Intake.objects.create(
        draft_key=draft.pk,
        questionnaire_version=QUESTIONNAIRE_VERSION,
        rules_version="2026.1",
        answers={},
        result={"urgency": "soon"},
        consent_text_version=CONSENT.version,
    )
    contact = submission.contact_details({"phone": "5550100000", "consent_contact": True})
    assert submission.submit_intake(draft.pk, contact) == winner
    assert Intake.objects.count() == 1
    assert not Case.objects.exists()


def test_a_replayed_submit_from_another_browser_creates_nothing(client):
    complete(client, BASE)
    cookies = client.cookies
    client.post(CONTACT_URL, CONTACT)
    replay = Client()
    replay.cookies = cookies  # the same session cookie, replayed later
    response = replay.post(CONTACT_URL, CONTACT)
    assert response.status_code == 302
    assert Intake.objects.count() == 1 and Case.objects.count() == 1
    stranger = Client()
    assert stranger.post(CONTACT_URL, CONTACT)["Location"] == "/intake/"
    assert Intake.objects.count() == 1


def test_the_contact_page_is_not_open_before_check_answers(client):
    client.post("/intake/q/danger/", {"danger_now": "no"})
    response = client.post(CONTACT_URL, CONTACT)
    assert response.status_code == 302
    assert not Intake.objects.exists()


# --- Results -----------------------------------------------------------------------------------------------------


def results_page(client, answers, contact=None) -> str:
    submit(client, answers, contact)
    return client.get(RESULTS_URL).content.decode()


def test_results_mark_options_not_now_and_urgency_for_any_client(client):
    page = results_page(client, VIGNETTES["P01"]["answers"])
    result = Intake.objects.get().result
    assert f'<main id="main" tabindex="-1" class="site-main" data-urgency="{result["urgency"]}"' in page
    marked = re.findall(r'data-option="([a-z_]+)"', page)
    assert marked == [option["id"] for option in result["care_options"]]  # most fitting first
    assert re.findall(r'data-not-now="([a-z_]+)"', page) == [option["id"] for option in result["not_now"]]
    for option in result["care_options"] + result["not_now"]:
        for reason in option["reasons"]:
            assert reason.replace("'", "&#x27;") in page


def test_results_show_the_content_apps_texts_as_edited_by_admins(client):
    text = CareOptionText.objects.create(
        care_option_id="mat_buprenorphine",
        title="Buprenorphine, edited by the clinic",
        what_it_is="A medicine that eases cravings.",
        what_it_involves="Visits with a prescriber.",
        how_long="Months or longer.",
        what_to_expect_first="A first appointment within a few days.",
        next_steps="Your counselor books the first visit.",
    )
    CareOptionQuestion.objects.create(care_option=text, question="Can I work?", answer="Yes, most people do.")
    page = results_page(client, VIGNETTES["P01"]["answers"])
    section = page[page.index('data-option="mat_buprenorphine"') :]
    section = section[: section.index("</section>")]
    for words in (
        "Buprenorphine, edited by the clinic",
        "A medicine that eases cravings.",
        "Your counselor books the first visit.",
        "A first appointment within a few days.",
        "Can I work?",
    ):
        assert words in section


def test_results_give_naloxone_advice_to_everyone_who_uses_opioids(client):
    page = results_page(client, VIGNETTES["P11"]["answers"])
    assert 'data-advice="naloxone"' in page and "without a prescription" in page


def test_results_warn_about_lost_tolerance_whenever_detox_is_suggested(client):
    page = results_page(client, VIGNETTES["P05"]["answers"])
    assert 'data-option="detox_inpatient"' in page
    assert 'data-advice="overdose_risk_after_detox"' in page
    assert "no longer used to them" in page


@pytest.mark.parametrize("vignette_id", ["P03", "P04", "P07", "P10"])
def test_results_never_diagnose_or_dose_and_always_show_crisis_numbers(client, vignette_id):
    page = results_page(client, VIGNETTES[vignette_id]["answers"])
    assert not re.search(r"\d\s*(mg|milligram|ml)\b", page, re.I)
    assert not re.search(r"\byou have (opioid use disorder|an? addiction)\b", page, re.I)
    assert "not a diagnosis" in page
    for number in ("911", "988", "1-800-662-4357"):
        assert number in page


def test_results_say_when_the_counselor_will_call(client):
    page = results_page(client, VIGNETTES["P04"]["answers"])  # urgent
    case = Case.objects.get()
    assert "<strong>today</strong>" in page
    assert case.reference in page
    assert "we won't leave a voicemail" in page


def test_results_are_only_for_the_person_who_submitted(client):
    submit(client, BASE)
    intake = Intake.objects.get()
    assert client.get(RESULTS_URL).status_code == 200
    assert str(intake.pk) not in RESULTS_URL
    stranger = Client()
    assert stranger.get(RESULTS_URL)["Location"] == "/intake/"
    assert stranger.get(f"{RESULTS_URL}?intake={intake.pk}")["Location"] == "/intake/"


def test_the_start_page_links_back_to_results_after_submitting(client):
    submit(client, BASE)
    page = client.get("/intake/").content.decode()
    assert f'href="{RESULTS_URL}"' in page


def test_no_personal_data_in_logs_or_urls(client, caplog, settings):
    """The questionnaire and a call-back request, logged as in production (JSON lines, through the configured
    request-id filter): no submitted value anywhere, and every record carries its request's id (that tasks carry
    it on is tests/config/test_request_ids.py)."""
    caplog.set_level("DEBUG")
    configured = logging.config.DictConfigurator(settings.LOGGING)
    caplog.handler.addFilter(configured.configure_filter(settings.LOGGING["filters"]["request_id"]))
    json_formatter = configured.configure_formatter(settings.LOGGING["formatters"]["json"])
    answers = {**BASE, "postcode": "90210", "age": 47}
    contact = {**CONTACT, "first_name": "Quentin", "phone": "555 867 5309", "own_words": "Secret words here"}
    callback = {"first_name": "Quentin", "phone": "555 867 5309", "best_time": "morning", "voicemail_safe": "no",
                "text_safe": "no", "consent_contact": "on"}
    locations = []
    complete(client, answers)
    response = client.post(CONTACT_URL, contact)
    locations.append(response["Location"])
    submitted_by = response["X-Request-ID"]
    client.get(RESULTS_URL)
    response = client.post("/callback/", callback)
    locations.append(response["Location"])
    json_lines = [json.loads(json_formatter.format(record)) for record in caplog.records]
    for secret in ("Quentin", "5558675309", "555 867 5309", "Secret words", "90210"):
        assert secret not in caplog.text
        assert all(secret not in json.dumps(line) for line in json_lines)
        assert all(secret not in location for location in locations)
    assert locations == [RESULTS_URL, "/callback/requested/"]
    assert json_lines and all(line["request_id"] for line in json_lines)
    submitted = [line for line in json_lines if line["message"].endswith(" submitted")]
    assert [line["request_id"] for line in submitted] == [submitted_by]
    assert client.get(CHECK_URL)["Location"] == "/intake/q/danger/"  # the draft is gone after submitting
