"""gunicorn reads this file from its working directory (the Dockerfile's command runs there).

Request metrics (django-prometheus, ``config.metrics``) are counted in each worker process; pointing
``PROMETHEUS_MULTIPROC_DIR`` at a directory they share lets any worker answer a scrape with the sum of all of them.
The directory is emptied when gunicorn starts, so counts from a previous run are not added twice.
"""

import os
import shutil

os.environ.setdefault("PROMETHEUS_MULTIPROC_DIR", "/tmp/prometheus-metrics")  # noqa: S108 (per-container tmp)

from prometheus_client import multiprocess  # noqa: E402 (reads the variable above when first imported)


def on_starting(server):
    path = os.environ["PROMETHEUS_MULTIPROC_DIR"]
    shutil.rmtree(path, ignore_errors=True)
    os.makedirs(path)


def child_exit(server, worker):
    multiprocess.mark_process_dead(worker.pid)
