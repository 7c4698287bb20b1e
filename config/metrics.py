"""The Prometheus endpoint, ``/metrics/``: the web app's golden signals and the clinic's own gauges.

Requests, latency and errors by view name come from django-prometheus's middleware (a view name such as
``staff:case`` never holds an id); with gunicorn's several workers they are summed across processes through
``PROMETHEUS_MULTIPROC_DIR``. The clinic's gauges are computed at scrape time by ``ClinicCollector`` from the apps'
own gauge functions, in a handful of indexed queries. Labels are urgencies, statuses, message kinds and job
names: never a person, a case reference or an address.

Never public: without ``METRICS_TOKEN`` the endpoint does not exist (404); a request without the token gets 401.
"""

import hmac
import logging
import os

import redis
from django.conf import settings
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, CollectorRegistry, generate_latest, multiprocess
from prometheus_client.core import GaugeMetricFamily

from config.celery import app as celery_app
from config.periodic_jobs import job_statuses
from messaging.gauges import outbox_gauges
from referrals.gauges import queue_gauges

logger = logging.getLogger(__name__)


def _seconds(age) -> float:
    return 0.0 if age is None else age.total_seconds()


def _broker_gauges() -> list[GaugeMetricFamily]:
    """Whether the broker answers, and how many tasks wait in its queue (Redis LLEN). Nothing without a broker."""
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return []
    up = GaugeMetricFamily("clinic_broker_up", "1 if the Celery broker (Redis) answered this scrape, else 0.")
    queue = GaugeMetricFamily(
        "clinic_celery_queue_length", "Tasks waiting in the Celery queue for a worker.", labels=["queue"]
    )
    name = celery_app.conf.task_default_queue
    client = redis.Redis.from_url(settings.CELERY_BROKER_URL, socket_connect_timeout=1, socket_timeout=1)
    try:
        queue.add_metric([name], client.llen(name))
        up.add_metric([], 1)
    except redis.RedisError:
        logger.warning("metrics: broker unreachable")
        up.add_metric([], 0)
        return [up]
    finally:
        client.close()
    return [up, queue]


class ClinicCollector:
    """The clinic's gauges, computed afresh on every scrape."""

    def collect(self):
        now = timezone.now()
        open_cases = GaugeMetricFamily("clinic_open_cases", "Open cases in the queue.", labels=["urgency"])
        overdue = GaugeMetricFamily(
            "clinic_overdue_cases", "Open cases past their due time whose person hasn't been reached.",
            labels=["urgency"],
        )
        oldest = GaugeMetricFamily(
            "clinic_oldest_unreached_case_age_seconds",
            "Age of the oldest open case whose person nobody has reached yet (0 if none).",
            labels=["urgency"],
        )
        for row in queue_gauges(now):
            open_cases.add_metric([row.urgency], row.open)
            overdue.add_metric([row.urgency], row.overdue)
            oldest.add_metric([row.urgency], _seconds(row.oldest_unreached_age))
        yield from (open_cases, overdue, oldest)

        outbox = outbox_gauges(now)
        backlog = GaugeMetricFamily(
            "clinic_outbox_messages", "Messages not sent yet: queued, or failed.", labels=["state", "kind"]
        )
        for (state, kind), count in sorted(outbox.backlog.items()):
            backlog.add_metric([state, kind], count)
        undeliverable = GaugeMetricFamily(
            "clinic_undeliverable_alerts", "Staff alerts (urgent case, escalation) that failed.", labels=["kind"]
        )
        for kind, count in sorted(outbox.undeliverable_alerts.items()):
            undeliverable.add_metric([kind], count)
        yield backlog
        yield undeliverable
        yield GaugeMetricFamily(
            "clinic_outbox_oldest_due_message_age_seconds",
            "How long the longest-waiting queued message has been due (0 if none).",
            value=_seconds(outbox.oldest_due_age),
        )

        last_success = GaugeMetricFamily(
            "clinic_periodic_job_last_success_timestamp_seconds",
            "When each periodic job last succeeded (Unix time; 0 if never).",
            labels=["periodic_job"],
        )
        interval = GaugeMetricFamily(
            "clinic_periodic_job_interval_seconds",
            "How often each periodic job is scheduled to run.",
            labels=["periodic_job"],
        )
        for job in job_statuses():
            last_success.add_metric([job.job], job.last_success_at.timestamp() if job.last_success_at else 0)
            interval.add_metric([job.job], job.interval.total_seconds())
        yield last_success
        yield interval
        yield from _broker_gauges()


def _process_metrics() -> bytes:
    """django-prometheus's request metrics: of every gunicorn worker when they share a directory, else of this
    process."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        return generate_latest(registry)
    return generate_latest(REGISTRY)


def _authorised(request) -> bool:
    expected = f"Bearer {settings.METRICS_TOKEN}".encode()
    return hmac.compare_digest(request.headers.get("Authorization", "").encode(), expected)


@never_cache
@require_GET
def metrics(request):
    if not settings.METRICS_TOKEN:
        raise Http404
    if not _authorised(request):
        return HttpResponse(
            "Unauthorized\n",
            status=401,
            content_type="text/plain",
            headers={"WWW-Authenticate": 'Bearer realm="metrics"'},
        )
    clinic = CollectorRegistry(auto_describe=False)
    clinic.register(ClinicCollector())
    return HttpResponse(_process_metrics() + generate_latest(clinic), content_type=CONTENT_TYPE_LATEST)
