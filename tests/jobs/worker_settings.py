"""Settings for the worker subprocess of the reliability tests: the project's own, plus a queue of the test's
own (so no other worker on a shared Redis can take its tasks) and, when a test asks, a short broker visibility
timeout with a restore sweep every second (only ever on a redis-server the test started itself)."""

import os

from config.settings import *  # noqa: F403 (the worker runs the project settings, overridden below)
from config.settings import CELERY_BROKER_TRANSPORT_OPTIONS

CELERY_TASK_DEFAULT_QUEUE = os.environ["TEST_WORKER_QUEUE"]

if os.environ.get("TEST_VISIBILITY_TIMEOUT"):
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        **CELERY_BROKER_TRANSPORT_OPTIONS,
        "visibility_timeout": int(os.environ["TEST_VISIBILITY_TIMEOUT"]),
        "unacked_restore_interval": 1,
        "unacked_restore_throttle": 1,
    }

if os.environ.get("TEST_EMAIL_BACKEND"):
    EMAIL_BACKEND = os.environ["TEST_EMAIL_BACKEND"]
