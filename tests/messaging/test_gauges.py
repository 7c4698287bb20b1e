"""The outbox's health gauges: the backlog per state and kind, staff alerts nobody received, and how long the
longest-waiting due message has waited."""

from datetime import timedelta

import pytest
from django.utils import timezone

from messaging.gauges import outbox_gauges
from messaging.models import Message
from tests.factories import MessageFactory

pytestmark = pytest.mark.django_db

Status, Kind = Message.Status, Message.Kind


def test_an_empty_outbox_reports_zero_for_every_state_and_kind():
    gauges = outbox_gauges(timezone.now())
    in_flight = ("queued", "sending", "failed", "unknown")
    assert set(gauges.backlog) == {(status, kind) for status in in_flight for kind in Kind.values}
    assert set(gauges.backlog.values()) == {0}
    assert gauges.undeliverable_alerts == {"urgent_alert": 0, "escalation": 0}
    assert gauges.oldest_due_age is None


def test_the_backlog_counts_unsent_messages_only():
    MessageFactory.create_batch(2, status=Status.QUEUED, kind=Kind.CONFIRMATION)
    MessageFactory(status=Status.FAILED, kind=Kind.CHECK_IN)
    MessageFactory(status=Status.SENDING, kind=Kind.URGENT_ALERT, channel="email")
    MessageFactory(status=Status.UNKNOWN, kind=Kind.CONFIRMATION)
    MessageFactory(status=Status.SENT, kind=Kind.CONFIRMATION)
    MessageFactory(status=Status.CANCELLED, kind=Kind.CONFIRMATION)
    backlog = outbox_gauges(timezone.now()).backlog
    assert backlog[("queued", "confirmation")] == 2
    assert backlog[("failed", "check_in")] == 1
    assert backlog[("sending", "urgent_alert")] == 1
    assert backlog[("unknown", "confirmation")] == 1
    assert sum(backlog.values()) == 5


def test_failed_staff_alerts_are_undeliverable_alerts():
    MessageFactory(status=Status.FAILED, kind=Kind.URGENT_ALERT, channel="email")
    MessageFactory(status=Status.FAILED, kind=Kind.ESCALATION, channel="email")
    MessageFactory(status=Status.QUEUED, kind=Kind.URGENT_ALERT, channel="email")
    MessageFactory(status=Status.FAILED, kind=Kind.CONFIRMATION)
    assert outbox_gauges(timezone.now()).undeliverable_alerts == {"urgent_alert": 1, "escalation": 1}


def test_the_oldest_due_message_ignores_messages_held_for_later():
    now = timezone.now()
    MessageFactory(status=Status.QUEUED, next_attempt_at=now - timedelta(minutes=7))
    MessageFactory(status=Status.QUEUED, next_attempt_at=now - timedelta(minutes=2))
    MessageFactory(status=Status.QUEUED, next_attempt_at=now + timedelta(hours=9))  # quiet hours
    MessageFactory(status=Status.FAILED, next_attempt_at=now - timedelta(days=3))
    assert outbox_gauges(now).oldest_due_age == timedelta(minutes=7)
