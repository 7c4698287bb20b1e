"""A Redis outage never turns into an error page: the cache reads as empty, public form rate limits fail open, the
outage is logged once (not per request, never with personal data), and /healthz/ reports the cache on its own.

These stop Redis, so they use a redis-server of their own on a spare port, never the shared one.
"""

import logging
import time

import pytest
from django.core.cache import cache
from django_ratelimit.core import is_ratelimited

from config import cache as fail_soft
from referrals.models import Case
from tests.config.test_settings import manage

pytestmark = pytest.mark.services

CALLBACK = {
    "first_name": "Robin",
    "phone": "(555) 010-7731",
    "preferred_method": "phone",
    "best_time": "any",
    "voicemail_safe": "no",
    "text_safe": "no",
    "consent_contact": "on",
}


@pytest.fixture
def redis_cache(own_redis, settings, monkeypatch):
    """The cache as production configures it (CACHE_URL=redis://...), on our own Redis."""
    monkeypatch.setattr(fail_soft, "RETRY_SECONDS", 0.2)
    settings.CACHES = {
        "default": {
            "BACKEND": "config.cache.FailSoftRedisCache",
            "LOCATION": own_redis.url,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    yield own_redis
    fail_soft._outages.clear()


def test_a_redis_cache_url_selects_the_fail_soft_backend_with_short_timeouts():
    result = manage(
        "shell", "-c", "from django.conf import settings; print(settings.CACHES['default'])",
        CACHE_URL="redis://127.0.0.1:6379/1",
    )
    assert result.returncode == 0, result.stderr
    assert "'BACKEND': 'config.cache.FailSoftRedisCache'" in result.stdout
    assert "'socket_connect_timeout': 1" in result.stdout


def test_while_redis_is_down_the_cache_reads_as_empty_and_comes_back_with_redis(redis_cache, caplog):
    cache.set("figure", 42)
    assert cache.get("figure") == 42

    redis_cache.stop()
    with caplog.at_level(logging.INFO, logger="config.cache"):
        assert cache.get("figure") is None
        assert cache.get("figure", "default") == "default"
        assert cache.add("other", 1) is False
        cache.set("other", 1)  # dropped, not raised
        with pytest.raises(ValueError):
            cache.incr("other")
        assert cache.get_many(["figure", "other"]) == {}
        assert cache.has_key("figure") is False
        cache.delete("figure")
        redis_cache.start()
        time.sleep(fail_soft.RETRY_SECONDS + 0.05)  # past the retry interval: the next call tries Redis again
        cache.set("figure", 43)
        assert cache.get("figure") == 43

    records = [(record.levelname, record.getMessage()) for record in caplog.records]
    assert records == [
        ("ERROR", "cache: Redis unreachable (ConnectionError); caching and public form rate limits are off until it "
                  "returns"),
        ("WARNING", records[1][1]),
    ]
    assert records[1][1].startswith("cache: Redis reachable again after")


def test_rate_limits_fail_open_while_redis_is_down(redis_cache, rf):
    request = rf.post("/callback/")
    limited = [
        is_ratelimited(request, group="t", key="ip", rate="2/m", method="POST", increment=True) for _ in range(3)
    ]
    assert limited == [False, False, True]

    redis_cache.stop()
    limited = [
        is_ratelimited(request, group="t", key="ip", rate="2/m", method="POST", increment=True) for _ in range(5)
    ]
    assert limited == [False] * 5


@pytest.mark.django_db
def test_a_call_back_request_is_stored_while_redis_is_down_and_the_outage_logged_once(
    redis_cache, client, settings, caplog
):
    settings.PUBLIC_POST_RATE = "2/m"
    redis_cache.stop()
    with caplog.at_level(logging.DEBUG):
        responses = [client.post("/callback/", {**CALLBACK, "first_name": f"Robin{n}"}) for n in range(5)]
    assert [response.status_code for response in responses] == [302] * 5
    assert Case.objects.count() == 5
    outage_lines = [record for record in caplog.records if "Redis unreachable" in record.getMessage()]
    assert len(outage_lines) == 1
    everything_logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "Robin" not in everything_logged and "7731" not in everything_logged


@pytest.mark.django_db
def test_healthz_reports_the_cache_on_its_own_and_stays_ready_without_it(redis_cache, client, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    assert client.get("/healthz/").json()["checks"]["cache"] == "ok"
    redis_cache.stop()
    response = client.get("/healthz/")
    assert response.status_code == 200
    assert response.json() == {
        "live": True,
        "ready": True,
        "checks": {"database": "ok", "cache": "unreachable", "broker": "in-process"},
    }
