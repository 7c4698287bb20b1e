"""The cache on Redis, failing soft: while Redis is unreachable the cache reads as empty and writes are dropped.

Nothing that uses the cache (public form rate limits, the CMS's site paths, the queue counts) may turn a Redis
outage into an error page: someone asking for help must get through. Rate limits therefore fail open while Redis is
down (django-ratelimit only fails open when the cache answers, not when it raises).

The outage is logged once when Redis becomes unreachable and once when it is back, per process, never per request
and never with a key or value. While it is down, one call every ``RETRY_SECONDS`` tries Redis again and the others
answer at once, so requests don't each wait on a dead connection.
"""

import functools
import logging
import threading
import time

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

RETRY_SECONDS = 5
UNREACHABLE = (RedisConnectionError, RedisTimeoutError)


class Outage:
    """Whether the Redis behind one cache is down, shared by every thread of the process."""

    def __init__(self):
        self.down_since = None
        self.retry_at = 0.0
        self._lock = threading.Lock()

    def skip(self) -> bool:
        """True while Redis is known to be down and it isn't yet time to try it again."""
        if self.down_since is None:
            return False
        with self._lock:
            now = time.monotonic()
            if now < self.retry_at:
                return True
            self.retry_at = now + RETRY_SECONDS
            return False

    def failed(self, error: Exception) -> None:
        with self._lock:
            first = self.down_since is None
            if first:
                self.down_since = time.monotonic()
            self.retry_at = time.monotonic() + RETRY_SECONDS
        if first:
            logger.error(
                "cache: Redis unreachable (%s); caching and public form rate limits are off until it returns",
                type(error).__name__,
            )

    def recovered(self) -> None:
        if self.down_since is None:
            return
        with self._lock:
            if self.down_since is None:
                return
            seconds = time.monotonic() - self.down_since
            self.down_since = None
        logger.warning("cache: Redis reachable again after %d s; caching and rate limits are back", seconds)


_outages: dict[str, Outage] = {}
_outages_lock = threading.Lock()


def outage_for(location: str) -> Outage:
    with _outages_lock:
        return _outages.setdefault(location, Outage())


def _fail_soft(method, fallback):
    """``method`` of the Redis client, answering ``fallback(*args)`` instead of raising while Redis is down."""

    @functools.wraps(method)
    def call(self, *args):
        if self.outage.skip():
            return fallback(*args)
        try:
            result = method(self, *args)
        except UNREACHABLE as error:
            self.outage.failed(error)
            return fallback(*args)
        self.outage.recovered()
        return result

    return call


def _missing_key(*args):
    raise ValueError("Key not found (the cache is unreachable)")  # what incr() raises for a missing key


class FailSoftRedisCacheClient(RedisCacheClient):
    def __init__(self, servers, **options):
        super().__init__(servers, **options)
        self.outage = outage_for(",".join(servers))

    add = _fail_soft(RedisCacheClient.add, lambda *args: False)
    get = _fail_soft(RedisCacheClient.get, lambda key, default: default)
    set = _fail_soft(RedisCacheClient.set, lambda *args: None)
    touch = _fail_soft(RedisCacheClient.touch, lambda *args: False)
    delete = _fail_soft(RedisCacheClient.delete, lambda *args: False)
    get_many = _fail_soft(RedisCacheClient.get_many, lambda *args: {})
    has_key = _fail_soft(RedisCacheClient.has_key, lambda *args: False)
    incr = _fail_soft(RedisCacheClient.incr, _missing_key)
    set_many = _fail_soft(RedisCacheClient.set_many, lambda *args: None)
    delete_many = _fail_soft(RedisCacheClient.delete_many, lambda *args: None)
    clear = _fail_soft(RedisCacheClient.clear, lambda *args: False)


class FailSoftRedisCache(RedisCache):
    """Django's Redis cache backend with ``FailSoftRedisCacheClient``; ``CACHE_URL=redis://...`` selects it."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = FailSoftRedisCacheClient

    def ping(self) -> bool:
        """Whether Redis answers now (for /healthz/), asked directly rather than through the fail-soft client."""
        try:
            return bool(self._cache.get_client().ping())
        except UNREACHABLE:
            return False
