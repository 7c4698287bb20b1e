"""A text to a person is never sent twice, even when the worker is killed (SIGKILL) while the provider is answering;
a staff alert still goes at least once.

Real Celery workers on Redis, the test database, and providers that answer slowly: texts go through the Twilio
backend to a Twilio-shaped server on a local port that answers after 3 seconds and counts what it received; staff
e-mails go through a backend that takes 3 seconds and notes each start.
"""

import json
import os
import signal
import time

import pytest
from django.db import transaction

from messaging.models import Message
from messaging.tasks import deliver, sweep_outbox
from referrals.cases import ContactDetails, open_case
from tests.jobs.support import staff
from tests.jobs.worker import Worker, publishing_to, wait_for
from tests.messaging.fake_twilio import SlowTwilio

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

TEXTS_OK = ContactDetails(first_name="Sam", phone="(555) 010-0199", preferred_method="text", text_safe=True,
                          consent_contact=True)
NO_TEXTS = ContactDetails(first_name="Kim", phone="(555) 010-0142", consent_contact=True)


def submit(contact, urgency="routine"):
    with transaction.atomic():
        return open_case(source="callback", urgency=urgency, contact=contact)


def status_of(message: Message) -> str:
    return Message.objects.get(pk=message.pk).status


def settle(message: Message):
    """Give every path that might send it again its chance: a redelivered task, the outbox sweep, a stray task."""
    sweep_outbox.delay()
    deliver.delay(message.pk)
    time.sleep(5)  # longer than the provider takes to answer


@pytest.fixture
def provider():
    twilio = SlowTwilio(delay=3)
    yield twilio
    twilio.stop()


def test_a_text_in_flight_when_the_worker_process_is_killed_is_not_sent_again(provider, redis_url, queue_name,
                                                                               tmp_path):
    worker = Worker(redis_url, queue_name, tmp_path, **provider.settings())
    worker.start()
    try:
        with publishing_to(redis_url, queue_name):
            message = Message.objects.get(case=submit(TEXTS_OK), kind="confirmation")
            wait_for(lambda: provider.received, timeout=30, what="the provider to receive the text")
            assert status_of(message) == "sending"  # committed before the provider answered
            (pool_pid,) = worker.pool_pids()
            os.kill(pool_pid, signal.SIGKILL)  # in the middle of the provider call

            wait_for(lambda: status_of(message) == "unknown", timeout=30, what="the send to be judged interrupted")
            settle(message)
        assert provider.keys() == [f"outbox-{message.pk}"]  # received once, never again
        message.refresh_from_db()
        assert (message.status, message.attempts) == ("unknown", 1)
        assert message.case.events.filter(summary__startswith="Confirmation: delivery unknown").exists()
        assert "WorkerLostError" in worker.log()
    finally:
        worker.stop()


def test_a_text_in_flight_when_the_whole_worker_is_killed_is_not_sent_again_after_a_restart(
    provider, own_redis, queue_name, tmp_path
):
    # A short visibility timeout so the unacknowledged task comes back quickly (our own Redis: no one else's).
    worker = Worker(own_redis.url, queue_name, tmp_path, TEST_VISIBILITY_TIMEOUT="4", **provider.settings())
    worker.start()
    try:
        with publishing_to(own_redis.url, queue_name):
            message = Message.objects.get(case=submit(TEXTS_OK), kind="confirmation")
            wait_for(lambda: provider.received, timeout=30, what="the provider to receive the text")
            worker.kill()
            assert status_of(message) == "sending"

            worker.start()
            wait_for(lambda: status_of(message) == "unknown", timeout=45, what="the restored task to judge it")
            settle(message)
        assert provider.keys() == [f"outbox-{message.pk}"]
        assert Message.objects.get(pk=message.pk).status == "unknown"
    finally:
        worker.stop()


def test_a_staff_alert_in_flight_when_the_worker_process_is_killed_goes_again(redis_url, queue_name, tmp_path):
    mail_log = tmp_path / "alerts.jsonl"
    worker = Worker(redis_url, queue_name, tmp_path, TEST_EMAIL_BACKEND="tests.messaging.backends.SlowFileEmailBackend",
                    SLOW_MAIL_PATH=str(mail_log), SLOW_MAIL_SECONDS="3")
    worker.start()
    started = mail_log.with_name(f"{mail_log.name}.started")
    try:
        with publishing_to(redis_url, queue_name):
            staff("On call", email="oncall@example.org")
            alert = Message.objects.get(case=submit(NO_TEXTS, urgency="urgent"), kind="urgent_alert")
            wait_for(started.exists, timeout=30, what="the alert's send to start")
            (pool_pid,) = worker.pool_pids()
            os.kill(pool_pid, signal.SIGKILL)

            wait_for(lambda: status_of(alert) == "sent", timeout=45, what="the alert to go again")
            settle(alert)
        starts = [json.loads(line) for line in started.read_text().splitlines()]
        delivered = [json.loads(line) for line in mail_log.read_text().splitlines()]
        assert len(starts) == 2 and starts[0]["pid"] != starts[1]["pid"]  # the killed try, then the new one
        assert [line["to"] for line in delivered] == [["oncall@example.org"]]
        assert Message.objects.get(pk=alert.pk).attempts == 2
    finally:
        worker.stop()
