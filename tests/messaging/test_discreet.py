"""Discreet messages: no template, subject, text or sender name may say what the service is about.

Every template file on disk is rendered (with and without a first name) and checked against the forbidden words;
then real messages are rendered from cases whose own words, flags and intake are full of clinical words, to show
none of it can leak into a message.
"""

import re

import pytest
from django.conf import settings

from accounts.roles import CONTENT_EDITORS, SUPERVISORS
from messaging import rendering
from messaging.models import Message
from messaging.notifications import content_review_reminders
from messaging.services import queue_for_person
from referrals.notifications import escalation_alerts, urgent_alerts
from tests.jobs.support import FORBIDDEN_WHOLE_WORDS, FORBIDDEN_WORDS, staff, texting_case

TEMPLATE_FILES = sorted(
    str(path.relative_to(rendering.TEMPLATE_DIR)) for path in rendering.TEMPLATE_DIR.rglob("*") if path.is_file()
)
REGISTERED = sorted(name for channels in rendering.TEMPLATES.values() for parts in channels.values()
                    for name in parts.values())
CLINICAL_STORY = "I use heroin and methadone, want detox or Suboxone, overdose risk, withdrawal, rehab, addiction"


def forbidden_in(text: str) -> list[str]:
    lowered = text.lower()
    found = [word for word in FORBIDDEN_WORDS if word in lowered]
    found += [word for word in FORBIDDEN_WHOLE_WORDS if re.search(rf"\b{word}\b", lowered)]
    return found


def test_the_forbidden_word_check_catches_what_it_should():
    assert forbidden_in("Your Methadone appointment") == ["methadone"]
    assert forbidden_in("our opioid TREATMENT clinic") == ["opioid", "treatment", "clinic"]
    assert forbidden_in("MAT intake") == ["mat"]
    assert forbidden_in("Thanks for getting in touch. Call (555) 010-0100. Riverside Partners") == []


def test_every_template_on_disk_is_registered_and_every_registered_one_exists():
    assert TEMPLATE_FILES == REGISTERED
    assert len(TEMPLATE_FILES) == 2 * 3 + 3 * 2  # person kinds: subject, body, text; staff kinds: subject, body


def worst_case_context(first_name):
    return {
        "sender_name": settings.MESSAGING_SENDER_NAME,
        "callback_number": settings.MESSAGING_CALLBACK_NUMBER,
        "first_name": first_name,
        "reference": "ABCD-EFGH",
        "priority": "Emergency",
        "due": "Mon 10 Nov 14:15",
        "url": "https://intake.example.org/staff/cases/ABCD-EFGH/",
        "level": 3,
        "count": 2,
        "links": ["https://intake.example.org/admin/content/page/1/change/",
                  "https://intake.example.org/admin/content/page/2/change/"],
    }


@pytest.mark.parametrize("name", TEMPLATE_FILES)
@pytest.mark.parametrize("first_name", ["Sam", ""])
def test_every_template_is_discreet(name, first_name):
    text = rendering.render_template(name, worst_case_context(first_name))
    assert text.strip()
    assert forbidden_in(text) == [], f"{name} says {forbidden_in(text)}"


def test_the_sender_name_and_from_address_are_discreet():
    assert forbidden_in(settings.MESSAGING_SENDER_NAME) == []
    assert forbidden_in(settings.MESSAGING_FROM_EMAIL) == []


@pytest.mark.parametrize("name", [n for n in TEMPLATE_FILES if n.endswith("sms.txt")])
def test_texts_fit_one_sms(name):
    text = rendering.render_template(name, worst_case_context("Samantha-Josephine"))
    assert len(text) <= 160
    assert text.isascii()  # GSM-7 friendly: no curly quotes that would halve the length


def test_person_messages_carry_only_a_first_name_and_the_call_back_number():
    text = rendering.render_template("confirmation/sms.txt", worst_case_context("Sam"))
    assert "Sam" in text and settings.MESSAGING_CALLBACK_NUMBER in text and settings.MESSAGING_SENDER_NAME in text
    assert "ABCD-EFGH" not in text and "http" not in text


@pytest.fixture
def disclosing_case(db):
    """A case that holds every kind of clinical detail the app could ever hold."""
    return texting_case(
        urgency="emergency",
        email="sam@example.net",
        own_words=CLINICAL_STORY,
        flags=["opioid_withdrawal", "overdose_risk", "pregnant", "methadone_current"],
    )


@pytest.mark.django_db
def test_real_messages_about_a_case_full_of_clinical_detail_stay_discreet(disclosing_case):
    staff("On call", email="oncall@example.org")
    staff(SUPERVISORS, email="sup@example.org")
    messages = [
        queue_for_person(disclosing_case, Message.Kind.CONFIRMATION, key="c"),
        queue_for_person(disclosing_case, Message.Kind.CHECK_IN, key="k"),
        *urgent_alerts(disclosing_case),
        *escalation_alerts(disclosing_case, 2),
    ]
    assert {m.kind for m in messages} == {"confirmation", "check_in", "urgent_alert", "escalation"}
    for message in messages:
        for channel in rendering.TEMPLATES[message.kind]:
            rendered = rendering.render(message, channel)
            assert forbidden_in(rendered.subject + "\n" + rendered.body) == [], (message.kind, channel)
            assert "sam@example.net" not in rendered.body and disclosing_case.phone not in rendered.body


@pytest.mark.django_db
def test_the_content_review_reminder_lists_links_not_titles(settings):
    from tests.content.factories import TreatmentPageFactory

    staff(CONTENT_EDITORS, email="editor@example.org")
    page = TreatmentPageFactory(title="Methadone", slug="methadone")
    from content.tasks import staff_path

    (message,) = content_review_reminders([staff_path(page)], "2026-W47")
    rendered = rendering.render(message)
    assert forbidden_in(rendered.subject + rendered.body) == []
    assert rendered.subject == "1 page due for review"
    assert f"https://intake.example.org/cms/pages/{page.pk}/edit/" in rendered.body
