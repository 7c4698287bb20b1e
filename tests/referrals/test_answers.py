"""The case page's "Answers": every question the person was shown, by section, in words; C-SSRS first and
highlighted when there is a suicide-risk flag; a questionnaire a crisis stopped shows the answers so far."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from intake import submission
from intake.engine.questionnaire import QUESTIONS, SECTIONS, visible_questions
from intake.models import IntakeDraft
from referrals.cases import ContactDetails
from referrals.models import AuditEvent
from tests.factories import CaseFactory
from tests.intake.answers import make_answers

from .conftest import make_intake

pytestmark = pytest.mark.django_db


def page(client, case) -> str:
    response = client.get(f"/staff/cases/{case.reference}/")
    assert response.status_code == 200
    return response.content.decode()


def answers_section(html: str) -> str:
    start = html.index('id="answers"')
    return html[start: html.index("</section>", start)]


def answer(html: str, question_id: str) -> str:
    match = re.search(rf'<div data-answer="{question_id}"><dt>(.*?)</dt><dd>(.*?)</dd></div>', html, re.S)
    assert match, question_id
    return match.group(2)


def label(question_id, value):
    return QUESTIONS[question_id].label_for(value)


def intake_case(answers, flags=()):
    return CaseFactory(source="intake", urgency="soon", flags=list(flags), intake=make_intake(answers=answers))


def test_every_question_shown_is_listed_with_its_answer_in_words(counsellor_client):
    answers = make_answers(last_use="today", opioids_used=["heroin", "fentanyl"], responsibilities=["work", "children"])
    html = answers_section(page(counsellor_client, intake_case(answers)))
    shown = [question.id for question in visible_questions(answers)]
    assert re.findall(r'data-answer="([^"]+)"', html) == shown  # all of them, in questionnaire order
    assert answer(html, "danger_now") == "No"
    assert answer(html, "opioids_used") == f"{label('opioids_used', 'heroin')}, {label('opioids_used', 'fentanyl')}"
    assert answer(html, "sows_1") == "Not at all (0)"
    assert answer(html, "age") == "34"
    assert "stop_with_medication" not in html and "medicaid" not in html  # words, not stored codes


def test_answers_are_grouped_by_the_questionnaires_sections_in_order(counsellor_client):
    html = answers_section(page(counsellor_client, intake_case(make_answers())))
    groups = re.findall(r'data-answer-group="([^"]+)"', html)
    assert groups == [section.id for section in SECTIONS if section.id in groups]
    assert len(groups) >= 5 and "cssrs" not in groups


def test_with_a_suicide_risk_flag_the_cssrs_answers_come_first_and_highlighted(counsellor_client):
    answers = make_answers(cssrs_1=True, cssrs_2=True, cssrs_3=True, cssrs_4=False, cssrs_5=False)
    html = answers_section(page(counsellor_client, intake_case(answers, flags=["suicide_risk_moderate", "naloxone"])))
    first_group = re.search(r'<div class="answer-group([^"]*)" data-answer-group="([^"]+)"', html)
    assert first_group.group(2) == "cssrs" and "answer-group--highlighted" in first_group.group(1)
    cssrs = html[: html.index('data-answer-group="safety"')]
    expected = [question.id for question in visible_questions(answers) if question.id.startswith("cssrs_")]
    assert re.findall(r'data-answer="([^"]+)"', cssrs) == expected and len(expected) == 6
    assert answer(html, "cssrs_2") == "Yes"
    assert html.count('data-answer="cssrs_2"') == 1  # moved, not repeated


def test_without_a_suicide_risk_flag_the_cssrs_answers_stay_in_their_section(counsellor_client):
    html = answers_section(page(counsellor_client, intake_case(make_answers(), flags=["naloxone"])))
    assert 'data-answer-group="cssrs"' not in html and "answer-group--highlighted" not in html


def test_a_crisis_inside_the_questionnaire_is_labelled_with_the_answers_so_far(counsellor_client):
    answers = {"danger_now": False, "cssrs_1": True, "cssrs_2": True, "cssrs_6": False, "cssrs_3": True,
               "cssrs_4": True, "cssrs_5": True}
    draft = IntakeDraft.objects.create(questionnaire_version="2026.2", answers=answers,
                                       completed_steps=["danger", "safety_feelings", "safety_details"])
    contact = ContactDetails(first_name="Ana", phone="212-555-0100", consent_contact=True)
    case = submission.request_crisis_callback(draft.id, contact)
    assert case.stopped_at_page == 3 and case.answers_so_far == answers

    html = page(counsellor_client, case)
    assert "No questionnaire" not in html
    assert "Crisis found during the questionnaire, stopped at page 3" in html
    section = answers_section(html)
    assert "These are the answers given so far." in section
    assert re.findall(r'data-answer="([^"]+)"', section)[:1] == ["cssrs_1"]  # C-SSRS first: suicide risk high
    assert set(re.findall(r'data-answer="([^"]+)"', section)) == set(answers)  # nothing past the stop
    assert answer(section, "cssrs_5") == "Yes"


def test_a_call_back_without_a_questionnaire_has_no_answers_section(counsellor_client):
    html = page(counsellor_client, CaseFactory(source="callback"))
    assert "No questionnaire" in html and 'id="answers"' not in html


def test_opening_the_answers_is_audit_logged(counsellor_client, counsellor):
    case = intake_case(make_answers())
    page(counsellor_client, case)
    event = AuditEvent.objects.get(action="case_viewed", case_reference=case.reference)
    assert event.actor == counsellor and event.detail == "with answers"


def test_the_answers_add_no_query_per_question(counsellor_client):
    few = intake_case({"danger_now": False})
    many = intake_case(make_answers(last_use="today", cssrs_1=True, cssrs_2=True), flags=["suicide_risk_low"])

    def queries(case):
        with CaptureQueriesContext(connection) as captured:
            page(counsellor_client, case)
        return len(captured)

    queries(few)  # warm the session and permission caches alike
    assert queries(many) == queries(few)

