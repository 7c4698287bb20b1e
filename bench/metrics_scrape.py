"""Benchmark: one /metrics/ scrape at a million cases and a million messages.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_ops .venv/bin/python bench/metrics_scrape.py

1. creates the database named in DATABASE_URL if missing, migrates it and empties the case and message tables;
2. inserts ``--cases`` cases (default 1,000,000) spread over two years, all closed but ``--open`` (default 2,000,
   a busy queue, a quarter of them overdue), and as many messages, all sent but 500 queued and 50 failed; ANALYZE;
3. scrapes the endpoint's clinic gauges ``--scrapes`` times (``config.metrics.metrics``, the view itself, with its
   token) and reports the queries per scrape and the time per scrape (median and slowest), then each gauge query's
   plan and execution time from ``EXPLAIN ANALYZE``;
4. fails if a scrape takes more queries than the test suite allows or a gauge query scans a whole table.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ["DEBUG"] = "false"
os.environ["METRICS_TOKEN"] = "bench-token"  # noqa: S105 (bench value)

MAX_QUERIES = 5  # tests/config/test_metrics.py SCRAPE_QUERIES

# Closed cases over two years; the open queue in its last days: by step, new and overdue, new and not yet due,
# contacting, reached (a quarter each, in every urgency). Personal fields are blank, as after anonymisation.
CASES_SQL = """
INSERT INTO referrals_case (reference, source, urgency, urgency_rank, flags, status, created_at, due_at,
    first_contact_at, reached_at, contact_attempts, escalation_level, closed_at, version, first_name, phone,
    phone_e164, email, preferred_method, best_time, voicemail_safe, text_safe, own_words, consent_contact,
    consent_share, consent_version)
SELECT 'B' || lpad(i::text, 8, '0'), 'callback', (ARRAY['emergency', 'urgent', 'soon', 'routine'])[mod(i, 4) + 1],
    mod(i, 4), '[]', CASE WHEN open THEN (ARRAY['new', 'new', 'contacting', 'reached'])[step + 1] ELSE 'declined' END,
    created, created + make_interval(mins => CASE WHEN NOT open THEN 1440 WHEN step = 0 THEN 30 ELSE i + 60 END),
    CASE WHEN NOT open OR step >= 2 THEN created + interval '1 hour' END,
    CASE WHEN NOT open OR step = 3 THEN created + interval '1 hour' END, 0, 0,
    CASE WHEN NOT open THEN created + interval '2 days' END, 1, '', '', '', '', 'phone', 'any',
    false, false, '', true, false, ''
FROM generate_series(1, %(cases)s) AS i,
    LATERAL (SELECT i <= %(open)s AS open, mod(i / 4, 4) AS step) AS kind,
    LATERAL (SELECT now() - make_interval(mins => CASE WHEN open THEN i ELSE 3000 + mod(i, 1051200) END)
             AS created) AS opened
"""
MESSAGES_SQL = """
INSERT INTO messaging_message (key, kind, channel, status, to_address, context, created_at, next_attempt_at,
    attempts, provider_ref, last_error)
SELECT 'bench:' || i, (ARRAY['confirmation','check_in','urgent_alert','escalation'])[mod(i, 4) + 1], 'email',
    CASE WHEN i <= 500 THEN 'queued' WHEN i <= 550 THEN 'failed' ELSE 'sent' END, '', '{}',
    now() - make_interval(mins => mod(i, 1051200)), now() - make_interval(mins => mod(i, 90)), 1, '', ''
FROM generate_series(1, %(messages)s) AS i
"""


def ensure_database() -> None:
    import psycopg
    from django.conf import settings

    db = settings.DATABASES["default"]
    if db["ENGINE"] != "django.db.backends.postgresql":
        sys.exit("Run the benchmark on PostgreSQL: set DATABASE_URL=postgres://.../bench_ops")
    with psycopg.connect(
        dbname="postgres", user=db["USER"], password=db["PASSWORD"] or None, host=db["HOST"] or None,
        port=db["PORT"] or None, autocommit=True,
    ) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [db["NAME"]]).fetchone():
            conn.execute(f'CREATE DATABASE "{db["NAME"]}"')


def populate(cases: int, open_cases: int) -> float:
    from django.db import connection

    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE messaging_message, referrals_caseevent, referrals_case RESTART IDENTITY CASCADE")
        cursor.execute(CASES_SQL, {"cases": cases, "open": open_cases})
        cursor.execute(MESSAGES_SQL, {"messages": cases})
        cursor.execute("ANALYZE referrals_case")
        cursor.execute("ANALYZE messaging_message")
    return time.perf_counter() - started


def scrape_once():
    from django.db import connection
    from django.test import RequestFactory
    from django.test.utils import CaptureQueriesContext

    from config.metrics import metrics

    request = RequestFactory().get("/metrics/", HTTP_AUTHORIZATION="Bearer bench-token")
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        response = metrics(request)
        seconds = time.perf_counter() - started
    assert response.status_code == 200, response.status_code
    return seconds, queries.captured_queries


def explain(sql: str) -> tuple[str, float]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + sql)
        plan = cursor.fetchone()[0][0]

    def nodes(node):
        yield node
        for child in node.get("Plans", []):
            yield from nodes(child)

    scans = sorted({
        " ".join(filter(None, [n["Node Type"], n.get("Relation Name"), n.get("Index Name") and f"({n['Index Name']})"]))
        for n in nodes(plan["Plan"]) if "Relation Name" in n or "Index Name" in n
    })
    return "; ".join(scans), plan["Execution Time"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--open", type=int, default=2_000)
    parser.add_argument("--scrapes", type=int, default=30)
    parser.add_argument("--keep", action="store_true", help="reuse the data already in the database")
    args = parser.parse_args()

    import django

    django.setup()
    ensure_database()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    if not args.keep:
        print(f"populating {args.cases:,} cases and messages ({args.open:,} open) ...", flush=True)
        print(f"  {populate(args.cases, args.open):.1f} s")

    scrape_once()  # warm: connection, imports, plan cache
    timings, queries = [], []
    for _ in range(args.scrapes):
        seconds, captured = scrape_once()
        timings.append(seconds * 1000)
        queries = captured
    timings.sort()
    print(f"scrapes: {args.scrapes}, queries per scrape: {len(queries)}, "
          f"median {statistics.median(timings):.1f} ms, slowest {timings[-1]:.1f} ms")
    whole_table = []
    for query in queries:
        scans, ms = explain(query["sql"])
        print(f"  {ms:7.2f} ms  {scans}")
        if "Seq Scan referrals_case" in scans or "Seq Scan messaging_message" in scans:
            whole_table.append(query["sql"])
    if len(queries) > MAX_QUERIES or whole_table:
        sys.exit(f"FAILED: {len(queries)} queries (max {MAX_QUERIES}); whole-table scans: {whole_table}")
    print("OK")


if __name__ == "__main__":
    main()
