"""Benchmark: N due follow-up check-ins dispatched by the check-in job, with bounded memory and zero duplicates.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_jobs .venv/bin/python bench/checkins.py --count 100000

What it does (see bench/README.md for the figures):

1. creates the database named in DATABASE_URL if missing, migrates it and empties the case tables;
2. creates ``count / 4`` consented cases that prefer texts, each with 4 check-ins already due (days 1, 7, 30, 90);
3. starts its own redis-server on a spare port (or uses ``--redis``) as the Celery broker;
4. runs ``referrals.checkins.dispatch_due_check_ins`` in ``--processes`` separate processes at the same time (real
   broker, not in-process), each sampling its own resident memory every 50 ms;
5. checks: every check-in dispatched exactly once, one message and one timeline line per check-in, one delivery
   task per message on the broker, and no duplicate anywhere.
"""

import argparse
import base64
import json
import os
import resource
import shutil
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ["MESSAGING_QUIET_HOURS"] = ""  # measure sending, not holding for the night
os.environ["DEBUG"] = "false"  # as on a production worker (DEBUG keeps every SQL statement in memory)
os.environ.pop("DATABASE_TEST_NAME", None)


def rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


class RssSampler(threading.Thread):
    def __init__(self):
        super().__init__(daemon=True)
        self.peak = rss_mb()
        self.running = True

    def run(self):
        while self.running:
            self.peak = max(self.peak, rss_mb())
            time.sleep(0.05)

    def stop(self) -> float:
        self.running = False
        self.join()
        return max(self.peak, rss_mb())


