"""The demo has someone on call with an e-mail address, so the demo's urgent-case alert really goes out."""

import pytest

from config.demo import create_staff
from messaging.models import Message
from messaging.notifications import on_call_recipients
from referrals.notifications import urgent_alerts
from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db


def test_the_demo_counselor_is_on_call_and_gets_the_urgent_alerts(settings):
    settings.ON_CALL_ALERT_EMAILS = []
    create_staff()
    assert [address for _, address in on_call_recipients()] == ["counsellor@example.org"]
    case = CaseFactory(urgency="emergency")
    (alert,) = urgent_alerts(case)
    assert alert.kind == Message.Kind.URGENT_ALERT and alert.to_address == "counsellor@example.org"
