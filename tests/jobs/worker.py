"""A real Celery worker (and, where a test must stop it, a real redis-server) in subprocesses, for the reliability
tests. The worker runs the project's own code against the test database and a queue of its own."""

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import pytest
import redis
from django.conf import settings
from django.db import connection
from kombu import pools as kombu_pools

from config.celery import app
from tests.conftest import service_unavailable


def wait_for(predicate, *, timeout: float = 30, interval: float = 0.1, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")


def database_url_for_worker() -> str:
    """The test database the test process uses, as a URL another process can open."""
    if connection.vendor != "postgresql":
        service_unavailable("the worker tests need PostgreSQL (a worker process can't share an SQLite test database)")
    db = connection.settings_dict
    credentials = quote(db["USER"] or "", safe="") + (f":{quote(db['PASSWORD'], safe='')}" if db["PASSWORD"] else "")
    host = db["HOST"] or "127.0.0.1"
    return f"postgres://{credentials}@{host}:{db['PORT'] or 5432}/{quote(db['NAME'], safe='')}"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class RedisServer:
    """Our own redis-server on a spare port, so a test can stop it without touching anyone else's Redis."""

    def __init__(self, workdir: Path):
        if shutil.which("redis-server") is None:
            service_unavailable("redis-server is not installed")
        self.port = free_port()
        self.workdir = workdir
        self.process = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--dir", str(self.workdir)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        client = redis.Redis.from_url(self.url, socket_connect_timeout=1)

        def up():
            try:
                return client.ping()
            except redis.RedisError:
                return False

        wait_for(up, timeout=10, what="redis-server to start")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        self.process = None


@pytest.fixture
def own_redis(redis_url, tmp_path):
    """A redis-server of our own, which a test may stop and restart (``redis_url`` only checks Redis is wanted)."""
    server = RedisServer(tmp_path)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def queue_name(redis_url):
    """A queue of the test's own, so no other worker on a shared Redis takes its tasks."""
    name = f"test-jobs-{uuid.uuid4().hex[:12]}"
    yield name
    redis.Redis.from_url(redis_url).delete(name)


@contextmanager
def publishing_to(broker_url: str, queue: str):
    """Point this process's Celery app at a real broker and queue (the test suite otherwise runs tasks in-process)."""
    names = ("broker_url", "task_always_eager", "task_default_queue")
    saved = {name: app.conf[name] for name in names}

    def reset():
        kombu_pools.reset()  # closes and forgets every pooled connection and producer
        app._pool = None
        for cached in ("queues", "default_queue", "router", "producer_pool"):
            app.amqp.__dict__.pop(cached, None)
        app.amqp._producer_pool = None

    app.conf.update(broker_url=broker_url, task_always_eager=False, task_default_queue=queue)
    reset()
    try:
        yield
    finally:
        app.conf.update(saved)
        reset()


class Worker:
    """``celery -A config worker`` in its own process group, on ``queue`` at ``broker_url``, using the test
    database; texts go through ``tests.messaging.backends.SlowFileSMSBackend`` into ``workdir``, e-mails into
    files in ``workdir/mail``."""

    def __init__(self, broker_url: str, queue: str, workdir: Path, **env):
        self.broker_url, self.queue, self.workdir = broker_url, queue, workdir
        self.sms_path = workdir / "texts.jsonl"
        self.mail_dir = workdir / "mail"
        self.mail_dir.mkdir(exist_ok=True)
        self.env = {
            **{k: v for k, v in os.environ.items() if k not in {"DATABASE_TEST_NAME", "CELERY_TASK_ALWAYS_EAGER"}},
            "APP_MODE": "development",
            "DJANGO_SETTINGS_MODULE": "tests.jobs.worker_settings",
            "DATABASE_URL": database_url_for_worker(),
            "REDIS_URL": broker_url,
            "TEST_WORKER_QUEUE": queue,
            "EMAIL_URL": f"file:///{self.mail_dir}",
            "SMS_BACKEND": "tests.messaging.backends.SlowFileSMSBackend",
            "SMS_FILE_PATH": str(self.sms_path),
            "SLOW_SMS_SECONDS": "0",
            "MESSAGING_QUIET_HOURS": "",
            "MESSAGING_REDRIVE_AFTER_SECONDS": "1",
            "ON_CALL_ALERT_EMAILS": "",
            "PYTHONUNBUFFERED": "1",
            **env,
        }
        self.process = None
        self.starts = 0

    @property
    def log_path(self) -> Path:
        return self.workdir / f"worker-{self.starts}.log"

    def start(self):
        self.starts += 1
        log = self.log_path.open("w")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "config", "worker", "--loglevel", "INFO", "--pool", "prefork",
             "--concurrency", "1", "--queues", self.queue, "--hostname", f"jobs-test-{uuid.uuid4().hex[:8]}@%h",
             "--without-gossip", "--without-mingle", "--without-heartbeat"],
            cwd=settings.BASE_DIR,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, so a test can kill the whole worker
        )
        wait_for(lambda: " ready." in self.log() or self.process.poll() is not None, timeout=60,
                 what="the worker to start")
        assert self.process.poll() is None, f"the worker exited:\n{self.log()}"

    def log(self) -> str:
        return self.log_path.read_text() if self.log_path.exists() else ""

    def pool_pids(self) -> list[int]:
        """The worker's pool processes (the ones that run tasks)."""
        pid = self.process.pid
        return [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]

    def kill(self):
        """SIGKILL the whole worker: the main process and its pool child, as a crash or OOM kill would."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self):
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)

    def texts(self) -> list[dict]:
        return _lines(self.sms_path)

    def send_starts(self) -> list[dict]:
        return _lines(Path(f"{self.sms_path}.started"))

    def emails(self) -> list[str]:
        return [path.read_text() for path in sorted(self.mail_dir.iterdir())]


def _lines(path: Path) -> list[dict]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