def dispatch_main(chunk_size: int) -> None:
    """One dispatcher process: run the job until nothing is due, report JSON on stdout."""
    import django

    django.setup()
    from django.db import connection

    from referrals.checkins import dispatch_due_check_ins

    connection.ensure_connection()
    baseline = rss_mb()
    sampler = RssSampler()
    sampler.start()
    started = time.perf_counter()
    count = dispatch_due_check_ins(chunk_size=chunk_size)
    seconds = time.perf_counter() - started
    peak = sampler.stop()
    print(json.dumps({
        "count": count,
        "seconds": round(seconds, 2),
        "baseline_rss_mb": round(baseline, 1),
        "peak_rss_mb": round(peak, 1),
        "ru_maxrss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }))


def ensure_database() -> None:
    import psycopg
    from django.conf import settings

    db = settings.DATABASES["default"]
    if db["ENGINE"] != "django.db.backends.postgresql":
        sys.exit("Run the benchmark on PostgreSQL: set DATABASE_URL=postgres://.../bench_jobs")
    with psycopg.connect(
        dbname="postgres", user=db["USER"], password=db["PASSWORD"] or None, host=db["HOST"] or None,
        port=db["PORT"] or None, autocommit=True,
    ) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [db["NAME"]]).fetchone():
            conn.execute(f'CREATE DATABASE "{db["NAME"]}"')


def populate(count: int) -> None:
    from django.db import connection
    from django.utils import timezone

    from referrals.models import URGENCY_RANK, Case, FollowUp, Urgency, new_reference

    with connection.cursor() as cursor:
        cursor.execute(
            "TRUNCATE messaging_message, referrals_caseevent, referrals_followup, referrals_case RESTART IDENTITY "
            "CASCADE"
        )
    now = timezone.now()
    days = (1, 7, 30, 90)
    cases_needed = count // len(days)
    batch = 2000
    for start in range(0, cases_needed, batch):
        size = min(batch, cases_needed - start)
        cases = Case.objects.bulk_create(
            Case(
                reference=new_reference(),
                source="callback",
                urgency=Urgency.ROUTINE,
                urgency_rank=URGENCY_RANK[Urgency.ROUTINE],
                status="referred",
                due_at=now,
                first_name="Sam",
                phone=f"555-010-{(start + i) % 10000:04d}",
                preferred_method="text",
                text_safe=True,
                consent_contact=True,
            )
            for i in range(size)
        )
        FollowUp.objects.bulk_create(
            FollowUp(case=case, check_in_day=day, due_at=now, reason=f"Check-in {day} days after referral")
            for case in cases
            for day in days
        )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_redis() -> tuple[subprocess.Popen, str]:
    if not shutil.which("redis-server"):
        sys.exit("redis-server not found; pass --redis redis://host:port/db")
    port = free_port()
    process = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    time.sleep(0.5)
    return process, f"redis://127.0.0.1:{port}/0"


def task_args(raw: bytes) -> list:
    """The positional arguments of a Celery task message as kombu stores it in a Redis list."""
    envelope = json.loads(raw)
    return json.loads(base64.b64decode(envelope["body"]))[0]


def verify(count: int, redis_url: str) -> dict:
    import redis
    from django.db import connection

    queries = {
        "follow_ups": "SELECT count(*) FROM referrals_followup",
        "dispatched": "SELECT count(*) FROM referrals_followup WHERE dispatched_at IS NOT NULL",
        "messages": "SELECT count(*) FROM messaging_message WHERE kind = 'check_in'",
        "distinct_message_keys": "SELECT count(DISTINCT key) FROM messaging_message WHERE kind = 'check_in'",
        "follow_up_events": "SELECT count(*) FROM referrals_caseevent WHERE kind = 'follow_up'",
        "follow_ups_with_two_events": (
            "SELECT count(*) FROM (SELECT data->>'follow_up' FROM referrals_caseevent WHERE kind = 'follow_up' "
            "GROUP BY 1 HAVING count(*) > 1) AS doubled"
        ),
    }
    result = {}
    with connection.cursor() as cursor:
        for name, sql in queries.items():
            cursor.execute(sql)
            result[name] = cursor.fetchone()[0]
    ids = [task_args(raw)[0] for raw in redis.Redis.from_url(redis_url).lrange("celery", 0, -1)]
    result["tasks_on_broker"] = len(ids)
    result["distinct_message_ids_on_broker"] = len(set(ids))
    result["ok"] = (
        result["follow_ups"] == result["dispatched"] == result["messages"] == result["distinct_message_keys"]
        == result["follow_up_events"] == result["tasks_on_broker"] == result["distinct_message_ids_on_broker"]
        == count
        and result["follow_ups_with_two_events"] == 0
    )
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000, help="check-ins due (a multiple of 4)")
    parser.add_argument("--processes", type=int, default=2, help="dispatchers running at the same time")
    parser.add_argument("--chunk-size", type=int, default=1000)
    parser.add_argument(
        "--redis", help="a broker of the benchmark's own (default: starts a redis-server on a spare port)"
    )
    parser.add_argument("--dispatch", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.dispatch:
        dispatch_main(args.chunk_size)
        return

    import django
    from django.core.management import call_command

    django.setup()
    ensure_database()
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    populate(args.count)
    print(f"populated {args.count} due check-ins in {time.perf_counter() - started:.1f}s", flush=True)

    redis_process, redis_url = (None, args.redis) if args.redis else start_redis()
    try:
        env = {**os.environ, "REDIS_URL": redis_url}
        started = time.perf_counter()
        workers = [
            subprocess.Popen(
                [sys.executable, __file__, "--dispatch", "--chunk-size", str(args.chunk_size)],
                env=env, stdout=subprocess.PIPE, text=True,
            )
            for _ in range(args.processes)
        ]
        reports = [json.loads(worker.communicate()[0].strip().splitlines()[-1]) for worker in workers]
        wall = time.perf_counter() - started
        checks = verify(args.count, redis_url)
    finally:
        if redis_process:
            redis_process.terminate()
            redis_process.wait()
    summary = {"count": args.count, "processes": args.processes, "chunk_size": args.chunk_size,
               "wall_seconds": round(wall, 1), "per_second": round(args.count / wall), "dispatchers": reports,
               "checks": checks}
    print(json.dumps(summary, indent=2))
    if not checks["ok"]:
        sys.exit("FAILED: duplicates or missing dispatches")


if __name__ == "__main__":
    main()
