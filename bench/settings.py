"""Settings for the benchmarks only (never deployed): the project's settings, plus

* the ``bench`` app (``manage.py bench_data``),
* bare baseline views under ``/bench/`` (``bench.baselines``) served behind the same middleware as the app,
* a per-request SQL statement count in the ``X-Bench-Queries`` response header (``bench.middleware``).

Run with ``DJANGO_SETTINGS_MODULE=bench.settings``; ``bench/run.py`` sets production mode around it.
"""

from config.settings import *  # noqa: F403 (the benchmarks measure the app exactly as configured)
from config.settings import INSTALLED_APPS, MIDDLEWARE

INSTALLED_APPS = [*INSTALLED_APPS, "bench"]
ROOT_URLCONF = "bench.urls"
# Outermost, so it also counts what the session and authentication middleware run.
MIDDLEWARE = ["bench.middleware.count_queries", *MIDDLEWARE]
