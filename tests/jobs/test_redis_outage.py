"""A Redis outage must not stop anyone asking for help.

Production-shaped: the cache (rate limits) and the Celery broker both on a redis-server of the test's own, a real
worker on it, the public forms posted through the web stack. Redis is stopped; a call-back, a crisis call-back and
a whole questionnaire are submitted; every post is answered (no 5xx), everything is stored, the outage is logged once
and without personal data. Redis comes back; every message goes out exactly once.
"""

import logging
import time
import uuid

import pytest
from django.test import Client

from intake.models import Intake
from messaging.models import Message
from messaging.tasks import sweep_outbox
from referrals.models import Case, Source
from tests.intake.answers import BASE
from tests.intake.web_helpers import CONTACT, CRISIS_URL, RESULTS_URL, submit, walk
from tests.jobs.support import staff
from tests.jobs.worker import Worker, publishing_to, wait_for

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

HIGH_RISK = {**BASE, "cssrs_1": True, "cssrs_2": True, "cssrs_3": True, "cssrs_4": True, "cssrs_5": False}
CALLBACK = {
    "first_name": "Robin", "phone": "(555) 010-2233", "best_time": "morning", "voicemail_safe": "no",
    "text_safe": "yes", "consent_contact": "on",
}
CRISIS_CALL_ME = {"phone": "(555) 010-9999", "first_name": "Alex", "voicemail_safe": "no", "consent_contact": "on"}
QUESTIONNAIRE_CONTACT = {**CONTACT, "first_name": "Jordan", "phone": "(555) 010-4477", "text_safe": "yes"}
PERSONAL = ("Robin", "Alex", "Jordan", "2233", "9999", "4477")


class CountingClient(Client):
    """The test client, keeping every response status (question pages, forms, results) in ``statuses``."""

    def __init__(self, statuses: list[int]):
        super().__init__()
        self.statuses = statuses

    def request(self, **request):
        response = super().request(**request)
        self.statuses.append(response.status_code)
        return response


@pytest.fixture
def production_shaped(own_redis, settings, tmp_path):
    """Cache and broker on our own Redis, a real worker on a queue of its own, strict public post limits (they
    must fail open, not shut people out)."""
    settings.CACHES = {
        "default": {
            "BACKEND": "config.cache.FailSoftRedisCache",
            "LOCATION": own_redis.url.replace("/0", "/1"),
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    settings.PUBLIC_POST_RATE = "5/m"
    settings.PUBLIC_POST_ADDRESS_RATE = "10/m"
    queue = f"test-outage-{uuid.uuid4().hex[:12]}"
    worker = Worker(own_redis.url, queue, tmp_path)
    worker.start()
    try:
        with publishing_to(own_redis.url, queue):
            yield worker
    finally:
        worker.stop()


def test_everything_asked_for_during_a_redis_outage_is_stored_and_its_messages_go_out_once_after(
    own_redis, production_shaped, caplog
):
    worker = production_shaped
    staff("On call", email="oncall@example.org")
    statuses: list[int] = []
    callback, crisis, questionnaire = (CountingClient(statuses) for _ in range(3))

    own_redis.stop()
    with caplog.at_level(logging.DEBUG):
        started = time.monotonic()
        assert callback.post("/callback/", CALLBACK)["Location"] == "/callback/requested/"
        assert callback.get("/callback/requested/").status_code == 200

        assert walk(crisis, HIGH_RISK, on_crisis="stop")[-1] == CRISIS_URL
        assert crisis.post(CRISIS_URL, CRISIS_CALL_ME)["Location"] == "/intake/crisis/call-requested/"
        assert crisis.get("/intake/crisis/call-requested/").status_code == 200

        assert submit(questionnaire, BASE, QUESTIONNAIRE_CONTACT)["Location"] == RESULTS_URL
        assert questionnaire.get(RESULTS_URL).status_code == 200
        took = time.monotonic() - started

    assert len(statuses) > 20 and all(status < 500 for status in statuses), statuses
    assert 429 not in statuses  # well over the limits, but they fail open while Redis is down
    assert took < 60, f"{len(statuses)} requests took {took:.1f}s during the outage"
    cases = {case.source: case for case in Case.objects.all()}
    assert set(cases) == {Source.CALLBACK, Source.CRISIS_CALLBACK, Source.INTAKE}
    assert cases[Source.INTAKE].intake_id == Intake.objects.get().pk
    messages = list(Message.objects.all())
    assert {(m.case.source, m.kind) for m in messages} == {
        (Source.CALLBACK, "confirmation"),
        (Source.CRISIS_CALLBACK, "urgent_alert"),
        (Source.INTAKE, "confirmation"),
    } | ({(Source.INTAKE, "urgent_alert")} if cases[Source.INTAKE].urgency in {"emergency", "urgent"} else set())
    assert {m.status for m in messages} == {"queued"}

    logged = [record.getMessage() for record in caplog.records]
    assert sum("Redis unreachable" in line for line in logged) == 1  # once per outage, not per request
    assert not [line for line in logged if any(word in line for word in PERSONAL)]

    own_redis.start()
    time.sleep(1.1)  # untouched for MESSAGING_REDRIVE_AFTER (1 s in the worker)
    sweep_outbox.delay()  # what beat does every minute
    wait_for(lambda: set(Message.objects.values_list("status", flat=True)) == {"sent"}, timeout=60,
             what="every message to be sent after Redis returned")
    sweep_outbox.delay()  # a stray second sweep sends nothing more
    time.sleep(2)

    texts = sorted(text["key"] for text in worker.texts())
    person_messages = [m for m in messages if m.kind == "confirmation"]
    assert texts == sorted(f"outbox-{m.pk}" for m in person_messages)
    alerts = [m for m in messages if m.kind == "urgent_alert"]
    assert len(worker.emails()) == len(alerts)
    assert all("To: oncall@example.org" in email for email in worker.emails())
