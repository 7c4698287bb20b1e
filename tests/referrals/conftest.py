"""Fixtures for the referrals tests: a case with an intake, a logged-in client per role, a small directory."""

import uuid

import pytest
from django.test import Client

from tests import two_factor
from tests.factories import CaseFactory, ServiceAtLocationFactory

RESULT = {
    "rules_version": "2026.1",
    "urgency": "soon",
    "care_options": [
        {"id": "mat_buprenorphine", "reasons": ["Buprenorphine lowers cravings."]},
        {"id": "mat_methadone", "reasons": ["Methadone is taken daily at a clinic."]},
        {"id": "outpatient", "reasons": ["Outpatient care fits around work."]},
        {"id": "aftercare", "reasons": ["Support after treatment."]},
    ],
    "not_now": [{"id": "mat_naltrexone", "reasons": ["Needs a week or more without opioids."]}],
    "flags": ["naloxone", "fentanyl"],
    "scores": {"dast10": 7, "dast10_band": "substantial", "sows": 24, "sows_band": "severe", "phq2": 1,
               "gad2": 4, "cssrs_risk": "none"},
}
ANSWERS = {"age": 34, "insurance": "medicaid", "postcode": "10001"}


def make_intake(result=None, answers=None):
    from intake.models import Intake

    return Intake.objects.create(
        draft_key=uuid.uuid4(),
        questionnaire_version="test",
        rules_version="2026.1",
        answers={**ANSWERS, **(answers or {})},
        result=result or RESULT,
        consent_text_version="test",
    )


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    """Staff users are made in nearly every test; a slow hasher only slows the suite."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def intake_case(db):
    return CaseFactory(
        source="intake",
        urgency="soon",
        flags=["fentanyl", "naloxone"],
        intake=make_intake(),
        own_words="I want to stop before my daughter's birthday.",
        voicemail_safe=False,
        text_safe=True,
        consent_share=True,
    )


def logged_in(user) -> Client:
    client = Client()
    two_factor.sign_in(client, user)
    return client


@pytest.fixture
def counsellor_client(counsellor):
    return logged_in(counsellor)


@pytest.fixture
def supervisor_client(supervisor):
    return logged_in(supervisor)


@pytest.fixture
def bupe_site(db):
    """An active buprenorphine + outpatient service taking Medicaid, adults, in Manhattan."""
    return ServiceAtLocationFactory(
        service__terms=["mat_buprenorphine", "outpatient", "BU", "OP", "MD"],
        location__postal_code="10018",
    )
