"""Fixtures shared by every test module.

Tests that need a real service use ``postgres`` or ``redis_url``. When the service is unreachable they *fail* in
CI (CI=true) and skip with a clear reason on a developer's machine without it.
"""

import os

import pytest
import redis
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db import connection

from accounts.roles import CONTENT_EDITORS, COUNSELLORS, SUPERVISORS
from tests.factories import UserFactory

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


@pytest.fixture(autouse=True)
def _empty_cache():
    """Cached figures (queue counts, supervisor metrics) and rate-limit counters never leak from one test to the
    next."""
    yield
    cache.clear()


def service_unavailable(reason: str):
    """Fail in CI, skip elsewhere: CI must never go green by skipping a real-service test."""
    if IN_CI:
        pytest.fail(f"{reason} (required in CI)")
    pytest.skip(f"{reason}; set DATABASE_URL/TEST_REDIS_URL or run bash .ci/run")


@pytest.fixture
def postgres(db):
    if connection.vendor != "postgresql":
        service_unavailable("needs PostgreSQL, but the tests run on " + connection.vendor)
    return connection


@pytest.fixture(scope="session")
def redis_url():
    url = os.environ.get("TEST_REDIS_URL", "")
    if not url:
        service_unavailable("needs Redis, but TEST_REDIS_URL is not set")
    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.RedisError as error:
        service_unavailable(f"needs Redis at {url}, unreachable: {error}")
    return url


def _user_in(role):
    user = UserFactory()
    user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def counsellor(db):
    return _user_in(COUNSELLORS)


@pytest.fixture
def supervisor(db):
    return _user_in(SUPERVISORS)


@pytest.fixture
def content_editor(db):
    user = _user_in(CONTENT_EDITORS)
    user.is_staff = True
    user.save()
    return user
