"""gunicorn reads this file from its working directory (the Dockerfile's command runs there).

Request metrics (django-prometheus, ``config.metrics``) are counted in each worker process; pointing
``PROMETHEUS_MULTIPROC_DIR`` at a directory they share lets any worker answer a scrape with the sum of all of them.
The directory is emptied when gunicorn starts, so counts from a previous run are not added twice.
"""

import os
import shutil

os.environ.setdefault("PROMETHEUS_MULTIPROC_DIR", "/tmp/prometheus-metrics")  # noqa: S108 (per-container tmp)

from prometheus_client import multiprocess  # noqa: E402 (reads the variable above when first imported)

from config.json_logs import JSON_FORMATTER  # noqa: E402 (after the metrics directory is set)


def on_starting(server):
    path = os.environ["PROMETHEUS_MULTIPROC_DIR"]
    shutil.rmtree(path, ignore_errors=True)
    os.makedirs(path)


def child_exit(server, worker):
    multiprocess.mark_process_dead(worker.pid)


# Access and error lines as JSON, like the app's (config.json_logs): the access line carries the request id.
access_log_format = "%(m)s %(U)s %(s)s"
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"access_fields": {"()": "config.json_logs.GunicornAccessFields"}},
    "formatters": {"json": JSON_FORMATTER},
    "handlers": {
        "error": {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stderr"},
        "access": {
            "class": "logging.StreamHandler",
            "formatter": "json",
            "filters": ["access_fields"],
            "stream": "ext://sys.stdout",
        },
    },
    "root": {"handlers": ["error"], "level": "INFO"},
    "loggers": {
        "gunicorn.error": {"handlers": ["error"], "level": "INFO", "propagate": False},
        "gunicorn.access": {"handlers": ["access"], "level": "INFO", "propagate": False},
    },
}
