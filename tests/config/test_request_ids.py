"""Every response has a request id, and it follows the request into the tasks it queues: in this process (no
broker) and in a real Celery worker, whose JSON log lines carry the same id."""

import json
import uuid

import pytest
from django_guid import get_guid, set_guid
from django_guid.log_filters import CorrelationId

from messaging.models import Message
from messaging.tasks import deliver
from tests.factories import CaseFactory, MessageFactory
from tests.jobs.worker import Worker, publishing_to, wait_for

pytestmark = pytest.mark.django_db


def an_email_to_send() -> Message:
    return MessageFactory(case=CaseFactory(email="sam@example.org", preferred_method="email"), channel="email")


def test_every_response_has_a_request_id(client):
    first, second = client.get("/healthz/")["X-Request-ID"], client.get("/healthz/")["X-Request-ID"]
    assert len(first) == 32 and first != second


def test_a_proxys_request_id_is_kept_and_anything_else_replaced(client, caplog):
    caplog.set_level("DEBUG")
    given = uuid.uuid4().hex
    assert client.get("/healthz/", HTTP_X_REQUEST_ID=given)["X-Request-ID"] == given
    replaced = client.get("/healthz/", HTTP_X_REQUEST_ID="QuentinSmith5558675309")["X-Request-ID"]
    assert replaced != "QuentinSmith5558675309"
    assert "Quentin" not in caplog.text  # an invalid header value is never echoed into the logs


def test_a_task_run_in_process_keeps_the_callers_request_id(caplog, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    caplog.set_level("INFO", logger="messaging")
    caplog.handler.addFilter(CorrelationId("request_id"))
    message = an_email_to_send()
    set_guid("0123456789abcdef0123456789abcdef")
    try:
        deliver.delay(message.pk)
        assert get_guid() == "0123456789abcdef0123456789abcdef"  # still the request's after the task
    finally:
        set_guid(None)
    sent = [record for record in caplog.records if record.getMessage() == f"messaging: message {message.pk} sent"]
    assert [record.request_id for record in sent] == ["0123456789abcdef0123456789abcdef"]


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_a_worker_logs_the_task_with_the_request_id_of_the_request_that_queued_it(redis_url, tmp_path):
    queue = f"test-request-id-{uuid.uuid4().hex[:12]}"
    worker = Worker(redis_url, queue, tmp_path, LOG_FORMAT="json")
    worker.start()
    message = an_email_to_send()
    request_id = uuid.uuid4().hex
    try:
        with publishing_to(redis_url, queue):
            set_guid(request_id)
            deliver.delay(message.pk)
        wait_for(lambda: Message.objects.get(pk=message.pk).status == "sent", timeout=30, what="the message sent")
    finally:
        set_guid(None)
        worker.stop()
    lines = [json.loads(line) for line in worker.log().splitlines() if line.startswith("{")]
    sent = [line for line in lines if line["message"] == f"messaging: message {message.pk} sent"]
    assert len(sent) == 1
    assert sent[0]["request_id"] == request_id
    assert {"time", "level", "logger"} <= set(sent[0])
