"""/metrics/: never public, the golden signals by view name, the clinic's gauges in a fixed handful of indexed
queries, and no personal data anywhere in it."""

import socket
from datetime import timedelta

import pytest
import redis
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from prometheus_client.parser import text_string_to_metric_families

from config.celery import app as celery_app
from referrals.models import Status, Urgency
from tests import two_factor
from tests.factories import CaseFactory, MessageFactory

pytestmark = pytest.mark.django_db

TOKEN = "a-scrape-token-for-tests"  # noqa: S105 (test value)
AUTH = {"HTTP_AUTHORIZATION": f"Bearer {TOKEN}"}
# The scrape's queries: open cases, overdue cases, outbox backlog, oldest due message, periodic jobs.
SCRAPE_QUERIES = 5


@pytest.fixture(autouse=True)
def token(settings):
    settings.METRICS_TOKEN = TOKEN
    settings.CELERY_TASK_ALWAYS_EAGER = True


def scrape(client) -> dict:
    """{(metric name, frozenset of labels): value} of one authorised scrape."""
    response = client.get("/metrics/", **AUTH)
    assert response.status_code == 200
    return {
        (sample.name, frozenset(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(response.content.decode())
        for sample in family.samples
    }


def value(samples: dict, metric: str, /, **labels) -> float:
    return samples[(metric, frozenset(labels.items()))]


def a_queue(size: int) -> None:
    """Open, overdue, reached and closed cases in every urgency, with queued, failed and sent messages."""
    past = timezone.now() - timedelta(hours=1)
    for n in range(size):
        urgency = list(Urgency)[n % len(Urgency)]
        CaseFactory(urgency=urgency, due_at=past)
        CaseFactory(urgency=urgency, status=Status.REACHED, first_contact_at=past)
        CaseFactory(urgency=urgency, status=Status.DECLINED)
        MessageFactory(status="queued", next_attempt_at=past)
        MessageFactory(status="failed", kind="urgent_alert")
        MessageFactory(status="sent")


def test_without_a_token_configured_the_endpoint_does_not_exist(client, settings):
    settings.METRICS_TOKEN = ""
    assert client.get("/metrics/").status_code == 404
    assert client.get("/metrics/", HTTP_AUTHORIZATION="Bearer ").status_code == 404


@pytest.mark.parametrize("header", [None, "Bearer wrong-token", TOKEN, f"Basic {TOKEN}", f"Bearer {TOKEN}x"])
def test_a_request_without_the_right_bearer_token_is_refused(client, header):
    extra = {} if header is None else {"HTTP_AUTHORIZATION": header}
    response = client.get("/metrics/", **extra)
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert b"clinic_" not in response.content


def test_the_clinic_gauges_match_the_queue_and_the_outbox(client):
    a_queue(8)
    samples = scrape(client)
    assert value(samples, "clinic_open_cases", urgency="emergency") == 4  # 2 new, 2 reached; closed left out
    assert value(samples, "clinic_overdue_cases", urgency="emergency") == 2
    assert value(samples, "clinic_oldest_unreached_case_age_seconds", urgency="routine") >= 0
    assert value(samples, "clinic_outbox_messages", state="queued", kind="confirmation") == 8
    assert value(samples, "clinic_outbox_messages", state="failed", kind="urgent_alert") == 8
    assert value(samples, "clinic_undeliverable_alerts", kind="urgent_alert") == 8
    assert 3500 < value(samples, "clinic_outbox_oldest_due_message_age_seconds") < 3700
    assert value(samples, "clinic_periodic_job_interval_seconds", periodic_job="outbox-sweep") == 60
    assert value(samples, "clinic_periodic_job_last_success_timestamp_seconds", periodic_job="outbox-sweep") == 0
    assert not any(name.startswith("clinic_broker") for name, _ in samples)  # no broker: tasks run in-process


@pytest.mark.parametrize("size", [1, 40])
def test_a_scrape_takes_the_same_few_queries_whatever_the_queue_size(
    client, postgres, size, django_assert_max_num_queries
):
    a_queue(size)
    with django_assert_max_num_queries(SCRAPE_QUERIES):
        scrape(client)


def test_every_gauge_query_can_be_answered_from_an_index(client, postgres):
    """With sequential scans priced out, no gauge query plans one: each has an index to use, so its cost follows
    the open queue and the unsent messages, not the table sizes (bench/ measures it at a million cases)."""
    a_queue(4)
    with CaptureQueriesContext(connection) as queries:
        scrape(client)
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        try:
            for query in queries.captured_queries:
                if "config_periodicjobrun" in query["sql"]:
                    continue  # one row per scheduled job
                cursor.execute("EXPLAIN " + query["sql"])
                plan = "\n".join(row[0] for row in cursor.fetchall())
                assert "Seq Scan" not in plan, plan
        finally:
            cursor.execute("RESET enable_seqscan")


def test_no_personal_data_or_case_reference_reaches_the_metrics(client):
    case = CaseFactory(first_name="Zebulon", phone="555 867 5309", email="zeb@example.org", own_words="Hidden note")
    MessageFactory(case=case, status="failed", last_error="refused")
    body = client.get("/metrics/", **AUTH).content.decode()
    for secret in ("Zebulon", "555 867 5309", "5558675309", "zeb@example.org", "Hidden note", case.reference):
        assert secret not in body


def test_requests_latency_and_errors_are_labelled_by_view_name_not_by_path(client, counsellor):
    two_factor.sign_in(client, counsellor)
    case = CaseFactory()
    client.get(f"/staff/cases/{case.reference}/")
    client.get("/no-such-page-4711/")
    body = client.get("/metrics/", **AUTH).content.decode()
    assert (
        'django_http_responses_total_by_status_view_method_total{method="GET",status="404",view="<unnamed view>"}'
        in body
    )
    assert 'view="staff:case"' in body
    assert case.reference not in body
    assert "4711" not in body


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_with_a_broker_the_celery_queue_length_is_reported(client, settings, redis_url):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_BROKER_URL = redis_url
    queue = celery_app.conf.task_default_queue
    broker = redis.Redis.from_url(redis_url)
    broker.delete(queue)
    broker.rpush(queue, "task-1", "task-2", "task-3")
    try:
        samples = scrape(client)
    finally:
        broker.delete(queue)
    assert value(samples, "clinic_broker_up") == 1
    assert value(samples, "clinic_celery_queue_length", queue=queue) == 3


def test_an_unreachable_broker_is_reported_down_and_the_scrape_still_answers(client, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_BROKER_URL = f"redis://127.0.0.1:{free_port()}/0"
    samples = scrape(client)
    assert value(samples, "clinic_broker_up") == 0
    assert value(samples, "clinic_open_cases", urgency="emergency") == 0
