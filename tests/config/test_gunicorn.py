"""gunicorn as in production (gunicorn.conf.py, several workers): a scrape answered by any worker counts the
requests of all of them, and the access log is JSON lines with each response's request id and no query string."""

import json
import subprocess
import sys
import urllib.error
import urllib.request

import pytest
from django.conf import settings
from prometheus_client.parser import text_string_to_metric_families

from tests.jobs.worker import database_url_for_worker, free_port, wait_for

pytestmark = [pytest.mark.services, pytest.mark.django_db]

TOKEN = "gunicorn-scrape-token"  # noqa: S105 (test value)
REQUESTS = 24


def get(url: str, **headers) -> tuple[bytes, str]:
    """The body and the X-Request-ID of a GET."""
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=10) as response:  # noqa: S310 (our own local server)
        return response.read(), response.headers["X-Request-ID"]


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # the 302 itself is the answer: never follow it off this machine


class Gunicorn:
    def __init__(self, tmp_path):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.access_log = tmp_path / "access.log"
        self.env = {
            "PATH": "/usr/local/bin:/usr/bin:/bin",
            "APP_MODE": "development",
            "DATABASE_URL": database_url_for_worker(),
            "METRICS_TOKEN": TOKEN,
            "PROMETHEUS_MULTIPROC_DIR": str(tmp_path / "metrics"),
        }

    def scrape(self) -> bytes:
        return get(f"{self.base}/metrics/", Authorization=f"Bearer {TOKEN}")[0]

    def access_lines(self) -> list[dict]:
        return [json.loads(line) for line in self.access_log.read_text().splitlines()]


@pytest.fixture
def gunicorn(postgres, tmp_path):
    server = Gunicorn(tmp_path)
    with server.access_log.open("w") as stdout:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "config.wsgi:application",
                "--bind",
                f"127.0.0.1:{server.port}",
                "--workers",
                "3",
            ],
            cwd=settings.BASE_DIR,
            env=server.env,
            stdout=stdout,
            stderr=subprocess.DEVNULL,
        )

    def up():
        try:
            return get(f"{server.base}/healthz/") is not None
        except OSError:
            return False

    try:
        wait_for(up, timeout=60, what="gunicorn to answer")
        yield server
    finally:
        process.terminate()
        process.wait(timeout=20)


QUICK_EXITS = {"method": "GET", "status": "302", "view": "quick-exit"}


def quick_exits_answered(body: bytes) -> float:
    for family in text_string_to_metric_families(body.decode()):
        for sample in family.samples:
            if (
                sample.name == "django_http_responses_total_by_status_view_method_total"
                and sample.labels == QUICK_EXITS
            ):
                return sample.value
    return 0


def test_every_scrape_counts_the_requests_of_every_worker(gunicorn):
    """Counted on a view nothing else calls (the fixture's readiness polls go to /healthz/)."""
    opener = urllib.request.build_opener(NoRedirect)
    for _ in range(REQUESTS):
        with pytest.raises(urllib.error.HTTPError, match="302"):
            opener.open(f"{gunicorn.base}/exit/", timeout=10)
    assert [quick_exits_answered(gunicorn.scrape()) for _ in range(6)] == [REQUESTS] * 6


def test_the_access_log_is_json_lines_with_the_request_id_and_no_query_string(gunicorn):
    _, request_id = get(f"{gunicorn.base}/healthz/?name=Quentin")
    wait_for(lambda: request_id in gunicorn.access_log.read_text(), timeout=10, what="the access line")
    line = next(line for line in gunicorn.access_lines() if line["request_id"] == request_id)
    assert line["logger"] == "gunicorn.access"
    assert line["message"] == "GET /healthz/ 200"
    assert line["status"] == "200"
    assert "Quentin" not in gunicorn.access_log.read_text()
