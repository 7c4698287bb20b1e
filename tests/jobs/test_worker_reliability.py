"""Reliability on the real thing: a Celery worker subprocess on a real Redis broker, on the test database.

* a case submitted → its confirmation (and the on-call alert) reach ``sent``;
* Redis down during the submission → the submission succeeds, and the message is sent once after Redis is back.

A worker killed in the middle of a send: tests/jobs/test_at_most_once.py.

They need PostgreSQL and Redis (``TEST_REDIS_URL``): in CI they fail when either is missing, never skip. Outages
and short visibility timeouts use a redis-server of our own on a spare port, never the shared one.
"""

import time

import pytest
from django.db import transaction

from messaging.models import Message
from messaging.tasks import deliver, sweep_outbox
from referrals.cases import ContactDetails, open_case
from tests.jobs.support import staff
from tests.jobs.worker import Worker, publishing_to, wait_for

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

PERSON = ContactDetails(
    first_name="Sam", phone="(555) 010-0199", preferred_method="text", text_safe=True, consent_contact=True
)


def submit(urgency="routine"):
    """What the intake and call-back flows do: open the case in a transaction."""
    with transaction.atomic():
        return open_case(source="callback", urgency=urgency, contact=PERSON)


def status_of(message_id):
    return Message.objects.get(pk=message_id).status


def sent(message_id):
    return status_of(message_id) == "sent"


@pytest.fixture
def shared_worker(redis_url, queue_name, tmp_path):
    """A worker on the shared Redis (``TEST_REDIS_URL``), on a queue of its own."""
    worker = Worker(redis_url, queue_name, tmp_path)
    worker.start()
    with publishing_to(redis_url, queue_name):
        yield worker
    worker.stop()


def test_a_submitted_case_gets_its_confirmation_and_on_call_alert_sent(shared_worker):
    staff("On call", email="oncall@example.org")
    case = submit(urgency="urgent")
    confirmation = Message.objects.get(case=case, kind="confirmation")
    alert = Message.objects.get(case=case, kind="urgent_alert")
    wait_for(lambda: sent(confirmation.pk) and sent(alert.pk), timeout=30, what="both messages to be sent")
    assert [text["key"] for text in shared_worker.texts()] == [f"outbox-{confirmation.pk}"]
    (email,) = shared_worker.emails()
    assert "To: oncall@example.org" in email and case.reference in email
    assert case.events.filter(summary="Confirmation sent (text message)").exists()


def test_with_redis_down_the_submission_succeeds_and_the_message_is_sent_once_when_it_returns(
    own_redis, queue_name, tmp_path
):
    worker = Worker(own_redis.url, queue_name, tmp_path)
    worker.start()
    try:
        with publishing_to(own_redis.url, queue_name):
            own_redis.stop()

            started = time.monotonic()
            case = submit()  # must not raise
            assert time.monotonic() - started < 5
            message = Message.objects.get(case=case, kind="confirmation")
            time.sleep(1.5)
            assert status_of(message.pk) == "queued" and worker.texts() == []

            own_redis.start()  # same port: the worker reconnects by itself
            time.sleep(1.1)  # the row must be untouched for MESSAGING_REDRIVE_AFTER (1 s in the worker)
            sweep_outbox.delay()  # what beat does every minute
            wait_for(lambda: sent(message.pk), timeout=45, what="the message to be sent after Redis returned")

            # A stray second delivery (a redelivery, another sweep) sends nothing more.
            deliver.delay(message.pk)
            sweep_outbox.delay()
            time.sleep(1.5)
        assert [text["key"] for text in worker.texts()] == [f"outbox-{message.pk}"]
        assert Message.objects.get(pk=message.pk).attempts == 1
    finally:
        worker.stop()
