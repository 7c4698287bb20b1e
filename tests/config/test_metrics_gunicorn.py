"""Under gunicorn with several workers (as in production), a scrape answered by any worker counts the requests
of all of them (gunicorn.conf.py shares PROMETHEUS_MULTIPROC_DIR)."""

import subprocess
import sys
import urllib.request

import pytest
from django.conf import settings
from prometheus_client.parser import text_string_to_metric_families

from tests.jobs.worker import database_url_for_worker, free_port, wait_for

pytestmark = [pytest.mark.services, pytest.mark.django_db]

TOKEN = "gunicorn-scrape-token"  # noqa: S105 (test value)
REQUESTS = 24


def get(url: str, **headers) -> bytes:
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=10) as response:  # noqa: S310
        return response.read()


@pytest.fixture
def gunicorn(postgres, tmp_path):
    port = free_port()
    env = {
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "APP_MODE": "development",
        "DATABASE_URL": database_url_for_worker(),
        "METRICS_TOKEN": TOKEN,
        "PROMETHEUS_MULTIPROC_DIR": str(tmp_path / "metrics"),
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "config.wsgi:application", "--bind", f"127.0.0.1:{port}", "--workers", "3"],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"

    def up():
        try:
            return get(f"{base}/healthz/") is not None
        except OSError:
            return False

    try:
        wait_for(up, timeout=60, what="gunicorn to answer")
        yield base
    finally:
        process.terminate()
        process.wait(timeout=20)


def healthz_answered(body: bytes) -> float:
    for family in text_string_to_metric_families(body.decode()):
        for sample in family.samples:
            if sample.name == "django_http_responses_total_by_status_view_method_total" and sample.labels == {
                "method": "GET",
                "status": "200",
                "view": "healthz",
            }:
                return sample.value
    return 0


def test_every_scrape_counts_the_requests_of_every_worker(gunicorn):
    before = healthz_answered(get(f"{gunicorn}/metrics/", Authorization=f"Bearer {TOKEN}"))
    for _ in range(REQUESTS):
        get(f"{gunicorn}/healthz/")
    scrapes = [healthz_answered(get(f"{gunicorn}/metrics/", Authorization=f"Bearer {TOKEN}")) for _ in range(6)]
    assert scrapes == [before + REQUESTS] * 6
